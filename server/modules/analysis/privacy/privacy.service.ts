import type { Db } from '../../../db/database.ts';
import type { PrivacyItemKind } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import { pageOf, readCursor } from '../../../shared/cursor.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { commentsForAnalysis } from '../../comments/comments.service.ts';
import { attachmentTexts } from '../../files/files.service.ts';
import {
  isResponsePublished,
  reindexPublishedResponse,
  responsesForPrivacy,
} from '../../responses/responses.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { refused, requireWorkspace } from '../analysis.service.ts';
import * as repo from './privacy.repository.ts';
import { contextOf, cutsWithin, redact } from './privacy.rules.ts';
import type { DecisionBody, Finding, FindingPage, ManualBody, RedactionQuery } from './privacy.schemas.ts';
import { scanInput, scanResponseNow } from './privacy.scan.ts';

/**
 * The redaction queue (issue 12 story 2): the scanner's findings and hand-marked passages, decided
 * by analysts and admins with a reason, each decision audited. Accepted ones are cut from whatever
 * the public sees (the responses module asks `redactPublicResponses`, the search index reads them in
 * the database); staff keep the original. A response cannot be approved for publication while a
 * finding on it or its files is undecided (`requireNoUnresolved`).
 */

type Texts = Map<string, string>; // `${kind}:${itemId}:${field}` → text

const keyOf = (kind: string, itemId: string, field: string) => `${kind}:${itemId}:${field}`;

/** The texts the findings point into, read through their owners' services. */
async function textsFor(
  db: Db,
  consultationId: string,
  rows: readonly { itemKind: PrivacyItemKind; itemId: string; responseId: string | null }[],
) {
  const out: Texts = new Map();
  const responseIds = new Set(rows.filter((r) => r.itemKind === 'response').map((r) => r.itemId));
  const attachmentOwners = new Set(
    rows.filter((r) => r.itemKind === 'attachment' && r.responseId).map((r) => r.responseId!),
  );
  const commentIds = new Set(rows.filter((r) => r.itemKind === 'comment').map((r) => r.itemId));
  for (const r of await responsesForPrivacy(
    db,
    [...responseIds].map((id) => ({ consultationId, id })),
  )) {
    out.set(keyOf('response', r.id, 'body'), r.body);
    for (const a of r.answers) out.set(keyOf('response', r.id, a.questionId), a.text);
  }
  for (const responseId of attachmentOwners) {
    for (const f of await attachmentTexts(db, consultationId, responseId))
      out.set(keyOf('attachment', f.id, 'text'), f.text);
  }
  for (const c of await commentsForAnalysis(
    db,
    [...commentIds].map((id) => ({ consultationId, id })),
  )) {
    out.set(keyOf('comment', c.id, 'text'), c.body);
  }
  return out;
}

function toFinding(r: repo.FindingRow, texts: Texts): Finding {
  const text = texts.get(keyOf(r.itemKind, r.itemId, r.field));
  const context =
    text !== undefined && Array.from(text).slice(r.startOffset, r.endOffset).join('') === r.quote
      ? contextOf(text, r.startOffset, r.endOffset)
      : { before: '', quote: r.quote, after: '' };
  return {
    id: r.id,
    itemKind: r.itemKind,
    itemId: r.itemId,
    responseId: r.responseId,
    field: r.field,
    kind: r.kind,
    start: r.startOffset,
    end: r.endOffset,
    status: r.status,
    reason: r.reason,
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    context,
  };
}

export async function listRedactions(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  q: RedactionQuery,
): Promise<FindingPage> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'read');
  const cur = readCursor(q.cursor, 'timestamp');
  const rows = await repo.listFindings(db, {
    consultationId: c.id,
    status: q.status,
    responseId: q.responseId,
    after: cur && { at: String(cur[0]), id: String(cur[1]) },
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.createdKey, last.id]);
  const [texts, counts] = await Promise.all([textsFor(db, c.id, page.rows), repo.countsByStatus(db, c.id)]);
  return { items: page.rows.map((r) => toFinding(r, texts)), nextCursor: page.nextCursor, counts };
}

async function afterChange(
  db: Db,
  consultationId: string,
  f: { itemKind: PrivacyItemKind; responseId: string | null },
) {
  // A published response's search index is made again from its redacted text.
  if (f.responseId && f.itemKind === 'response') await reindexPublishedResponse(db, consultationId, f.responseId);
}

/** Accept (redact where the public can see it) or reject (not personal data) a finding; a decision may be revised. */
export async function decideRedaction(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  findingId: string,
  body: DecisionBody,
): Promise<Finding> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'code');
  const row = await repo.findFinding(db, c.id, findingId);
  if (!row) throw notFound('Finding');
  const status = body.decision === 'accept' ? 'accepted' : 'rejected';
  await db.transaction().execute(async (trx) => {
    await repo.decideFinding(trx, row.consultationId, row.id, { status, reason: body.reason, decidedBy: actor!.id });
    await recordAudit(trx, actor, {
      action: 'redaction.decide',
      itemType: 'redaction',
      itemId: row.id,
      consultationId: c.id,
      details: {
        decision: body.decision,
        reason: body.reason,
        from: row.status,
        kind: row.kind,
        on: { itemKind: row.itemKind, itemId: row.itemId, field: row.field },
      },
    });
    await afterChange(trx, c.id, row);
  });
  const fresh = (await repo.findFinding(db, c.id, row.id))!;
  return toFinding(fresh, await textsFor(db, c.id, [fresh]));
}

/** What an item is and which response it holds back, or a 404 when it is not of this consultation. */
async function requireItem(db: Db, consultationId: string, body: ManualBody) {
  if (body.itemKind === 'response') {
    const [r] = await responsesForPrivacy(db, [{ consultationId, id: body.itemId }]);
    if (!r) throw notFound('Response');
    const text = body.field === 'body' ? r.body : r.answers.find((a) => a.questionId === body.field)?.text;
    return { responseId: r.id, text };
  }
  if (body.itemKind === 'comment') {
    const [cm] = await commentsForAnalysis(db, [{ consultationId, id: body.itemId }]);
    if (!cm) throw notFound('Comment');
    return { responseId: null, text: body.field === 'text' ? cm.body : undefined };
  }
  const owner = await repo.attachmentOwner(db, consultationId, body.itemId);
  const file = owner ? (await attachmentTexts(db, consultationId, owner)).find((f) => f.id === body.itemId) : undefined;
  if (!owner || !file) throw notFound('Attachment');
  return { responseId: owner, text: body.field === 'text' ? file.text : undefined };
}

/** Marks a passage by hand: it is redacted at once (an accepted finding of kind manual), with its reason. */
export async function markPassage(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  body: ManualBody,
): Promise<Finding> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'code');
  const item = await requireItem(db, c.id, body);
  if (item.text === undefined) throw refused('RULE_VIOLATION', 'no_such_field', 'This item has no such text field');
  const chars = Array.from(item.text);
  if (body.start >= body.end || body.end > chars.length) {
    throw refused(
      'RULE_VIOLATION',
      'span_out_of_range',
      `The passage must lie within the text (0 to ${chars.length} characters)`,
      {
        length: chars.length,
      },
    );
  }
  const id = await db.transaction().execute(async (trx) => {
    const [inserted] = await repo.insertFindings(trx, [
      {
        consultationId: c.id,
        itemKind: body.itemKind,
        itemId: body.itemId,
        responseId: item.responseId,
        field: body.field,
        kind: 'manual',
        startOffset: body.start,
        endOffset: body.end,
        quote: chars.slice(body.start, body.end).join(''),
        createdBy: actor!.id,
        status: 'accepted',
        reason: body.reason,
        decidedBy: actor!.id,
        decidedAt: new Date(),
      },
    ]);
    if (!inserted)
      throw new AppError('CONFLICT', 'This passage is already in the queue; decide it there', {
        reason: 'passage_taken',
      });
    await recordAudit(trx, actor, {
      action: 'redaction.mark',
      itemType: 'redaction',
      itemId: inserted,
      consultationId: c.id,
      details: { reason: body.reason, on: { itemKind: body.itemKind, itemId: body.itemId, field: body.field } },
    });
    await afterChange(trx, c.id, { itemKind: body.itemKind, responseId: item.responseId });
    return inserted;
  });
  const fresh = (await repo.findFinding(db, c.id, id))!;
  return toFinding(fresh, await textsFor(db, c.id, [fresh]));
}

/** Runs the scanner now for a little while (staff's "scan now"; the background follower does it too). */
export async function scanNow(db: Db, actor: Actor | null, consultationIdOrSlug: string) {
  await requireWorkspace(db, actor, consultationIdOrSlug, 'code');
  const run = await scanInput(db, { budgetMs: 2_000, minLagMs: 0 });
  return { scanned: run.scanned, findings: run.findings, busy: run.busy };
}

// ── For other modules ────────────────────────────────────────────────────────────────────────────

/**
 * For the responses module's publication decision: scans the response first if the scanner has not
 * read it as it is now, then refuses (409) while any finding on it or its files is undecided.
 */
export async function requireNoUnresolved(db: Db, consultationId: string, responseId: string): Promise<void> {
  await scanResponseNow(db, { consultationId, id: responseId }, false);
  const open = await repo.unresolvedCount(db, consultationId, responseId);
  if (open > 0) {
    throw new AppError(
      'CONFLICT',
      `This response has ${open} undecided personal-data finding${open === 1 ? '' : 's'}; decide them in the redaction queue first`,
      { reason: 'unresolved_personal_data', count: open },
    );
  }
}

type PublicLike = {
  id: string;
  body: string;
  answers: { questionId: string; value: unknown }[];
  attachments: { id: string }[];
};

/**
 * For the public page and the open-data export: the responses with their accepted redactions cut
 * out, and without the files that hold personal data not rejected (they are not published as they are).
 */
export async function redactPublicResponses<T extends PublicLike>(
  db: Db,
  consultationId: string,
  items: readonly T[],
): Promise<T[]> {
  const [cuts, withheld] = await Promise.all([
    repo.acceptedCuts(
      db,
      consultationId,
      'response',
      items.map((i) => i.id),
    ),
    repo.withheldAttachments(
      db,
      consultationId,
      items.flatMap((i) => i.attachments.map((a) => a.id)),
    ),
  ]);
  const versions = await repo.textVersions(db, [...withheld]);
  if (cuts.size === 0 && withheld.size === 0) return [...items];
  return items.map((it) => {
    const byField = cuts.get(it.id);
    // A withheld file is left out, or replaced by its redacted text where staff published that.
    const files = it.attachments.flatMap((a) =>
      !withheld.has(a.id) ? [a] : versions.has(a.id) ? [textVersionView(a)] : [],
    );
    if (!byField) return { ...it, attachments: files };
    return {
      ...it,
      attachments: files,
      body: redact(it.body, byField.get('body') ?? []),
      answers: it.answers.map((a) =>
        typeof a.value === 'string' && byField.has(a.questionId)
          ? { ...a, value: redact(a.value, byField.get(a.questionId)!) }
          : a,
      ),
    };
  });
}

type AttachmentLike = { id: string; filename?: string; mediaType?: string; sizeBytes?: number; url?: string };
/** A published text version as the public list shows a file: a plain-text download of the redacted text. */
const textVersionView = <A extends AttachmentLike>(a: A): A => ({
  ...a,
  filename: `${a.filename ?? 'file'}.txt`,
  mediaType: 'text/plain',
  url: `${a.url ?? ''}/redacted.txt`,
});

/**
 * Publishes a file's text with its accepted redactions cut out in the file's place (or takes it
 * back). Only when every finding on the file is decided (409 otherwise); audited.
 */
export async function setTextVersion(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  attachmentId: string,
  publish: boolean,
): Promise<{ attachmentId: string; published: boolean }> {
  const c = await requireWorkspace(db, actor, consultationIdOrSlug, 'code');
  const owner = await repo.attachmentOwner(db, c.id, attachmentId);
  if (!owner) throw notFound('Attachment with personal data');
  if (publish) {
    const open = await repo.unresolvedOnItem(db, c.id, 'attachment', attachmentId);
    if (open > 0) {
      throw new AppError('CONFLICT', 'Decide every finding in this file before publishing its text', {
        reason: 'unresolved_personal_data',
        count: open,
      });
    }
  }
  await db.transaction().execute(async (trx) => {
    await repo.setTextVersion(
      trx,
      { consultationId: c.id, attachmentId, responseId: owner, publishedBy: actor!.id },
      publish,
    );
    await recordAudit(trx, actor, {
      action: 'redaction.text_version',
      itemType: 'redaction',
      itemId: attachmentId,
      consultationId: c.id,
      details: { published: publish, responseId: owner },
    });
  });
  return { attachmentId, published: publish };
}

/**
 * The public text version of a file: its extracted text with the accepted redactions cut out, when
 * staff published it and its response is published; otherwise 404, as for any file not public.
 */
export async function publicTextVersion(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  attachmentId: string,
): Promise<string> {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const v = await repo.findTextVersion(db, c.id, attachmentId);
  if (!v || !(await isResponsePublished(db, c.id, v.responseId))) throw notFound('Attachment');
  const file = (await attachmentTexts(db, c.id, v.responseId)).find((f) => f.id === attachmentId);
  if (!file) throw notFound('Attachment');
  const cuts = (await repo.acceptedCuts(db, c.id, 'attachment', [attachmentId])).get(attachmentId)?.get('text') ?? [];
  return redact(file.text, cuts);
}

/** For the public comment list: the comments' bodies with their accepted redactions cut out. */
export async function redactPublicComments<T extends { id: string; body: string | null }>(
  db: Db,
  consultationId: string,
  items: readonly T[],
): Promise<T[]> {
  const cuts = await repo.acceptedCuts(
    db,
    consultationId,
    'comment',
    items.map((i) => i.id),
  );
  if (cuts.size === 0) return [...items];
  return items.map((it) => {
    const list = cuts.get(it.id)?.get('text');
    return list && it.body !== null ? { ...it, body: redact(it.body, list) } : it;
  });
}

/**
 * For the public attachment list and downloads: the files not to be published as they are, those
 * with a finding not rejected (undecided or redacted). A response is scanned before it can be
 * approved (requireNoUnresolved), so a published response's files have been read.
 */
export async function withheldAttachmentIds(
  db: Db,
  consultationId: string,
  attachmentIds: readonly string[],
): Promise<Set<string>> {
  return repo.withheldAttachments(db, consultationId, attachmentIds);
}

/** A coded passage: the field names codings use (`body`, `answer:<questionId>`, `attachment:<id>`). */
type CodedPassage = { itemKind: string; itemId: string; field: string; start: number; end: number; quote: string };

/** The redaction finding's item and field for a coded passage's item and field. */
function findingPlace(p: CodedPassage): { kind: PrivacyItemKind; id: string; field: string } | null {
  if (p.field.startsWith('attachment:')) return { kind: 'attachment', id: p.field.slice(11), field: 'text' };
  if (p.itemKind === 'response')
    return { kind: 'response', id: p.itemId, field: p.field.startsWith('answer:') ? p.field.slice(7) : p.field };
  if (p.itemKind === 'comment') return { kind: 'comment', id: p.itemId, field: 'text' };
  return null;
}

type CodedQuote = {
  itemKind: 'response' | 'comment' | 'finding' | 'stakeholder_input';
  itemId: string;
  field: string | null;
  startOffset: number | null;
  endOffset: number | null;
  quote: string;
};

/** Where a coded passage's personal-data findings are kept: the item, or the attachment it quotes. */
function privacyPlace(q: CodedQuote): { kind: PrivacyItemKind; id: string; field: string } | null {
  if (q.field?.startsWith('attachment:')) return { kind: 'attachment', id: q.field.slice(11), field: 'text' };
  if (q.itemKind === 'response') {
    const field = q.field === null ? null : q.field.startsWith('answer:') ? q.field.slice(7) : q.field;
    return { kind: 'response', id: q.itemId, field: field ?? '' };
  }
  if (q.itemKind === 'comment') return { kind: 'comment', id: q.itemId, field: 'text' };
  return null;
}

/**
 * For the høringsnotat (issue 14 story 6): coded passages' quotes with the accepted redactions that
 * fall in them cut out, as everywhere the public reads. A passage in a file with personal data not
 * decided, or whose file is withheld, is left out (null): its text is not public as it is.
 */
export async function redactQuotes<T extends CodedPassage>(
  db: Db,
  consultationId: string,
  passages: readonly T[],
): Promise<(T | null)[]> {
  const places = passages.map(findingPlace);
  const ids = (kind: PrivacyItemKind) => [...new Set(places.filter((p) => p?.kind === kind).map((p) => p!.id))];
  const [responses, comments, attachments, withheld] = await Promise.all([
    repo.acceptedCuts(db, consultationId, 'response', ids('response')),
    repo.acceptedCuts(db, consultationId, 'comment', ids('comment')),
    repo.acceptedCuts(db, consultationId, 'attachment', ids('attachment')),
    repo.withheldAttachments(db, consultationId, ids('attachment')),
  ]);
  const byKind = { response: responses, comment: comments, attachment: attachments };
  return passages.map((p, n) => {
    const place = places[n];
    if (!place) return p;
    if (place.kind === 'attachment' && withheld.has(place.id)) return null;
    const cuts = (byKind[place.kind].get(place.id)?.get(place.field) ?? [])
      .filter((c) => c.end > p.start && c.start < p.end)
      .map((c) => ({ start: c.start - p.start, end: c.end - p.start }));
    return cuts.length === 0 ? p : { ...p, quote: redact(p.quote, cuts) };
  });
}

/**
 * Coded quotes as a reader who is not staff may see them (the scenario scorecard, issue 14 story 2):
 * every personal-data passage not rejected (accepted, or still undecided) is cut out of the quote.
 * A quote whose place in its text is not known (no offsets, or the whole item) is withheld (null)
 * when its text has any such passage. Findings, written by staff, are not scanned and pass as they are.
 */
export async function redactQuotesForReviewers<T extends CodedQuote>(
  db: Db,
  consultationId: string,
  quotes: readonly T[],
): Promise<(T | null)[]> {
  const places = quotes.map(privacyPlace);
  const ids = (kind: PrivacyItemKind) => [...new Set(places.filter((p) => p?.kind === kind).map((p) => p!.id))];
  const [responses, comments, attachments] = await Promise.all(
    (['response', 'comment', 'attachment'] as const).map((k) => repo.cutsNotRejected(db, consultationId, k, ids(k))),
  );
  const byKind = { response: responses!, comment: comments!, attachment: attachments! };
  return quotes.map((q, i) => {
    const p = places[i];
    if (!p) return q;
    const fields = byKind[p.kind].get(p.id);
    if (!fields) return q;
    const cuts = p.field === '' ? [...fields.values()].flat() : (fields.get(p.field) ?? []);
    if (cuts.length === 0) return q;
    if (p.field === '' || q.startOffset === null || q.endOffset === null) return null;
    return { ...q, quote: redact(q.quote, cutsWithin(cuts, q.startOffset, q.endOffset)) };
  });
}
