import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/schema.ts';
import { createDb, type DbHandle } from '../../server/db/database.ts';
import { createEmptyDatabase, createTestApp, json, type TestApp } from '../helpers/app.ts';

/** The bodies of /api/health and /api/ready (their schemas are local to server/modules/health/health.routes.ts). */
type Health = { status: 'ok' };
type Ready = { status: 'ready' | 'unavailable'; database: boolean; migrations: boolean };

const config = loadConfig({
  LOG_LEVEL: 'silent',
  CLIENT_DIST: './no-client-in-tests',
  LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
});

/** The real app, but with its queries going to `db` (the job queue keeps the test database). */
async function appWithQueriesOn(t: TestApp, db: Kysely<Database>) {
  const handle: DbHandle = { ...t.handle, db };
  const app = await buildApp({ config, db: handle });
  await app.ready();
  return app;
}

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('GET /api/health says the process is up', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(json<Health>(res)).toEqual({ status: 'ok' });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('GET /api/ready is 200 with the database reachable and every migration applied', async () => {
    const res = await t.app.inject({ url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    expect(json<Ready>(res)).toEqual({ status: 'ready', database: true, migrations: true });
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('health and readiness need no sign-in and ignore unknown query parameters', async () => {
    const res = await t.app.inject({ url: '/api/ready?verbose=1' });
    expect(res.statusCode).toBe(200);
  });

  it('GET /api/ready is 503 with Retry-After when the database is unreachable', async () => {
    const pool = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/nowhere',
      connectionTimeoutMillis: 2000,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const app = await appWithQueriesOn(t, db);
    try {
      const res = await app.inject({ url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(json<Ready>(res)).toEqual({ status: 'unavailable', database: false, migrations: false });
      expect(res.headers['retry-after']).toBe('5');
      // Liveness is about the process only.
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await db.destroy();
    }
  });

  it('GET /api/ready is 503 when the database has not been migrated', async () => {
    const empty = await createEmptyDatabase();
    const app = await appWithQueriesOn(t, empty.db);
    try {
      const res = await app.inject({ url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(json<Ready>(res)).toEqual({ status: 'unavailable', database: true, migrations: false });
    } finally {
      await app.close();
      await empty.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('a pooled connection ended by the server', () => {
  it('is reported, dropped and replaced; the next query works and nothing is uncaught', async () => {
    const errors: Error[] = [];
    const handle = await createDb({
      databaseUrl: process.env.TEST_DATABASE_URL!,
      poolMax: 1,
      onIdleError: (err) => errors.push(err),
    });
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      const pid = first.rows[0]!.pid;
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      try {
        await admin.query('select pg_terminate_backend($1)', [pid]);
      } finally {
        await admin.end();
      }
      await expect.poll(() => errors.length).toBe(1);
      expect(errors[0]!.message).toMatch(/terminat/i);
      const second = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
      expect(second.rows[0]!.pid).not.toBe(pid);
    } finally {
      await handle.close();
    }
  });
});
