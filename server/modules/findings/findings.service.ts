import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { requireWorkspace } from '../analysis/analysis.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scenarioTitles } from '../scenarios/scenarios.service.ts';
import { canFindings, type FindingsAction } from './findings.policy.ts';
import * as repo from './findings.repository.ts';
import { affectedFits } from './findings.rules.ts';
import type {
  Evidence,
  Finding,
  FindingBody,
  FindingListQuery,
  FindingPage,
  FindingSummary,
  FindingsOverview,
} from './findings.schemas.ts';
import { SEVERITIES } from './findings.schemas.ts';

/**
 * User-test findings (issue 13 story 1): recorded by analysts and admins on a consultation's
 * scenarios, each from one or more test sessions. Every change is audited with `itemType: 'finding'`
 * (the analysis inbox follows the audit log by item type), and a finding is removed softly, so the
 * inbox keeps it (marked deleted) with its codings.
 */

/** The role (403), the consultation (404) and the analyst's team (403), as every analysis use case. */
export async function requireFindingsWorkspace(db: Db, actor: Actor | null, idOrSlug: string, action: FindingsAction) {
  if (!canFindings(actor, action)) throw forbidden('Only analysts and admins work with user-test findings');
  return requireWorkspace(db, actor, idOrSlug, action === 'read' ? 'read' : 'code');
}

const rule = (reason: string, message: string, details: Record<string, unknown> = {}) =>
  new AppError('RULE_VIOLATION', message, { reason, ...details });

export const evidenceUrl = (consultationId: string, findingId: string, evidenceId: string) =>
  `/api/consultations/${consultationId}/findings/${findingId}/evidence/${evidenceId}`;

export const toEvidence = (e: repo.EvidenceRow): Evidence => ({
  id: e.id,
  filename: e.filename,
  mediaType: e.mediaType,
  sizeBytes: Number(e.sizeBytes),
  url: evidenceUrl(e.consultationId, e.findingId, e.id),
  createdAt: e.createdAt.toISOString(),
});

function toSummary(
  f: repo.FindingRow,
  sessions: readonly repo.SessionRow[],
  scenarioKey: string,
  evidenceCount: number,
): FindingSummary {
  return {
    id: f.id,
    consultationId: f.consultationId,
    scenarioId: f.scenarioId,
    scenarioKey,
    sessionIds: sessions.map((s) => s.id),
    task: f.task,
    observation: f.observation,
    severity: f.severity,
    participantsAffected: f.participantsAffected,
    participantsInSessions: sessions.reduce((n, s) => n + s.participantCount, 0),
    recommendation: f.recommendation,
    status: f.status,
    statusNote: f.statusNote,
    version: f.version,
    evidenceCount,
    createdAt: f.createdAt.toISOString(),
    updatedAt: f.updatedAt.toISOString(),
  };
}

/** Summaries of these rows: their sessions, scenario keys and evidence counts in three reads. */
async function summaries(db: Db, consultationId: string, rows: readonly repo.FindingRow[]): Promise<FindingSummary[]> {
  const ids = rows.map((r) => r.id);
  const [sessions, keys, counts] = await Promise.all([
    repo.sessionsOfFindings(db, consultationId, ids),
    scenarioTitles(
      db,
      rows.map((r) => r.scenarioId),
    ),
    repo.evidenceCounts(db, consultationId, ids),
  ]);
  return rows.map((r) =>
    toSummary(r, sessions.get(r.id) ?? [], keys.get(r.scenarioId)?.key ?? '', counts.get(r.id) ?? 0),
  );
}

async function loadFinding(db: Db, consultationId: string, id: string): Promise<Finding> {
  const [row] = await repo.findingsByIds(db, consultationId, [id]);
  if (!row || row.deletedAt) throw notFound('Finding');
  const [sessions, keys, evidence] = await Promise.all([
    repo.sessionsOfFindings(db, consultationId, [id]),
    scenarioTitles(db, [row.scenarioId]),
    repo.evidenceOf(db, consultationId, [id]),
  ]);
  const own = sessions.get(id) ?? [];
  const { evidenceCount: _n, sessionIds: _s, ...summary } = toSummary(row, own, keys.get(row.scenarioId)?.key ?? '', 0);
  return {
    ...summary,
    sessions: own.map((s) => ({
      id: s.id,
      ref: s.ref,
      heldOn: s.heldOn,
      method: s.method,
      facilitator: s.facilitator,
      participantCount: s.participantCount,
    })),
    evidence: (evidence.get(id) ?? []).map(toEvidence),
  };
}

/** The scenario must be the consultation's, the sessions its, and the count fit the sessions (422). */
export async function checkFindingInput(
  db: Db,
  consultationId: string,
  v: Pick<FindingBody, 'scenarioId' | 'sessionIds' | 'participantsAffected'>,
): Promise<void> {
  const scenario = (await scenarioTitles(db, [v.scenarioId])).get(v.scenarioId);
  if (!scenario || scenario.consultationId !== consultationId)
    throw rule('unknown_scenario', 'The scenario is not one of this consultation’s', { scenarioId: v.scenarioId });
  const sessions = await repo.sessionsByIds(db, consultationId, v.sessionIds);
  const missing = v.sessionIds.filter((id) => !sessions.some((s) => s.id === id));
  if (missing.length > 0)
    throw rule('unknown_session', 'A session is not one of this consultation’s', { sessionIds: missing });
  if (!affectedFits(v.participantsAffected, sessions))
    throw rule('too_many_affected', 'More participants affected than the sessions had', {
      participants: sessions.reduce((n, s) => n + s.participantCount, 0),
    });
}

const valuesOf = (b: FindingBody): repo.FindingValues => ({
  scenarioId: b.scenarioId,
  task: b.task,
  observation: b.observation,
  severity: b.severity,
  participantsAffected: b.participantsAffected,
  recommendation: b.recommendation,
  status: b.status,
  statusNote: b.statusNote,
});

/** Writes one finding with its sessions and its audit event, in the caller's transaction. */
export async function insertFindingIn(
  trx: Db,
  actor: Actor | null,
  consultationId: string,
  body: FindingBody,
  details: Record<string, unknown> = {},
): Promise<string> {
  const id = await repo.insertFinding(trx, consultationId, valuesOf(body), actor?.id ?? null);
  await repo.setFindingSessions(trx, consultationId, id, body.sessionIds);
  await recordAudit(trx, actor, {
    action: 'finding.create',
    itemType: 'finding',
    itemId: id,
    consultationId,
    details: { scenarioId: body.scenarioId, severity: body.severity, sessionIds: body.sessionIds, ...details },
  });
  return id;
}

export async function createFinding(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  body: FindingBody,
): Promise<Finding> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'write');
  const id = await db.transaction().execute(async (trx) => {
    await checkFindingInput(trx, c.id, body);
    return insertFindingIn(trx, actor, c.id, body);
  });
  return loadFinding(db, c.id, id);
}

export async function getFinding(db: Db, actor: Actor | null, idOrSlug: string, id: string): Promise<Finding> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'read');
  return loadFinding(db, c.id, id);
}

export async function updateFinding(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  id: string,
  body: FindingBody,
): Promise<Finding> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'write');
  await db.transaction().execute(async (trx) => {
    const [before] = await repo.findingsByIds(trx, c.id, [id]);
    if (!before || before.deletedAt) throw notFound('Finding');
    await checkFindingInput(trx, c.id, body);
    if (!(await repo.updateFinding(trx, c.id, id, valuesOf(body), body.version)))
      throw new AppError('STALE_VERSION', 'The finding was changed since you read it; reload it', {
        version: before.version,
      });
    await repo.setFindingSessions(trx, c.id, id, body.sessionIds);
    const changed = (Object.keys(valuesOf(body)) as (keyof repo.FindingValues)[]).filter((k) => before[k] !== body[k]);
    await recordAudit(trx, actor, {
      action: 'finding.update',
      itemType: 'finding',
      itemId: id,
      consultationId: c.id,
      details: { changed, status: body.status, severity: body.severity, sessionIds: body.sessionIds },
    });
  });
  return loadFinding(db, c.id, id);
}

export async function deleteFinding(db: Db, actor: Actor | null, idOrSlug: string, id: string): Promise<void> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'write');
  await db.transaction().execute(async (trx) => {
    if (!(await repo.softDeleteFinding(trx, c.id, id))) throw notFound('Finding');
    await recordAudit(trx, actor, { action: 'finding.delete', itemType: 'finding', itemId: id, consultationId: c.id });
  });
}

type SortCursor = { sortKey: number; id: string };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?cursor=` of a findings page: exactly what this API wrote, else 400. */
function readSortCursor(cursor: string | undefined): SortCursor | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const parts = decodeCursor(cursor);
  const [k, id] = parts ?? [];
  if (
    parts?.length !== 2 ||
    typeof k !== 'number' ||
    !Number.isSafeInteger(k) ||
    typeof id !== 'string' ||
    !UUID.test(id)
  )
    throw new AppError('BAD_REQUEST', 'The cursor is not one this API wrote');
  return { sortKey: k, id };
}

async function pageOfFindings(
  db: Db,
  consultationId: string,
  filter: repo.FindingFilter,
  cursor: string | undefined,
  limit: number,
): Promise<FindingPage> {
  const rows = await repo.listFindings(db, consultationId, filter, readSortCursor(cursor), limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await summaries(db, consultationId, page),
    nextCursor: rows.length > limit && last ? encodeCursor([last.sortKey, last.id]) : null,
  };
}

/** The findings of a consultation in the overview's order (severity, then participants affected). */
export async function listFindings(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  q: FindingListQuery,
): Promise<FindingPage> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'read');
  const filter = { scenarioId: q.scenario, severity: q.severity, status: q.status, sessionId: q.session };
  return pageOfFindings(db, c.id, filter, q.cursor, q.limit);
}

/**
 * A scenario's findings overview: counts by severity and by frequency (participants affected) and
 * the list in that order, a page at a time. Two index reads (findings_scenario_order_idx).
 */
export async function findingsOverview(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  scenarioId: string,
  q: { cursor?: string | undefined; limit: number },
): Promise<FindingsOverview> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'read');
  const scenario = (await scenarioTitles(db, [scenarioId])).get(scenarioId);
  if (!scenario || scenario.consultationId !== c.id) throw notFound('Scenario');
  const [cells, page] = await Promise.all([
    repo.overviewCounts(db, c.id, scenarioId),
    pageOfFindings(db, c.id, { scenarioId }, q.cursor, q.limit),
  ]);
  const frequency = new Map<number, number>();
  for (const cell of cells)
    frequency.set(cell.participantsAffected, (frequency.get(cell.participantsAffected) ?? 0) + cell.count);
  const order = (s: string) => SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  return {
    scenarioId,
    total: cells.reduce((n, x) => n + x.count, 0),
    bySeverity: SEVERITIES.map((severity) => ({
      severity,
      count: cells.filter((x) => x.severity === severity).reduce((n, x) => n + x.count, 0),
    })),
    byFrequency: [...frequency]
      .sort((a, b) => b[0] - a[0])
      .map(([participantsAffected, count]) => ({ participantsAffected, count })),
    cells: cells.sort(
      (a, b) => order(a.severity) - order(b.severity) || b.participantsAffected - a.participantsAffected,
    ),
    ...page,
  };
}

// ---- For the analysis inbox (server/modules/analysis/inbox/sources/finding.source.ts) ----

export type FindingForAnalysis = repo.FindingRow & {
  sessions: {
    facilitator: string;
    method: repo.SessionRow['method'];
    heldOn: string;
    participantCount: number;
    place: string;
    remote: boolean;
    participantProfile: string;
  }[];
  evidence: Evidence[];
};

/** For the analysis inbox's first run: every finding's key, deleted ones too, in key order after `after`. */
export const findingKeysAfter = repo.findingKeysAfter;

/** For the analysis inbox (staff only): these findings, deleted ones too, with sessions and evidence. */
export async function findingsForAnalysis(
  db: Db,
  keys: readonly { consultationId: string; id: string }[],
): Promise<FindingForAnalysis[]> {
  const rows = await repo.findingsByKeys(db, keys);
  const byConsultation = new Map<string, string[]>();
  for (const r of rows) byConsultation.set(r.consultationId, [...(byConsultation.get(r.consultationId) ?? []), r.id]);
  const sessions = new Map<string, repo.SessionRow[]>();
  const evidence = new Map<string, repo.EvidenceRow[]>();
  for (const [cid, ids] of byConsultation) {
    const [s, e] = await Promise.all([repo.sessionsOfFindings(db, cid, ids), repo.evidenceOf(db, cid, ids)]);
    for (const [k, v] of s) sessions.set(k, v);
    for (const [k, v] of e) evidence.set(k, v);
  }
  return rows.map((r) => ({
    ...r,
    sessions: (sessions.get(r.id) ?? []).map((s) => ({
      facilitator: s.facilitator,
      method: s.method,
      heldOn: s.heldOn,
      participantCount: s.participantCount,
      place: s.place,
      remote: s.remote,
      participantProfile: s.participantProfile,
    })),
    evidence: (evidence.get(r.id) ?? []).map(toEvidence),
  }));
}

/** For the analysis item view: one finding of the consultation (deleted too), or undefined. */
export async function findingForAnalysis(
  db: Db,
  consultationId: string,
  id: string,
): Promise<FindingForAnalysis | undefined> {
  return (await findingsForAnalysis(db, [{ consultationId, id }]))[0];
}
