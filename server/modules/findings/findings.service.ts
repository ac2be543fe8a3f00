import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { encodeCursor } from '../../shared/cursor.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { requireWorkspace } from '../analysis/analysis.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { scenarioTitles } from '../scenarios/scenarios.service.ts';
import { canFindings, type FindingsAction } from './findings.policy.ts';
import * as evidenceRepo from './evidence.repository.ts';
import * as repo from './findings.repository.ts';
import * as sessionsRepo from './sessions.repository.ts';
import { affectedFits, readSortCursor, toEvidence } from './findings.rules.ts';
import type {
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

function toSummary(
  f: repo.FindingRow,
  sessions: readonly sessionsRepo.SessionRow[],
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
    sessionsRepo.sessionsOfFindings(db, consultationId, ids),
    scenarioTitles(
      db,
      rows.map((r) => r.scenarioId),
    ),
    evidenceRepo.evidenceCounts(db, consultationId, ids),
  ]);
  return rows.map((r) =>
    toSummary(r, sessions.get(r.id) ?? [], keys.get(r.scenarioId)?.key ?? '', counts.get(r.id) ?? 0),
  );
}

async function loadFinding(db: Db, consultationId: string, id: string): Promise<Finding> {
  const [row] = await repo.findingsByIds(db, consultationId, [id]);
  if (!row || row.deletedAt) throw notFound('Finding');
  const [sessions, keys, evidence] = await Promise.all([
    sessionsRepo.sessionsOfFindings(db, consultationId, [id]),
    scenarioTitles(db, [row.scenarioId]),
    evidenceRepo.evidenceOf(db, consultationId, [id]),
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
  const sessions = await sessionsRepo.sessionsByIds(db, consultationId, v.sessionIds);
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

/**
 * For the scenario scorecard (issue 14 story 2; the caller has checked the reader's access): every
 * scenario's finding counts by severity and participants affected, in one grouped read.
 */
export const findingCountsByScenario = (db: Db, consultationId: string) => repo.countsByScenario(db, consultationId);

/** For the scenario scorecard: a scenario's first findings in the overview's order (severity, frequency). */
export async function topFindingsOf(db: Db, consultationId: string, scenarioId: string, limit: number) {
  return (await pageOfFindings(db, consultationId, { scenarioId }, undefined, limit)).items;
}

// For the analysis inbox (server/modules/analysis/inbox/sources/finding.source.ts): what it reads.
export { findingForAnalysis, findingKeysAfter, findingsForAnalysis, type FindingForAnalysis } from './findings.feed.ts';
