import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { displayNameOf } from '../accounts/accounts.fragments.ts';

/** What the analysis inbox indexes of a comment (issue 11 story 1), whatever its moderation state. */
export type CommentForAnalysis = {
  consultationId: string;
  id: string;
  scenarioId: string;
  status: 'visible' | 'hidden' | 'deleted';
  createdAt: Date;
  editedAt: Date | null;
  authorName: string;
  body: string;
};

export type CommentKey = { consultationId: string; id: string };

export async function commentsForAnalysis(db: Db, keys: readonly CommentKey[]): Promise<CommentForAnalysis[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom('comments as c')
    .select([
      'c.consultationId',
      'c.id',
      'c.scenarioId',
      'c.status',
      'c.createdAt',
      'c.editedAt',
      displayNameOf('c.authorId').$notNull().as('authorName'),
      'c.body',
    ])
    .where(
      sql<boolean>`(c.consultation_id, c.id) in (select * from unnest(${sql.val(keys.map((k) => k.consultationId))}::uuid[], ${sql.val(keys.map((k) => k.id))}::uuid[]))`,
    )
    .execute();
}

/** Every comment's key, in key order from `after`: the inbox's first run walks them all. */
export async function commentKeysAfter(db: Db, after: CommentKey | null, limit: number): Promise<CommentKey[]> {
  let q = db.selectFrom('comments').select(['consultationId', 'id']);
  if (after) q = q.where(sql<boolean>`(consultation_id, id) > (${after.consultationId}::uuid, ${after.id}::uuid)`);
  return q.orderBy('consultationId').orderBy('id').limit(limit).execute();
}
