/**
 * The generated høringsnotat at scale (issue 14, Measure: "report generation over the 1 M-response
 * bench set with a 40-theme codebook: ≤ 60 s as a background job with progress, peak RSS reported").
 * A scratch database with the demo gets BENCH_REPORT_ITEMS (default 1,000,000) inbox items written
 * inside PostgreSQL (as bench/inbox.ts does, with short texts: the report counts, it does not search),
 * a 40-theme codebook (ten with sub-themes), about 1.3 codings per item (one in a hundred with a
 * quoted passage), and five campaigns of 10,000 members; then an analyst asks the app for a version
 * through its API and the job is timed from the request until the version is a draft. The peak
 * resident memory is the app process's while the job ran (what the version records). Run alone with
 * `npx tsx bench/report.ts`, or as part of `npm run bench` (BENCH_ONLY=report).
 */
import pg from 'pg';
import { createDatabase, dropDatabase, startProcess, stopProcess } from './lib.ts';

const THEMES = 40;
const TARGET_S = 60;

async function generate(client: pg.Client, c: string, analyst: string, items: number): Promise<void> {
  await client.query(`select setseed(0.42)`);
  const batch = 100_000;
  for (let from = 1; from <= items; from += batch) {
    const to = Math.min(items, from + batch - 1);
    await client.query(
      `with items as (
       insert into analysis_items (consultation_id, kind, item_id, item_version, received_at, author_label, acting_as,
                                   invited, channel, source_status, has_attachments, doc_language, search,
                                   status, source_stamp)
       select $1, case when g % 10 = 0 then 'comment' else 'response' end, gen_random_uuid(), 1,
              now() - make_interval(secs => g * 2), 'Respondent ' || g,
              case when g % 10 = 0 then null else (array['citizen','business','ngo','public_authority','other'])[1 + g % 5] end,
              case when g % 10 = 0 then null else g % 50 = 0 end,
              case when g % 10 = 0 then null else (array['web','web','web','letter','email'])[1 + g % 5] end,
              case when g % 10 = 0 then 'visible' else 'submitted' end, g % 7 = 0,
              'danish', ''::tsvector, (array['new','in_progress','analysed'])[1 + g % 3], 'bench'
         from generate_series($2::int, $3::int) g
       returning consultation_id, kind, item_id, author_label)
       insert into analysis_item_texts (consultation_id, kind, item_id, excerpt, doc)
       select consultation_id, kind, item_id, 'Et svar om digital identitet nr. ' || substr(author_label, 12),
              'Et svar om digital identitet nr. ' || substr(author_label, 12) from items`,
      [c, from, to],
    );
    process.stdout.write(`\r  generating ${to.toLocaleString('en')} / ${items.toLocaleString('en')} items`);
  }
  // 40 themes: 30 at the top, 10 sub-themes of the first ten.
  const tags: string[] = [];
  for (let i = 0; i < THEMES; i++) {
    const parent = i >= 30 ? tags[i - 30]! : null;
    const r = await client.query<{ id: string }>(
      `insert into codebook_tags (consultation_id, parent_id, name, position, created_by)
       values ($1, $2, jsonb_build_object('da', 'Tema ' || $3::int, 'en', 'Theme ' || $3::int), $3, $4) returning id`,
      [c, parent, i + 1, analyst],
    );
    tags.push(r.rows[0]!.id);
  }
  process.stdout.write('\n  coding…');
  // Every item one theme; a third a second one; one coding in a hundred quotes a passage.
  await client.query(
    `insert into codings (consultation_id, tag_id, item_kind, item_id, field, start_offset, end_offset, quote, coder_id, status)
     select i.consultation_id, ($2::uuid[])[1 + x.n % $4], i.kind, i.item_id,
            case when x.n % 100 = 0 then 'body' end, case when x.n % 100 = 0 then 0 end,
            case when x.n % 100 = 0 then 20 end, case when x.n % 100 = 0 then left(i.doc, 20) end, $3, 'confirmed'
       from (select a.consultation_id, a.kind, a.item_id, t.doc, row_number() over () as rn
               from analysis_items a join analysis_item_texts t using (consultation_id, kind, item_id)
              where a.consultation_id = $1 and a.source_stamp = 'bench') i
      cross join lateral (select i.rn::int as n union all select i.rn::int + 7 where i.rn % 3 = 0) x`,
    [c, tags, analyst, THEMES],
  );
  process.stdout.write(' campaigns…');
  const step = Math.min(20_000, Math.floor(items / 6));
  const members = Math.min(10_000, step);
  for (let k = 0; k < 5; k++) {
    const t = await client.query<{ kind: string; itemId: string }>(
      `select kind, item_id as "itemId" from analysis_items
        where consultation_id = $1 and kind = 'response' and source_stamp = 'bench' offset $2 limit 1`,
      [c, k * step],
    );
    const cp = await client.query<{ id: string }>(
      `insert into campaigns (consultation_id, status, template_kind, template_item_id, template_text, member_count)
       values ($1, 'active', 'response', $2, 'Skabelon', $3) returning id`,
      [c, t.rows[0]!.itemId, members],
    );
    await client.query(
      `insert into campaign_members (consultation_id, campaign_id, item_kind, item_id, similarity, added_spans, added_by)
       select consultation_id, $2, kind, item_id, 0.95, '[]'::jsonb, 'detection'
         from analysis_items where consultation_id = $1 and kind = 'response' and source_stamp = 'bench'
        offset $3 limit $4`,
      [c, cp.rows[0]!.id, k * step, members],
    );
  }
  await client.query(`vacuum analyze analysis_items`);
  await client.query(`vacuum analyze codings`);
  await client.query(`vacuum analyze campaign_members`);
}

export async function benchReport(adminUrl: string): Promise<Record<string, unknown>> {
  const items = Number(process.env.BENCH_REPORT_ITEMS ?? 1_000_000);
  const dbName = 'samraad_bench_report';
  const url = await createDatabase(adminUrl, dbName);
  const app = await startProcess(
    ['server/server.ts'],
    {
      DATABASE_URL: url,
      PUBLIC_URL: 'http://127.0.0.1',
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'true',
      ANALYSIS_INDEX_MS: '0',
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    },
    /running at (http:\/\/\S+)/,
  );
  const base = app.match[1]!.replace('localhost', '127.0.0.1');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const c = (
      await client.query<{ id: string }>(`select id from consultations where slug = 'naeste-generation-af-nemid'`)
    ).rows[0]!.id;
    const analyst = (await client.query<{ id: string }>(`select id from users where email = 'analyst@samraad.demo'`))
      .rows[0]!.id;
    const t0 = performance.now();
    await generate(client, c, analyst, items);
    const generateSeconds = (performance.now() - t0) / 1000;
    process.stdout.write(` done in ${generateSeconds.toFixed(0)} s\n`);
    const codings = Number(
      (await client.query<{ n: string }>(`select count(*) as n from codings where consultation_id = $1`, [c])).rows[0]!
        .n,
    );

    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'analyst@samraad.demo', password: 'demo-analyst-2026' }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const started = performance.now();
    const res = await fetch(`${base}/api/consultations/${c}/reports`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'bench' }),
    });
    if (res.status !== 202) throw new Error(`generate: ${res.status} ${await res.text()}`);
    const { number } = (await res.json()) as { number: number };
    type V = {
      status: string;
      progress: number;
      phase: string;
      tookMs: number | null;
      peakRssBytes: number | null;
      error: string | null;
    };
    let v: V;
    const phases: string[] = [];
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      v = (await (
        await fetch(`${base}/api/consultations/${c}/reports/${number}`, { headers: { cookie } })
      ).json()) as V;
      if (v.phase && phases.at(-1) !== v.phase) {
        phases.push(v.phase);
        process.stdout.write(
          `  ${((performance.now() - started) / 1000).toFixed(1).padStart(5)} s  ${v.phase} (${Math.round(v.progress * 100)} %)\n`,
        );
      }
      if (v.status !== 'generating') break;
    }
    const wallSeconds = (performance.now() - started) / 1000;
    if (v.status !== 'draft') throw new Error(`the report failed: ${v.error}`);
    const model = (await (
      await fetch(`${base}/api/consultations/${c}/reports/${number}/file?format=json`, { headers: { cookie } })
    ).json()) as { input: { total: { n: number } }; themes: unknown[] };
    const jobSeconds = (v.tookMs ?? 0) / 1000;
    const peakMb = Math.round((v.peakRssBytes ?? 0) / 1_048_576);
    const pass = wallSeconds <= TARGET_S;
    process.stdout.write(
      `  ${model.input.total.n.toLocaleString('en')} items, ${codings.toLocaleString('en')} codings, ${model.themes.length} themes: ` +
        `job ${jobSeconds.toFixed(1)} s, request to draft ${wallSeconds.toFixed(1)} s (target ≤ ${TARGET_S} s) ${pass ? 'PASS' : 'MISS'}; ` +
        `peak RSS of the app process ${peakMb} MB\n`,
    );
    return {
      items,
      codings,
      themes: model.themes.length,
      generateSeconds,
      jobSeconds,
      wallSeconds,
      peakRssMb: peakMb,
      target: TARGET_S,
      pass,
    };
  } finally {
    await client.end();
    await stopProcess(app.child);
    if (!process.env.BENCH_REPORT_KEEP) await dropDatabase(adminUrl, dbName);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.stdout.write(`\nhøringsnotat generation\n`);
  benchReport(adminUrl)
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${String(err instanceof Error ? err.stack : err)}\n`);
      process.exit(1);
    });
}
