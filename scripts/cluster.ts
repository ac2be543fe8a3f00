/**
 * npm run test:cluster — Samråd on more than one machine's worth of parts, all on this machine and
 * only on loopback (issue 15 items 7–9): CLUSTER_INSTANCES (default 3) app instances behind HAProxy,
 * PgBouncer in transaction mode in front of a PostgreSQL primary with a synchronous streaming replica
 * (pg_basebackup; replay held back by a second, so a read served from it shows), files in one shared
 * directory, the job workers on the first instance only, and a real SMTP server.
 *
 * It shows, and fails when it does not hold:
 *  1. a session works on every instance, and a retry that lands on another instance returns the first
 *     receipt (idempotency across instances);
 *  2. anonymous public reads go to the replica, and the person who just wrote reads the primary;
 *  3. a job runs once: a registration's confirmation mail is delivered exactly once;
 *  4. killing an app instance under load loses no acknowledged response and stores none twice;
 *  5. submissions and public reads per second through HAProxy with 1, 2 and 3 instances, and the same
 *     topology of bare Fastify + pg twins, as ratios (CLUSTER_MEASURE_SECONDS, default 10);
 *  6. failover: the primary is killed while submissions arrive, the replica promoted and PgBouncer
 *     repointed; the instances answer 503 meanwhile and resume by themselves, 0 acknowledged responses
 *     lost, 0 stored twice, and the time without service is reported.
 * CLUSTER_SHORT=1 (CI): two instances, 3-second measurements, 8-second load phases.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { load, startProcess, stopProcess, type Figures } from '../bench/lib.ts';
import {
  freePort,
  ownedDir,
  startHaproxy,
  startPgBouncer,
  startPrimary,
  startReplica,
  type Balancer,
} from './cluster-topology.ts';

const SHORT = process.env.CLUSTER_SHORT === '1';
const INSTANCES = Number(process.env.CLUSTER_INSTANCES ?? (SHORT ? 2 : 3));
const MEASURE_S = Number(process.env.CLUSTER_MEASURE_SECONDS ?? (SHORT ? 3 : 10));
const LOAD_S = Number(process.env.CLUSTER_LOAD_SECONDS ?? (SHORT ? 8 : 20));
const CLIENTS = 12;
const SLUG = 'naeste-generation-af-nemid';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Check = { name: string; ok: boolean; detail: string };
const checks: Check[] = [];
/** Restarts of a killed instance that needed a second try (see `restart`). */
let restartsRetried = 0;
function check(name: string, ok: boolean, detail: string): void {
  checks.push({ name, ok, detail });
  process.stdout.write(`  ${ok ? '✓' : '✗'} ${name}: ${detail}\n`);
}

async function startSmtp() {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      stream.on('data', () => {});
      stream.on('end', () => {
        received.push(session.envelope.rcptTo.map((r) => r.address).join(','));
        cb();
      });
    },
  });
  server.on('error', () => {});
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

type Ack = { key: string; receiptCode: string };

/** Clients that submit through `base`, each retrying its own submission with the same key until acknowledged. */
function submitters(base: string, consultationId: string, marker: string) {
  const acks: Ack[] = [];
  let stopping = false;
  let failures = 0;
  const outage = { firstFailure: 0, lastFailure: 0 };
  async function one(): Promise<void> {
    const key = randomUUID();
    const body = JSON.stringify({
      respondent: { name: 'Cluster Test', email: `c-${key.slice(0, 8)}@example.dk`, actingAs: 'citizen' },
      consent: 'public_named',
      body: `${marker}-${key} Et digitalt ID skal kunne bruges af alle. `.repeat(4),
      answers: [],
    });
    for (;;) {
      try {
        const res = await fetch(`${base}/api/consultations/${consultationId}/responses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        if (res.status === 200 || res.status === 201) {
          acks.push({ key, receiptCode: ((await res.json()) as { receiptCode: string }).receiptCode });
          return;
        }
        await res.arrayBuffer();
        failures++;
        const now = Date.now();
        if (!outage.firstFailure) outage.firstFailure = now;
        outage.lastFailure = now;
        const after = Number(res.headers.get('retry-after') ?? 0);
        await sleep(after > 0 ? Math.min(after, 2) * 1000 : 100);
      } catch {
        failures++;
        const now = Date.now();
        if (!outage.firstFailure) outage.firstFailure = now;
        outage.lastFailure = now;
        await sleep(150);
      }
    }
  }
  const running = Array.from({ length: CLIENTS }, async () => {
    while (!stopping) await one();
  });
  return {
    acks,
    outage,
    failures: () => failures,
    stop: async () => {
      stopping = true;
      await Promise.all(running);
    },
  };
}

/** Every acknowledged receipt is stored exactly once, and nothing with the marker is stored unacknowledged. */
async function verifyAcks(url: string, consultationId: string, marker: string, acks: Ack[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const rows = await client.query<{ receipt_code: string }>(
    `select receipt_code from responses where consultation_id = $1 and body like $2`,
    [consultationId, `${marker}-%`],
  );
  await client.end();
  const stored = new Map<string, number>();
  for (const r of rows.rows) stored.set(r.receipt_code, (stored.get(r.receipt_code) ?? 0) + 1);
  const lost = acks.filter((a) => !stored.has(a.receiptCode)).length;
  const twice = [...stored.values()].filter((n) => n > 1).length;
  return { lost, twice, stored: rows.rows.length, unacknowledged: rows.rows.length - acks.length };
}

async function main(): Promise<void> {
  const t0 = Date.now();
  const dir = ownedDir(mkdtempSync(path.join(tmpdir(), 'samraad-cluster-')));
  const smtp = await startSmtp();
  process.stdout.write(`cluster: ${INSTANCES} instances, in ${dir}\n`);
  const primary = await startPrimary(dir);
  const admin = new pg.Client({ connectionString: primary.url() });
  await admin.connect();
  await admin.query('create database samraad');
  await admin.query('create database samraad_bare');
  const files = ownedDir(path.join(dir, 'files'));
  // The demo data goes straight into the primary before replication is synchronous and before the
  // replica is copied from it: through PgBouncer with every commit waiting for the replica, the
  // seed's thousands of small commits took minutes of CI. The instances then start on seeded data.
  const seed = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/seed.ts'], {
    env: { ...process.env, DATABASE_URL: primary.url('samraad'), FILES_DIR: files, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  if (seed.status !== 0) throw new Error(`the demo seed failed:\n${seed.stdout}\n${seed.stderr}`);
  process.stdout.write(`  seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  // Synchronous replication: a commit is acknowledged only once the replica has it, so a failover
  // loses nothing that was acknowledged.
  await admin.query(`alter system set synchronous_standby_names = '*'`);
  await admin.query('select pg_reload_conf()');
  await admin.end();
  // The replica becomes the primary at the failover: it must not wait for a standby of its own.
  const replica = await startReplica(dir, primary, '1s', ["synchronous_standby_names = ''"]);
  const bouncer = await startPgBouncer(dir, primary.port, ['samraad', 'samraad_bare']);
  const lbPort = await freePort();
  const appPorts = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
  const base = `http://127.0.0.1:${lbPort}`;
  const envFor = (i: number) => ({
    DATABASE_URL: bouncer.url('samraad'),
    DATABASE_PREPARED_STATEMENTS: 'false',
    DATABASE_READ_URL: replica.url('samraad'),
    PUBLIC_URL: base,
    PORT: String(appPorts[i]),
    HOST: '127.0.0.1',
    FILES_DIR: files,
    TRUST_PROXY: '127.0.0.1',
    SEED_DEMO: 'false',
    JOBS_ENABLED: i === 0 ? 'true' : 'false',
    SMTP_URL: smtp.url,
    MAIL_POLL_MS: '200',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_SUBMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
  });
  const apps: ChildProcess[] = [];
  /**
   * Starts instance i again after it was killed. Once in CI its start printed nothing for 120 s; what
   * the primary was doing then is printed, and the start tried once more, so that the checks that
   * follow (nothing lost, nothing twice) still run. Every second try is reported.
   */
  const restart = async (i: number): Promise<ChildProcess> => {
    try {
      return (await startProcess(['server/server.ts'], envFor(i), /running at/, [], 60_000)).child;
    } catch (err) {
      process.stdout.write(`  ! instance ${i} did not start within 60 s: ${String(err).slice(0, 500)}\n`);
      const c = new pg.Client({ connectionString: primary.url() });
      await c.connect();
      const busy = await c.query(
        `select pid, state, wait_event_type, wait_event, now() - xact_start as in_xact, left(query, 200) as query
           from pg_stat_activity where datname = 'samraad' and state <> 'idle'`,
      );
      await c.end();
      process.stdout.write(`  ! the primary's sessions then: ${JSON.stringify(busy.rows)}\n`);
      restartsRetried++;
      return (await startProcess(['server/server.ts'], envFor(i), /running at/)).child;
    }
  };
  const balancers: Balancer[] = [];
  try {
    // The first instance migrates (nothing left to do after the seed); the others start after it.
    for (let i = 0; i < INSTANCES; i++)
      apps.push((await startProcess(['server/server.ts'], envFor(i), /running at/)).child);
    balancers.push(await startHaproxy(dir, 'all', appPorts, lbPort));
    process.stdout.write(`  up in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);

    const consultation = (await (await fetch(`${base}/api/consultations/${SLUG}`)).json()) as { id: string };

    // 1. Sessions and idempotency across instances.
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'participant@samraad.demo', password: 'demo-participant-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const me = await Promise.all(
      appPorts.map((p) => fetch(`http://127.0.0.1:${p}/api/auth/me`, { headers: { cookie } }).then((r) => r.status)),
    );
    check('a session works on every instance', login.status === 200 && me.every((s) => s === 200), `${me.join(', ')}`);
    const key = randomUUID();
    const payload = JSON.stringify({
      respondent: { name: 'Retry Test', email: 'retry@example.dk', actingAs: 'citizen' },
      consent: 'not_public',
      body: 'Et svar, der sendes igen til en anden instans.',
      answers: [],
    });
    const send = (port: number) =>
      fetch(`http://127.0.0.1:${port}/api/consultations/${consultation.id}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: payload,
      });
    const first = await send(appPorts[0]!);
    const again = await send(appPorts[INSTANCES - 1]!);
    const r1 = (await first.json()) as { receiptCode: string };
    const r2 = (await again.json()) as { receiptCode: string };
    check(
      'a retry on another instance returns the first receipt',
      first.status === 201 && again.status === 200 && r1.receiptCode === r2.receiptCode,
      `${first.status} then ${again.status}, ${r1.receiptCode} = ${r2.receiptCode}`,
    );

    // 2. Reads: the replica for the public, the primary for the person who just wrote.
    const scenarios = (await (await fetch(`${base}/api/consultations/${consultation.id}/scenarios`)).json()) as {
      id: string;
    }[];
    const scenarioId = scenarios[0]!.id;
    const total = async (withCookie: boolean) =>
      (
        (await (
          await fetch(`${base}/api/scenarios/${scenarioId}/comments`, withCookie ? { headers: { cookie } } : {})
        ).json()) as { total: number }
      ).total;
    const before = await total(true);
    const posted = await fetch(`${base}/api/scenarios/${scenarioId}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ body: 'En kommentar skrevet gennem klyngen.' }),
    });
    const own = await total(true);
    const publicNow = await total(false);
    let publicLater = publicNow;
    const waited = Date.now();
    while (publicLater !== before + 1 && Date.now() - waited < 10_000) {
      await sleep(100);
      publicLater = await total(false);
    }
    check(
      'the writer reads the primary at once',
      posted.status === 201 && own === before + 1,
      `comments ${before} → ${own} for the writer`,
    );
    check(
      'anonymous reads come from the replica (a second behind)',
      publicNow === before && publicLater === before + 1,
      `the public saw ${publicNow} at once, ${publicLater} after ${Date.now() - waited} ms`,
    );

    // 3. A job runs once: one confirmation mail for one registration, whichever instance took it.
    const email = `cluster-${randomUUID().slice(0, 8)}@example.dk`;
    const reg = await fetch(`${base}/api/participants/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'a long enough password', displayName: 'Klynge' }),
    });
    const mailWait = Date.now();
    while (!smtp.received.includes(email) && Date.now() - mailWait < 15_000) await sleep(100);
    await sleep(2000);
    const delivered = smtp.received.filter((r) => r === email).length;
    check('a job runs once (one confirmation mail)', reg.status === 202 && delivered === 1, `${delivered} delivered`);

    // 4. An instance killed under load.
    {
      const marker = `cluster-kill-${randomUUID().slice(0, 8)}`;
      const load1 = submitters(base, consultation.id, marker);
      await sleep((LOAD_S * 1000) / 2);
      const victim = INSTANCES - 1;
      apps[victim]!.kill('SIGKILL');
      await new Promise((r) => apps[victim]!.once('exit', r));
      const killedAt = load1.acks.length;
      await sleep((LOAD_S * 1000) / 2);
      await load1.stop();
      apps[victim] = await restart(victim);
      const v = await verifyAcks(primary.url('samraad'), consultation.id, marker, load1.acks);
      check(
        'an instance killed under load loses nothing',
        v.lost === 0 && v.twice === 0 && v.unacknowledged === 0 && load1.acks.length > killedAt,
        `${load1.acks.length} acknowledged (${killedAt} before the kill), ${v.stored} stored, lost ${v.lost}, twice ${v.twice}, ${load1.failures()} failed tries retried`,
      );
    }

    // 5. Throughput with 1..N instances, and the bare twins in the same topology.
    const measures: { instances: number; read: Figures; submit: Figures; bareRead: Figures; bareSubmit: Figures }[] =
      [];
    {
      const barePorts: number[] = [];
      const bares = [];
      for (let i = 0; i < INSTANCES; i++) {
        const b = await startProcess(
          ['bench/bare-server.ts'],
          { DATABASE_URL: bouncer.url('samraad_bare'), PORT: '0', BARE_ROW_BYTES: '4000' },
          /READY (\d+)/,
        );
        bares.push(b.child);
        barePorts.push(Number(b.match[1]));
      }
      const seedId = ((await (await fetch(`http://127.0.0.1:${barePorts[0]}/bare/seed`)).json()) as { id: string }).id;
      const text = 'Jeg mener, at en fælles digital identitet skal være tilgængelig for alle borgere. '.repeat(6);
      for (let n = 1; n <= INSTANCES; n++) {
        const appLb = await startHaproxy(dir, `app${n}`, appPorts.slice(0, n));
        const bareLb = await startHaproxy(dir, `bare${n}`, barePorts.slice(0, n), undefined, '/bare/seed');
        balancers.push(appLb, bareLb);
        const a = `http://127.0.0.1:${appLb.port}`;
        const b = `http://127.0.0.1:${bareLb.port}`;
        const c = 50;
        const read = await load({ url: `${a}/api/consultations/${SLUG}`, connections: c, seconds: MEASURE_S });
        const bareRead = await load({ url: `${b}/bare/items/${seedId}`, connections: c, seconds: MEASURE_S });
        const submit = await load({
          url: `${a}/api/consultations/${consultation.id}/responses`,
          method: 'POST',
          headersPerRequest: () => ({ 'idempotency-key': randomUUID() }),
          body: () =>
            JSON.stringify({
              respondent: { name: 'Load', email: 'load@example.dk', actingAs: 'citizen' },
              consent: 'not_public',
              body: text,
              answers: [],
            }),
          connections: c,
          seconds: MEASURE_S,
        });
        const bareSubmit = await load({
          url: `${b}/bare/items`,
          method: 'POST',
          body: () => JSON.stringify({ consultationId: consultation.id, body: text, answers: [] }),
          connections: c,
          seconds: MEASURE_S,
        });
        measures.push({ instances: n, read, submit, bareRead, bareSubmit });
        process.stdout.write(
          `  ${n} instance${n > 1 ? 's' : ''}: reads ${read.rps.toFixed(0)}/s (bare ${bareRead.rps.toFixed(0)}, ${(read.rps / bareRead.rps).toFixed(2)}×, p99 ${read.p99} ms), ` +
            `submissions ${submit.rps.toFixed(0)}/s (bare ${bareSubmit.rps.toFixed(0)}, ${(submit.rps / bareSubmit.rps).toFixed(2)}×, p99 ${submit.p99} ms), ` +
            `errors ${read.errors + submit.errors}, non-2xx ${read.non2xx + submit.non2xx}\n`,
        );
        await appLb.stop();
        await bareLb.stop();
      }
      for (const b of bares) await stopProcess(b);
      // Under overload an instance sheds with 503 and Retry-After by design: that is not breaking.
      const clean = measures.every((m) => m.read.errors + m.submit.errors === 0);
      const shed = measures.reduce((n, m) => n + m.read.non2xx + m.submit.non2xx, 0);
      check(
        'throughput with 1..N instances, no connection errors',
        clean,
        `${measures.length} topologies measured, ${shed} answers not 2xx (shed with 503 under overload)`,
      );
    }

    // 6. Failover: kill the primary under load, promote the replica, repoint PgBouncer.
    let failover: Record<string, number> = {};
    {
      const marker = `cluster-failover-${randomUUID().slice(0, 8)}`;
      const load2 = submitters(base, consultation.id, marker);
      await sleep((LOAD_S * 1000) / 2);
      const ackedBefore = load2.acks.length;
      const killedAt = Date.now();
      await primary.kill();
      await sleep(1000);
      const during = await fetch(`${base}/api/consultations/${consultation.id}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: payload,
        signal: AbortSignal.timeout(15_000),
      }).catch(() => null);
      const duringStatus = during?.status ?? 0;
      const duringRetryAfter = during?.headers.get('retry-after') ?? null;
      replica.promote();
      bouncer.repoint(replica.port);
      const promotedAt = Date.now();
      let resumedAt = 0;
      while (!resumedAt && Date.now() - promotedAt < 60_000) {
        const n = load2.acks.length;
        await sleep(50);
        if (load2.acks.length > n) resumedAt = Date.now();
      }
      await sleep((LOAD_S * 1000) / 2);
      await load2.stop();
      const v = await verifyAcks(replica.url('samraad'), consultation.id, marker, load2.acks);
      const alive = apps.every((a) => a.exitCode === null && a.signalCode === null);
      failover = {
        acknowledged: load2.acks.length,
        ackedBeforeKill: ackedBefore,
        lost: v.lost,
        storedTwice: v.twice,
        withoutServiceMs: resumedAt ? resumedAt - killedAt : -1,
        promoteToResumeMs: resumedAt ? resumedAt - promotedAt : -1,
      };
      check(
        'failover: 503 with Retry-After while no primary answers',
        duringStatus === 503 && duringRetryAfter !== null,
        `${duringStatus}, Retry-After ${duringRetryAfter}`,
      );
      check(
        'failover: the instances resume by themselves, nothing lost or stored twice',
        alive && resumedAt > 0 && v.lost === 0 && v.twice === 0 && v.unacknowledged === 0,
        `${load2.acks.length} acknowledged, lost ${v.lost}, twice ${v.twice}, without service ${failover.withoutServiceMs} ms ` +
          `(${failover.promoteToResumeMs} ms after the promotion), instances alive: ${alive}`,
      );
    }

    const passed = checks.filter((c) => c.ok).length;
    const failed = checks.length - passed;
    process.stdout.write(
      `\ncluster: ${passed} passed, ${failed} failed in ${((Date.now() - t0) / 1000).toFixed(0)} s` +
        `${restartsRetried ? `; ${restartsRetried} restart(s) needed a second try` : ''}\n`,
    );
    if (process.env.CLUSTER_REPORT)
      writeFileSync(
        process.env.CLUSTER_REPORT,
        JSON.stringify(
          { numPassedTests: passed, numFailedTests: failed, checks, measures, failover, restartsRetried },
          null,
          2,
        ),
      );
    process.exitCode = failed ? 1 : 0;
  } finally {
    for (const b of balancers) await b.stop();
    for (const a of apps) await stopProcess(a);
    await bouncer.stop();
    await replica.stop();
    await primary.stop();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`cluster failed: ${String(err instanceof Error ? err.stack : err)}\n`);
  process.exit(1);
});
