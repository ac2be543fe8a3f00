import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { displayNameOf, emailOf, hasPasswordOf } from '../../accounts/accounts.fragments.ts';

/** A consultation's reviewers, with the name and address of each account. */
export async function listReviewers(db: Db, consultationId: string) {
  return db
    .selectFrom('consultationReviewers as r')
    .select([
      'r.userId',
      'r.authority',
      'r.organisationId',
      'r.invitedAt',
      displayNameOf('r.userId').as('displayName'),
      emailOf('r.userId').as('email'),
      hasPasswordOf('r.userId').as('hasPassword'),
    ])
    .where('r.consultationId', '=', consultationId)
    .orderBy('r.authority')
    .orderBy('r.invitedAt')
    .execute();
}

/** Adds a reviewer, or updates the authority of one already there; says whether the row is new. */
export async function upsertReviewer(
  db: Db,
  v: { consultationId: string; userId: string; authority: string; organisationId: string | null; invitedBy: string },
): Promise<boolean> {
  const row = await db
    .insertInto('consultationReviewers')
    .values(v)
    .onConflict((oc) =>
      oc.columns(['consultationId', 'userId']).doUpdateSet({
        authority: (eb) => eb.ref('excluded.authority'),
        organisationId: (eb) => eb.ref('excluded.organisationId'),
      }),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  return row.inserted;
}

export async function deleteReviewer(db: Db, consultationId: string, userId: string): Promise<boolean> {
  const res = await db
    .deleteFrom('consultationReviewers')
    .where('consultationId', '=', consultationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
