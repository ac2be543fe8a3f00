/**
 * The findings overview of a scenario holding 5,000 user-test findings (issue 13, Measure: ≤ 100 ms
 * p95). A scratch database with the demo hearing gets BENCH_FINDINGS generated findings on S1 (and
 * a thousand on each other scenario, so the index has neighbours), from 20 sessions, with severities
 * and frequencies spread as a lab's would be; then the overview route is measured through the HTTP
 * API, one request at a time, as an analyst: its first page, a page deep in the order, and the
 * largest page. Run alone with `BENCH_ONLY=findings npm run bench` or `npx tsx bench/findings.ts`.
 */
import pg from 'pg';
import { createDatabase, dropDatabase, startProcess, stopProcess } from './lib.ts';

type Figures = { p50: number; p95: number; max: number; statuses: Record<string, number> };
const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function measure(base: string, cookie: string, urls: string[], rounds: number): Promise<Figures> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  for (let i = 0; i < rounds + 5; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}${urls[i % urls.length]!}`, { headers: { cookie } });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (i < 5) continue;
    times.push(ms);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p95: pct(times, 95), max: times.at(-1)!, statuses };
}

export async function benchFindings(adminUrl: string): Promise<Record<string, unknown>> {
  const perScenario = Number(process.env.BENCH_FINDINGS ?? 5_000);
  const dbName = 'samraad_bench_findings';
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
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'analyst@samraad.demo', password: 'demo-analyst-2026' }),
    });
    const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
    const c = (
      await client.query<{ id: string }>(`select id from consultations where slug = 'naeste-generation-af-nemid'`)
    ).rows[0]!.id;
    const scenarios = (
      await client.query<{ id: string; key: string }>(
        `select id, key from scenarios where consultation_id = $1 order by position`,
        [c],
      )
    ).rows;
    const s1 = scenarios[0]!.id;
    const t0 = performance.now();
    await client.query(`select setseed(0.13)`);
    await client.query(
      `insert into user_test_sessions (consultation_id, ref, held_on, remote, place, method, facilitator,
                                       participant_profile, participant_count, device, recording_consent)
       select $1, 'B' || g, date '2026-10-01' + g, g % 2 = 0, 'Lab ' || g,
              (array['moderated_usability_test','think_aloud','interview','unmoderated_task','survey'])[1 + g % 5],
              'Facilitator ' || g, 'senior, første gang med smartphone', 400, 'iPhone', true
         from generate_series(1, 20) g`,
      [c],
    );
    const insert = async (scenarioId: string, n: number) =>
      client.query(
        `with f as (
           insert into findings (consultation_id, scenario_id, task, observation, severity, participants_affected,
                                 recommendation, status)
           select $1, $2, 'Opgave ' || g, 'Deltageren ' || g || ' fandt ikke knappen til at godkende login i appen og gav op.',
                  (array['critical','major','major','minor','minor','minor','cosmetic'])[1 + floor(random() * 7)::int],
                  1 + floor(power(random(), 2) * 40)::int, 'Gør knappen tydeligere.', 'open'
             from generate_series(1, $3::int) g
           returning consultation_id, id)
         insert into finding_sessions (consultation_id, finding_id, session_id)
         select f.consultation_id, f.id, s.id from f
          cross join lateral (select id from user_test_sessions where consultation_id = f.consultation_id
                               order by hashtext(f.id::text || id::text) limit 1) s`,
        [c, scenarioId, n],
      );
    await insert(s1, perScenario);
    for (const s of scenarios.slice(1)) await insert(s.id, 1_000);
    await client.query(`vacuum analyze findings`);
    await client.query(`vacuum analyze finding_sessions`);
    const generateSeconds = (performance.now() - t0) / 1000;
    const overview = `/api/consultations/${c}/scenarios/${s1}/findings-overview`;
    // A cursor deep in the order: the 2,500th finding's key.
    const deep = (
      await client.query<{ sort_key: number; id: string }>(
        `select sort_key, id from findings where consultation_id = $1 and scenario_id = $2 and deleted_at is null
          order by sort_key, id offset $3 limit 1`,
        [c, s1, Math.floor(perScenario / 2)],
      )
    ).rows[0]!;
    const cursor = Buffer.from(JSON.stringify([deep.sort_key, deep.id])).toString('base64url');
    const rounds = Number(process.env.BENCH_FINDINGS_ROUNDS ?? 200);
    const cases = [
      { name: 'overview, first page (50)', urls: [overview] },
      { name: 'overview, a page deep in the order', urls: [`${overview}?cursor=${cursor}`] },
      { name: 'overview, largest page (200)', urls: [`${overview}?limit=200`] },
    ];
    const results: Record<string, unknown>[] = [];
    for (const cs of cases) {
      const f = await measure(base, cookie, cs.urls, rounds);
      const pass = f.p95 <= 100 && Object.keys(f.statuses).every((s) => s === '200');
      process.stdout.write(
        `  ${cs.name.padEnd(40)} p50 ${f.p50.toFixed(1).padStart(6)} ms  p95 ${f.p95.toFixed(1).padStart(6)} ms  max ${f.max
          .toFixed(0)
          .padStart(5)} ms  (target p95 ≤ 100 ms) ${pass ? 'PASS' : 'MISS'}  ${JSON.stringify(f.statuses)}\n`,
      );
      results.push({ name: cs.name, target: 100, ...f, pass });
    }
    return { findingsOnScenario: perScenario, generateSeconds, results };
  } finally {
    await client.end();
    await stopProcess(app.child);
    await dropDatabase(adminUrl, dbName);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  process.stdout.write(`\nfindings overview\n`);
  benchFindings(adminUrl)
    .then((r) => process.stdout.write(`${JSON.stringify(r, null, 2)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`bench failed: ${String(err instanceof Error ? err.stack : err)}\n`);
      process.exit(1);
    });
}
