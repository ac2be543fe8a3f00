import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Me } from '../../server/modules/accounts/accounts.schemas.ts';
import type { ErrorBody } from '../helpers/factory.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signedInUser,
  uniqueSlug,
  type TestApp,
  type TestUser,
  type ValidationError,
} from '../helpers/app.ts';

type Me = z.infer<typeof Me>;

const cookieOf = (res: { headers: Record<string, unknown> }) => String(res.headers['set-cookie'] ?? '');
const me = (t: TestApp, cookie: string) => t.app.inject({ url: '/api/auth/me', headers: { cookie } });

describe('auth', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInUser(t, ['admin']);
  });
  afterAll(async () => t.close());

  describe('POST /api/auth/login', () => {
    it('signs in and sets an httpOnly, SameSite=Lax session cookie', async () => {
      const u = await signedInUser(t, ['analyst', 'reviewer']);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: u.email, password: u.password },
      });
      expect(res.statusCode).toBe(200);
      expect(json<Me>(res)).toEqual({
        id: u.id,
        email: u.email,
        displayName: 'Test analyst reviewer',
        roles: ['analyst', 'reviewer'],
      });
      const setCookie = cookieOf(res);
      expect(setCookie).toMatch(/^samraad_session=[A-Za-z0-9_-]{40,};/);
      expect(setCookie).toMatch(/;\s*HttpOnly/i);
      expect(setCookie).toMatch(/;\s*SameSite=Lax/i);
      expect(setCookie).toMatch(/;\s*Path=\//);
      expect(setCookie).toMatch(/;\s*Expires=/);
      // Plain http and no proxy: the cookie is not marked Secure (COOKIE_SECURE=auto).
      expect(setCookie).not.toMatch(/;\s*Secure/i);

      const who = await me(t, setCookie.split(';')[0]!);
      expect(who.statusCode).toBe(200);
      expect(json<Me>(who).id).toBe(u.id);
    });

    it('accepts the e-mail in any case and with surrounding spaces', async () => {
      const u = await signedInUser(t, ['participant']);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: u.email.toUpperCase(), password: u.password },
      });
      expect(res.statusCode).toBe(200);
      expect(json<Me>(res).email).toBe(u.email);
    });

    it('gives the same 401 for a wrong password and an unknown e-mail', async () => {
      const u = await signedInUser(t, ['participant']);
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: u.email, password: 'not-the-password' },
      });
      const unknown = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `nobody-${uniqueSlug()}@test.example`, password: 'not-the-password' },
      });
      expectError(wrong, 401, 'INVALID_CREDENTIALS');
      expect(unknown.statusCode).toBe(401);
      expect(unknown.body).toBe(wrong.body);
      expect(cookieOf(wrong)).toBe('');
      expect(cookieOf(unknown)).toBe('');
    });

    it('refuses a disabled account with the same 401', async () => {
      const u = await signedInUser(t, ['analyst']);
      const off = await call(t, admin, { method: 'PATCH', url: `/api/accounts/${u.id}`, payload: { disabled: true } });
      expect(off.statusCode).toBe(200);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: u.email, password: u.password },
      });
      expectError(res, 401, 'INVALID_CREDENTIALS');
      expect(json<ErrorBody>(res).error.message).toBe('E-mail or password is wrong');
      expect(cookieOf(res)).toBe('');
    });

    it.each([
      ['no password', { email: 'a@test.example' }],
      ['an empty password', { email: 'a@test.example', password: '' }],
      ['no e-mail', { password: 'x' }],
      ['a malformed e-mail', { email: 'not-an-email', password: 'x' }],
      ['a number as e-mail', { email: 42, password: 'x' }],
      ['an array', []],
    ])('is a 400 with issues for %s', async (_name, payload) => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(json<ValidationError>(res).error.details.issues.length).toBeGreaterThan(0);
      expect(cookieOf(res)).toBe('');
    });

    it('is a 400 INVALID_JSON for malformed JSON', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"email": "a@test.example", "password": ',
      });
      expectError(res, 400, 'INVALID_JSON');
    });

    it('is a 400 INVALID_JSON for an empty JSON body', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '',
      });
      expectError(res, 400, 'INVALID_JSON');
    });

    it('is a 415 for a form post (the API takes JSON)', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'email=a%40test.example&password=x',
      });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });

    it('is a 400 for a text/plain body, even one that holds JSON', async () => {
      const u = await signedInUser(t, ['participant']);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify({ email: u.email, password: u.password }),
      });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(cookieOf(res)).toBe('');
    });

    it('is a 413 for a huge body', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: 'a@test.example', password: 'x', pad: 'x'.repeat(2 * 1024 * 1024) }),
      });
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    });
  });

  describe('GET /api/auth/me', () => {
    it('is 401 when signed out', async () => {
      expectError(await t.app.inject({ url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
    });

    it.each([
      ['an unknown token', 'samraad_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
      ['an absurdly long token', `samraad_session=${'A'.repeat(5000)}`],
      ['an empty token', 'samraad_session='],
    ])('is 401 with %s', async (_name, cookie) => {
      expectError(await me(t, cookie), 401, 'UNAUTHENTICATED');
    });

    it('is 401 once the session has expired', async () => {
      const u = await signedInUser(t, ['participant']);
      expect((await me(t, u.cookie)).statusCode).toBe(200);
      await sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${u.id}`.execute(
        t.handle.db,
      );
      expectError(await me(t, u.cookie), 401, 'UNAUTHENTICATED');
    });

    it('reports every role of a person with several', async () => {
      const u = await signedInUser(t, ['participant', 'reviewer', 'analyst']);
      expect(json<Me>(await me(t, u.cookie)).roles).toEqual(['analyst', 'participant', 'reviewer']);
    });
  });

  describe('POST /api/auth/logout', () => {
    it('ends the session, so the cookie no longer works', async () => {
      const u = await signedInUser(t, ['analyst']);
      const res = await call(t, u, { method: 'POST', url: '/api/auth/logout' });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      // The browser is told to drop the cookie…
      expect(cookieOf(res)).toMatch(/^samraad_session=;/);
      expect(cookieOf(res)).toMatch(/Expires=Thu, 01 Jan 1970/);
      // …and the server forgets it, so a kept copy is worthless.
      expectError(await me(t, u.cookie), 401, 'UNAUTHENTICATED');
      const rows = await t.handle.db.selectFrom('sessions').select('idHash').where('userId', '=', u.id).execute();
      expect(rows).toEqual([]);
    });

    it('ends only that session, not the person’s other sessions', async () => {
      const u = await signedInUser(t, ['analyst']);
      const second = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: u.email, password: u.password },
      });
      const otherCookie = cookieOf(second).split(';')[0]!;
      expect((await call(t, u, { method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
      expect((await me(t, otherCookie)).statusCode).toBe(200);
    });

    it('is a 400 for a malformed body, and the session survives', async () => {
      const u = await signedInUser(t, ['participant']);
      const res = await call(t, u, {
        method: 'POST',
        url: '/api/auth/logout',
        headers: { 'content-type': 'application/json' },
        payload: '{not json',
      });
      expectError(res, 400, 'INVALID_JSON');
      expect((await me(t, u.cookie)).statusCode).toBe(200);
    });

    it('is a harmless 204 when not signed in', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
      expect(res.statusCode).toBe(204);
    });
  });

  describe('cross-site request protection', () => {
    const draftPayload = (slug: string) => ({
      slug,
      title: { da: 'CSRF', en: 'CSRF' },
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const readBack = (slug: string) => call(t, admin, { url: `/api/consultations/${slug}` });

    it.each([
      ['an Origin of another site', { origin: 'https://evil.example' }],
      ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
      ['an Origin of "null"', { origin: 'null' }],
      ['an Origin on another port of this host', { host: 'samraad.test', origin: 'http://samraad.test:8080' }],
    ])('refuses a cookie mutation with %s and changes nothing', async (_name, headers) => {
      const slug = uniqueSlug('csrf');
      const res = await call(t, admin, {
        method: 'POST',
        url: '/api/consultations',
        headers,
        payload: draftPayload(slug),
      });
      expectError(res, 403, 'CSRF_REJECTED');
      expectError(await readBack(slug), 404, 'NOT_FOUND');
    });

    it('refuses a cross-site sign-out, so the session survives', async () => {
      const u = await signedInUser(t, ['participant']);
      const res = await call(t, u, {
        method: 'POST',
        url: '/api/auth/logout',
        headers: { origin: 'https://evil.example' },
      });
      expectError(res, 403, 'CSRF_REJECTED');
      expect((await me(t, u.cookie)).statusCode).toBe(200);
    });

    it('refuses a cross-site account change', async () => {
      const u = await signedInUser(t, ['participant']);
      const res = await call(t, admin, {
        method: 'PATCH',
        url: `/api/accounts/${u.id}`,
        headers: { 'sec-fetch-site': 'cross-site' },
        payload: { roles: ['admin'] },
      });
      expectError(res, 403, 'CSRF_REJECTED');
      expect(json<Me>(await me(t, u.cookie)).roles).toEqual(['participant']);
    });

    it('accepts a same-origin mutation (matching Origin, Sec-Fetch-Site same-origin)', async () => {
      const slug = uniqueSlug('same');
      const res = await call(t, admin, {
        method: 'POST',
        url: '/api/consultations',
        headers: { host: 'samraad.test', origin: 'http://samraad.test', 'sec-fetch-site': 'same-origin' },
        payload: draftPayload(slug),
      });
      expect(res.statusCode).toBe(201);
      expect((await readBack(slug)).statusCode).toBe(200);
    });

    it('lets cross-site reads through (GET is safe)', async () => {
      const res = await call(t, admin, {
        url: '/api/auth/me',
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      });
      expect(res.statusCode).toBe(200);
    });
  });
});

describe('auth behind an HTTPS proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({
      TRUST_PROXY: 'true',
      RATE_LIMIT_LOGIN_PER_MINUTE: '3',
      PUBLIC_URL: 'https://hoering.example',
    });
  });
  afterAll(async () => t.close());

  it('marks the cookie Secure when the request arrived over HTTPS', async () => {
    const u = await signedInUser(t, ['participant']);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.10' },
      payload: { email: u.email, password: u.password },
    });
    expect(res.statusCode).toBe(200);
    expect(cookieOf(res)).toMatch(/;\s*Secure/i);
  });

  it('accepts a mutation whose Origin is the public URL', async () => {
    const u = await signedInUser(t, ['admin']);
    const res = await call(t, u, {
      method: 'POST',
      url: '/api/consultations',
      headers: { host: 'internal:3000', origin: 'https://hoering.example', 'x-forwarded-for': '203.0.113.11' },
      payload: { slug: uniqueSlug('proxy'), title: { da: 'P', en: 'P' } },
    });
    expect(res.statusCode).toBe(201);
  });

  it('limits sign-in attempts per client with a 429 and Retry-After', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '198.51.100.77' },
        payload: { email: 'guess@test.example', password: 'guess' },
      });
    for (let i = 0; i < 3; i++) expect((await attempt()).statusCode).toBe(401);
    const limited = await attempt();
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});
