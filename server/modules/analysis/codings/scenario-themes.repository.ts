import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { CodingItemKind, Stance } from '../../../db/schema.ts';

/**
 * The codings about each scenario, for the scenario scorecard (issue 14 story 2). A confirmed coding
 * is about a scenario when its tag is that scenario's (codebook_tags.scenario_id), or when its tag
 * names no scenario and the coded item is tied to the scenario (analysis_items.scenario_ids). Each
 * is counted under its top-level theme (the root of its tag's tree). Campaign members are those of
 * an active campaign.
 */

/** Every tag of the consultation with its top-level theme. */
const roots = (consultationId: string) => sql`
  with recursive tree (id, root) as (
    select t.id, t.id from codebook_tags t where t.consultation_id = ${consultationId} and t.parent_id is null
    union all
    select t.id, tree.root from codebook_tags t join tree on t.parent_id = tree.id
     where t.consultation_id = ${consultationId}
  )`;

/** The items of the consultation's active campaigns (a hash join, not a lookup per coding). */
const members = (consultationId: string) => sql`
  members as (
    select m.item_kind, m.item_id from campaign_members m
      join campaigns k on k.id = m.campaign_id and k.status = 'active'
     where m.consultation_id = ${consultationId} and m.status = 'member'
  )`;

/**
 * PostgreSQL's JIT compiles these plans for seconds on their (overestimated) cost, for aggregates
 * that run in tens of milliseconds: it is turned off for the statement's transaction.
 */
async function withoutJit<T>(db: Db, run: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return run(trx);
  });
}

export type ThemeCountRow = {
  scenarioId: string;
  themeId: string;
  stance: Stance | null;
  actingAs: string | null;
  campaign: boolean;
  items: number;
};

/** Distinct coded items per scenario, top-level theme, stance, acting-as and campaign membership: one pass. */
export async function themeCounts(db: Db, consultationId: string): Promise<ThemeCountRow[]> {
  const { rows } = await withoutJit(db, (trx) =>
    sql<{
      scenarioId: string;
      themeId: string;
      stance: Stance | null;
      actingAs: string | null;
      campaign: boolean;
      n: string;
    }>`${roots(consultationId)}, ${members(consultationId)}
    select s.scenario_id, tree.root as theme_id, c.stance, ai.acting_as, (mb.item_id is not null) as campaign,
           count(distinct (c.item_kind, c.item_id)) as n
      from codings c
      join tree on tree.id = c.tag_id
      join codebook_tags tg on tg.id = c.tag_id
      join analysis_items ai on ai.consultation_id = c.consultation_id and ai.kind = c.item_kind
                            and ai.item_id = c.item_id
      left join members mb on mb.item_kind = c.item_kind and mb.item_id = c.item_id
      cross join lateral unnest(case when tg.scenario_id is not null then array[tg.scenario_id]
                                     else ai.scenario_ids end) as s (scenario_id)
     where c.consultation_id = ${consultationId} and c.status = 'confirmed'
     group by 1, 2, 3, 4, 5`.execute(trx),
  );
  return rows.map((r) => ({ ...r, items: Number(r.n) }));
}

export type QuoteRow = {
  scenarioId: string;
  codingId: string;
  themeId: string;
  itemKind: CodingItemKind;
  itemId: string;
  field: string | null;
  startOffset: number | null;
  endOffset: number | null;
  quote: string;
  stance: Stance | null;
  actingAs: string | null;
  campaign: boolean;
};

/**
 * Quoted passages about the scenarios: per scenario and top-level theme the first `perTheme`
 * confirmed codings with a quote, those with a stance for or against first, of the given kinds;
 * optionally only about one scenario and on the given items (a party's answer).
 */
export async function scenarioQuotes(
  db: Db,
  consultationId: string,
  opts: { perTheme: number; kinds: readonly CodingItemKind[]; scenarioId?: string; items?: readonly string[] },
): Promise<QuoteRow[]> {
  if (opts.kinds.length === 0 || opts.items?.length === 0) return [];
  const items = opts.items ? sql`and c.item_id in (${sql.join(opts.items.map((i) => sql`${i}::uuid`))})` : sql``;
  const about = opts.scenarioId ? sql`and s.scenario_id = ${opts.scenarioId}::uuid` : sql``;
  const { rows } = await withoutJit(db, (trx) =>
    sql<QuoteRow & { k: string }>`${roots(consultationId)},
    ${members(consultationId)},
    q as (
      select s.scenario_id, c.id as coding_id, tree.root as theme_id, c.item_kind, c.item_id, c.field,
             c.start_offset, c.end_offset, c.quote, c.stance, ai.acting_as, (mb.item_id is not null) as campaign,
             row_number() over (partition by s.scenario_id, tree.root
               order by (c.stance in ('for', 'against')) desc, c.created_at, c.id) as k
        from codings c
        join tree on tree.id = c.tag_id
        join codebook_tags tg on tg.id = c.tag_id
        join analysis_items ai on ai.consultation_id = c.consultation_id and ai.kind = c.item_kind
                              and ai.item_id = c.item_id
        left join members mb on mb.item_kind = c.item_kind and mb.item_id = c.item_id
        cross join lateral unnest(case when tg.scenario_id is not null then array[tg.scenario_id]
                                       else ai.scenario_ids end) as s (scenario_id)
       where c.consultation_id = ${consultationId} and c.status = 'confirmed' and c.quote is not null
         and c.item_kind in (${sql.join(opts.kinds.map((k) => sql`${k}`))}) ${items} ${about}
    )
    select * from q where k <= ${opts.perTheme} order by scenario_id, theme_id, k`.execute(trx),
  );
  return rows.map(({ k: _k, ...r }) => r);
}

/** The quote of each given coding still confirmed. */
export async function quoteTexts(db: Db, consultationId: string, codingIds: readonly string[]) {
  if (codingIds.length === 0) return [];
  return db
    .selectFrom('codings')
    .select(['id', 'quote'])
    .where('consultationId', '=', consultationId)
    .where('id', 'in', codingIds)
    .where('status', '=', 'confirmed')
    .where('quote', 'is not', null)
    .$narrowType<{ quote: string }>()
    .execute();
}

/** The top-level themes' names. */
export async function themeNames(db: Db, consultationId: string) {
  return db
    .selectFrom('codebookTags')
    .select(['id', 'name', 'position', 'scenarioId'])
    .where('consultationId', '=', consultationId)
    .where('parentId', 'is', null)
    .orderBy('position')
    .execute();
}
