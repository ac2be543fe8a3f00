/**
 * Invitations to consulted parties (issue 13, Measure: "invitations to 2,000 parties queued and sent
 * through a local SMTP server, the time and the mails per second reported"). A scratch PostgreSQL
 * database, an app built in this process with SMTP_URL pointing at an SMTP server (smtp-server, as
 * the mail tests use) also in this process, BENCH_PARTIES (2,000) parties in the directory and on a
 * consultation's list. Timed: the invitation request (one transaction queues every mail) and the
 * outbox relay delivering all of them. `BENCH_ONLY=parties npm run bench`.
 */
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../server/app.ts';
import { loadConfig } from '../server/config.ts';
import { createDb } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { createAccount } from '../server/modules/accounts/accounts.service.ts';
import { createDatabase, dropDatabase } from './lib.ts';

async function smtpSink() {
  let count = 0;
  let last = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A reverse DNS lookup of 127.0.0.1 per connection would be the sink's time, not the app's.
    disableReverseLookup: true,
    onData(stream, _session, cb) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        count++;
        last = performance.now();
        cb();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    get count() {
      return count;
    },
    get last() {
      return last;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function benchParties(adminUrl: string, n = Number(process.env.BENCH_PARTIES ?? 2000)) {
  const name = 'samraad_bench_parties';
  const url = await createDatabase(adminUrl, name);
  const smtp = await smtpSink();
  const handle = await createDb({ databaseUrl: url, poolMax: 10 });
  try {
    await migrateToLatest(handle.db);
    const app = await buildApp({
      config: loadConfig({
        DATABASE_URL: url,
        LOG_LEVEL: 'silent',
        CLIENT_DIST: './no-client',
        PUBLIC_URL: 'http://127.0.0.1',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        ANALYSIS_INDEX_MS: '0',
        RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
        // One process holds the app and the SMTP server: a busy loop here is the bench, not overload.
        LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
        LOAD_SHED_DB_QUEUE: '0',
      }),
      db: handle,
    });
    await app.ready();
    try {
      const password = `bench-${randomUUID()}`;
      await createAccount(
        handle.db,
        null,
        { email: 'bench-admin@bench.example', displayName: 'Bench', password, roles: ['admin'], locale: 'da' },
        { system: true },
      );
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'bench-admin@bench.example', password },
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      const as = (method: 'POST' | 'GET', path: string, payload?: object) =>
        app.inject({ method, url: path, payload, headers: { cookie } });
      const csv = ['name;kind;emails;locale'];
      for (let i = 0; i < n; i++)
        csv.push(
          `Bench Party ${i};${i % 2 ? 'municipality' : 'ngo'};hoering${i}@p${i}.bench.example;${i % 5 ? 'da' : 'en'}`,
        );
      const imp = await as('POST', '/api/parties/import', { csv: csv.join('\n') });
      if (imp.statusCode !== 201) throw new Error(`import: ${imp.body}`);
      const c = await as('POST', '/api/consultations', {
        slug: `bench-${randomUUID().slice(0, 8)}`,
        title: { da: 'Benchmark-høring', en: 'Benchmark hearing' },
        summary: { da: 'x', en: 'x' },
        body: { da: 'x', en: 'x' },
        closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
      });
      const id = (JSON.parse(c.body) as { id: string }).id;
      await as('POST', `/api/consultations/${id}/transition`, { to: 'open' });
      await as('POST', `/api/consultations/${id}/parties`, { kinds: ['municipality', 'ngo'] });

      const t0 = performance.now();
      const inv = await as('POST', `/api/consultations/${id}/parties/invitations`, {});
      const queuedMs = performance.now() - t0;
      const queued = (JSON.parse(inv.body) as { queued: number }).queued;
      if (queued !== n) throw new Error(`queued ${queued} of ${n}: ${inv.body}`);
      const deadline = Date.now() + 30 * 60_000;
      while (smtp.count < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const totalMs = smtp.last - t0;
      const figures = {
        parties: n,
        mails: smtp.count,
        queueSeconds: Math.round(queuedMs) / 1000,
        totalSeconds: Math.round(totalMs) / 1000,
        mailsPerSecond: Math.round((smtp.count / totalMs) * 1000 * 10) / 10,
      };
      process.stdout.write(
        `  ${n} invitations: queued in ${figures.queueSeconds} s (one transaction), all delivered to SMTP in ` +
          `${figures.totalSeconds} s — ${figures.mailsPerSecond} mails/s\n`,
      );
      return figures;
    } finally {
      await app.close();
    }
  } finally {
    await handle.close();
    await smtp.close();
    await dropDatabase(adminUrl, name);
  }
}
