import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FindingSeverity, FindingStatus, TestMethod } from '../../db/schema.ts';

/** All Kysely of the findings module (issue 13 story 1): its five tables, nothing else. */

export type SessionRow = {
  consultationId: string;
  id: string;
  ref: string | null;
  heldOn: string;
  remote: boolean;
  place: string;
  method: TestMethod;
  facilitator: string;
  participantProfile: string;
  participantCount: number;
  device: string;
  recordingConsent: boolean;
  note: string;
  createdAt: Date;
  updatedAt: Date;
};

export type SessionValues = Omit<SessionRow, 'consultationId' | 'id' | 'createdAt' | 'updatedAt'>;

const sessionColumns = [
  'consultationId',
  'id',
  'ref',
  sql<string>`held_on::text`.as('heldOn'),
  'remote',
  'place',
  'method',
  'facilitator',
  'participantProfile',
  'participantCount',
  'device',
  'recordingConsent',
  'note',
  'createdAt',
  'updatedAt',
] as const;

export async function listSessions(db: Db, consultationId: string): Promise<(SessionRow & { findingCount: number })[]> {
  const rows = await db
    .selectFrom('userTestSessions as s')
    .select(sessionColumns.map((c) => (typeof c === 'string' ? (`s.${c}` as const) : c)))
    .select((eb) =>
      eb
        .selectFrom('findingSessions as fs')
        .innerJoin('findings as f', (j) =>
          j.onRef('f.consultationId', '=', 'fs.consultationId').onRef('f.id', '=', 'fs.findingId'),
        )
        .whereRef('fs.consultationId', '=', 's.consultationId')
        .whereRef('fs.sessionId', '=', 's.id')
        .where('f.deletedAt', 'is', null)
        .select(sql<string>`count(*)`.as('n'))
        .as('findingCount'),
    )
    .where('s.consultationId', '=', consultationId)
    .orderBy('s.heldOn', 'desc')
    .orderBy('s.createdAt', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, findingCount: Number(r.findingCount ?? 0) }));
}

export async function sessionsByIds(db: Db, consultationId: string, ids: readonly string[]): Promise<SessionRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('userTestSessions')
    .select(sessionColumns)
    .where('consultationId', '=', consultationId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function findSession(db: Db, consultationId: string, id: string): Promise<SessionRow | undefined> {
  return (await sessionsByIds(db, consultationId, [id]))[0];
}

export async function insertSession(
  db: Db,
  consultationId: string,
  v: SessionValues,
  createdBy: string | null,
): Promise<string> {
  const row = await db
    .insertInto('userTestSessions')
    .values({ consultationId, ...v, createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSession(db: Db, consultationId: string, id: string, v: SessionValues): Promise<boolean> {
  const r = await db
    .updateTable('userTestSessions')
    .set({ ...v, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The live findings that name a session, each with every participant of its sessions. */
export async function findingsOfSession(db: Db, consultationId: string, sessionId: string) {
  return db
    .selectFrom('findingSessions as fs')
    .innerJoin('findings as f', (j) =>
      j.onRef('f.consultationId', '=', 'fs.consultationId').onRef('f.id', '=', 'fs.findingId'),
    )
    .where('fs.consultationId', '=', consultationId)
    .where('fs.sessionId', '=', sessionId)
    .where('f.deletedAt', 'is', null)
    .select(['f.id', 'f.participantsAffected'])
    .execute();
}

/** Removes a session and the links of deleted findings to it (live ones are checked by the caller). */
export async function deleteSession(db: Db, consultationId: string, id: string): Promise<boolean> {
  await db
    .deleteFrom('findingSessions')
    .where('consultationId', '=', consultationId)
    .where('sessionId', '=', id)
    .execute();
  const r = await db
    .deleteFrom('userTestSessions')
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

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

/** The sessions of each finding (by finding id), each finding's in date order. */
export async function sessionsOfFindings(
  db: Db,
  consultationId: string,
  findingIds: readonly string[],
): Promise<Map<string, SessionRow[]>> {
  const out = new Map<string, SessionRow[]>();
  if (findingIds.length === 0) return out;
  const rows = await db
    .selectFrom('findingSessions as fs')
    .innerJoin('userTestSessions as s', (j) =>
      j.onRef('s.consultationId', '=', 'fs.consultationId').onRef('s.id', '=', 'fs.sessionId'),
    )
    .select('fs.findingId')
    .select(
      sessionColumns.map((c) =>
        typeof c === 'string' ? (`s.${c}` as const) : sql<string>`s.held_on::text`.as('heldOn'),
      ),
    )
    .where('fs.consultationId', '=', consultationId)
    .where('fs.findingId', 'in', [...findingIds])
    .orderBy('s.heldOn')
    .orderBy('s.id')
    .execute();
  for (const r of rows) {
    const { findingId, ...s } = r;
    out.set(findingId, [...(out.get(findingId) ?? []), s]);
  }
  return out;
}

export type EvidenceRow = {
  consultationId: string;
  id: string;
  findingId: string;
  filename: string;
  mediaType: string;
  sizeBytes: string | number;
  sha256: string;
  storageKey: string;
  createdAt: Date;
};

export async function evidenceOf(
  db: Db,
  consultationId: string,
  findingIds: readonly string[],
): Promise<Map<string, EvidenceRow[]>> {
  const out = new Map<string, EvidenceRow[]>();
  if (findingIds.length === 0) return out;
  const rows = await db
    .selectFrom('findingEvidence')
    .select([
      'consultationId',
      'id',
      'findingId',
      'filename',
      'mediaType',
      'sizeBytes',
      'sha256',
      'storageKey',
      'createdAt',
    ])
    .where('consultationId', '=', consultationId)
    .where('findingId', 'in', [...findingIds])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.findingId, [...(out.get(r.findingId) ?? []), r]);
  return out;
}

export async function evidenceCounts(
  db: Db,
  consultationId: string,
  findingIds: readonly string[],
): Promise<Map<string, number>> {
  if (findingIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('findingEvidence')
    .select(['findingId', sql<string>`count(*)`.as('n')])
    .where('consultationId', '=', consultationId)
    .where('findingId', 'in', [...findingIds])
    .groupBy('findingId')
    .execute();
  return new Map(rows.map((r) => [r.findingId, Number(r.n)]));
}

export async function insertEvidence(
  db: Db,
  v: Omit<EvidenceRow, 'createdAt' | 'sizeBytes'> & { sizeBytes: number; uploadedBy: string | null },
): Promise<void> {
  await db.insertInto('findingEvidence').values(v).execute();
}

export async function deleteEvidence(db: Db, consultationId: string, findingId: string, id: string) {
  return db
    .deleteFrom('findingEvidence')
    .where('consultationId', '=', consultationId)
    .where('findingId', '=', findingId)
    .where('id', '=', id)
    .returning(['id', 'filename', 'storageKey', 'sha256'])
    .executeTakeFirst();
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
