import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Database, ParagraphText } from '../../db/schema.ts';
import { displayNameOf } from '../accounts/accounts.fragments.ts';
import { consultationOf } from '../consultations/consultations.fragments.ts';
import { scenarioOf } from '../scenarios/scenarios.fragments.ts';

type Eb = ExpressionBuilder<Database & { c: Database['comments'] }, 'c'>;

// Supports are counted per comment through the primary key (consultation_id, comment_id, user_id).
const supportCount = (eb: Eb) =>
  eb
    .selectFrom('commentSupports as s')
    .select(sql<number>`count(*)::int`.as('n'))
    .whereRef('s.consultationId', '=', 'c.consultationId')
    .whereRef('s.commentId', '=', 'c.id');

// A visitor is the nil UUID, which is nobody's id.
const supportedBy = (eb: Eb, viewerId: string | null) =>
  eb.exists(
    eb
      .selectFrom('commentSupports as s')
      .select(sql`1`.as('one'))
      .whereRef('s.consultationId', '=', 'c.consultationId')
      .whereRef('s.commentId', '=', 'c.id')
      .where('s.userId', '=', viewerId ?? '00000000-0000-0000-0000-000000000000'),
  );

/** A comment with its author's display name (a read of the accounts' users table) and supports. */
function commentQuery(db: Db, viewerId: string | null) {
  return db
    .selectFrom('comments as c')
    .select([
      'c.consultationId',
      'c.id',
      'c.scenarioId',
      'c.authorId',
      displayNameOf('c.authorId').$notNull().as('authorName'),
      'c.parentId',
      'c.paragraphId',
      'c.paragraphText',
      'c.scenarioVersion',
      'c.body',
      'c.status',
      'c.hiddenReason',
      'c.createdAt',
      'c.editedAt',
      'c.idempotencyKey',
    ])
    .select((eb) => [supportCount(eb).as('supportCount'), supportedBy(eb, viewerId).as('supportedByMe')])
    .select(sql<string>`to_char(c.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('cursorAt'));
}
export type CommentRow = Awaited<ReturnType<ReturnType<typeof commentQuery>['executeTakeFirstOrThrow']>>;

export async function findComment(db: Db, id: string, viewerId: string | null = null) {
  return commentQuery(db, viewerId).where('c.id', '=', id).executeTakeFirst();
}

export async function findByIdempotencyKey(db: Db, consultationId: string, authorId: string, key: string) {
  return commentQuery(db, authorId)
    .where('c.consultationId', '=', consultationId)
    .where('c.authorId', '=', authorId)
    .where('c.idempotencyKey', '=', key)
    .executeTakeFirst();
}

/**
 * One page of top-level comments, oldest first. A deleted one stays (as "removed") only while it
 * has replies that are not deleted, so a thread never loses its context.
 */
export async function listThreads(
  db: Db,
  f: {
    consultationId: string;
    scenarioId: string;
    viewerId: string | null;
    paragraph?: string | undefined;
    after?: [string, string];
    limit: number;
  },
) {
  let q = commentQuery(db, f.viewerId)
    .where('c.consultationId', '=', f.consultationId)
    .where('c.scenarioId', '=', f.scenarioId)
    .where('c.parentId', 'is', null)
    .where((eb) =>
      eb.or([
        eb('c.status', '!=', 'deleted'),
        eb.exists(
          eb
            .selectFrom('comments as r')
            .select(sql`1`.as('one'))
            .whereRef('r.consultationId', '=', 'c.consultationId')
            .whereRef('r.parentId', '=', 'c.id')
            .where('r.status', '!=', 'deleted'),
        ),
      ]),
    );
  if (f.paragraph === 'none') q = q.where('c.paragraphId', 'is', null);
  else if (f.paragraph) q = q.where('c.paragraphId', '=', f.paragraph);
  if (f.after) {
    const [at, id] = f.after;
    q = q.where(sql<boolean>`(c.created_at, c.id) > (${at}::timestamptz, ${id}::uuid)`);
  }
  return q
    .orderBy('c.createdAt')
    .orderBy('c.id')
    .limit(f.limit + 1)
    .execute();
}

export async function listReplies(
  db: Db,
  consultationId: string,
  parentIds: readonly string[],
  viewerId: string | null,
) {
  if (parentIds.length === 0) return [];
  return commentQuery(db, viewerId)
    .where('c.consultationId', '=', consultationId)
    .where('c.parentId', 'in', [...parentIds])
    .where('c.status', '!=', 'deleted')
    .orderBy('c.createdAt')
    .orderBy('c.id')
    .execute();
}

/** Visible comments per paragraph (null: on the whole scenario); hidden ones are never counted. */
export async function countVisibleByParagraph(db: Db, consultationId: string, scenarioId: string) {
  return db
    .selectFrom('comments')
    .select(['paragraphId', sql<number>`count(*)::int`.as('n')])
    .where('consultationId', '=', consultationId)
    .where('scenarioId', '=', scenarioId)
    .where('status', '=', 'visible')
    .groupBy('paragraphId')
    .execute();
}

export async function insertComment(
  db: Db,
  v: {
    consultationId: string;
    scenarioId: string;
    authorId: string;
    parentId: string | null;
    paragraphId: string | null;
    paragraphText: ParagraphText | null;
    scenarioVersion: number;
    body: string;
    idempotencyKey: string | null;
  },
) {
  // With a key, a concurrent twin that got there first wins and this insert returns nothing.
  return db
    .insertInto('comments')
    .values({ ...v, paragraphText: v.paragraphText === null ? null : JSON.stringify(v.paragraphText) })
    .onConflict((oc) => oc.columns(['consultationId', 'authorId', 'idempotencyKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function updateBody(db: Db, consultationId: string, id: string, body: string) {
  await db
    .updateTable('comments')
    .set({ body, editedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

/** A deletion keeps the row (a thread's replies keep their place) but none of its text. */
export async function markDeleted(db: Db, consultationId: string, id: string) {
  await db
    .updateTable('comments')
    .set({ status: 'deleted', body: '', deletedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function setModeration(
  db: Db,
  consultationId: string,
  id: string,
  v: { status: 'visible' | 'hidden'; hiddenReason: string | null; hiddenBy: string | null },
) {
  await db
    .updateTable('comments')
    .set({ ...v, hiddenAt: v.status === 'hidden' ? sql<Date>`now()` : null })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function addSupport(db: Db, consultationId: string, commentId: string, userId: string) {
  await db
    .insertInto('commentSupports')
    .values({ consultationId, commentId, userId })
    .onConflict((oc) => oc.columns(['consultationId', 'commentId', 'userId']).doNothing())
    .execute();
}

export async function removeSupport(db: Db, consultationId: string, commentId: string, userId: string) {
  await db
    .deleteFrom('commentSupports')
    .where('consultationId', '=', consultationId)
    .where('commentId', '=', commentId)
    .where('userId', '=', userId)
    .execute();
}

/** The author's own comments with where they were written (a read model for the activity page). */
export async function listByAuthor(db: Db, authorId: string, limit: number) {
  return db
    .selectFrom('comments as c')
    .select([
      'c.id',
      'c.parentId',
      'c.paragraphId',
      'c.body',
      'c.status',
      'c.hiddenReason',
      'c.createdAt',
      'c.editedAt',
      'c.scenarioId',
      scenarioOf.key('c.scenarioId').as('scenarioKey'),
      scenarioOf.title('c.scenarioId').as('scenarioTitle'),
      'c.consultationId',
      consultationOf.slug('c.consultationId').as('consultationSlug'),
      consultationOf.title('c.consultationId').as('consultationTitle'),
    ])
    .select((eb) => supportCount(eb).as('supportCount'))
    .where('c.authorId', '=', authorId)
    .where('c.status', '!=', 'deleted')
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
}

/** Issue 14 story 7: an author's comments in one consultation (not deleted), oldest first. */
export async function listByAuthorIn(db: Db, consultationId: string, authorId: string) {
  return db
    .selectFrom('comments as c')
    .select(['c.id', 'c.body', 'c.createdAt', scenarioOf.key('c.scenarioId').as('scenarioKey')])
    .where('c.consultationId', '=', consultationId)
    .where('c.authorId', '=', authorId)
    .where('c.status', '!=', 'deleted')
    .orderBy('c.createdAt')
    .orderBy('c.id')
    .execute();
}

/** Issue 14 story 7: the distinct authors of a consultation's comments (not deleted), after `afterId`. */
export async function authorsAfter(db: Db, consultationId: string, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('comments')
    .select('authorId')
    .distinct()
    .where('consultationId', '=', consultationId)
    .where('status', '!=', 'deleted');
  if (afterId) q = q.where('authorId', '>', afterId);
  return q.orderBy('authorId').limit(limit).execute();
}
