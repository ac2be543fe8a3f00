/**
 * npm run test:durability — "impossible to lose a response" (DESIGN.md §6, issue 4).
 *
 * Clients submit hearing responses under load, each retrying its own submission with the same
 * Idempotency-Key on any error until it is acknowledged; meanwhile the server is killed with
 * SIGKILL several times and restarted. At the end every acknowledged receipt must be in the
 * database exactly once, and no submission may exist twice. Runs on the local PostgreSQL
 * (DURABILITY_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, used to create
 * and drop a scratch database). Short form: DURABILITY_KILLS=2 DURABILITY_SECONDS=20.
 *
 * DURABILITY_KILL=postgres (issue 10 item 4) kills the database instead: a throwaway cluster started
 * here (scripts/durability-cluster.ts) is killed with kill -9 under load and restarted after
 * DURABILITY_OUTAGE_MS; the app must stay up, answer 503 on /api/ready while the database is away,
 * and lose nothing. Every DURABILITY_ATTACH_EVERY-th submission (default 4) attaches a file, so a
 * retry with a file is exercised too (item 3).
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import pg from 'pg';
import { createDatabase, dropDatabase, startProcess } from '../bench/lib.ts';
import { startCluster, type Cluster } from './durability-cluster.ts';

const killWhat = process.env.DURABILITY_KILL === 'postgres' ? 'postgres' : 'server';
const outageMs = Number(process.env.DURABILITY_OUTAGE_MS ?? 2000);
const attachEvery = Number(process.env.DURABILITY_ATTACH_EVERY ?? 4);
const kills = Number(process.env.DURABILITY_KILLS ?? 5);
const seconds = Number(process.env.DURABILITY_SECONDS ?? 60);
const clients = Number(process.env.DURABILITY_CLIENTS ?? 16);
const dbName = 'samraad_durability';

type Ack = { key: string; marker: string; receiptCode: string; id: string; attempts: number; files: number };

// A small PDF, checked by content like any attachment.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const cluster: Cluster | null = killWhat === 'postgres' ? await startCluster(await freePort()) : null;
  const adminUrl = cluster?.url ?? process.env.DURABILITY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const url = await createDatabase(adminUrl, dbName);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: url,
    PUBLIC_URL: base,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    RATE_LIMIT_SUBMIT_PER_MINUTE: '1000000',
  };
  const start = () => startProcess(['server/server.ts'], env, /running at/);
  let server = (await start()).child;
  let serverExits = 0;
  let stopping = false;
  // The last output of an app that ended unasked for is printed: it says why.
  const watchExit = () => {
    let tail = '';
    const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
    server.stdout?.on('data', keep);
    server.stderr?.on('data', keep);
    server.once('exit', (code, signal) => {
      serverExits++;
      if (killWhat === 'postgres' && !stopping) process.stdout.write(`  the app ended (${signal ?? code}):\n${tail}\n`);
    });
  };
  watchExit();
  const consultation = (await (await fetch(`${base}/api/consultations/naeste-generation-af-nemid`)).json()) as {
    id: string;
  };
  const target = `${base}/api/consultations/${consultation.id}/responses`;

  // Files are uploaded by the demo analyst: staff are not held to the per-address upload limit, and
  // every client here shares one address.
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'analyst@samraad.demo', password: 'demo-analyst-2026' }),
  });
  if (login.status !== 200) throw new Error(`the demo analyst could not sign in: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

  // An attachment for a submission; retried like the submission (a failed upload leaves at most an
  // unclaimed file, which the sweep removes).
  async function uploadOnce(): Promise<string> {
    for (;;) {
      try {
        const form = new FormData();
        form.append('file', new Blob([PDF], { type: 'application/pdf' }), 'bilag.pdf');
        const res = await fetch(`${base}/api/consultations/${consultation.id}/attachments`, {
          method: 'POST',
          headers: { cookie },
          body: form,
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 201) return ((await res.json()) as { id: string }).id;
        failures++;
      } catch {
        failures++;
      }
      await sleep(150);
    }
  }

  const acks: Ack[] = [];
  let attempts = 0;
  let failures = 0;

  // One submission: retried with the same key and the same body until the server acknowledges it.
  let submissions = 0;
  async function submitOnce(): Promise<void> {
    const key = randomUUID();
    const marker = `durability-${key}`;
    const attachmentIds = attachEvery > 0 && ++submissions % attachEvery === 0 ? [await uploadOnce()] : [];
    const body = JSON.stringify({
      respondent: { name: 'Durability Test', email: `d-${key.slice(0, 8)}@example.dk`, actingAs: 'citizen' },
      consent: 'public_named',
      body: `${marker} Jeg ønsker en løsning, der virker for alle. `.repeat(8),
      answers: [],
      attachmentIds,
    });
    for (let tries = 1; ; tries++) {
      attempts++;
      try {
        const res = await fetch(target, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        if (res.status === 201 || res.status === 200) {
          const r = (await res.json()) as { id: string; receiptCode: string };
          acks.push({
            key,
            marker,
            receiptCode: r.receiptCode,
            id: r.id,
            attempts: tries,
            files: attachmentIds.length,
          });
          return;
        }
        failures++;
        const retryAfter = Number(res.headers.get('retry-after') ?? 0);
        await sleep(retryAfter > 0 ? retryAfter * 1000 : 100);
      } catch {
        failures++;
        await sleep(150);
      }
    }
  }

  async function readyStatus(): Promise<number> {
    try {
      return (await fetch(`${base}/api/ready`, { signal: AbortSignal.timeout(2000) })).status;
    } catch {
      return 0;
    }
  }

  async function client(): Promise<void> {
    while (!stopping) await submitOnce();
  }

  const t0 = Date.now();
  const running = Array.from({ length: clients }, () => client());
  const interval = (seconds * 1000) / (kills + 1);
  const outages: { readyDuring: number; recoveredMs: number }[] = [];
  for (let k = 1; k <= kills; k++) {
    await sleep(interval);
    const at = ((Date.now() - t0) / 1000).toFixed(1);
    if (cluster) {
      await cluster.kill();
      process.stdout.write(`  kill -9 PostgreSQL #${k} at ${at} s (${acks.length} acknowledged so far)\n`);
      await sleep(outageMs / 2);
      const readyDuring = await readyStatus();
      await sleep(outageMs / 2);
      await cluster.start();
      // An app that died with its database is counted (a failure) and started again so the run ends.
      if (server.exitCode !== null || server.signalCode !== null) {
        server = (await start()).child;
        watchExit();
      }
      const back = Date.now();
      while ((await readyStatus()) !== 200 && Date.now() - back < 30_000) await sleep(20);
      outages.push({ readyDuring, recoveredMs: Date.now() - back });
    } else {
      server.kill('SIGKILL');
      await new Promise((r) => server.once('exit', r));
      process.stdout.write(`  kill -9 #${k} at ${at} s (${acks.length} acknowledged so far)\n`);
      await sleep(300);
      server = (await start()).child;
      watchExit();
    }
  }
  await sleep(interval);
  stopping = true;
  await Promise.all(running);
  const exitsBeforeStop = serverExits;
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  // Only this run's responses (the demo data has its own on the same consultation).
  const rows = await db.query<{ receipt_code: string; id: string; body: string; files: string }>(
    `select receipt_code, id, body, (select count(*) from attachments a where a.response_id = r.id) as files
       from responses r where consultation_id = $1 and body like 'durability-%'`,
    [consultation.id],
  );
  await db.end();
  const byReceipt = new Map<string, number>();
  const byMarker = new Map<string, number>();
  for (const r of rows.rows) {
    byReceipt.set(r.receipt_code, (byReceipt.get(r.receipt_code) ?? 0) + 1);
    const marker = /durability-[0-9a-f-]{36}/.exec(r.body)?.[0] ?? '';
    byMarker.set(marker, (byMarker.get(marker) ?? 0) + 1);
  }
  const missing = acks.filter((a) => byReceipt.get(a.receiptCode) !== 1);
  const filesById = new Map(rows.rows.map((r) => [r.id, Number(r.files)]));
  const wrongFiles = acks.filter((a) => filesById.has(a.id) && filesById.get(a.id) !== a.files).length;
  const withFiles = acks.filter((a) => a.files > 0).length;
  const appDied = killWhat === 'postgres' ? exitsBeforeStop : 0;
  const duplicates = [...byMarker.values()].filter((n) => n > 1).length;
  const unacknowledged = rows.rows.length - acks.length;
  const retried = acks.filter((a) => a.attempts > 1).length;
  process.stdout.write(
    [
      '',
      `durability: ${seconds} s, ${clients} clients, ${kills} × kill -9 of ${killWhat === 'postgres' ? `PostgreSQL (${outageMs} ms down)` : 'the app'} and restart`,
      `  requests sent          ${attempts} (${failures} failed and were retried)`,
      `  acknowledged receipts  ${acks.length} (${retried} needed a retry, ${withFiles} with a file)`,
      `  responses in database  ${rows.rows.length}`,
      `  acknowledged, missing  ${missing.length}`,
      `  stored twice           ${duplicates}`,
      `  stored, never acked    ${unacknowledged}`,
      `  files not as sent      ${wrongFiles}`,
      ...(cluster
        ? [
            `  app process exits      ${appDied}`,
            `  /api/ready while down  ${outages.map((o) => o.readyDuring).join(', ')}`,
            `  ready again after      ${outages.map((o) => `${o.recoveredMs} ms`).join(', ')} (from the database's restart)`,
          ]
        : []),
      '',
    ].join('\n'),
  );
  await dropDatabase(adminUrl, dbName);
  await cluster?.destroy();
  const ok =
    missing.length === 0 &&
    duplicates === 0 &&
    unacknowledged === 0 &&
    wrongFiles === 0 &&
    appDied === 0 &&
    outages.every((o) => o.readyDuring === 503) &&
    acks.length > 0;
  process.stdout.write(ok ? 'durability: 1 passed, 0 failed\n' : 'durability: 0 passed, 1 failed\n');
  if (process.env.DURABILITY_REPORT) {
    const report = {
      numPassedTests: ok ? 1 : 0,
      numFailedTests: ok ? 0 : 1,
      acks: acks.length,
      stored: rows.rows.length,
    };
    await writeFile(process.env.DURABILITY_REPORT, JSON.stringify(report));
  }
  process.exit(ok ? 0 : 1);
}

main().catch((err: unknown) => {
  process.stderr.write(`durability failed: ${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
