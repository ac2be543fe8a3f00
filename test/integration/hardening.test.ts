import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { BATCH_HITS, batchedCounter } from '../../server/plugins/limits.ts';
import { call, createTestApp, expectError, json, signedInUser, type TestApp } from '../helpers/app.ts';
import { someIp } from '../helpers/factory.ts';

// Issue 15 item 5: rate limits shared by every instance (counted in PostgreSQL), and session
// identifiers that rotate on sign-in and on a change of role.

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const set = res.headers['set-cookie'];
  const first = Array.isArray(set) ? String(set[0]) : set ? String(set) : '';
  return first ? first.split(';')[0]! : null;
};

// Several instances exist only on PostgreSQL (PGlite's data directory belongs to one process, whose
// counters stay in memory).
describe.runIf(process.env.TEST_DATABASE_URL)('rate limits shared by instances', () => {
  let t: TestApp;
  let second: FastifyInstance;
  const namespace = `shared-${randomUUID()}`;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '4', RATE_LIMIT_NAMESPACE: namespace });
    // A second instance of the same deployment: its own process state, the same database.
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      CLIENT_DIST: './no-client-in-tests',
      ANALYSIS_INDEX_MS: '0',
      JOBS_ENABLED: 'false',
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
      RATE_LIMIT_LOGIN_PER_MINUTE: '4',
      RATE_LIMIT_NAMESPACE: namespace,
    });
    second = await buildApp({ config, db: t.handle });
    await second.ready();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const attempt = (app: FastifyInstance, ip: string, email = `nobody-${randomUUID()}@test.example`) =>
    app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: ip, payload: { email, password: 'wrong' } });

  it('counts one address across both instances', async () => {
    const ip = someIp();
    const statuses = [];
    for (const app of [t.app, second, t.app, second, t.app]) statuses.push((await attempt(app, ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const limited = await attempt(second, ip);
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another address still has its budget.
    expect((await attempt(second, someIp())).statusCode).toBe(401);
  });

  it('counts one account across addresses and instances', async () => {
    const email = `target-${randomUUID()}@test.example`;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i % 2 ? second : t.app, someIp(), email)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const res = await attempt(t.app, someIp(), email.toUpperCase());
    expectError(res, 429, 'RATE_LIMITED');
    expect(json<{ error: { details: { scope: string } } }>(res).error.details.scope).toBe('account');
  });

  it('batches a hot key far below its limit and counts every hit near it, across instances', async () => {
    const [a, b] = [batchedCounter(t.handle.db), batchedCounter(t.handle.db)];
    const stored = async (key: string) =>
      Number(
        (await t.handle.db.selectFrom('rateLimits').select('hits').where('key', '=', key).executeTakeFirst())?.hits ??
          0,
      );
    // Far below: each instance answers the exact local count; PostgreSQL gets the hits in batches.
    const hot = `hot-${randomUUID()}`;
    const seen = [];
    for (let i = 0; i < BATCH_HITS + 10; i++) seen.push((await a(hot, 60_000, 100_000)).current);
    expect(seen).toEqual(Array.from({ length: BATCH_HITS + 10 }, (_, i) => i + 1));
    expect(await stored(hot)).toBe(BATCH_HITS + 1);
    // Another instance's first hit is counted at once and sees what the first counted so far.
    expect((await b(hot, 60_000, 100_000)).current).toBe(BATCH_HITS + 2);
    // Near the limit every hit is counted in PostgreSQL, so a limit of 10 holds across instances.
    const near = `near-${randomUUID()}`;
    for (let i = 0; i < 10; i++) await a(near, 60_000, 10);
    expect(await stored(near)).toBe(10);
    expect((await b(near, 60_000, 10)).current).toBe(11);
  });

  it('keeps deployments with different namespaces apart', async () => {
    const other = await createTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '4' });
    try {
      const ip = someIp();
      for (let i = 0; i < 5; i++) await attempt(t.app, ip);
      expect((await attempt(t.app, ip)).statusCode).toBe(429);
      expect((await attempt(other.app, ip)).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('rate limits per account on one instance', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
  });
  afterAll(async () => t.close());

  it('counts sign-in attempts per account named, whatever the address', async () => {
    const email = `target-${randomUUID()}@test.example`;
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: someIp(),
            payload: { email, password: 'wrong' },
          })
        ).statusCode,
      );
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});

describe('session identifiers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('a new sign-in replaces the browser’s previous session', async () => {
    const u = await signedInUser(t, ['participant']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: u.cookie },
      payload: { email: u.email, password: u.password },
    });
    expect(res.statusCode).toBe(200);
    const fresh = cookieOf(res);
    expect(fresh).not.toBeNull();
    expect(fresh).not.toBe(u.cookie);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(
      401,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: fresh! } })).statusCode).toBe(
      200,
    );
  });

  it('rotates when an admin changes the account’s roles, and only then', async () => {
    const admin = await signedInUser(t, ['admin']);
    const u = await signedInUser(t, ['participant']);
    const unchanged = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: u.cookie } });
    expect(unchanged.statusCode).toBe(200);
    expect(cookieOf(unchanged)).toBeNull();

    const patch = await call(t, admin, {
      method: 'PATCH',
      url: `/api/accounts/${u.id}`,
      payload: { roles: ['participant', 'analyst'] },
    });
    expect(patch.statusCode).toBe(200);

    const first = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: u.cookie } });
    expect(first.statusCode).toBe(200);
    expect(json<{ roles: string[] }>(first).roles.sort()).toEqual(['analyst', 'participant']);
    const rotated = cookieOf(first);
    expect(rotated).not.toBeNull();
    expect(rotated).not.toBe(u.cookie);
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly/i);
    // The old identifier is gone; the new one works and is not rotated again.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(
      401,
    );
    const again = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: rotated! } });
    expect(again.statusCode).toBe(200);
    expect(cookieOf(again)).toBeNull();

    const audit = await call(t, admin, { method: 'GET', url: `/api/audit?action=auth.session_rotated` });
    expect(audit.statusCode).toBe(200);
    expect(json<{ items: { itemId: string }[] }>(audit).items.some((e) => e.itemId === u.id)).toBe(true);
  });
});
