import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { Localized } from '../../../db/schema.ts';

/** The codebook_tags table (issue 11 story 3), and the coding counts per tag. */

export type TagRow = Awaited<ReturnType<typeof listTags>>[number];

export async function listTags(db: Db, consultationId: string, opts: { archived?: boolean } = {}) {
  let q = db.selectFrom('codebookTags').selectAll().where('consultationId', '=', consultationId);
  if (!opts.archived) q = q.where('archivedAt', 'is', null);
  return q.orderBy('position').orderBy('id').execute();
}

/**
 * Every tag of a consultation, locked: a structural change (create, move, merge, archive, import)
 * holds them so two changes never interleave into a cycle, and a coding waits for a merge to finish.
 */
export async function lockTags(db: Db, consultationId: string) {
  return db
    .selectFrom('codebookTags')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function findTag(db: Db, id: string, lock?: 'update' | 'share') {
  let q = db.selectFrom('codebookTags').selectAll().where('id', '=', id);
  if (lock === 'update') q = q.forUpdate();
  if (lock === 'share') q = q.forShare();
  return q.executeTakeFirst();
}

/** Confirmed and proposed codings per tag of a consultation. */
export async function countCodings(db: Db, consultationId: string) {
  const rows = await db
    .selectFrom('codings')
    .select([
      'tagId',
      sql<number>`count(*) filter (where status = 'confirmed')::int`.as('confirmed'),
      sql<number>`count(*) filter (where status = 'proposed')::int`.as('proposed'),
    ])
    .where('consultationId', '=', consultationId)
    .groupBy('tagId')
    .execute();
  return new Map(rows.map((r) => [r.tagId, { confirmed: Number(r.confirmed), proposed: Number(r.proposed) }]));
}

export type NewTag = {
  /** Given when a caller links parents and children made in the same statement (an import). */
  id?: string;
  consultationId: string;
  parentId: string | null;
  name: Localized;
  definition: string;
  includeNote: string;
  excludeNote: string;
  example: string;
  scenarioId: string | null;
  position: number;
  createdBy: string | null;
};

export async function insertTags(db: Db, tags: readonly NewTag[]): Promise<string[]> {
  if (!tags.length) return [];
  const rows = await db
    .insertInto('codebookTags')
    .values(tags.map((t) => ({ ...t, name: JSON.stringify(t.name) })))
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export type TagChanges = Partial<{
  name: Localized;
  definition: string;
  includeNote: string;
  excludeNote: string;
  example: string;
  scenarioId: string | null;
  parentId: string | null;
  archivedAt: Date | null;
  mergedIntoId: string | null;
}>;

/** Changes a tag and counts a new version of it. */
export async function updateTag(db: Db, id: string, changes: TagChanges) {
  const { name, ...rest } = changes;
  await db
    .updateTable('codebookTags')
    .set({
      ...rest,
      ...(name ? { name: JSON.stringify(name) } : {}),
      version: sql<number>`version + 1`,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Rewrites the positions of one parent's children in one statement (the list order, from 0). */
export async function setPositions(db: Db, consultationId: string, ids: readonly string[]) {
  if (!ids.length) return;
  await sql`
    update codebook_tags t set position = o.ord - 1
    from unnest(${sql.val([...ids])}::uuid[]) with ordinality as o(id, ord)
    where t.id = o.id and t.consultation_id = ${consultationId} and t.position <> o.ord - 1`.execute(db);
}

/** Archives (or restores) tags; `archivedAt` null restores. */
export async function setArchived(db: Db, consultationId: string, ids: readonly string[], archivedAt: Date | null) {
  if (!ids.length) return;
  await db
    .updateTable('codebookTags')
    .set({ archivedAt, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', 'in', ids)
    .execute();
}

/** Moves tags under a new parent, keeping their order after the parent's existing children. */
export async function reparent(db: Db, consultationId: string, ids: readonly string[], parentId: string | null) {
  if (!ids.length) return;
  await db
    .updateTable('codebookTags')
    .set({ parentId, version: sql<number>`version + 1`, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', 'in', ids)
    .execute();
}
