import { Kysely, PostgresDialect, WithSchemaPlugin } from 'kysely';
import pg from 'pg';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Database } from '../../server/db/schema.ts';
import {
  call,
  createTestApp,
  expectError,
  expectNoStack,
  json,
  makeConsultation,
  signInCast,
  type Cast,
  type TestApp,
} from '../helpers/app.ts';
import type { ErrorBody } from '../helpers/factory.ts';

describe('errors', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  it.each([
    ['GET', '/api/nope'],
    ['GET', '/api/consultations/x/y/z'],
    ['POST', '/api/nope'],
    ['DELETE', '/api/consultations'],
    ['GET', '/api'],
    ['GET', '/api/'],
  ] as const)('%s %s is a JSON 404', async (method, url) => {
    const res = await t.app.inject({ method, url });
    expectError(res, 404, 'NOT_FOUND');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
  });

  it('recognises a stack trace when there is one (the check below can fail)', () => {
    const err = new Error('boom');
    expect(() => expectNoStack(JSON.stringify({ error: { message: err.message, stack: err.stack } }))).toThrow();
    expect(() => expectNoStack(`${err.stack}`)).toThrow();
    expect(() => expectNoStack('{"error":{"code":"X","message":"Look at the deadline"}}')).not.toThrow();
  });

  it('sends the security headers on errors too', async () => {
    const res = await t.app.inject({ url: '/api/nope' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('never shows a stack trace, file path or SQL in any 4xx body', async () => {
    const c = await makeConsultation(t, cast.admin);
    const requests: [InjectOptions, Cast[keyof Cast] | null, number][] = [
      [{ url: '/api/auth/me' }, null, 401],
      [{ url: '/api/accounts' }, cast.participant, 403],
      [{ url: '/api/consultations/00000000-0000-4000-8000-000000000000' }, null, 404],
      [{ url: '/api/consultations?limit=abc' }, null, 400],
      [{ url: `/api/consultations?cursor=${Buffer.from('["x","y"]').toString('base64url')}` }, null, 400],
      [{ url: '/api/scenarios/%E0%A4%A' }, null, 400],
      [{ url: `/api/scenarios/${'x'.repeat(300)}` }, null, 400],
      [
        { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"a":' },
        null,
        400,
      ],
      [
        { method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/xml' }, payload: '<a/>' },
        null,
        415,
      ],
      [
        { method: 'POST', url: '/api/auth/login', payload: { email: 'x@y.example', password: 'z'.repeat(2_000_000) } },
        null,
        413,
      ],
      [
        { method: 'POST', url: '/api/consultations', payload: { slug: c.slug, title: { da: 'a', en: 'b' } } },
        cast.admin,
        409,
      ],
      [{ method: 'POST', url: `/api/consultations/${c.id}/transition`, payload: { to: 'concluded' } }, cast.admin, 422],
      [
        { method: 'PATCH', url: `/api/consultations/${c.id}`, payload: { version: 99, itStage: 'idea' } },
        cast.admin,
        409,
      ],
      [
        { method: 'POST', url: '/api/consultations', headers: { origin: 'https://evil.example' }, payload: {} },
        cast.admin,
        403,
      ],
    ];
    for (const [opts, user, status] of requests) {
      const res = await call(t, user, opts);
      expect(res.statusCode, `${opts.method ?? 'GET'} ${opts.url}`).toBe(status);
      expect(Object.keys(json<ErrorBody>(res))).toEqual(['error']);
      expectNoStack(res.body);
      expect(res.body).not.toMatch(/\b(select|insert|update|delete)\b.+\b(from|into|set)\b/i);
      expect(res.body).not.toMatch(/duplicate key|violates|constraint|syntax error/i);
    }
  });

  it('answers 503 while the database cannot be reached, with nothing of the failure shown', async () => {
    // The same app, but its queries go to a database that is not there (issue 10 item 4: an outage
    // is a 503 the client may retry, not a 500).
    const pool = new pg.Pool({
      connectionString: 'postgres://postgres@127.0.0.1:1/nowhere',
      connectionTimeoutMillis: 2000,
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const app = await buildApp({
      config: loadConfig({
        LOG_LEVEL: 'silent',
        CLIENT_DIST: './no-client-in-tests',
        LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
      }),
      db: { ...t.handle, db },
    });
    await app.ready();
    try {
      for (const url of [
        '/api/consultations',
        '/api/consultations/some-slug',
        '/api/scenarios/00000000-0000-4000-8000-000000000000',
      ]) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(503);
        expect(res.headers['retry-after']).toBe('1');
        expect(json<ErrorBody>(res)).toEqual({
          error: { code: 'UNAVAILABLE', message: 'The service is briefly unavailable; try again shortly' },
        });
        expectNoStack(res.body);
        expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|nowhere/);
      }
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'a@b.example', password: 'x' },
      });
      expect(login.statusCode).toBe(503);
      expect(json<ErrorBody>(login).error.code).toBe('UNAVAILABLE');
    } finally {
      await app.close();
      await db.destroy();
    }
  });

  it('masks an unexpected failure as a plain 500', async () => {
    // The same database, but every query names a schema that is not there: a real error of
    // PostgreSQL's (42P01) that no rule expects.
    const app = await buildApp({
      config: loadConfig({
        LOG_LEVEL: 'silent',
        CLIENT_DIST: './no-client-in-tests',
        LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
      }),
      db: { ...t.handle, db: t.handle.db.withPlugin(new WithSchemaPlugin('no_such_schema')) },
    });
    await app.ready();
    try {
      for (const url of ['/api/consultations', '/api/consultations/some-slug']) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(500);
        expect(json<ErrorBody>(res)).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
        expectNoStack(res.body);
        expect(res.body).not.toMatch(/no_such_schema|relation/);
      }
    } finally {
      await app.close();
    }
  });
});
