import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

/**
 * Proposed codings (issue 11 story 8): codings with status 'proposed', made from an accepted
 * candidate's members, confirmed or rejected by an analyst. They live in the codings table with
 * every other coding; the inbox's filters and the codebook's counts read only confirmed ones.
 */

/**
 * Proposes a coding of each member still in the inbox (not deleted), of the whole item, with the
 * tag; the proposer is the coder until an analyst confirms it. Returns how many were made.
 */
export async function insertProposed(
  db: Db,
  v: { consultationId: string; tagId: string; coderId: string; members: readonly [string, string, number][] },
): Promise<number> {
  if (v.members.length === 0) return 0;
  const r = await sql`
    insert into codings (consultation_id, tag_id, item_kind, item_id, item_version, status, coder_id)
    select i.consultation_id, ${v.tagId}::uuid, i.kind, i.item_id,
           case when i.kind = 'response' then i.item_version end, 'proposed', ${v.coderId}::uuid
      from unnest(${v.members.map((m) => m[0])}::text[], ${v.members.map((m) => m[1])}::uuid[]) as m(kind, id)
      join analysis_items i on i.consultation_id = ${v.consultationId}::uuid and i.kind = m.kind and i.item_id = m.id
     where i.source_status not in ('deleted', 'withdrawn') and i.kind in ('response', 'comment')`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** A page of proposed codings, by id, with their item's excerpt and author from the inbox. */
export async function listProposed(
  db: Db,
  f: { consultationId: string; tagId?: string | undefined; after?: string | undefined; limit: number },
) {
  let q = db
    .selectFrom('codings as k')
    .leftJoin('analysisItems as i', (j) =>
      j
        .onRef('i.consultationId', '=', 'k.consultationId')
        .onRef('i.kind', '=', 'k.itemKind')
        .onRef('i.itemId', '=', 'k.itemId'),
    )
    .leftJoin('analysisItemTexts as x', (j) =>
      j
        .onRef('x.consultationId', '=', 'k.consultationId')
        .onRef('x.kind', '=', 'k.itemKind')
        .onRef('x.itemId', '=', 'k.itemId'),
    )
    .select([
      'k.id',
      'k.tagId',
      'k.itemKind',
      'k.itemId',
      'k.coderId',
      'k.createdAt',
      sql<string>`coalesce(x.excerpt, '')`.as('excerpt'),
      sql<string>`coalesce(i.author_label, '')`.as('author'),
    ])
    .where('k.consultationId', '=', f.consultationId)
    .where('k.status', '=', 'proposed');
  if (f.tagId) q = q.where('k.tagId', '=', f.tagId);
  if (f.after) q = q.where('k.id', '>', f.after);
  return q
    .orderBy('k.id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * The proposed codings named (by id, or every one of a tag), locked for this transaction; with
 * their tag and coder, for the audit event.
 */
export async function lockProposed(db: Db, consultationId: string, by: { ids?: readonly string[]; tagId?: string }) {
  let q = db
    .selectFrom('codings')
    .select(['id', 'tagId', 'itemKind', 'itemId', 'coderId'])
    .where('consultationId', '=', consultationId)
    .where('status', '=', 'proposed');
  if (by.ids) q = q.where('id', 'in', [...by.ids]);
  if (by.tagId) q = q.where('tagId', '=', by.tagId);
  return q.orderBy('id').forUpdate().execute();
}

/** Confirms proposed codings: they count from now on, as the confirming analyst's codings. */
export async function confirmProposed(db: Db, consultationId: string, ids: readonly string[], coderId: string) {
  for (let i = 0; i < ids.length; i += 1000) {
    await db
      .updateTable('codings')
      .set({ status: 'confirmed', coderId, updatedAt: sql<Date>`now()` })
      .where('consultationId', '=', consultationId)
      .where('status', '=', 'proposed')
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
  }
}

export async function deleteProposed(db: Db, consultationId: string, ids: readonly string[]) {
  for (let i = 0; i < ids.length; i += 1000) {
    await db
      .deleteFrom('codings')
      .where('consultationId', '=', consultationId)
      .where('status', '=', 'proposed')
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute();
  }
}
