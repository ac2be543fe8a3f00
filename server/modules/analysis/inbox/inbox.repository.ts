import { type Expression, type RawBuilder, sql, type SqlBool } from 'kysely';
import { verifiedCondition, type VerifiedFilter } from '../../identity/identity.fragments.ts';
import type { Db } from '../../../db/database.ts';
import type { InboxItemKind, InboxStatus, SearchLanguage } from '../../../db/schema.ts';
import type { Keyset } from '../../../shared/cursor.ts';
import { matchInOwnLanguage } from '../../../shared/search.ts';
import { responsesWithFileMatching } from '../../files/files.fragments.ts';

/** The analysis inbox's own tables: analysis_items and analysis_index_state (issue 11 stories 1 and 5). */

/** A point of the audit log: its time to the microsecond (`YYYY-MM-DDTHH:MM:SS.ffffffZ`). */
export type FeedKey = string;

export type IndexState = {
  /** Every event stamped before this has been indexed; null before the first run. */
  auditAfterAt: FeedKey | null;
  /** When set, the events stamped at `auditAfterAt` up to this id have been indexed too. */
  auditAfterId: string | null;
  walkKind: InboxItemKind | null;
  walkAfterConsultation: string | null;
  walkAfterId: string | null;
};

/** The indexer's state row, locked for this transaction; undefined while another indexer holds it. */
export async function lockIndexState(trx: Db): Promise<IndexState | undefined> {
  return trx
    .selectFrom('analysisIndexState')
    .select(['auditAfterId', 'walkKind', 'walkAfterConsultation', 'walkAfterId'])
    .select(sql<FeedKey | null>`to_char(audit_after_at at time zone 'UTC', ${FEED_KEY})`.as('auditAfterAt'))
    .where('id', '=', 1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

const FEED_KEY = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

export async function saveIndexState(trx: Db, patch: Partial<IndexState>): Promise<void> {
  const { auditAfterAt, ...rest } = patch;
  await trx
    .updateTable('analysisIndexState')
    .set({
      ...rest,
      ...(auditAfterAt !== undefined ? { auditAfterAt: sql<Date>`${auditAfterAt}::timestamptz` } : {}),
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', 1)
    .execute();
}

/** The next run walks every item again; the feed goes on from where it is (or from now, before the first run). */
export async function restartWalk(db: Db): Promise<void> {
  await sql`update analysis_index_state
               set walk_kind = 'response', walk_after_consultation = null, walk_after_id = null,
                   audit_after_at = coalesce(audit_after_at, now()), updated_at = now()
             where id = 1`.execute(db);
}

/**
 * A time before which every event this transaction cannot see yet was stamped: the start of the
 * oldest transaction in this database that has written something (an event is stamped with `clock_timestamp()`
 * when it is written, so after its transaction started), or now, less `minLagMs` to spare.
 * PostgreSQL shows other sessions' transactions to the same role (or to pg_read_all_stats), so the
 * app and anything that writes audit events run as one role, as the README says.
 */
export async function writersHorizon(db: Db, minLagMs: number): Promise<FeedKey> {
  const r = await sql<{ at: FeedKey }>`
    select to_char((least(now(), (select min(xact_start) from pg_stat_activity
                          where backend_xid is not null and datname = current_database()))
           - make_interval(secs => ${minLagMs / 1000})) at time zone 'UTC', ${FEED_KEY}) as at`.execute(db);
  return r.rows[0]!.at;
}

/** The source stamps the rows of these items were made from. */
export async function stampsOf(
  db: Db,
  kind: InboxItemKind,
  keys: readonly { consultationId: string; itemId: string }[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('analysisItems')
    .select(['itemId', 'sourceStamp'])
    .where('consultationId', 'in', [...new Set(keys.map((k) => k.consultationId))])
    .where('kind', '=', kind)
    .where(
      'itemId',
      'in',
      keys.map((k) => k.itemId),
    )
    .execute();
  return new Map(rows.map((r) => [r.itemId, r.sourceStamp]));
}

export type ItemRow = {
  consultationId: string;
  kind: InboxItemKind;
  itemId: string;
  itemVersion: number;
  receivedAt: string;
  authorLabel: string;
  actingAs: string | null;
  invited: boolean | null;
  channel: string | null;
  sourceStatus: string;
  scenarioIds: string[];
  hasAttachments: boolean;
  excerpt: string;
  doc: string;
  fallbackLanguage: SearchLanguage;
  sourceStamp: string;
};

/**
 * Writes the rows in one statement; the database detects each text's language and stems it. A
 * source that changed to a newer version after an analyst worked on it is flagged for re-review.
 */
export async function upsertItems(db: Db, rows: readonly ItemRow[]): Promise<void> {
  if (rows.length === 0) return;
  // The item's row, then its text's (analysis_item_texts, migration 20261213000000), in one statement.
  await sql`
    with x as (
      select x.*, samraad_text_language(x.doc, x.fallback) as lang
        from jsonb_to_recordset(${JSON.stringify(rows.map(toRecord))}::jsonb) as x(
               consultation_id uuid, kind text, item_id uuid, item_version int, received_at timestamptz,
               author_label text, acting_as text, invited boolean, channel text, source_status text,
               scenario_ids uuid[], has_attachments boolean, excerpt text, doc text, fallback text, source_stamp text)),
    items as (
      insert into analysis_items as i (consultation_id, kind, item_id, item_version, received_at, author_label, acting_as,
                                       invited, channel, source_status, scenario_ids, has_attachments,
                                       doc_language, search, source_stamp, indexed_at)
      select x.consultation_id, x.kind, x.item_id, x.item_version, x.received_at, x.author_label, x.acting_as,
             x.invited, x.channel, x.source_status, x.scenario_ids, x.has_attachments,
             x.lang, to_tsvector(x.lang::regconfig, x.doc), x.source_stamp, now()
        from x
      on conflict (consultation_id, kind, item_id) do update set
        item_version = excluded.item_version, received_at = excluded.received_at, author_label = excluded.author_label,
        acting_as = excluded.acting_as, invited = excluded.invited, channel = excluded.channel,
        source_status = excluded.source_status, scenario_ids = excluded.scenario_ids,
        has_attachments = excluded.has_attachments,
        doc_language = excluded.doc_language, search = excluded.search, source_stamp = excluded.source_stamp,
        indexed_at = excluded.indexed_at,
        needs_review = i.needs_review or (excluded.item_version > i.item_version and (i.status <> 'new' or exists (
          select 1 from codings k where k.consultation_id = i.consultation_id and k.item_kind = i.kind and k.item_id = i.item_id)))
      returning i.consultation_id, i.kind, i.item_id)
    insert into analysis_item_texts as t (consultation_id, kind, item_id, excerpt, doc)
    select x.consultation_id, x.kind, x.item_id, x.excerpt, x.doc
      from x join items using (consultation_id, kind, item_id)
    on conflict (consultation_id, kind, item_id) do update set excerpt = excluded.excerpt, doc = excluded.doc`.execute(
    db,
  );
}

const toRecord = (r: ItemRow) => ({
  consultation_id: r.consultationId,
  kind: r.kind,
  item_id: r.itemId,
  item_version: r.itemVersion,
  received_at: r.receivedAt,
  author_label: r.authorLabel,
  acting_as: r.actingAs,
  invited: r.invited,
  channel: r.channel,
  source_status: r.sourceStatus,
  scenario_ids: `{${r.scenarioIds.join(',')}}`,
  has_attachments: r.hasAttachments,
  excerpt: r.excerpt,
  doc: r.doc,
  fallback: r.fallbackLanguage,
  source_stamp: r.sourceStamp,
});

export type InboxFilter = {
  consultationId: string;
  kinds?: readonly InboxItemKind[] | undefined;
  actingAs?: readonly string[] | undefined;
  /** How a response arrived (web, letter, email). */
  channels?: readonly string[] | undefined;
  invited?: boolean | undefined;
  scenarioId?: string | undefined;
  statuses?: readonly InboxStatus[] | undefined;
  /** A user id, or null for "unassigned". */
  assigneeId?: string | null | undefined;
  hasAttachments?: boolean | undefined;
  /** Verified with MitID (issue 15): none, any, or at least this level. */
  verified?: VerifiedFilter | undefined;
  needsReview?: boolean | undefined;
  /** Coded with this tag or one of its sub-tags (confirmed codings). */
  tagId?: string | undefined;
  /** With no confirmed coding at all. */
  untagged?: boolean | undefined;
  /** Coded with this stance. */
  stance?: string | undefined;
  /** Members of this campaign (issue 12). */
  campaignId?: string | undefined;
  /** A campaign's members other than its template are left out. */
  campaignsCollapsed?: boolean | undefined;
  /** Danish calendar days (YYYY-MM-DD), both included. */
  from?: string | undefined;
  to?: string | undefined;
  /**
   * Input its author took back — a withdrawn response, a deleted comment, a deleted finding or
   * stakeholder input — is listed only when asked: it is no longer part of the hearing, so the
   * default view (and every count of it: the progress board, the høringsnotat's figures) leaves it
   * out. Hidden comments are listed.
   */
  includeDeleted?: boolean | undefined;
  q?: string | undefined;
};

/** The conditions of a filter, each over analysis_items aliased `i`. */
function conditions(f: InboxFilter, skip?: keyof InboxFilter, read?: ReadQuery): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [sql<boolean>`i.consultation_id = ${f.consultationId}`];
  const on = (k: keyof InboxFilter) => k !== skip && f[k] !== undefined;
  if (on('kinds') && f.kinds!.length > 0) c.push(sql<boolean>`i.kind = any(${[...f.kinds!]}::text[])`);
  if (on('actingAs') && f.actingAs!.length > 0) c.push(sql<boolean>`i.acting_as = any(${[...f.actingAs!]}::text[])`);
  if (on('channels') && f.channels!.length > 0) c.push(sql<boolean>`i.channel = any(${[...f.channels!]}::text[])`);
  if (on('invited')) c.push(sql<boolean>`i.invited = ${f.invited}`);
  if (on('scenarioId')) c.push(sql<boolean>`i.scenario_ids @> array[${f.scenarioId}]::uuid[]`);
  if (on('statuses') && f.statuses!.length > 0) c.push(sql<boolean>`i.status = any(${[...f.statuses!]}::text[])`);
  if (on('assigneeId'))
    c.push(f.assigneeId === null ? sql<boolean>`i.assignee_id is null` : sql<boolean>`i.assignee_id = ${f.assigneeId}`);
  if (on('hasAttachments')) c.push(sql<boolean>`i.has_attachments = ${f.hasAttachments}`);
  if (on('needsReview')) c.push(sql<boolean>`i.needs_review = ${f.needsReview}`);
  if (on('verified')) c.push(verifiedCondition('i.consultation_id', 'i.item_id', f.verified!));
  // Days are Danish calendar days, as in the public list.
  if (on('from')) c.push(sql<boolean>`i.received_at >= (${f.from}::date::timestamp at time zone 'Europe/Copenhagen')`);
  if (on('to')) c.push(sql<boolean>`i.received_at < ((${f.to}::date + 1)::timestamp at time zone 'Europe/Copenhagen')`);
  const coded = (extra: RawBuilder<unknown>) => sql<boolean>`exists (select 1 from codings k
      where k.consultation_id = i.consultation_id and k.item_kind = i.kind and k.item_id = i.item_id
        and k.status = 'confirmed' ${extra})`;
  if (on('tagId')) {
    c.push(
      coded(sql`and k.tag_id in (with recursive sub(id) as (
          select t.id from codebook_tags t where t.consultation_id = ${f.consultationId} and t.id = ${f.tagId}
          union all
          select t.id from codebook_tags t join sub on t.consultation_id = ${f.consultationId} and t.parent_id = sub.id)
        select id from sub)`),
    );
  }
  if (on('untagged')) c.push(f.untagged ? sql<boolean>`not ${coded(sql``)}` : coded(sql``));
  if (on('stance')) c.push(coded(sql`and k.stance = ${f.stance}`));
  // Campaigns (issue 12): the analysis module's own tables.
  if (on('campaignId'))
    c.push(sql<boolean>`exists (select 1 from campaign_members m where m.consultation_id = i.consultation_id
      and m.item_kind = i.kind and m.item_id = i.item_id and m.status = 'member' and m.campaign_id = ${f.campaignId})`);
  if (on('campaignsCollapsed') && f.campaignsCollapsed)
    c.push(sql<boolean>`not exists (select 1 from campaign_members m join campaigns cp on cp.id = m.campaign_id
      where m.consultation_id = i.consultation_id and m.item_kind = i.kind and m.item_id = i.item_id
        and m.status = 'member' and cp.status = 'active'
        and not (cp.template_kind = i.kind and cp.template_item_id = i.item_id))`);
  if (!f.includeDeleted) c.push(sql<boolean>`i.source_status not in ('deleted', 'withdrawn')`);
  if (f.q) {
    c.push(
      sql<boolean>`(${read ? matchRead(read) : matchInOwnLanguage(sql.ref('i.search'), sql.ref('i.doc_language'), f.q)}
        or (i.kind = 'response' and i.item_id = any(${responsesWithFileMatching(f.consultationId, f.q)})))`,
    );
  }
  return c;
}

/**
 * A query read in each language (`websearch_to_tsquery`), as text. Read once, before the statement,
 * and bound into it as constants: in one statement the functions are stable, not folded, so every hit
 * parsed and stemmed the query again, in the filter that rechecks it and in its rank (50,000 hits, three
 * times each).
 */
type ReadQuery = { da: string; en: string };

async function readQuery(db: Db, q: string): Promise<ReadQuery> {
  const r = await sql<ReadQuery>`select websearch_to_tsquery('danish', ${q})::text as da,
                                        websearch_to_tsquery('english', ${q})::text as en`.execute(db);
  return r.rows[0]!;
}

/**
 * matchInOwnLanguage over a query already read: each language's reading through that language's
 * text index (one per language, partial on `doc_language`), which answers it exactly, so no hit is
 * tested again row by row.
 */
const matchRead = (read: ReadQuery) =>
  sql<boolean>`((i.doc_language = 'danish' and i.search @@ ${read.da}::tsquery)
     or (i.doc_language = 'english' and i.search @@ ${read.en}::tsquery))`;

/**
 * The documented ranking: ts_rank (no normalisation) of the item's vector against the query read in
 * the item's own language.
 */
const rankOf = (read: ReadQuery) =>
  read.da === read.en
    ? sql<number>`ts_rank(i.search, ${read.da}::tsquery)`
    : sql<number>`ts_rank(i.search, case when i.doc_language = 'danish' then ${read.da}::tsquery else ${read.en}::tsquery end)`;

export type InboxSort = 'newest' | 'oldest' | 'relevance';

export type InboxRow = {
  consultationId: string;
  kind: InboxItemKind;
  itemId: string;
  itemVersion: number;
  receivedAt: Date;
  authorLabel: string;
  actingAs: string | null;
  invited: boolean | null;
  channel: string | null;
  sourceStatus: string;
  scenarioIds: string[];
  hasAttachments: boolean;
  excerpt: string;
  status: InboxStatus;
  assigneeId: string | null;
  needsReview: boolean;
  timeKey: string;
  rankKey?: string;
};

const LIST_COLUMNS = sql`i.consultation_id, i.kind, i.item_id, i.item_version, i.received_at, i.author_label,
  i.acting_as, i.invited, i.channel, i.source_status, i.scenario_ids, i.has_attachments, i.status,
  i.assignee_id, i.needs_review`;

/** A listed item's excerpt, from its text's row (read for the page's items only). */
const EXCERPT = sql`coalesce((select t.excerpt from analysis_item_texts t
   where t.consultation_id = p.consultation_id and t.kind = p.kind and t.item_id = p.item_id), '') as excerpt`;

export async function listItems(
  db: Db,
  f: InboxFilter,
  page: { sort: InboxSort; after?: Keyset; limit: number },
): Promise<InboxRow[]> {
  const read = f.q ? await readQuery(db, f.q) : undefined;
  const where = sql.join(conditions(f, undefined, read), sql` and `);
  const timeKey = sql`to_char(i.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as time_key`;
  if (page.sort === 'relevance' && read) return rankedItems(db, where, read, page);
  // A search finds its hits first through the text indexes (a bitmap scan), then sorts them: left to
  // itself, the planner would walk the newest-first index and test every item until a page of hits
  // turned up (its estimate of a search's hits is poor).
  const source = f.q
    ? sql`(with hits as materialized (select ${LIST_COLUMNS} from analysis_items i where ${where})
           select * from hits) i`
    : sql`analysis_items i`;
  const filter = f.q ? sql`true` : where;
  const desc = page.sort !== 'oldest';
  let after = sql`true`;
  if (page.after) {
    const [at, id] = page.after;
    after = desc
      ? sql`(i.received_at, i.item_id) < (${at}::timestamptz, ${id}::uuid)`
      : sql`(i.received_at, i.item_id) > (${at}::timestamptz, ${id}::uuid)`;
  }
  const order = desc ? sql`i.received_at desc, i.item_id desc` : sql`i.received_at asc, i.item_id asc`;
  const r = await sql<InboxRow>`
    select p.*, ${EXCERPT}
      from (select ${LIST_COLUMNS}, ${timeKey}
              from ${source}
             where ${filter} and ${after}
             order by ${order}
             limit ${page.limit + 1}) p
     order by ${desc ? sql`p.received_at desc, p.item_id desc` : sql`p.received_at asc, p.item_id asc`}`.execute(db);
  return r.rows;
}

/**
 * A page of a search by relevance. The hits are found through the text indexes and ranked on their
 * keys and vectors alone, the page is picked from them (a top-N sort), and only its items' columns are
 * read: the list columns of every hit were copied into a temporary result before (50,000 rows of
 * ~450 bytes), to be thrown away but for a page.
 */
async function rankedItems(
  db: Db,
  where: RawBuilder<unknown>,
  read: ReadQuery,
  page: { after?: Keyset; limit: number },
): Promise<InboxRow[]> {
  // The rank as PostgreSQL prints a real, so the cursor compares with exactly the value it sorted on.
  let after = sql`true`;
  if (page.after) {
    const [rank, id] = page.after;
    after = sql`(h.rank, h.item_id) < (${Number(rank)}::real, ${id}::uuid)`;
  }
  // One process ranks the hits: on this 2-core machine two parallel workers made a ranked page of
  // 50,000 hits slower (their shares of the pages, gathered and merged, 160–210 ms against 125–157 ms).
  await sql`select set_config('max_parallel_workers_per_gather', '0', true)`.execute(db);
  const r = await sql<InboxRow>`
    with hits as (select i.consultation_id, i.kind, i.item_id, ${rankOf(read)} as rank
                    from analysis_items i where ${where}),
    top as materialized (select * from hits h where ${after} order by h.rank desc, h.item_id desc limit ${page.limit + 1})
    select ${LIST_COLUMNS}, to_char(i.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as time_key,
           t.rank::text as rank_key, coalesce(x.excerpt, '') as excerpt
      from top t
      join analysis_items i on i.consultation_id = t.consultation_id and i.kind = t.kind and i.item_id = t.item_id
      left join analysis_item_texts x on x.consultation_id = t.consultation_id and x.kind = t.kind and x.item_id = t.item_id
     order by t.rank desc, t.item_id desc`.execute(db);
  return r.rows;
}

/** Highlighted fragments of the items' own text that match `q` (U+0002/U+0003 mark the hits). */
export async function headlines(db: Db, consultationId: string, itemIds: readonly string[], q: string) {
  if (itemIds.length === 0) return [];
  const r = await sql<{ itemId: string; snippet: string }>`
    select i.item_id, ts_headline(i.doc_language::regconfig, left(x.doc, 100000), websearch_to_tsquery(i.doc_language::regconfig, ${q}),
           ${'StartSel=\u0002, StopSel=\u0003, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "'}) as snippet
      from analysis_items i
      join analysis_item_texts x on x.consultation_id = i.consultation_id and x.kind = i.kind and x.item_id = i.item_id
     where i.consultation_id = ${consultationId} and i.item_id = any(${[...itemIds]}::uuid[])
       and ${matchInOwnLanguage(sql.ref('i.search'), sql.ref('i.doc_language'), q)}`.execute(db);
  return r.rows;
}

export type FacetName = 'kind' | 'actingAs' | 'invited' | 'status' | 'assignee' | 'hasAttachments' | 'scenario';
const FACET_COLUMN: Record<FacetName, { column: string; skip: keyof InboxFilter }> = {
  kind: { column: 'i.kind', skip: 'kinds' },
  actingAs: { column: 'i.acting_as', skip: 'actingAs' },
  invited: { column: 'i.invited::text', skip: 'invited' },
  status: { column: 'i.status', skip: 'statuses' },
  assignee: { column: 'i.assignee_id::text', skip: 'assigneeId' },
  hasAttachments: { column: 'i.has_attachments::text', skip: 'hasAttachments' },
  scenario: { column: 'unnest(i.scenario_ids)::text', skip: 'scenarioId' },
};

/**
 * Counts beside each filter: for each facet, the view's items counted by that facet's values, with
 * the facet's own filter left out (so choosing a value does not hide the others). Exact.
 */
type FacetRow = { facet: FacetName; value: string | null; n: number };

/**
 * The facets and the total of a view in one statement, counted over `from` (the items, or a
 * sample of them) and multiplied by `scale`.
 */
function facetStatement(f: InboxFilter, from: RawBuilder<unknown>, scale: number) {
  const n = scale === 1 ? sql`count(*)::int` : sql`round(count(*) * ${sql.lit(scale)})::int`;
  const parts = (Object.keys(FACET_COLUMN) as FacetName[]).map((facet) => {
    const { column, skip } = FACET_COLUMN[facet];
    return sql`(select ${facet}::text as facet, ${sql.raw(column)} as value, ${n} as n
                  from ${from} where ${sql.join(conditions(f, skip), sql` and `)} group by 2)`;
  });
  parts.push(
    sql`(select 'total' as facet, null as value, ${n} as n from ${from} where ${sql.join(conditions(f), sql` and `)})`,
  );
  return sql.join(parts, sql` union all `);
}

const split = (rows: (Omit<FacetRow, 'facet'> & { facet: FacetName | 'total' })[]) => ({
  rows: rows.filter((x): x is FacetRow => x.facet !== 'total'),
  total: rows.find((x) => x.facet === 'total')?.n ?? 0,
});

export async function facetCounts(db: Db, f: InboxFilter): Promise<{ rows: FacetRow[]; total: number }> {
  const r = await sql<FacetRow | { facet: 'total'; value: null; n: number }>`${facetStatement(
    f,
    sql`analysis_items i`,
    1,
  )}`.execute(db);
  return split(r.rows);
}

/**
 * The facets and the total estimated from a repeatable sample of the table's pages (`percent`),
 * read once and counted by every facet, each count scaled up to the whole.
 */
export async function estimatedFacetCounts(
  db: Db,
  f: InboxFilter,
  percent: number,
): Promise<{ rows: FacetRow[]; total: number }> {
  const p = Math.min(100, Math.max(0.01, percent));
  const r = await sql<FacetRow | { facet: 'total'; value: null; n: number }>`
    with sampled as materialized (
      select * from analysis_items tablesample system (${sql.lit(p)}) repeatable (42)
       where consultation_id = ${f.consultationId})
    ${facetStatement(f, sql`sampled i`, 100 / p)}`.execute(db);
  return split(r.rows);
}

/** The planner's estimate of how many items a view holds (no rows are read). */
export async function plannedViewSize(db: Db, f: InboxFilter): Promise<number> {
  const r = await sql<{ queryPlan: unknown }>`explain (format json)
    select 1 from analysis_items i where ${sql.join(conditions(f), sql` and `)}`.execute(db);
  const raw = r.rows[0]?.queryPlan ?? Object.values(r.rows[0] ?? {})[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
  return plan[0]?.Plan?.['Plan Rows'] ?? 0;
}

/** The percentage of the items table to sample so that about `rows` rows are read (planner statistics). */
export async function samplePercentFor(db: Db, rows: number): Promise<number> {
  const r = await sql<{ n: number }>`select greatest(reltuples, 1)::float8 as n from pg_class
     where oid = 'analysis_items'::regclass`.execute(db);
  return Math.min(100, (100 * rows) / Math.max(1, r.rows[0]?.n ?? 1));
}

/** Sets status and/or assignee on these items of one consultation; returns the ids changed. */
export async function updateWorkflow(
  db: Db,
  consultationId: string,
  itemIds: readonly string[],
  patch: { status?: InboxStatus | undefined; assigneeId?: string | null | undefined },
): Promise<string[]> {
  if (itemIds.length === 0) return [];
  const set: Record<string, unknown> = {};
  if (patch.status !== undefined) {
    set.status = patch.status;
    set.statusChangedAt = sql<Date>`now()`;
    if (patch.status === 'analysed') set.needsReview = false;
  }
  if (patch.assigneeId !== undefined) set.assigneeId = patch.assigneeId;
  const rows = await db
    .updateTable('analysisItems')
    .set(set)
    .where('consultationId', '=', consultationId)
    .where('itemId', 'in', [...itemIds])
    .returning('itemId')
    .execute();
  return rows.map((r) => r.itemId);
}

/** Items of a consultation that are not in the index (yet), by id: the caller tells them apart. */
export async function existingItemIds(
  db: Db,
  consultationId: string,
  itemIds: readonly string[],
): Promise<Set<string>> {
  if (itemIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('analysisItems')
    .select('itemId')
    .where('consultationId', '=', consultationId)
    .where('itemId', 'in', [...itemIds])
    .execute();
  return new Set(rows.map((r) => r.itemId));
}

/** Progress per assignee (null: unassigned): items and how many are analysed. */
export async function progress(db: Db, consultationId: string) {
  const r = await sql<{ assigneeId: string | null; items: number; analysed: number; inProgress: number }>`
    select assignee_id, count(*)::int as items,
           count(*) filter (where status = 'analysed')::int as analysed,
           count(*) filter (where status = 'in_progress')::int as in_progress
      from analysis_items
     where consultation_id = ${consultationId} and source_status not in ('deleted', 'withdrawn')
     group by assignee_id`.execute(db);
  return r.rows;
}

/** When the index last caught up with the audit log (null before its first run). */
export async function indexedUpTo(db: Db): Promise<Date | null> {
  const r = await db.selectFrom('analysisIndexState').select('auditAfterAt').where('id', '=', 1).executeTakeFirst();
  return r?.auditAfterAt ?? null;
}

/** The workflow of one item (undefined until the index has it). */
export async function workflowOf(db: Db, consultationId: string, kind: InboxItemKind, itemId: string) {
  return db
    .selectFrom('analysisItems')
    .select(['status', 'assigneeId', 'needsReview'])
    .where('consultationId', '=', consultationId)
    .where('kind', '=', kind)
    .where('itemId', '=', itemId)
    .executeTakeFirst();
}

/** The inbox's filter as conditions over analysis_items aliased `i`: coder agreement draws its samples with them. */
export const inboxConditions = (f: InboxFilter): Expression<SqlBool>[] => conditions(f);
