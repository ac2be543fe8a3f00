import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ActingAs, Database } from '../../db/schema.ts';
import type { Segment } from './ballots.schemas.ts';
import { consultationOf } from '../consultations/consultations.fragments.ts';

export async function findBallot(db: Db, consultationId: string, userId: string) {
  return db
    .selectFrom('ballots')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/**
 * One ballot per participant and consultation: the unique constraint decides, so concurrent casts
 * by one person end in one row (the last write wins). `inserted` tells a first cast from a replacement.
 */
export async function upsertBallot(
  db: Db,
  v: {
    consultationId: string;
    userId: string;
    ranks: Record<string, number>;
    ranking: string;
    actingAs: ActingAs | null;
    invited: boolean;
    idempotencyKey: string | null;
  },
) {
  return db
    .insertInto('ballots')
    .values({ ...v, ranks: JSON.stringify(v.ranks) })
    .onConflict((oc) =>
      oc.columns(['consultationId', 'userId']).doUpdateSet((eb) => ({
        ranks: eb.ref('excluded.ranks'),
        ranking: eb.ref('excluded.ranking'),
        actingAs: eb.ref('excluded.actingAs'),
        invited: eb.ref('excluded.invited'),
        idempotencyKey: eb.ref('excluded.idempotencyKey'),
        updatedAt: sql<Date>`now()`,
      })),
    )
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
}

export async function deleteBallot(db: Db, consultationId: string, userId: string) {
  const res = await db
    .deleteFrom('ballots')
    .where('consultationId', '=', consultationId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A person's ballots with their consultations (a read model for the activity page and the segment sync). */
export async function listByUser(db: Db, userId: string) {
  return db
    .selectFrom('ballots as b')
    .select([
      'b.consultationId',
      'b.ranks',
      'b.createdAt',
      'b.updatedAt',
      consultationOf.slug('b.consultationId').as('slug'),
      consultationOf.title('b.consultationId').as('title'),
      consultationOf.phase('b.consultationId').as('phase'),
      consultationOf.opensAt('b.consultationId').as('opensAt'),
      consultationOf.closesAt('b.consultationId').as('closesAt'),
    ])
    .where('b.userId', '=', userId)
    .orderBy('b.updatedAt', 'desc')
    .execute();
}

export async function setSegment(
  db: Db,
  userId: string,
  consultationIds: readonly string[],
  seg: { actingAs?: ActingAs | null; invited?: boolean },
) {
  if (consultationIds.length === 0) return;
  await db
    .updateTable('ballots')
    .set({
      ...(seg.actingAs !== undefined ? { actingAs: seg.actingAs } : {}),
      ...(seg.invited !== undefined ? { invited: seg.invited } : {}),
    })
    .where('userId', '=', userId)
    .where('consultationId', 'in', [...consultationIds])
    .execute();
}

function segmentFilter(eb: ExpressionBuilder<Database, 'ballots'>, segment: Segment) {
  switch (segment) {
    case 'all':
      return sql<boolean>`true`;
    case 'invited':
      return eb('invited', '=', true);
    case 'not_invited':
      return eb('invited', '=', false);
    case 'citizen':
    case 'business':
    case 'ngo':
    case 'public_authority':
    case 'other':
      return eb('actingAs', '=', segment);
  }
}

/**
 * The count's input: distinct rankings with how many ballots cast each, grouped in the database
 * (an index-only scan of ballots_count_idx), so a million ballots arrive as a few thousand rows.
 */
export async function distinctRankings(db: Db, consultationId: string, segment: Segment) {
  return db
    .selectFrom('ballots')
    .select(['ranking', sql<string>`count(*)`.as('n')])
    .where('consultationId', '=', consultationId)
    .where((eb) => segmentFilter(eb, segment))
    .groupBy('ranking')
    .execute();
}

/**
 * Distinct rankings with counts split by acting-as and invited, in one index-only scan of
 * ballots_count_idx: every segment's count is a sum over these rows (the scenario scorecard).
 */
export async function distinctRankingsBySegment(db: Db, consultationId: string) {
  return db
    .selectFrom('ballots')
    .select(['ranking', 'actingAs', 'invited', sql<string>`count(*)`.as('n')])
    .where('consultationId', '=', consultationId)
    .groupBy(['ranking', 'actingAs', 'invited'])
    .execute();
}

/** Ballots per segment, in one pass. */
export async function segmentCounts(db: Db, consultationId: string) {
  return db
    .selectFrom('ballots')
    .select([
      sql<string>`count(*)`.as('all'),
      sql<string>`count(*) filter (where acting_as = 'citizen')`.as('citizen'),
      sql<string>`count(*) filter (where acting_as = 'business')`.as('business'),
      sql<string>`count(*) filter (where acting_as = 'ngo')`.as('ngo'),
      sql<string>`count(*) filter (where acting_as = 'public_authority')`.as('publicAuthority'),
      sql<string>`count(*) filter (where acting_as = 'other')`.as('other'),
      sql<string>`count(*) filter (where invited)`.as('invited'),
      sql<string>`count(*) filter (where not invited)`.as('notInvited'),
    ])
    .where('consultationId', '=', consultationId)
    .executeTakeFirstOrThrow();
}
