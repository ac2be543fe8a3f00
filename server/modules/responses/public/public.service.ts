import type { Db } from '../../../db/database.ts';
import { verificationsOf } from '../../identity/identity.service.ts';
import type { Actor } from '../../../shared/actor.ts';
import { attachmentPublishable } from '../../analysis/privacy/privacy.fragments.ts';
import { redactPublicResponses, withheldAttachmentIds } from '../../analysis/privacy/privacy.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { attachmentHeadlines, attachmentTextMatch, listAttachments } from '../../files/files.service.ts';
import { listPublished, responseHeadlines } from '../listing.repository.ts';
import { toPublicItem } from '../responses.mapping.ts';
import * as repo from '../responses.repository.ts';
import type { PublicQuery, PublicResponse } from '../public.schemas.ts';
import { pageOf, readCursor } from '../../../shared/cursor.ts';

/** The published responses of a consultation, for anyone (issue 4, story 6; DESIGN.md §4 C2). */
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** Escapes the fragment as text, then turns only ts_headline's U+0002/U+0003 markers into <mark>. */
export const markHits = (snippet: string): string =>
  escapeHtml(snippet).replaceAll('\u0002', '<mark>').replaceAll('\u0003', '</mark>');

async function highlights(db: Db, consultationId: string, ids: string[], q: string) {
  const out = new Map<string, NonNullable<PublicResponse['highlight']>>();
  for (const h of await responseHeadlines(db, consultationId, ids, q)) {
    // Never a highlight that marks nothing (issue #10 item 10): then the attachments may have one.
    if (!h.snippet.includes('\u0002')) continue;
    out.set(h.id, { source: 'response', attachmentId: null, html: markHits(h.snippet) });
  }
  const rest = ids.filter((id) => !out.has(id));
  if (rest.length > 0) {
    const files = await attachmentHeadlines(db, {
      consultationId,
      responseIds: rest,
      q,
    });
    const withheld = await withheldAttachmentIds(
      db,
      consultationId,
      [...files.values()].flat().map((f) => f.attachmentId),
    );
    for (const [responseId, all] of files) {
      const list = all.filter((f) => !withheld.has(f.attachmentId));
      const first = list[0];
      if (first)
        out.set(responseId, { source: 'attachment', attachmentId: first.attachmentId, html: first.snippetHtml });
    }
  }
  return out;
}

export async function listPublicResponses(db: Db, actor: Actor | null, consultationIdOrSlug: string, q: PublicQuery) {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const search = q.q && q.q !== '' ? q.q : undefined;
  const relevance = q.sort === 'relevance' && !!search;
  const cur = readCursor(q.cursor, relevance ? 'rank' : 'timestamp');
  const rows = await listPublished(db, {
    consultationId: c.id,
    // The attachments' text is the files module's: it gives the condition on its own table.
    // A file with personal data not decided or redacted is not published, nor searched (issue 12 story 2).
    search: search ? { q: search, orMatches: attachmentTextMatch('r', search, attachmentPublishable) } : undefined,
    actingAs: q.actingAs,
    invited: q.invited,
    scenarioId: q.scenario,
    from: q.from,
    to: q.to,
    after: !relevance && cur ? { at: new Date(cur[0]), id: cur[1] } : undefined,
    afterRank: relevance && cur ? { rank: Number(cur[0]), id: cur[1] } : undefined,
    order: relevance ? 'relevance' : q.sort === 'oldest' ? 'oldest' : 'newest',
    limit: q.limit,
  });
  // The relevance order pages by (rank, id), the others by (submitted_at, id).
  const page = pageOf(rows, q.limit, (last) =>
    relevance && 'rank' in last ? [String(last.rank ?? 0), last.id] : [last.submittedAt.toISOString(), last.id],
  );
  const ids = page.rows.map((r) => r.id);
  const [answers, files, verified, marks] = await Promise.all([
    repo.listAnswers(db, c.id, ids),
    listAttachments(db, c.id, ids),
    verificationsOf(db, c.id, ids),
    search
      ? highlights(db, c.id, ids, search)
      : Promise.resolve(new Map<string, NonNullable<PublicResponse['highlight']>>()),
  ]);
  // Issue 12 story 2: the accepted redactions are cut from what the public sees.
  const items = page.rows.map((r) =>
    toPublicItem(r, answers.get(r.id), files.get(r.id), marks.get(r.id) ?? null, '', verified.get(r.id)?.loa ?? null),
  );
  return { items: await redactPublicResponses(db, c.id, items), nextCursor: page.nextCursor };
}
