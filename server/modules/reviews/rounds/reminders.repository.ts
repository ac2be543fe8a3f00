import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

/**
 * Reviewers of open rounds due within `withinMs` who have not taken a position on every scenario of
 * the round and have not had this reminder yet.
 */
export async function dueReminders(db: Db, now: Date, withinMs: number, reminder: string) {
  return db
    .selectFrom('reviewRounds as rr')
    .innerJoin('consultationReviewers as cr', 'cr.consultationId', 'rr.consultationId')
    .select([
      'rr.consultationId',
      'rr.id as roundId',
      'rr.number',
      'rr.dueAt',
      'cr.userId as reviewerId',
      sql<number>`(select count(*)::int from review_round_scenarios s
        where s.consultation_id = rr.consultation_id and s.round_id = rr.id
        and not exists (select 1 from reviews r where r.consultation_id = s.consultation_id
          and r.round_id = s.round_id and r.scenario_id = s.scenario_id and r.reviewer_id = cr.user_id))`.as('missing'),
    ])
    .where('rr.status', '=', 'open')
    .where('rr.dueAt', '>', now)
    .where('rr.dueAt', '<=', new Date(now.getTime() + withinMs))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('reviewReminders as m')
            .select('m.reviewerId')
            .whereRef('m.consultationId', '=', 'rr.consultationId')
            .whereRef('m.roundId', '=', 'rr.id')
            .whereRef('m.reviewerId', '=', 'cr.userId')
            .where('m.reminder', '=', reminder),
        ),
      ),
    )
    .orderBy('rr.dueAt')
    .execute();
}

/** Claims a reminder: true for the one caller whose row this is (a second run, or a racing instance, gets false). */
export async function claimReminder(
  db: Db,
  v: { consultationId: string; roundId: string; reviewerId: string; reminder: string },
): Promise<boolean> {
  const row = await db
    .insertInto('reviewReminders')
    .values(v)
    .onConflict((oc) => oc.doNothing())
    .returning('reviewerId')
    .executeTakeFirst();
  return !!row;
}

export async function setReminderMail(
  db: Db,
  v: { consultationId: string; roundId: string; reviewerId: string; reminder: string },
  mailId: string,
): Promise<void> {
  await db
    .updateTable('reviewReminders')
    .set({ mailId })
    .where('consultationId', '=', v.consultationId)
    .where('roundId', '=', v.roundId)
    .where('reviewerId', '=', v.reviewerId)
    .where('reminder', '=', v.reminder)
    .execute();
}
