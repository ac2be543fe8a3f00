import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ActingAs } from '../../db/schema.ts';
import { matchInOwnLanguage } from '../../shared/search.ts';
import { STAFF_COLUMNS } from './responses.repository.ts';
import { displayNameOf } from '../accounts/accounts.fragments.ts';
import { questionIsOfKind, questionPositionOf } from '../questions/questions.fragments.ts';

/** Lists: the public view, the open-data export and the publication queue. Keyset pagination on (submitted_at, id). */
export type Keyset = { at: Date; id: string };

const PUBLIC_COLUMNS = [
  'r.consultationId',
  'r.id',
  'r.respondentName',
  'r.actingAs',
  'r.organisationName',
  'r.cvr',
  'r.invited',
  'r.consent',
  'r.channel',
  'r.body',
  'r.submittedAt',
  'r.editedAt',
] as const;

/**
 * Each response is indexed in its own language (detected on approval, migration 20261205060000) and
 * matched only by the query read in that language: `bankerne` finds a Danish `banken`, `banks` an
 * English `bank`, but a Danish `hoster` no English "hosting" (issue #10 item 10).
 */
export const searchMatch = (alias: string, q: string): RawBuilder<boolean> =>
  matchInOwnLanguage(sql.ref(`${alias}.search`), sql.ref(`${alias}.search_language`), q);

/** What may be public: approved by staff, not withdrawn, and consented (the database guarantees the last). */
export async function listPublished(
  db: Db,
  f: {
    consultationId: string;
    /**
     * Full-text search: the responses' own text matches `q` in its own language, or `orMatches` (a boolean SQL
     * expression over the row aliased `r`, e.g. the files module's attachmentTextMatch) holds.
     */
    search?: { q: string; orMatches: RawBuilder<unknown> } | undefined;
    actingAs?: readonly ActingAs[] | undefined;
    invited?: boolean | undefined;
    /** Only responses that rate this scenario (a scenario-scale answer keyed by its id). */
    scenarioId?: string | undefined;
    /** Submitted on or after this day / on or before this day, Danish time (YYYY-MM-DD). */
    from?: string | undefined;
    to?: string | undefined;
    after?: Keyset | undefined;
    /** The relevance order's keyset: the last row's rank and id. */
    afterRank?: { rank: number; id: string } | undefined;
    order: 'newest' | 'oldest' | 'relevance';
    limit: number;
  },
) {
  let query = db
    .selectFrom('responses as r')
    .select(PUBLIC_COLUMNS)
    .where('r.consultationId', '=', f.consultationId)
    .where('r.status', '=', 'submitted')
    .where('r.publicationStatus', '=', 'approved')
    .where('r.consent', '<>', 'not_public');
  if (f.actingAs && f.actingAs.length > 0) query = query.where('r.actingAs', 'in', [...f.actingAs]);
  if (f.invited !== undefined) query = query.where('r.invited', '=', f.invited);
  if (f.scenarioId) {
    const id = f.scenarioId;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('answers as a')
          .select(sql`1`.as('one'))
          .whereRef('a.consultationId', '=', 'r.consultationId')
          .whereRef('a.responseId', '=', 'r.id')
          .where(questionIsOfKind('a.consultationId', 'a.questionId', 'scenario_scale'))
          .where(sql<boolean>`jsonb_exists(a.value, ${id})`),
      ),
    );
  }
  // Days are Danish calendar days: a response sent at 00:30 on 2 March in Copenhagen is of 2 March.
  if (f.from)
    query = query.where(sql<boolean>`r.submitted_at >= (${f.from}::date::timestamp at time zone 'Europe/Copenhagen')`);
  if (f.to)
    query = query.where(
      sql<boolean>`r.submitted_at < ((${f.to}::date + 1)::timestamp at time zone 'Europe/Copenhagen')`,
    );
  if (f.search) {
    query = query.where(sql<boolean>`(${searchMatch('r', f.search.q)} or ${f.search.orMatches})`);
    if (f.order === 'relevance') {
      // Each text ranked by the query read in its own language; a hit only in an attachment ranks 0.
      // ts_rank is a real; the keyset compares it as one, so a page boundary never skips or repeats.
      const rank = sql<number>`coalesce(ts_rank(r.search, websearch_to_tsquery(coalesce(r.search_language, 'simple')::regconfig, ${f.search.q})), 0)`;
      let ranked = query.select(rank.as('rank'));
      if (f.afterRank)
        ranked = ranked.where(sql<boolean>`(${rank}, r.id) < (${f.afterRank.rank}::real, ${f.afterRank.id}::uuid)`);
      return ranked
        .orderBy(rank, 'desc')
        .orderBy('r.id', 'desc')
        .limit(f.limit + 1)
        .execute();
    }
  }
  const desc = f.order !== 'oldest';
  if (f.after) {
    const cmp = sql.raw(desc ? '<' : '>');
    query = query.where(sql<boolean>`(r.submitted_at, r.id) ${cmp} (${f.after.at}::timestamptz, ${f.after.id}::uuid)`);
  }
  const dir = desc ? 'desc' : 'asc';
  return query
    .select(sql<number | null>`null::real`.as('rank'))
    .orderBy('r.submittedAt', dir)
    .orderBy('r.id', dir)
    .limit(f.limit + 1)
    .execute();
}
export type PublishedRow = Awaited<ReturnType<typeof listPublished>>[number];

// U+0002 / U+0003 mark the hits; they are removed from the text first, so after HTML-escaping the
// fragment the service can turn exactly these, and nothing a respondent typed, into <mark>.
const HEADLINE_OPTIONS =
  'StartSel=\u0002, StopSel=\u0003, MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "';

/** Highlighted fragments of the responses' own text (body and free-text answers) that match `q`. */
export async function responseHeadlines(db: Db, consultationId: string, ids: readonly string[], q: string) {
  if (ids.length === 0) return [];
  const r = await sql<{ id: string; snippet: string }>`
    with docs as (
      select r.id,
             -- The public text: accepted redactions cut out (samraad_redact, migration 20261212010000).
             translate(samraad_redact(r.consultation_id, 'response', r.id, 'body', r.body) || coalesce(E'\n\n' || (
               select string_agg(samraad_redact(r.consultation_id, 'response', r.id, a.question_id::text, a.value #>> '{}'), E'\n\n' order by ${questionPositionOf('a.consultationId', 'a.questionId')})
                 from answers a
                where a.consultation_id = r.consultation_id and a.response_id = r.id
                  and ${questionIsOfKind('a.consultationId', 'a.questionId', 'text')}
             ), ''), ${'\u0002\u0003'}, '') as doc,
             r.search_language::regconfig as lang
        from responses r
       where r.consultation_id = ${consultationId} and r.id = any(${[...ids]}::uuid[])
         and ${searchMatch('r', q)}
    )
    -- In the language the text was matched in, with the query read in it: the headline marks the hit.
    select id, ts_headline(lang, doc, websearch_to_tsquery(lang, ${q}), ${HEADLINE_OPTIONS}) as snippet
      from docs`.execute(db);
  return r.rows;
}

/** The publication queue: oldest first, only responses whose author asked for publication. */
export async function listQueue(
  db: Db,
  f: { consultationId: string; status: 'pending' | 'approved' | 'rejected'; after?: Keyset | undefined; limit: number },
) {
  let query = db
    .selectFrom('responses as r')
    .select([...STAFF_COLUMNS, displayNameOf('r.reviewedBy').as('reviewerName')])
    .where('r.consultationId', '=', f.consultationId)
    .where('r.status', '=', 'submitted')
    .where('r.publicationStatus', '=', f.status)
    .where('r.consent', '<>', 'not_public');
  if (f.after)
    query = query.where(sql<boolean>`(r.submitted_at, r.id) > (${f.after.at}::timestamptz, ${f.after.id}::uuid)`);
  return query
    .orderBy('r.submittedAt', 'asc')
    .orderBy('r.id', 'asc')
    .limit(f.limit + 1)
    .execute();
}
