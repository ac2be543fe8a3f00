import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

/** The consultation_analysts and analyst_limits tables (issue 11 story 5). */

export async function assignedIds(db: Db, consultationId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('consultationAnalysts')
    .select('userId')
    .where('consultationId', '=', consultationId)
    .execute();
  return new Set(rows.map((r) => r.userId));
}

export async function limitedIds(db: Db, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('analystLimits')
    .select('userId')
    .where('userId', 'in', [...userIds])
    .execute();
  return new Set(rows.map((r) => r.userId));
}

/** Of these users, those limited to their consultations and not on this one's team. */
export async function shutOut(db: Db, consultationId: string, userIds: readonly string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await sql<{ userId: string }>`
    select l.user_id as "userId" from analyst_limits l
     where l.user_id = any(${[...userIds]}::uuid[])
       and not exists (select 1 from consultation_analysts a
                        where a.consultation_id = ${consultationId} and a.user_id = l.user_id)`.execute(db);
  return new Set(rows.rows.map((r) => r.userId));
}

/** True when the row was added (false: already on the team). */
export async function assign(db: Db, consultationId: string, userId: string, by: string): Promise<boolean> {
  const r = await db
    .insertInto('consultationAnalysts')
    .values({ consultationId, userId, assignedBy: by })
    .onConflict((oc) => oc.columns(['consultationId', 'userId']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function unassign(db: Db, consultationId: string, userId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('consultationAnalysts')
    .where('consultationId', '=', consultationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function limit(db: Db, userId: string, by: string): Promise<boolean> {
  const r = await db
    .insertInto('analystLimits')
    .values({ userId, limitedBy: by })
    .onConflict((oc) => oc.column('userId').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function unlimit(db: Db, userId: string): Promise<boolean> {
  const r = await db.deleteFrom('analystLimits').where('userId', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
