import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { TestMethod } from '../../db/schema.ts';

/** The findings module's test sessions (user_test_sessions) and their links to findings. */

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
