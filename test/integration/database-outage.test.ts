import { createServer, type AddressInfo } from 'node:net';
import Fastify from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createDb, isDatabaseUnavailable, ping } from '../../server/db/database.ts';
import { errorsPlugin } from '../../server/plugins/errors.ts';

/**
 * Issue 10 item 4: while PostgreSQL is away a request answers 503 with Retry-After (the client
 * retries), not a 500; a bad statement is still a 500. The errors are real pg errors: a pool on a
 * port where nothing listens, a server in start-up (57P03), a connection cut mid-statement.
 * `DURABILITY_KILL=postgres npm run test:durability` checks the whole process under load.
 */
describe('a database outage answers 503', () => {
  const app = Fastify({ logger: false });
  let pool: pg.Pool;
  beforeAll(async () => {
    const probe = await new Promise<number>((resolve) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const port = (srv.address() as AddressInfo).port;
        srv.close(() => resolve(port));
      });
    });
    pool = new pg.Pool({ host: '127.0.0.1', port: probe, user: 'nobody', database: 'none' });
    pool.on('error', () => {});
    await app.register(errorsPlugin);
    app.get('/refused', async () => pool.query('select 1'));
    app.get('/starting', async () => {
      throw Object.assign(new Error('the database system is starting up'), { code: '57P03', severity: 'FATAL' });
    });
    app.get('/cut', async () => {
      throw new Error('Connection terminated unexpectedly');
    });
    app.get('/bad-sql', async () => {
      throw Object.assign(new Error('syntax error at or near "selec"'), { code: '42601' });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await pool.end();
  });

  it.each(['/refused', '/starting', '/cut'])('%s → 503 UNAVAILABLE with Retry-After', async (url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('1');
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAVAILABLE' } });
  });

  it('a bad statement is still a masked 500', async () => {
    const res = await app.inject({ url: '/bad-sql' });
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
  });

  it('classifies by SQLSTATE class, errno and pg message only', () => {
    expect(isDatabaseUnavailable({ code: '08006' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '57P01' })).toBe(true);
    expect(isDatabaseUnavailable({ code: 'ECONNREFUSED' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505' })).toBe(false);
    expect(isDatabaseUnavailable(new Error('Something else'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('a connection lost inside a transaction (PostgreSQL)', () => {
  it('fails the transaction without ending the process; the next query gets a new connection', async () => {
    const lost: string[] = [];
    const handle = await createDb({
      databaseUrl: process.env.TEST_DATABASE_URL!,
      poolMax: 2,
      onIdleError: (err) => lost.push(err.message),
    });
    const killer = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await killer.connect();
    try {
      const failed = handle.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
        await killer.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
        // Between two statements: the connection is checked out and idle when the server ends it.
        await new Promise((r) => setTimeout(r, 300));
        await sql`select 1`.execute(trx);
      });
      await expect(failed).rejects.toThrow();
      expect(lost.length).toBeGreaterThan(0);
      expect(await ping(handle.db)).toBe(true);
    } finally {
      await killer.end();
      await handle.close();
    }
  });
});
