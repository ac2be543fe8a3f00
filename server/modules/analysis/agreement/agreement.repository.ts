import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import { type InboxFilter, inboxConditions } from '../inbox/inbox.repository.ts';

/**
 * The coder agreement tables (issue 11 story 7): agreement_samples, agreement_sample_items and
 * agreement_sample_coders. Codings, tags and inbox rows are the analysis module's own tables too.
 */

export async function nextNumber(db: Db, consultationId: string): Promise<number> {
  const r = await db
    .selectFrom('agreementSamples')
    .select(sql<number>`coalesce(max(number), 0)::int + 1`.as('n'))
    .where('consultationId', '=', consultationId)
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function insertSample(
  db: Db,
  v: { consultationId: string; number: number; seed: string; size: number; filters: object; createdBy: string },
): Promise<string> {
  const row = await db
    .insertInto('agreementSamples')
    .values({ ...v, filters: JSON.stringify(v.filters) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Draws the sample in one statement: the codable inbox items the filter matches, ordered by
 * md5(seed || ':' || item id) (then the id), the first `size` of them. The order depends only on
 * the seed and each item's own id, so the same seed, filters and items give the same sample, and
 * an item that arrives later does not reshuffle the others. Returns how many were drawn.
 */
export async function drawItems(db: Db, sampleId: string, f: InboxFilter, seed: string, size: number) {
  const where = inboxConditions(f);
  const key = sql`md5(${seed} || ':' || i.item_id::text), i.item_id`;
  const r = await sql`
    insert into agreement_sample_items (sample_id, position, item_kind, item_id)
    select ${sampleId}::uuid, (row_number() over (order by ${key}) - 1)::int, i.kind, i.item_id
      from analysis_items i
     where ${sql.join(where, sql` and `)} and i.kind in ('response', 'comment')
     order by ${key}
     limit ${size}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function insertCoders(db: Db, sampleId: string, coders: readonly { id: string; name: string }[]) {
  await db
    .insertInto('agreementSampleCoders')
    .values(coders.map((c) => ({ sampleId, userId: c.id, displayName: c.name })))
    .execute();
}

const sampleColumns = [
  'id',
  'consultationId',
  'number',
  'seed',
  'size',
  'filters',
  'status',
  'createdAt',
  'closedAt',
] as const;

export async function listSamples(db: Db, consultationId: string) {
  return db
    .selectFrom('agreementSamples')
    .select(sampleColumns)
    .where('consultationId', '=', consultationId)
    .orderBy('number', 'desc')
    .execute();
}
export type SampleRow = Awaited<ReturnType<typeof listSamples>>[number];

export async function findSample(db: Db, id: string, lock = false) {
  let q = db.selectFrom('agreementSamples').select(sampleColumns).where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function closeSample(db: Db, id: string, closedBy: string) {
  await db
    .updateTable('agreementSamples')
    .set({ status: 'closed', closedAt: sql<Date>`now()`, closedBy })
    .where('id', '=', id)
    .execute();
}

/** Per sample and coder: the name, and how many sample items the coder has coded (confirmed codings). */
export async function codersOf(db: Db, consultationId: string, sampleIds: readonly string[]) {
  if (sampleIds.length === 0) return [];
  const r = await sql<{ sampleId: string; userId: string; displayName: string; done: number; items: number }>`
    select c.sample_id, c.user_id, c.display_name,
           (select count(*)::int from agreement_sample_items si
             where si.sample_id = c.sample_id
               and exists (select 1 from codings k
                            where k.consultation_id = ${consultationId} and k.item_kind = si.item_kind
                              and k.item_id = si.item_id and k.coder_id = c.user_id and k.status = 'confirmed')) as done,
           (select count(*)::int from agreement_sample_items si where si.sample_id = c.sample_id) as items
      from agreement_sample_coders c
     where c.sample_id = any(${[...sampleIds]}::uuid[])
     order by c.display_name, c.user_id`.execute(db);
  return r.rows;
}

/** The sample's items in draw order, with the inbox's excerpt. */
export async function sampleItems(db: Db, consultationId: string, sampleId: string) {
  const r = await sql<{ position: number; itemKind: 'response' | 'comment'; itemId: string; excerpt: string | null }>`
    select si.position, si.item_kind, si.item_id, x.excerpt
      from agreement_sample_items si
      left join analysis_item_texts x on x.consultation_id = ${consultationId} and x.kind = si.item_kind and x.item_id = si.item_id
     where si.sample_id = ${sampleId}
     order by si.position`.execute(db);
  return r.rows;
}

export type SampleCodingRow = { itemId: string; coderId: string; tagId: string; quotes: string[] | null };

/**
 * The tags each coder applied to each sample item (confirmed codings only, whole item or any
 * passage), one row per item × coder × tag with the coded words: the one aggregate results need.
 */
export async function sampleCodings(db: Db, consultationId: string, sampleId: string) {
  const r = await sql<SampleCodingRow>`
    select k.item_id, k.coder_id, k.tag_id,
           array_agg(k.quote order by k.field, k.start_offset) filter (where k.quote is not null) as quotes
      from agreement_sample_items si
      join agreement_sample_coders c on c.sample_id = si.sample_id
      join codings k on k.consultation_id = ${consultationId} and k.item_kind = si.item_kind
                    and k.item_id = si.item_id and k.coder_id = c.user_id and k.status = 'confirmed'
     where si.sample_id = ${sampleId}
     group by k.item_id, k.coder_id, k.tag_id`.execute(db);
  return r.rows;
}

export async function tagNames(db: Db, consultationId: string, tagIds: readonly string[]) {
  if (tagIds.length === 0) return [];
  return db
    .selectFrom('codebookTags')
    .select(['id', 'name'])
    .where('consultationId', '=', consultationId)
    .where('id', 'in', [...tagIds])
    .execute();
}

/** The samples of this consultation that hold the item, and whether the user is one of their coders. */
export async function samplesWithItem(db: Db, consultationId: string, itemId: string, userId: string) {
  const r = await sql<{ id: string; number: number; status: 'open' | 'closed'; coder: boolean }>`
    select s.id, s.number, s.status,
           exists (select 1 from agreement_sample_coders c where c.sample_id = s.id and c.user_id = ${userId}) as coder
      from agreement_sample_items si
      join agreement_samples s on s.id = si.sample_id
     where si.item_id = ${itemId} and s.consultation_id = ${consultationId}
     order by s.number`.execute(db);
  return r.rows;
}
