import type { Db } from '../../db/database.ts';

/** Membership look-ups every part of the module shares (reviewers/ writes them). */
export async function findMembership(db: Db, consultationId: string, userId: string) {
  return db
    .selectFrom('consultationReviewers')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function membershipsOf(db: Db, userId: string) {
  return db.selectFrom('consultationReviewers').selectAll().where('userId', '=', userId).execute();
}
