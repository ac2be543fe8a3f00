import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FindingSeverity, FindingStatus } from '../../db/schema.ts';

/** The findings module's findings (findings, finding_sessions); sessions and evidence have their own repositories. */

export type FindingRow = {
  consultationId: string;
  id: string;
  scenarioId: string;
  task: string;
  observation: string;
  severity: FindingSeverity;
  participantsAffected: number;
  recommendation: string;
  status: FindingStatus;
  statusNote: string;
  version: number;
  sortKey: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
};

export type FindingValues = Pick<
  FindingRow,
  | 'scenarioId'
  | 'task'
  | 'observation'
  | 'severity'
  | 'participantsAffected'
  | 'recommendation'
  | 'status'
  | 'statusNote'
>;

const findingColumns = [
  'f.consultationId',
  'f.id',
  'f.scenarioId',
  'f.task',
  'f.observation',
  'f.severity',
  'f.participantsAffected',
  'f.recommendation',
  'f.status',
  'f.statusNote',
  'f.version',
  'f.sortKey',
  'f.createdAt',
  'f.updatedAt',
  'f.deletedAt',
] as const;

export async function insertFinding(
  db: Db,
  consultationId: string,
  v: FindingValues,
  createdBy: string | null,
): Promise<string> {
  const row = await db
    .insertInto('findings')
    .values({ consultationId, ...v, createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Raises the version; with `expected`, only from that version (else nothing changes). */
export async function updateFinding(
  db: Db,
  consultationId: string,
  id: string,
  v: Partial<FindingValues>,
  expected?: number,
): Promise<boolean> {
  let q = db
    .updateTable('findings')
    .set({ ...v, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null);
  if (expected !== undefined) q = q.where('version', '=', expected);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function softDeleteFinding(db: Db, consultationId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('findings')
    .set({ deletedAt: sql<Date>`now()`, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setFindingSessions(
  db: Db,
  consultationId: string,
  findingId: string,
  sessionIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('findingSessions')
    .where('consultationId', '=', consultationId)
    .where('findingId', '=', findingId)
    .execute();
  if (sessionIds.length === 0) return;
  await db
    .insertInto('findingSessions')
    .values(sessionIds.map((sessionId) => ({ consultationId, findingId, sessionId })))
    .execute();
}

/** Findings by id, deleted ones too (the caller decides). */
export async function findingsByIds(db: Db, consultationId: string, ids: readonly string[]): Promise<FindingRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('findings as f')
    .select(findingColumns)
    .where('f.consultationId', '=', consultationId)
    .where('f.id', 'in', [...ids])
    .execute();
}

export type FindingFilter = {
  scenarioId?: string | undefined;
  severity?: FindingSeverity | undefined;
  status?: FindingStatus | undefined;
  sessionId?: string | undefined;
};

/** Live findings in the overview's order (sort_key, id), a page after `after`. */
export async function listFindings(
  db: Db,
  consultationId: string,
  f: FindingFilter,
  after: { sortKey: number; id: string } | undefined,
  limit: number,
): Promise<FindingRow[]> {
  let q = db
    .selectFrom('findings as f')
    .select(findingColumns)
    .where('f.consultationId', '=', consultationId)
    .where('f.deletedAt', 'is', null);
  if (f.scenarioId) q = q.where('f.scenarioId', '=', f.scenarioId);
  if (f.severity) q = q.where('f.severity', '=', f.severity);
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.sessionId) {
    const sessionId = f.sessionId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('findingSessions as fs')
          .select(sql`1`.as('one'))
          .whereRef('fs.consultationId', '=', 'f.consultationId')
          .whereRef('fs.findingId', '=', 'f.id')
          .where('fs.sessionId', '=', sessionId),
      ),
    );
  }
  if (after) q = q.where(sql<boolean>`(f.sort_key, f.id) > (${after.sortKey}, ${after.id}::uuid)`);
  return q.orderBy('f.sortKey').orderBy('f.id').limit(limit).execute();
}

/** Counts of a scenario's live findings by severity and participants affected (read from the index). */
export async function overviewCounts(db: Db, consultationId: string, scenarioId: string) {
  const rows = await db
    .selectFrom('findings')
    .select(['severity', 'participantsAffected', sql<string>`count(*)`.as('n')])
    .where('consultationId', '=', consultationId)
    .where('scenarioId', '=', scenarioId)
    .where('deletedAt', 'is', null)
    .groupBy(['severity', 'participantsAffected'])
    .execute();
  return rows.map((r) => ({ severity: r.severity, participantsAffected: r.participantsAffected, count: Number(r.n) }));
}

/** Counts by scenario, severity and participants affected, for every scenario at once (the scorecard). */
export async function countsByScenario(db: Db, consultationId: string) {
  const rows = await db
    .selectFrom('findings')
    .select(['scenarioId', 'severity', 'participantsAffected', sql<string>`count(*)`.as('n')])
    .where('consultationId', '=', consultationId)
    .where('deletedAt', 'is', null)
    .groupBy(['scenarioId', 'severity', 'participantsAffected'])
    .execute();
  return rows.map((r) => ({
    scenarioId: r.scenarioId,
    severity: r.severity,
    participantsAffected: r.participantsAffected,
    count: Number(r.n),
  }));
}

/** Every finding's key, deleted ones too, in key order after `after` (the inbox's first run). */
export async function findingKeysAfter(
  db: Db,
  after: { consultationId: string; id: string } | null,
  limit: number,
): Promise<{ consultationId: string; id: string }[]> {
  let q = db.selectFrom('findings').select(['consultationId', 'id']);
  if (after) q = q.where(sql<boolean>`(consultation_id, id) > (${after.consultationId}::uuid, ${after.id}::uuid)`);
  return q.orderBy('consultationId').orderBy('id').limit(limit).execute();
}

/** Findings of several consultations by key, deleted ones too (the analysis inbox). */
export async function findingsByKeys(
  db: Db,
  keys: readonly { consultationId: string; id: string }[],
): Promise<FindingRow[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('findings as f')
    .select(findingColumns)
    .where(
      sql<boolean>`(f.consultation_id, f.id) in (select * from unnest(${sql.val(keys.map((k) => k.consultationId))}::uuid[], ${sql.val(keys.map((k) => k.id))}::uuid[]))`,
    )
    .execute();
}
