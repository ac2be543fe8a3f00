import { type Expression, sql, type SqlBool } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { displayNameOf } from '../../accounts/accounts.fragments.ts';
import type { CodingItemKind, CodingStatus, Stance } from '../../../db/schema.ts';

/** The codings table (issue 11 story 4). */

// Keyset cursors carry microseconds: a key cut to a JS Date's milliseconds would skip rows.
const cursorAt = sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function codingQuery(db: Db) {
  return db
    .selectFrom('codings')
    .selectAll()
    .select([cursorAt.as('cursorAt'), displayNameOf('codings.coderId').as('coderName')]);
}
export type CodingRow = Awaited<ReturnType<ReturnType<typeof codingQuery>['executeTakeFirstOrThrow']>>;

export async function findCoding(db: Db, consultationId: string, id: string, lock = false) {
  let q = codingQuery(db).where('consultationId', '=', consultationId).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** `visible`: the condition a coding must meet to be listed (coder agreement's blind coding hides some). */
export async function listItemCodings(
  db: Db,
  consultationId: string,
  itemKind: CodingItemKind,
  itemId: string,
  visible?: Expression<SqlBool>,
) {
  let q = codingQuery(db)
    .where('consultationId', '=', consultationId)
    .where('itemKind', '=', itemKind)
    .where('itemId', '=', itemId);
  if (visible) q = q.where(visible);
  return q.orderBy('createdAt').orderBy('id').execute();
}

export type CodingFilter = {
  consultationId: string;
  tagId?: string | undefined;
  itemKind?: CodingItemKind | undefined;
  itemId?: string | undefined;
  coderId?: string | undefined;
  status?: CodingStatus | undefined;
  before?: [at: string, id: string] | undefined;
  limit: number;
  /** The condition a coding must meet to be listed (coder agreement's blind coding hides some). */
  visible?: Expression<SqlBool> | undefined;
};

/** One page of a consultation's codings, newest first; `limit + 1` rows so the caller sees whether more exist. */
export async function listCodings(db: Db, f: CodingFilter) {
  let q = codingQuery(db).where('consultationId', '=', f.consultationId);
  if (f.tagId) q = q.where('tagId', '=', f.tagId);
  if (f.itemKind) q = q.where('itemKind', '=', f.itemKind);
  if (f.itemId) q = q.where('itemId', '=', f.itemId);
  if (f.coderId) q = q.where('coderId', '=', f.coderId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.visible) q = q.where(f.visible);
  if (f.before) {
    const [at, id] = f.before;
    q = q.where(sql<boolean>`(created_at, id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export type NewCoding = {
  consultationId: string;
  tagId: string;
  itemKind: CodingItemKind;
  itemId: string;
  field: string | null;
  itemVersion: number | null;
  startOffset: number | null;
  endOffset: number | null;
  quote: string | null;
  stance: Stance | null;
  note: string;
  coderId: string;
};

export async function insertCoding(db: Db, v: NewCoding): Promise<string> {
  const row = await db.insertInto('codings').values(v).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCoding(
  db: Db,
  consultationId: string,
  id: string,
  v: Partial<{ tagId: string; stance: Stance | null; note: string }>,
) {
  await db
    .updateTable('codings')
    .set({ ...v, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function deleteCoding(db: Db, consultationId: string, id: string) {
  await db.deleteFrom('codings').where('consultationId', '=', consultationId).where('id', '=', id).execute();
}

/** Gives every coding of one tag another tag (a merge); returns the moved codings' ids. */
export async function retagCodings(db: Db, consultationId: string, fromTagId: string, toTagId: string) {
  const rows = await db
    .updateTable('codings')
    .set({ tagId: toTagId, updatedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('tagId', '=', fromTagId)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The codings of many items of one consultation (an export's batch), with their tag's name; oldest first. */
const ITEM_KINDS: CodingItemKind[] = ['response', 'comment', 'finding', 'stakeholder_input'];

export async function codingsOfItems(
  db: Db,
  consultationId: string,
  itemIds: readonly string[],
  visible?: Expression<SqlBool>,
) {
  if (itemIds.length === 0) return [];
  let q = db
    .selectFrom('codings')
    .innerJoin('codebookTags', 'codebookTags.id', 'codings.tagId')
    .select([
      'codings.itemId',
      'codings.stance',
      'codings.quote',
      'codings.status',
      'codings.field',
      sql<{ da: string; en: string }>`codebook_tags.name`.as('tagName'),
      displayNameOf('codings.coderId').as('coderName'),
    ])
    .where('codings.consultationId', '=', consultationId)
    // Every kind named, so the item index (consultation_id, item_kind, item_id) is bound in all its
    // columns: without it each id scanned the consultation's whole range (0.5 s per 2,000 ids).
    .where('codings.itemKind', 'in', ITEM_KINDS)
    .where('codings.itemId', 'in', itemIds);
  if (visible) q = q.where(visible);
  return q.orderBy('codings.createdAt').orderBy('codings.id').execute();
}

/**
 * Issue 14 story 7: the confirmed codings of some items with their tags' names, for the items' own
 * authors ("how your input was used"): never proposed codings, the coder or the note.
 */
export async function confirmedCodingsOfItems(db: Db, consultationId: string, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('codings')
    .innerJoin('codebookTags', 'codebookTags.id', 'codings.tagId')
    .select([
      'codings.id',
      'codings.tagId',
      'codings.itemKind',
      'codings.itemId',
      'codings.field',
      'codings.startOffset',
      'codings.endOffset',
      sql<{ da: string; en: string }>`codebook_tags.name`.as('tagName'),
    ])
    .where('codings.consultationId', '=', consultationId)
    .where('codings.itemKind', 'in', ITEM_KINDS)
    .where('codings.itemId', 'in', itemIds)
    .where('codings.status', '=', 'confirmed')
    .orderBy('codings.createdAt')
    .orderBy('codings.id')
    .execute();
}
