import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { InboxItemKind } from '../../../db/schema.ts';
import { type InboxFilter, inboxConditions } from './inbox.repository.ts';

/**
 * Aggregate counts of inbox views for the høringsnotat (issue 14 story 6): each count is grouped in
 * the database (one scan, no item leaves it) over exactly the inbox's own conditions, so recounting
 * the view a number links to gives the same number.
 */

const whereOf = (f: InboxFilter) => sql.join(inboxConditions(f), sql` and `);

export type OverviewRow = {
  kind: InboxItemKind | null;
  actingAs: string | null;
  channel: string | null;
  /** 1 where the column is rolled up (not a value of the group). */
  gKind: number;
  gActing: number;
  gChannel: number;
  n: number;
};

/** The view's items counted in all, by kind, by kind and stakeholder type, by kind and channel. */
export async function overview(db: Db, f: InboxFilter): Promise<OverviewRow[]> {
  const r = await sql<OverviewRow>`
    select i.kind, i.acting_as, i.channel, grouping(i.kind)::int as g_kind, grouping(i.acting_as)::int as g_acting,
           grouping(i.channel)::int as g_channel, count(*)::int as n
      from analysis_items i
     where ${whereOf(f)}
     group by grouping sets ((), (i.kind), (i.kind, i.acting_as), (i.kind, i.channel))`.execute(db);
  return r.rows;
}

/** The view's members of each active campaign (as the inbox's `campaign` filter counts them). */
export async function campaignCounts(db: Db, f: InboxFilter): Promise<{ campaignId: string; n: number }[]> {
  const r = await sql<{ campaignId: string; n: number }>`
    select m.campaign_id, count(*)::int as n
      from analysis_items i
      join campaign_members m on m.consultation_id = ${f.consultationId} and m.item_kind = i.kind
                             and m.item_id = i.item_id and m.status = 'member'
      join campaigns cp on cp.consultation_id = ${f.consultationId} and cp.id = m.campaign_id and cp.status = 'active'
     where ${whereOf(f)}
     group by m.campaign_id`.execute(db);
  return r.rows;
}

/**
 * The view's items coded (confirmed) with each tag or one of its sub-tags, per tag: the inbox's
 * `tag` filter, for every tag in one statement.
 */
export async function tagCounts(db: Db, f: InboxFilter): Promise<{ tagId: string; n: number }[]> {
  const r = await sql<{ tagId: string; n: number }>`
    with recursive tree(root, id) as (
      select t.id, t.id from codebook_tags t where t.consultation_id = ${f.consultationId}
      union all
      select tree.root, t.id from codebook_tags t join tree on t.consultation_id = ${f.consultationId} and t.parent_id = tree.id)
    select tree.root as tag_id, count(distinct i.item_id)::int as n
      from analysis_items i
      join codings k on k.consultation_id = ${f.consultationId} and k.item_kind = i.kind and k.item_id = i.item_id
                    and k.status = 'confirmed'
      join tree on tree.id = k.tag_id
     where ${whereOf(f)}
     group by tree.root`.execute(db);
  return r.rows;
}

export type QuoteCandidate = {
  codingId: string;
  tagId: string;
  itemKind: InboxItemKind;
  itemId: string;
  field: string;
  startOffset: number;
  endOffset: number;
  quote: string;
  sourceStatus: string;
};

/**
 * Up to `perTag` coded passages per tag that may be quoted in public: confirmed, with a quote, on
 * an item the public may see in principle (a response still submitted, a visible comment, a
 * published stakeholder input, a finding); the passages `preferred` (cited by a summary) first.
 */
export async function quoteCandidates(
  db: Db,
  consultationId: string,
  perTag: number,
  preferred: readonly string[],
): Promise<QuoteCandidate[]> {
  const r = await sql<QuoteCandidate>`
    select x.coding_id, x.tag_id, x.item_kind, x.item_id, x.field, x.start_offset, x.end_offset, x.quote, x.source_status
      from (select k.id as coding_id, k.tag_id, k.item_kind, k.item_id, k.field, k.start_offset, k.end_offset, k.quote,
                   i.source_status,
                   row_number() over (partition by k.tag_id
                                      order by (k.id = any(${[...preferred]}::uuid[])) desc, k.created_at, k.id) as rn
              from codings k
              join analysis_items i on i.consultation_id = ${consultationId} and i.kind = k.item_kind and i.item_id = k.item_id
             where k.consultation_id = ${consultationId} and k.status = 'confirmed' and k.quote is not null
               and k.field is not null and k.start_offset is not null
               and i.source_status in ('submitted', 'visible', 'published', 'open', 'addressed', 'wont_fix')) x
     where x.rn <= ${perTag}
     order by x.tag_id, x.rn`.execute(db);
  return r.rows;
}
