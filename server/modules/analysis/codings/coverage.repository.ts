import { type Expression, sql, type SqlBool } from 'kysely';
import type { Db } from '../../../db/database.ts';

/**
 * Codings read by theme (a tag and its sub-tags) for the reports module's theme summaries (issue 14
 * story 5): counts per theme and the passages under one. Only confirmed codings count (a proposed
 * one is a suggestion until an analyst confirms it, as in the inbox's tag filter). Every statement
 * names the consultation: codings are distributed by it.
 */

// Keyset cursors carry microseconds: a key cut to a JS Date's milliseconds would skip rows.
const cursorAt = sql<string>`to_char(codings.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export type SubtreeCountRow = {
  tagId: string;
  passages: number;
  items: number;
  citedPassages: number;
  citedItems: number;
  uncited: number;
};

/**
 * Per theme (`closure` maps each theme to every tag of its subtree, itself included): its coded
 * passages and distinct items, how many of them the theme's own summary cites (`own`: theme → coding
 * pairs) and how many no summary cites (`anyCited`). Items are told apart by id alone (every kind's ids are
 * random UUIDs): counting distinct (kind, id) rows sorts records and took 4–5 times as long on 200,000 codings.
 */
export async function subtreeCounts(
  db: Db,
  consultationId: string,
  closure: { ancestorId: string; tagId: string }[],
  own: { tagId: string; codingId: string }[],
  anyCited: readonly string[],
  visible?: Expression<SqlBool>,
): Promise<SubtreeCountRow[]> {
  if (closure.length === 0) return [];
  const result = await sql<SubtreeCountRow>`
    with closure(ancestor_id, tag_id) as (
      select * from unnest(${closure.map((c) => c.ancestorId)}::uuid[], ${closure.map((c) => c.tagId)}::uuid[])),
    own(tag_id, coding_id) as (
      select * from unnest(${own.map((o) => o.tagId)}::uuid[], ${own.map((o) => o.codingId)}::uuid[])),
    any_cited(coding_id) as (select distinct x from unnest(${[...anyCited]}::uuid[]) as x)
    select cl.ancestor_id as "tagId",
      count(*)::int as passages,
      count(distinct codings.item_id)::int as items,
      count(o.coding_id)::int as "citedPassages",
      (count(distinct codings.item_id) filter (where o.coding_id is not null))::int as "citedItems",
      (count(*) filter (where a.coding_id is null))::int as uncited
    from codings
    join closure cl on cl.tag_id = codings.tag_id
    left join own o on o.tag_id = cl.ancestor_id and o.coding_id = codings.id
    left join any_cited a on a.coding_id = codings.id
    where codings.consultation_id = ${consultationId} and codings.status = 'confirmed'
      and ${visible ?? sql<boolean>`true`}
    group by cl.ancestor_id`.execute(db);
  return result.rows.map((r) => ({
    tagId: r.tagId,
    passages: Number(r.passages),
    items: Number(r.items),
    citedPassages: Number(r.citedPassages),
    citedItems: Number(r.citedItems),
    uncited: Number(r.uncited),
  }));
}

export type PassageFilter = {
  consultationId: string;
  tagIds: readonly string[];
  /** Codings any summary cites: left out when `uncitedOnly`, else marked. */
  cited: readonly string[];
  uncitedOnly: boolean;
  q?: string | undefined;
  before?: [at: string, id: string] | undefined;
  limit: number;
  visible?: Expression<SqlBool> | undefined;
};

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of the confirmed codings of some tags, newest first, with where they stand (`limit + 1` rows). */
export async function listSubtreeCodings(db: Db, f: PassageFilter) {
  if (f.tagIds.length === 0) return [];
  let q = db
    .selectFrom('codings')
    .innerJoin('codebookTags', (j) =>
      j.onRef('codebookTags.id', '=', 'codings.tagId').on('codebookTags.consultationId', '=', f.consultationId),
    )
    .leftJoin('analysisItems', (j) =>
      j
        .onRef('analysisItems.consultationId', '=', 'codings.consultationId')
        .onRef('analysisItems.kind', '=', 'codings.itemKind')
        .onRef('analysisItems.itemId', '=', 'codings.itemId'),
    )
    .leftJoin('analysisItemTexts', (j) =>
      j
        .onRef('analysisItemTexts.consultationId', '=', 'codings.consultationId')
        .onRef('analysisItemTexts.kind', '=', 'codings.itemKind')
        .onRef('analysisItemTexts.itemId', '=', 'codings.itemId'),
    )
    .select([
      'codings.id',
      'codings.tagId',
      'codings.itemKind',
      'codings.itemId',
      'codings.field',
      'codings.quote',
      'codings.stance',
      sql<{ da: string; en: string }>`codebook_tags.name`.as('tagName'),
      'analysisItems.authorLabel',
      'analysisItems.receivedAt',
      'analysisItemTexts.excerpt',
      sql<boolean>`codings.id = any(${[...f.cited]}::uuid[])`.as('cited'),
      cursorAt.as('cursorAt'),
    ])
    .where('codings.consultationId', '=', f.consultationId)
    .where('codings.status', '=', 'confirmed')
    .where('codings.tagId', 'in', [...f.tagIds]);
  if (f.uncitedOnly && f.cited.length > 0) q = q.where(sql<boolean>`not (codings.id = any(${[...f.cited]}::uuid[]))`);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where(
      sql<boolean>`(coalesce(codings.quote, analysis_item_texts.excerpt, '') ilike ${p} or coalesce(analysis_items.author_label, '') ilike ${p})`,
    );
  }
  if (f.visible) q = q.where(f.visible);
  if (f.before) {
    const [at, id] = f.before;
    q = q.where(sql<boolean>`(codings.created_at, codings.id) < (${at}::timestamptz, ${id}::uuid)`);
  }
  return q
    .orderBy('codings.createdAt', 'desc')
    .orderBy('codings.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}
export type PassageRow = Awaited<ReturnType<typeof listSubtreeCodings>>[number];

/** Some codings of a consultation by id (what a summary cites), with where they stand; missing ids are absent. */
export async function codingsByIds(db: Db, consultationId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('codings')
    .innerJoin('codebookTags', (j) =>
      j.onRef('codebookTags.id', '=', 'codings.tagId').on('codebookTags.consultationId', '=', consultationId),
    )
    .leftJoin('analysisItems', (j) =>
      j
        .onRef('analysisItems.consultationId', '=', 'codings.consultationId')
        .onRef('analysisItems.kind', '=', 'codings.itemKind')
        .onRef('analysisItems.itemId', '=', 'codings.itemId'),
    )
    .leftJoin('analysisItemTexts', (j) =>
      j
        .onRef('analysisItemTexts.consultationId', '=', 'codings.consultationId')
        .onRef('analysisItemTexts.kind', '=', 'codings.itemKind')
        .onRef('analysisItemTexts.itemId', '=', 'codings.itemId'),
    )
    .select([
      'codings.id',
      'codings.tagId',
      'codings.status',
      'codings.itemKind',
      'codings.itemId',
      'codings.field',
      'codings.quote',
      'codings.stance',
      sql<{ da: string; en: string }>`codebook_tags.name`.as('tagName'),
      'analysisItems.authorLabel',
      'analysisItems.receivedAt',
      'analysisItemTexts.excerpt',
    ])
    .where('codings.consultationId', '=', consultationId)
    .where('codings.id', 'in', [...ids])
    .execute();
}
export type CitedCodingRow = Awaited<ReturnType<typeof codingsByIds>>[number];
