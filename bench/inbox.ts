/**
 * The analysis inbox on 1,000,000 input items (issue 11, Measure). A scratch database with the demo
 * hearing gets BENCH_INBOX_ITEMS generated items (Danish and English text of hearing-response length
 * from a domain vocabulary, four kinds of respondent, three statuses, a share with files, a tenth
 * coded) written inside PostgreSQL in batches, then the app is measured through its HTTP API, one
 * request at a time: a listing with two filters and a sort, a selective search (500 hits), a ranked
 * top 20 of 50,000 hits, a search that matches most items, and the facet counts of a filtered view.
 * Run alone with `npx tsx bench/inbox.ts`, or as part of `npm run bench`.
 */
import pg from 'pg';
import { createDatabase, dropDatabase, startProcess, stopProcess } from './lib.ts';

const DA = `borger borgere digital identitet løsning kodeviser app mobil smartphone sikkerhed adgang ældre
  handicap skærmlæser kommune kommuner stat myndighed virksomhed virksomheder medarbejder signatur underskrift
  login adgangskode privatliv data beskyttelse tillid brugervenlig hjælp support borgerservice fremmøde
  pas kørekort bank netbank offentlig privat pris gratis betaling tilgængelighed sprog dansk udlændinge
  unge børn forældre fuldmagt værge erhverv CVR medarbejdersignatur nøglekort overgang tidsplan
  implementering test brugertest scenarie scenarier forslag høring svar bemærkning bekymring ønske krav
  hurtig nem enkel sikker besværlig dyr langsom problem fejl misbrug svindel identitetstyveri
  og at det er en for til på med ikke som der skal kan vil har af den de vi jeg men også eller så`
  .split(/\s+/)
  .filter(Boolean);
const EN = `citizen citizens digital identity solution code display app mobile smartphone security access elderly
  disability screen reader municipality state authority business businesses employee signature login password
  privacy data protection trust usable help support service desk passport licence bank public private price
  free payment accessibility language foreigners young children parents power of attorney guardian transition
  schedule implementation test user scenario proposal consultation response concern wish requirement quick
  easy simple secure cumbersome expensive slow problem error misuse fraud identity theft
  and that it is a for to on with not as there shall can will has of the we i but also or so`
  .split(/\s+/)
  .filter(Boolean);
/** Each in 500 items (i % 2000 = k): a selective search. */
const RARE = [
  'nøglebærer',
  'stemmeoplæser',
  'pinkodebrev',
  'grænsependler',
  'plejehjemsbeboer',
  'øjenlidelse',
  'ordblindhed',
  'udlandsdansker',
  'nødadgang',
  'engangskode',
  'biometri',
  'ansigtsgenkendelse',
  'fingeraftryk',
  'chipkort',
  'hardwarenøgle',
  'tokenlæser',
  'fuldmagtshaver',
  'værgemål',
  'digitalpost',
  'mitlogin',
];
/**
 * Each in 50,000 items (i % 20 = k): a ranked top 20. No word may share its stem with a word of the
 * vocabulary above, or it finds far more: `kodeviseren` stood first here, stemmed by the Danish
 * query to `kodevis` as `kodeviser` is, and matched 722,851 items (one request in twenty ended
 * with 422).
 */
const MEDIUM = [
  'tidsfrist',
  'reservation',
  'pårørende',
  'tastatur',
  'rækkefølge',
  'vejledning',
  'oplæsning',
  'forsinkelse',
  'nedbrud',
  'ventetid',
  'forbindelse',
  'opdatering',
  'installation',
  'genoprettelse',
  'spærring',
  'kontrol',
  'godkendelse',
  'registrering',
  'tilladelse',
  'afvisning',
];

type Case = { name: string; target: number; urls: string[] };
type Figures = { p50: number; p95: number; max: number; statuses: Record<string, number | string> };

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function measure(base: string, cookie: string, c: Case, rounds: number): Promise<Figures> {
  const times: number[] = [];
  const statuses: Record<string, number | string> = {};
  for (let i = 0; i < rounds + 5; i++) {
    const url = c.urls[i % c.urls.length]!;
    const t0 = performance.now();
    const res = await fetch(`${base}${url}`, { headers: { cookie } });
    const body = await res.text();
    if (res.status >= 400 && !statuses[`${res.status} first`])
      statuses[`${res.status} first`] = `${url} ${body.slice(0, 300)}` as never;
    const ms = performance.now() - t0;
    if (i < 5) continue;
    times.push(ms);
    statuses[res.status] = Number(statuses[res.status] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95), max: times.at(-1)!, statuses };
}

export async function benchInbox(adminUrl: string): Promise<Record<string, unknown>> {
  const items = Number(process.env.BENCH_INBOX_ITEMS ?? 1_000_000);
  // BENCH_INBOX_DB names the scratch database (one per worktree when several benches share a server).
  const dbName = process.env.BENCH_INBOX_DB ?? 'samraad_bench_inbox';
  // BENCH_INBOX_REUSE: measure a database an earlier run kept (BENCH_INBOX_KEEP) without generating it again.
  const reuse = !!process.env.BENCH_INBOX_REUSE;
  const url = reuse
    ? Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString()
    : await createDatabase(adminUrl, dbName);
  const app = await startProcess(
    ['server/server.ts'],
    {
      DATABASE_URL: url,
      PUBLIC_URL: 'http://127.0.0.1',
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      ANALYSIS_INDEX_MS: '0',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    },
    /running at (http:\/\/\S+)/,
  );
  const base = app.match[1]!.replace('localhost', '127.0.0.1');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Right after its start the app may shed a request (503) while it settles: sign in until it answers.
    let login: Response | undefined;
    for (let i = 0; i < 60 && login?.status !== 200; i++) {
      if (login) await new Promise((r) => setTimeout(r, 500));
      login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'analyst@samraad.demo', password: 'demo-analyst-2026' }),
      });
    }
    if (login?.status !== 200) throw new Error(`the analyst could not sign in: ${login?.status}`);
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const c = (
      await client.query<{ id: string }>(`select id from consultations where slug = 'naeste-generation-af-nemid'`)
    ).rows[0]!.id;
    const scenarios = (await client.query<{ id: string }>(`select id from scenarios where consultation_id = $1`, [c]))
      .rows;
    const tags = (await client.query<{ id: string }>(`select id from codebook_tags where consultation_id = $1`, [c]))
      .rows;
    const analyst = (await client.query<{ id: string }>(`select id from users where email = 'analyst@samraad.demo'`))
      .rows[0]!.id;

    // Generate, in batches, with the search index built once at the end (as a restore would).
    const t0 = performance.now();
    if (!reuse) {
      await client.query(`set maintenance_work_mem = '512MB'`);
      // The text indexes (one per language) are dropped and made again once the rows are in.
      const textIndexes = (
        await client.query<{ name: string; def: string }>(
          `select indexname as name, indexdef as def from pg_indexes
            where tablename = 'analysis_items' and indexdef like '%USING gin (search)%'`,
        )
      ).rows;
      for (const ix of textIndexes) await client.query(`drop index ${ix.name}`);
      await client.query(`select setseed(0.42)`);
      const batch = 50_000;
      for (let from = 1; from <= items; from += batch) {
        const to = Math.min(items, from + batch - 1);
        await client.query(
          `with x as (
         select g, gen_random_uuid() as id, d.lang, d.doc
           from generate_series($3::int, $4::int) g
          cross join lateral (
            select case when g % 5 = 0 then 'english' else 'danish' end as lang,
                   (select string_agg(w.words[1 + floor(power(random(), 2) * cardinality(w.words))::int], ' ')
                      from generate_series(1, 40 + ((g::bigint * 7919) % 120)::int) n
                     cross join (select case when g % 5 = 0 then $7::text[] else $5::text[] end as words) w)
                   || ' ' || ($8::text[])[1 + g % 20]
                   || case when g % 2000 < 20 then ' ' || ($9::text[])[1 + g % 2000] else '' end as doc) d),
         items as (
         insert into analysis_items (consultation_id, kind, item_id, item_version, received_at, author_label, acting_as,
                                     invited, channel, source_status, scenario_ids, has_attachments,
                                     doc_language, search, status, assignee_id, source_stamp)
         select $1, case when g % 10 = 0 then 'comment' else 'response' end, x.id, 1,
                now() - make_interval(secs => g * 2), 'Respondent ' || g,
                case when g % 10 = 0 then null else (array['citizen','business','ngo','public_authority'])[1 + g % 4] end,
                case when g % 10 = 0 then null else g % 50 = 0 end, 'web', 'submitted',
                array[($2::uuid[])[1 + g % cardinality($2::uuid[])]], g % 7 = 0,
                x.lang, to_tsvector(x.lang::regconfig, x.doc),
                (array['new','in_progress','analysed'])[1 + g % 3], case when g % 3 = 1 then $6::uuid end, 'bench'
           from x)
         insert into analysis_item_texts (consultation_id, kind, item_id, excerpt, doc)
         select $1, case when g % 10 = 0 then 'comment' else 'response' end, x.id, left(x.doc, 280), x.doc from x`,
          [c, scenarios.map((s) => s.id), from, to, DA, analyst, EN, MEDIUM, RARE],
        );
        process.stdout.write(`\r  generating ${to.toLocaleString('en')} / ${items.toLocaleString('en')} items`);
      }
      process.stdout.write('\n  building the search index…');
      for (const ix of textIndexes) await client.query(ix.def);
      // A tenth of the items coded with one of the demo codebook's tags.
      await client.query(
        `insert into codings (consultation_id, tag_id, item_kind, item_id, coder_id, status)
       select i.consultation_id, ($2::uuid[])[1 + (row_number() over ())::int % cardinality($2::uuid[])], i.kind, i.item_id, $3, 'confirmed'
         from analysis_items i where i.consultation_id = $1 and i.source_stamp = 'bench' and hashtext(i.item_id::text) % 10 = 0`,
        [c, tags.map((t) => t.id), analyst],
      );
      await client.query(`vacuum analyze analysis_items`);
      await client.query(`vacuum analyze analysis_item_texts`);
      await client.query(`vacuum analyze codings`);
    }
    const generateSeconds = (performance.now() - t0) / 1000;
    process.stdout.write(` done in ${generateSeconds.toFixed(0)} s\n`);
    // The server's cache, reported beside the figures: a ranked search reads every hit's vector, so
    // its time depends on whether the table is in PostgreSQL's shared buffers or only in the OS cache.
    // A running deployment keeps its working set there (pg_prewarm's autoprewarm restores it after a
    // restart); BENCH_INBOX_PREWARM=1 loads the table and its text index as that would.
    const sharedBuffers = (await client.query<{ v: string }>(`select current_setting('shared_buffers') as v`)).rows[0]!
      .v;
    let prewarmed = false;
    if (process.env.BENCH_INBOX_PREWARM) {
      await client.query(`create extension if not exists pg_prewarm`);
      await client.query(
        `select pg_prewarm(c.oid) from pg_class c
          where c.oid = 'analysis_items'::regclass
             or c.oid in (select indexrelid from pg_index x join pg_class ic on ic.oid = x.indexrelid
                           where x.indrelid = 'analysis_items'::regclass and ic.relam = (select oid from pg_am where amname = 'gin'))`,
      );
      prewarmed = true;
    }
    process.stdout.write(`  shared_buffers ${sharedBuffers}${prewarmed ? ', table and text index prewarmed' : ''}\n`);
    const size = (
      await client.query<{ size: string }>(
        `select pg_size_pretty(pg_total_relation_size('analysis_items')) || ' and the texts '
                || pg_size_pretty(pg_total_relation_size('analysis_item_texts')) as size`,
      )
    ).rows[0]!.size;

    const inbox = `/api/consultations/${c}/inbox`;
    const cases: Case[] = [
      {
        name: 'listing, two filters and a sort',
        target: 50,
        urls: ['citizen', 'business', 'ngo', 'public_authority'].flatMap((a) =>
          ['new', 'analysed'].map((s) => `${inbox}?actingAs=${a}&status=${s}&sort=oldest`),
        ),
      },
      { name: 'selective search (500 hits)', target: 50, urls: RARE.map((w) => `${inbox}?q=${encodeURIComponent(w)}`) },
      {
        name: 'ranked top 20 of 50,000 hits',
        target: 150,
        urls: MEDIUM.map((w) => `${inbox}?q=${encodeURIComponent(w)}&sort=relevance&limit=20`),
      },
      {
        name: 'search matching most items, ranked',
        target: 1000,
        urls: ['borger', 'digital', 'sikker'].map((w) => `${inbox}?q=${w}&sort=relevance`),
      },
      {
        name: 'facet counts of a filtered view',
        target: 300,
        urls: ['new', 'in_progress', 'analysed'].map((s) => `${inbox}/facets?kind=response&status=${s}`),
      },
    ];
    const results: Record<string, unknown>[] = [];
    for (const cs of cases) {
      const f = await measure(base, cookie, cs, Number(process.env.BENCH_INBOX_ROUNDS ?? 60));
      // Met when the p95 is within the target and every answer was a page (or, for the search that
      // matches most items, the 422 that asks to narrow it): a refused or shed request is no figure.
      const allowed = cs.target >= 1000 ? ['200', '422'] : ['200'];
      const pass =
        f.p95 <= cs.target &&
        Object.keys(f.statuses)
          .filter((k) => /^\d+$/.test(k))
          .every((k) => allowed.includes(k));
      process.stdout.write(
        `  ${cs.name.padEnd(40)} p50 ${f.p50.toFixed(0).padStart(5)} ms  p95 ${f.p95.toFixed(0).padStart(5)} ms  max ${f.max
          .toFixed(0)
          .padStart(5)} ms  (target p95 ≤ ${cs.target} ms) ${pass ? 'PASS' : 'MISS'}  ${JSON.stringify(f.statuses)}\n`,
      );
      results.push({ name: cs.name, target: cs.target, ...f, pass });
    }
    return { items, generateSeconds, tableSize: size, sharedBuffers, prewarmed, results };
  } finally {
    await client.end();
    await stopProcess(app.child);
    if (!process.env.BENCH_INBOX_KEEP) await dropDatabase(adminUrl, dbName);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.stdout.write(`\nanalysis inbox\n`);
  benchInbox(adminUrl)
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${String(err instanceof Error ? err.stack : err)}\n`);
      process.exit(1);
    });
}
