import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { NoteFormat, ReviewPosition } from '../../../db/schema.ts';
import { displayNameOf } from '../../accounts/accounts.fragments.ts';

const scenarioIdsOf = sql<string[]>`coalesce((select array_agg(s.scenario_id order by s.scenario_id)
  from review_round_scenarios s where s.consultation_id = review_rounds.consultation_id
  and s.round_id = review_rounds.id), '{}')`;

export async function listRounds(db: Db, consultationId: string) {
  return db
    .selectFrom('reviewRounds')
    .selectAll()
    .select(scenarioIdsOf.as('scenarioIds'))
    .where('consultationId', '=', consultationId)
    .orderBy('number', 'desc')
    .execute();
}

export async function findRound(db: Db, consultationId: string, roundId: string, opts = { forUpdate: false }) {
  let q = db
    .selectFrom('reviewRounds')
    .selectAll()
    .select(scenarioIdsOf.as('scenarioIds'))
    .where('consultationId', '=', consultationId)
    .where('id', '=', roundId);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}
export type RoundRow = NonNullable<Awaited<ReturnType<typeof findRound>>>;

export async function insertRound(
  db: Db,
  v: { consultationId: string; dueAt: Date; openedBy: string; scenarioIds: readonly string[] },
): Promise<string> {
  const { n } = await db
    .selectFrom('reviewRounds')
    .select(sql<number>`coalesce(max(number), 0) + 1`.as('n'))
    .where('consultationId', '=', v.consultationId)
    .executeTakeFirstOrThrow();
  const { id } = await db
    .insertInto('reviewRounds')
    .values({ consultationId: v.consultationId, number: n, dueAt: v.dueAt, openedBy: v.openedBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('reviewRoundScenarios')
    .values(v.scenarioIds.map((scenarioId) => ({ consultationId: v.consultationId, roundId: id, scenarioId })))
    .execute();
  return id;
}

export async function closeRound(db: Db, consultationId: string, roundId: string, closedBy: string) {
  await db
    .updateTable('reviewRounds')
    .set({ status: 'closed', closedAt: sql<Date>`now()`, closedBy })
    .where('consultationId', '=', consultationId)
    .where('id', '=', roundId)
    .execute();
}

const reviewColumns = [
  'r.id',
  'r.roundId',
  'r.scenarioId',
  'r.reviewerId',
  'r.authority',
  'r.position',
  'r.conditions',
  'r.reasons',
  'r.note',
  'r.noteFormat',
  'r.revision',
  'r.updatedAt',
] as const;

export async function listReviews(db: Db, consultationId: string, roundId: string, reviewerId?: string) {
  let q = db
    .selectFrom('reviews as r')
    .select(reviewColumns)
    .select(displayNameOf('r.reviewerId').as('reviewerName'))
    .where('r.consultationId', '=', consultationId)
    .where('r.roundId', '=', roundId);
  if (reviewerId) q = q.where('r.reviewerId', '=', reviewerId);
  return q.orderBy('r.authority').orderBy('r.createdAt').execute();
}
export type ReviewRow = Awaited<ReturnType<typeof listReviews>>[number];

export async function findReviewById(db: Db, consultationId: string, reviewId: string) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('reviewRounds as rr', (j) =>
      j.onRef('rr.consultationId', '=', 'r.consultationId').onRef('rr.id', '=', 'r.roundId'),
    )
    .select(['r.id', 'r.reviewerId', 'rr.status as roundStatus'])
    .where('r.consultationId', '=', consultationId)
    .where('r.id', '=', reviewId)
    .executeTakeFirst();
}

export type ReviewValues = {
  position: ReviewPosition;
  conditions: string[];
  reasons: string | null;
  note: string;
  noteFormat: NoteFormat;
};

/**
 * Writes a reviewer's position as a new revision: the current row is inserted or updated (its
 * revision number goes up by one under the row's lock) and the same values are kept in
 * review_revisions. Returns the review's id and revision.
 */
export async function writeReview(
  db: Db,
  key: { consultationId: string; roundId: string; scenarioId: string; reviewerId: string; authority: string },
  v: ReviewValues,
): Promise<{ id: string; revision: number }> {
  const values = { ...v, conditions: JSON.stringify(v.conditions) };
  const row = await db
    .insertInto('reviews')
    .values({ ...key, ...values })
    .onConflict((oc) =>
      oc.columns(['consultationId', 'roundId', 'scenarioId', 'reviewerId']).doUpdateSet({
        ...values,
        authority: key.authority,
        revision: sql<number>`reviews.revision + 1`,
        updatedAt: sql<Date>`now()`,
      }),
    )
    .returning(['id', 'revision'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('reviewRevisions')
    .values({
      consultationId: key.consultationId,
      reviewId: row.id,
      revision: row.revision,
      ...values,
      writtenBy: key.reviewerId,
    })
    .execute();
  return row;
}

export async function listRevisions(db: Db, consultationId: string, reviewId: string) {
  return db
    .selectFrom('reviewRevisions')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .where('reviewId', '=', reviewId)
    .orderBy('revision', 'desc')
    .execute();
}

/** Per round of the consultations a user reviews: how many of its scenarios the user has a position on. */
export async function roundsWithProgress(db: Db, consultationIds: readonly string[], reviewerId: string) {
  if (consultationIds.length === 0) return [];
  return db
    .selectFrom('reviewRounds as rr')
    .select([
      'rr.consultationId',
      'rr.id',
      'rr.number',
      'rr.status',
      'rr.dueAt',
      sql<number>`(select count(*)::int from review_round_scenarios s
        where s.consultation_id = rr.consultation_id and s.round_id = rr.id)`.as('scenarios'),
      sql<number>`(select count(*)::int from reviews r where r.consultation_id = rr.consultation_id
        and r.round_id = rr.id and r.reviewer_id = ${reviewerId})`.as('signed'),
    ])
    .where('rr.consultationId', 'in', [...consultationIds])
    .orderBy('rr.number', 'desc')
    .execute();
}
