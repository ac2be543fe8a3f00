/**
 * npm run test:durability — "impossible to lose a response" (DESIGN.md §6, issue 4).
 *
 * Clients submit hearing responses under load, each retrying its own submission with the same
 * Idempotency-Key on any error until it is acknowledged; meanwhile the server is killed with
 * SIGKILL several times and restarted. At the end every acknowledged receipt must be in the
 * database exactly once, and no submission may exist twice. Runs on the local PostgreSQL
 * (DURABILITY_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, used to create
 * and drop a scratch database). Short form: DURABILITY_KILLS=2 DURABILITY_SECONDS=20.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import pg from 'pg';
import { createDatabase, dropDatabase, startProcess } from '../bench/lib.ts';

const adminUrl = process.env.DURABILITY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const kills = Number(process.env.DURABILITY_KILLS ?? 5);
const seconds = Number(process.env.DURABILITY_SECONDS ?? 60);
const clients = Number(process.env.DURABILITY_CLIENTS ?? 16);
const dbName = 'samraad_durability';

type Ack = { key: string; marker: string; receiptCode: string; id: string; attempts: number };

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
  const consultation = (await (await fetch(`${base}/api/consultations/naeste-generation-af-nemid`)).json()) as {
    id: string;
  };
  const target = `${base}/api/consultations/${consultation.id}/responses`;

  const acks: Ack[] = [];
  let attempts = 0;
  let failures = 0;
  let stopping = false;

  // One submission: retried with the same key and the same body until the server acknowledges it.
  async function submitOnce(): Promise<void> {
    const key = randomUUID();
    const marker = `durability-${key}`;
    const body = JSON.stringify({
      respondent: { name: 'Durability Test', email: `d-${key.slice(0, 8)}@example.dk`, actingAs: 'citizen' },
      consent: 'public_named',
      body: `${marker} Jeg ønsker en løsning, der virker for alle. `.repeat(8),
      answers: [],
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
          acks.push({ key, marker, receiptCode: r.receiptCode, id: r.id, attempts: tries });
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

  async function client(): Promise<void> {
    while (!stopping) await submitOnce();
  }

  const t0 = Date.now();
  const running = Array.from({ length: clients }, () => client());
  const interval = (seconds * 1000) / (kills + 1);
  for (let k = 1; k <= kills; k++) {
    await sleep(interval);
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    process.stdout.write(
      `  kill -9 #${k} at ${((Date.now() - t0) / 1000).toFixed(1)} s (${acks.length} acknowledged so far)\n`,
    );
    await sleep(300);
    server = (await start()).child;
  }
  await sleep(interval);
  stopping = true;
  await Promise.all(running);
  server.kill('SIGTERM');
  await new Promise((r) => server.once('exit', r));

  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const rows = await db.query<{ receipt_code: string; id: string; body: string }>(
    `select receipt_code, id, body from responses where consultation_id = $1`,
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
  const duplicates = [...byMarker.values()].filter((n) => n > 1).length;
  const unacknowledged = rows.rows.length - acks.length;
  const retried = acks.filter((a) => a.attempts > 1).length;
  process.stdout.write(
    [
      '',
      `durability: ${seconds} s, ${clients} clients, ${kills} × kill -9 and restart`,
      `  requests sent          ${attempts} (${failures} failed and were retried)`,
      `  acknowledged receipts  ${acks.length} (${retried} needed a retry)`,
      `  responses in database  ${rows.rows.length}`,
      `  acknowledged, missing  ${missing.length}`,
      `  stored twice           ${duplicates}`,
      `  stored, never acked    ${unacknowledged}`,
      '',
    ].join('\n'),
  );
  await dropDatabase(adminUrl, dbName);
  const ok = missing.length === 0 && duplicates === 0 && unacknowledged === 0 && acks.length > 0;
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
