import type { Db } from '../../db/database.ts';
import type { Localized } from '../../db/schema.ts';
import { type Actor, isStaff } from '../../shared/actor.ts';
import { pageOf, readCursor } from '../../shared/cursor.ts';
import { AppError, forbidden, notFound, pgConstraint, pgErrorCode } from '../../shared/errors.ts';
import { Lru } from '../../shared/lru.ts';
import { renderMarkdown } from '../../shared/markdown.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { documentFileIdOf, findDocumentFiles } from '../files/files.service.ts';
import { conclusionGate } from '../reviews/reviews.gate.ts';
import { canConsultation } from './consultations.policy.ts';
import * as repo from './consultations.repository.ts';
import { acceptsInput, allowedTransitions, checkTransition, type Phase } from './consultations.rules.ts';
import type {
  Consultation,
  ConsultationSummary,
  CreateConsultationInput,
  DocumentsInput,
  ListQuery,
  UpdateConsultationInput,
} from './consultations.schemas.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findConsultation>>>;

function toSummary(r: Row, now: Date): ConsultationSummary {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    phase: r.phase,
    opensAt: r.opensAt?.toISOString() ?? null,
    closesAt: r.closesAt?.toISOString() ?? null,
    itStage: r.itStage,
    acceptsInput: acceptsInput(r, now),
    scenarioCount: Number(r.scenarioCount),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const bodyCache = new Lru<string, Localized>(500);
function bodyHtml(r: Row): Localized {
  const key = `${r.id}:${r.version}`;
  let html = bodyCache.get(key);
  if (!html) {
    html = { da: renderMarkdown(r.body.da), en: renderMarkdown(r.body.en) };
    bodyCache.set(key, html);
  }
  return html;
}

export async function listConsultations(db: Db, actor: Actor | null, q: ListQuery, clock: Clock = systemClock) {
  const visible: Phase[] = isStaff(actor)
    ? ['draft', 'open', 'closed', 'analysis', 'concluded']
    : ['open', 'closed', 'analysis', 'concluded'];
  const phases = q.phase ? visible.filter((p) => p === q.phase) : visible;
  const cur = readCursor(q.cursor, 'timestamp');
  const rows = phases.length === 0 ? [] : await repo.listConsultations(db, { phases, after: cur, limit: q.limit });
  const page = pageOf(rows, q.limit, (last) => [last.cursorKey, last.id]);
  const now = clock();
  return { items: page.rows.map((r) => toSummary(r, now)), nextCursor: page.nextCursor };
}

/** Loads a consultation the actor may read; a draft is "not found" to the public (no existence leak). */
export async function requireReadableConsultation(db: Db, actor: Actor | null, idOrSlug: string): Promise<Row> {
  const row = await repo.findConsultation(db, idOrSlug);
  if (!row || !canConsultation(actor, 'read', row)) throw notFound('Consultation');
  return row;
}

export async function getConsultation(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  clock: Clock = systemClock,
): Promise<Consultation> {
  const row = await requireReadableConsultation(db, actor, idOrSlug);
  const [docs, changes] = await Promise.all([repo.listDocuments(db, row.id), repo.listPhaseChanges(db, row.id)]);
  const now = clock();
  return {
    ...toSummary(row, now),
    body: row.body,
    bodyHtml: bodyHtml(row),
    languages: row.languages,
    version: row.version,
    documents: docs.map((d) => ({
      id: d.id,
      title: d.title,
      url: d.url,
      mediaType: d.mediaType,
      sizeBytes: d.sizeBytes === null ? null : Number(d.sizeBytes),
    })),
    phaseHistory: changes.map((c) => ({
      from: c.fromPhase,
      to: c.toPhase,
      at: c.changedAt.toISOString(),
      by: isStaff(actor) ? c.displayName : null,
    })),
    allowedTransitions: canConsultation(actor, 'transition') ? [...allowedTransitions(row.phase)] : [],
    serverTime: now.toISOString(),
  };
}

const jsonCache = new Lru<string, string>(2000);

/**
 * The public read path, serialised once per version: one indexed look-up decides whether the
 * cached JSON is current (version, updated_at, the viewer's class and whether input is accepted
 * right now), so every instance behind a load balancer stays correct without shared state.
 * `serverTime` is spliced in per request.
 */
export async function getConsultationJson(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  clock: Clock = systemClock,
): Promise<string> {
  const stamp = await repo.findConsultationStamp(db, idOrSlug);
  if (!stamp || !canConsultation(actor, 'read', stamp)) throw notFound('Consultation');
  const now = clock();
  const viewer = canConsultation(actor, 'transition') ? 'admin' : isStaff(actor) ? 'staff' : 'public';
  const key = `${stamp.id}:${stamp.version}:${stamp.updatedAt.getTime()}:${viewer}:${acceptsInput(stamp, now) ? 1 : 0}`;
  let json = jsonCache.get(key);
  if (!json) {
    const { serverTime: _t, ...rest } = await getConsultation(db, actor, stamp.id, clock);
    json = JSON.stringify(rest);
    jsonCache.set(key, json);
  }
  return `${json.slice(0, -1)},"serverTime":${JSON.stringify(now.toISOString())}}`;
}

/** Called by other modules when something a consultation shows has changed (e.g. its scenarios). */
export async function touchConsultation(db: Db, id: string): Promise<void> {
  await repo.touchConsultation(db, id);
}

/**
 * Called by the rankings module, which decides who may publish (its policy and audit): the
 * consultations table is written only here.
 */
export async function setResultsPublished(
  db: Db,
  consultationId: string,
  publish: boolean,
): Promise<{ id: string; resultsPublishedAt: Date | null }> {
  return repo.setResultsPublished(db, consultationId, publish);
}

function translateWriteError(err: unknown): never {
  if (pgErrorCode(err) === '23505' && pgConstraint(err)?.includes('slug')) {
    throw new AppError('SLUG_TAKEN', 'Another consultation uses this address (slug)');
  }
  if (pgErrorCode(err) === '23514' && pgConstraint(err) === 'consultations_window_check') {
    throw new AppError('RULE_VIOLATION', 'The opening time must be before the closing time');
  }
  throw err;
}

export async function createConsultation(db: Db, actor: Actor | null, input: CreateConsultationInput) {
  if (!canConsultation(actor, 'create')) throw forbidden();
  try {
    const id = await db.transaction().execute(async (trx) => {
      const { id } = await repo.insertConsultation(trx, {
        slug: input.slug,
        title: input.title,
        summary: input.summary,
        body: input.body,
        languages: input.languages,
        opensAt: input.opensAt ?? null,
        closesAt: input.closesAt ?? null,
        itStage: input.itStage,
        createdBy: actor?.id ?? null,
      });
      await recordAudit(trx, actor, {
        action: 'consultation.create',
        itemType: 'consultation',
        itemId: id,
        consultationId: id,
        details: { slug: input.slug },
      });
      return id;
    });
    return getConsultation(db, actor, id);
  } catch (err) {
    translateWriteError(err);
  }
}

export async function updateConsultation(db: Db, actor: Actor | null, id: string, input: UpdateConsultationInput) {
  if (!canConsultation(actor, 'update')) throw forbidden();
  try {
    await db.transaction().execute(async (trx) => {
      const before = await repo.findConsultation(trx, id, { forUpdate: true });
      if (!before) throw notFound('Consultation');
      const { version, ...changes } = input;
      if (before.version !== version) {
        throw new AppError('STALE_VERSION', 'Someone else changed this consultation; reload and try again', {
          currentVersion: before.version,
        });
      }
      if (before.phase === 'concluded') throw new AppError('RULE_VIOLATION', 'A concluded consultation is frozen');
      // An open hearing always has a deadline: it may move, but it cannot be removed.
      if (before.phase === 'open' && changes.closesAt === null) {
        throw new AppError('RULE_VIOLATION', 'An open consultation must keep a closing time');
      }
      await repo.updateConsultation(trx, id, version, changes);
      await recordAudit(trx, actor, {
        action: 'consultation.update',
        itemType: 'consultation',
        itemId: id,
        consultationId: id,
        details: { fields: Object.keys(changes) },
      });
    });
  } catch (err) {
    translateWriteError(err);
  }
  return getConsultation(db, actor, id);
}

export async function transitionConsultation(
  db: Db,
  actor: Actor | null,
  id: string,
  to: Phase,
  clock: Clock = systemClock,
  reason?: string,
) {
  if (!canConsultation(actor, 'transition')) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const c = await repo.findConsultation(trx, id, { forUpdate: true });
    if (!c) throw notFound('Consultation');
    const check = checkTransition({ phase: c.phase, opensAt: c.opensAt, closesAt: c.closesAt }, to, clock());
    if (!check.ok) throw new AppError('ILLEGAL_TRANSITION', check.reason, { from: c.phase, to });
    const waived = to === 'concluded' ? checkConclusion(await conclusionGate(trx, id), reason) : undefined;
    await repo.updateConsultation(trx, id, c.version, { phase: to });
    await repo.insertPhaseChange(trx, {
      consultationId: id,
      fromPhase: c.phase,
      toPhase: to,
      changedBy: actor?.id ?? null,
    });
    await recordAudit(trx, actor, {
      action: 'consultation.transition',
      itemType: 'consultation',
      itemId: id,
      consultationId: id,
      details: { from: c.phase, to, ...(waived ? { reason, waived } : {}) },
    });
  });
  return getConsultation(db, actor, id);
}

/**
 * Issue 14 story 4: a consultation concludes with a recorded decision that selects a scenario, and
 * with its published hearing report unless the admin gives a reason (audited). Returns what the
 * reason waived (undefined when nothing was missing).
 */
function checkConclusion(gate: { decided: boolean; reportPublished: boolean }, reason?: string): string[] | undefined {
  if (!gate.decided) {
    throw new AppError('RULE_VIOLATION', 'Record the scenario decision (one scenario selected) before concluding', {
      reason: 'no_decision',
    });
  }
  if (gate.reportPublished) return undefined;
  if (!reason) {
    throw new AppError('RULE_VIOLATION', 'Publish the hearing report, or give the reason for concluding without it', {
      reason: 'no_report',
    });
  }
  return ['report'];
}

export async function replaceDocuments(db: Db, actor: Actor | null, id: string, input: DocumentsInput) {
  if (!canConsultation(actor, 'update')) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const c = await repo.findConsultation(trx, id, { forUpdate: true });
    if (!c) throw notFound('Consultation');
    // An uploaded file's type and size come from the file, not from the request (issue 10 item 14).
    const fileIds = input.documents.map((d) => documentFileIdOf(c.id, d.url));
    const files = await findDocumentFiles(
      trx,
      c.id,
      fileIds.filter((f): f is string => f !== null),
    );
    const unknown = input.documents.filter((d, i) => fileIds[i] && !files.has(fileIds[i]!)).map((d) => d.url);
    if (unknown.length > 0) {
      throw new AppError('RULE_VIOLATION', 'Some documents link to a file this consultation does not have', {
        urls: unknown,
      });
    }
    await repo.touchConsultation(trx, id);
    await repo.replaceDocuments(
      trx,
      id,
      input.documents.map((d, i) => {
        const file = fileIds[i] ? files.get(fileIds[i]!) : undefined;
        return {
          title: d.title,
          url: d.url,
          mediaType: file ? file.mediaType : (d.mediaType ?? null),
          sizeBytes: file ? file.sizeBytes : (d.sizeBytes ?? null),
        };
      }),
    );
    await recordAudit(trx, actor, {
      action: 'consultation.documents',
      itemType: 'consultation',
      itemId: id,
      consultationId: id,
      details: { count: input.documents.length },
    });
  });
  return getConsultation(db, actor, id);
}

/**
 * Consultation titles by id, for staff listings in other modules (the audit log names its items).
 * Callers check their own role first; this reads only titles.
 */
export async function consultationTitles(db: Db, ids: readonly string[]): Promise<Map<string, Localized>> {
  const rows = await repo.listConsultationTitles(db, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.id, r.title]));
}

/**
 * For the høringsnotat (issue 14 story 6, its background job): the consultation's own facts and its
 * documents (a Høringsportalen link among them names where the hearing was published there too).
 */
export async function consultationForReport(db: Db, id: string) {
  const row = await repo.findConsultation(db, id);
  if (!row) throw notFound('Consultation');
  const docs = await repo.listDocuments(db, row.id);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    phase: row.phase,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    documents: docs.map((d) => ({ title: d.title, url: d.url })),
  };
}
