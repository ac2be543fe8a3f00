import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Me } from '../../server/modules/accounts/accounts.schemas.ts';
import type { Accepted, Confirmed, Profile } from '../../server/modules/participants/participants.schemas.ts';
import { call, createTestApp, expectError, json, signedInUser, type TestApp, type TestUser } from '../helpers/app.ts';
import { freshEmail, lastMailTo, login, mailsTo, registeredParticipant, tokenIn } from '../helpers/factory.ts';
import { passwordResetsSettled } from '../../server/modules/participants/participants.service.ts';

type Me = z.infer<typeof Me>;
type Confirmed = z.infer<typeof Confirmed>;

const register = (t: TestApp, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: '/api/participants/register', payload });
const confirm = (t: TestApp, token: string) =>
  t.app.inject({ method: 'POST', url: '/api/participants/confirm', payload: { token } });
const userRow = (t: TestApp, email: string) =>
  t.handle.db
    .selectFrom('users')
    .selectAll()
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();

describe('participants', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInUser(t, ['admin']);
  });
  afterAll(async () => t.close());

  describe('POST /api/participants/register', () => {
    it('creates an unconfirmed participant and mails a confirmation link (48 h)', async () => {
      const email = freshEmail();
      const res = await register(t, { email, password: 'correct horse battery', displayName: 'Ada', locale: 'en' });
      expect(res.statusCode).toBe(202);
      expect(json<Accepted>(res)).toEqual({ status: 'accepted', message: expect.any(String) });
      const row = await userRow(t, email);
      expect(row).toMatchObject({ emailConfirmedAt: null, passwordHash: null, displayName: 'Ada', locale: 'en' });
      const roles = await t.handle.db.selectFrom('userRoles').select('role').where('userId', '=', row!.id).execute();
      expect(roles.map((r) => r.role)).toEqual(['participant']);
      const mail = await lastMailTo(t, email);
      expect(mail).toMatchObject({ kind: 'account.confirm', locale: 'en', subject: 'Confirm your e-mail address' });
      expect(mail.textBody).toMatch(
        /^Confirm your e-mail address.*\n\nhttp:\/\/localhost(:\d+)?\/confirm#token=[A-Za-z0-9_-]{43}\n/,
      );
      const token = await t.handle.db
        .selectFrom('accountTokens')
        .selectAll()
        .where('userId', '=', row!.id)
        .executeTakeFirstOrThrow();
      expect(token.idHash).toMatch(/^[0-9a-f]{64}$/);
      expect(mail.textBody).not.toContain(token.idHash);
      const ttl = token.expiresAt.getTime() - token.createdAt.getTime();
      expect(Math.abs(ttl - 48 * 3600_000)).toBeLessThan(60_000);
    });

    it('answers a known address exactly like a new one and mails "you already have an account" instead', async () => {
      const known = await signedInUser(t, ['participant']);
      const before = await userRow(t, known.email);
      const a = await register(t, {
        email: known.email.toUpperCase(),
        password: 'another long password',
        displayName: 'X',
        locale: 'da',
      });
      const b = await register(t, {
        email: freshEmail(),
        password: 'another long password',
        displayName: 'X',
        locale: 'da',
      });
      expect(a.statusCode).toBe(202);
      expect(a.statusCode).toBe(b.statusCode);
      expect(a.body).toBe(b.body);
      expect(a.headers['set-cookie']).toBeUndefined();
      const mail = await lastMailTo(t, known.email);
      expect(mail.kind).toBe('account.exists');
      expect(mail.textBody).not.toMatch(/#token=/);
      // Nothing about the existing account changed.
      expect(await userRow(t, known.email)).toEqual(before);
      expect((await login(t, known.email, known.password)).statusCode).toBe(200);
    });

    it.each([
      ['a short password', { password: 'short', displayName: 'A', locale: 'da' }],
      ['no display name', { password: 'long enough password', locale: 'da' }],
      ['an unknown locale', { password: 'long enough password', displayName: 'A', locale: 'sv' }],
      ['a blank name', { password: 'long enough password', displayName: '   ', locale: 'da' }],
    ])('is a 400 for %s and creates nothing', async (_name, rest) => {
      const email = freshEmail();
      const res = await register(t, { email, ...rest });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(await userRow(t, email)).toBeUndefined();
      expect(await mailsTo(t, email)).toEqual([]);
    });

    it('is a 400 for a malformed e-mail', async () => {
      expectError(
        await register(t, { email: 'not-an-address', password: 'long enough password', displayName: 'A' }),
        400,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('confirmation and sign-in', () => {
    it('refuses an unconfirmed account with the same 401 as a wrong password; after confirming it signs in', async () => {
      const email = freshEmail();
      const password = 'my own long password';
      await register(t, { email, password, displayName: 'Bo', locale: 'da' });
      const unconfirmed = await login(t, email, password);
      const wrong = await login(t, email, 'not the password at all');
      expectError(unconfirmed, 401, 'INVALID_CREDENTIALS');
      expect(unconfirmed.body).toBe(wrong.body);
      expect(unconfirmed.headers['set-cookie']).toBeUndefined();

      const res = await confirm(t, tokenIn(await lastMailTo(t, email)));
      expect(res.statusCode).toBe(200);
      expect(json<Confirmed>(res)).toEqual({ email });
      const ok = await login(t, email, password);
      expect(ok.statusCode).toBe(200);
      expect(json<Me>(ok)).toMatchObject({ email, displayName: 'Bo', roles: ['participant'] });
    });

    it('uses a link once; a used, unknown or expired link is a 400 INVALID_TOKEN', async () => {
      const email = freshEmail();
      await register(t, { email, password: 'my own long password', displayName: 'Cy', locale: 'da' });
      const token = tokenIn(await lastMailTo(t, email));
      expect((await confirm(t, token)).statusCode).toBe(200);
      expectError(await confirm(t, token), 400, 'INVALID_TOKEN');
      expectError(await confirm(t, 'A'.repeat(43)), 400, 'INVALID_TOKEN');
      expectError(await confirm(t, 'too-short'), 400, 'VALIDATION_FAILED');

      const late = freshEmail();
      await register(t, { email: late, password: 'my own long password', displayName: 'Di', locale: 'da' });
      const lateToken = tokenIn(await lastMailTo(t, late));
      const u = await userRow(t, late);
      await sql`update account_tokens set expires_at = now() - interval '1 second' where user_id = ${u!.id}`.execute(
        t.handle.db,
      );
      expectError(await confirm(t, lateToken), 400, 'INVALID_TOKEN');
      expect((await userRow(t, late))!.emailConfirmedAt).toBeNull();
    });

    it('lets the mailbox owner win when an address is registered twice before confirmation', async () => {
      const email = freshEmail();
      await register(t, { email, password: 'squatter password 1', displayName: 'Squatter', locale: 'en' });
      await register(t, { email, password: 'owner password 1234', displayName: 'Owner', locale: 'da' });
      const mails = await mailsTo(t, email);
      expect(mails.map((m) => m.kind)).toEqual(['account.confirm', 'account.confirm']);
      // The owner opens the link of their own registration (the second mail).
      expect((await confirm(t, tokenIn(mails[1]!))).statusCode).toBe(200);
      expect((await login(t, email, 'squatter password 1')).statusCode).toBe(401);
      const ok = await login(t, email, 'owner password 1234');
      expect(ok.statusCode).toBe(200);
      expect(json<Me>(ok).displayName).toBe('Owner');
      // The other link no longer works.
      expectError(await confirm(t, tokenIn(mails[0]!)), 400, 'INVALID_TOKEN');
    });

    it('counts accounts made by staff as confirmed', async () => {
      const u = await signedInUser(t, ['analyst']);
      expect((await userRow(t, u.email))!.emailConfirmedAt).toBeInstanceOf(Date);
    });
  });

  describe('password reset', () => {
    // The reset is done after the answer (no timing oracle): wait for it before reading the mail.
    const requestReset = async (email: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/participants/password-reset/request',
        payload: { email },
      });
      await passwordResetsSettled();
      return res;
    };
    const resetWith = (token: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/participants/password-reset/confirm', payload: { token, password } });

    it('answers known and unknown addresses alike, sets the new password once and ends every session', async () => {
      const p = await registeredParticipant(t);
      const known = await requestReset(p.email);
      const unknown = await requestReset(freshEmail());
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.body).toBe(unknown.body);

      const mail = await lastMailTo(t, p.email);
      expect(mail.kind).toBe('account.reset');
      expect(mail.textBody).toMatch(/\/reset-password#token=/);
      const token = tokenIn(mail);
      const res = await resetWith(token, 'a brand new password');
      expect(res.statusCode).toBe(200);
      expect(json<Confirmed>(res)).toEqual({ email: p.email });
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: p.cookie } })).statusCode).toBe(401);
      expect((await login(t, p.email, p.password)).statusCode).toBe(401);
      expect((await login(t, p.email, 'a brand new password')).statusCode).toBe(200);
      expectError(await resetWith(token, 'yet another password'), 400, 'INVALID_TOKEN');
    });

    it('works for an hour only, and only the newest link works', async () => {
      const p = await registeredParticipant(t);
      await requestReset(p.email);
      const first = tokenIn(await lastMailTo(t, p.email));
      await requestReset(p.email);
      const second = tokenIn(await lastMailTo(t, p.email));
      expectError(await resetWith(first, 'a brand new password'), 400, 'INVALID_TOKEN');
      const row = await t.handle.db
        .selectFrom('accountTokens')
        .selectAll()
        .where('userId', '=', p.id)
        .where('purpose', '=', 'reset_password')
        .where('usedAt', 'is', null)
        .executeTakeFirstOrThrow();
      expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 3600_000)).toBeLessThan(60_000);
      await sql`update account_tokens set expires_at = now() - interval '1 second' where user_id = ${p.id}`.execute(
        t.handle.db,
      );
      expectError(await resetWith(second, 'a brand new password'), 400, 'INVALID_TOKEN');
      expect((await login(t, p.email, p.password)).statusCode).toBe(200);
    });

    it('confirms a still unconfirmed address (the link proved the mailbox)', async () => {
      const email = freshEmail();
      await register(t, { email, password: 'forgotten password', displayName: 'Ed', locale: 'da' });
      await requestReset(email);
      const token = tokenIn(await lastMailTo(t, email));
      expect((await resetWith(token, 'remembered password')).statusCode).toBe(200);
      expect((await login(t, email, 'remembered password')).statusCode).toBe(200);
    });

    it('is a 400 for a short new password and changes nothing', async () => {
      const p = await registeredParticipant(t);
      await requestReset(p.email);
      const token = tokenIn(await lastMailTo(t, p.email));
      expectError(await resetWith(token, 'short'), 400, 'VALIDATION_FAILED');
      expect((await login(t, p.email, p.password)).statusCode).toBe(200);
      expect((await resetWith(token, 'long enough now!')).statusCode).toBe(200);
    });
  });

  describe('rate limits', () => {
    let limited: TestApp;
    beforeAll(async () => {
      limited = await createTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '2' });
    });
    afterAll(async () => limited.close());

    it.each([
      [
        '/api/participants/register',
        () => ({ email: freshEmail(), password: 'long enough password', displayName: 'R' }),
      ],
      ['/api/participants/password-reset/request', () => ({ email: freshEmail() })],
      ['/api/participants/confirm', () => ({ token: 'B'.repeat(43) })],
      ['/api/participants/password-reset/confirm', () => ({ token: 'B'.repeat(43), password: 'long enough password' })],
    ])('%s answers 429 after the limit per client address', async (url, payload) => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await limited.app.inject({ method: 'POST', url, payload: payload() })).statusCode);
      expect(statuses.map((s) => s === 429)).toEqual([false, false, true]);
      const res = await limited.app.inject({ method: 'POST', url, payload: payload() });
      expectError(res, 429, 'RATE_LIMITED');
      // Another client address has its own budget.
      const other = await limited.app.inject({ method: 'POST', url, payload: payload(), remoteAddress: '10.9.8.7' });
      expect(other.statusCode).not.toBe(429);
    });
  });

  describe('profile', () => {
    it('reads and changes your own profile and segment', async () => {
      const p = await registeredParticipant(t);
      const before = await call(t, p, { url: '/api/me/profile' });
      expect(before.statusCode).toBe(200);
      expect(json<Profile>(before)).toEqual({
        id: p.id,
        email: p.email,
        displayName: 'Registered Person',
        locale: 'da',
        actingAs: null,
        organisationName: null,
      });
      const res = await call(t, p, {
        method: 'PATCH',
        url: '/api/me/profile',
        payload: { actingAs: 'ngo', organisationName: 'Digital Rights DK', locale: 'en', displayName: 'Renamed' },
      });
      expect(res.statusCode).toBe(200);
      expect(json<Profile>(res)).toMatchObject({
        actingAs: 'ngo',
        organisationName: 'Digital Rights DK',
        locale: 'en',
        displayName: 'Renamed',
      });
      expect(json<Profile>(await call(t, p, { url: '/api/me/profile' }))).toEqual(json<Profile>(res));
    });

    it('has no invited flag to claim or set: it follows the høringsliste (400, nothing changed)', async () => {
      const p = await registeredParticipant(t);
      for (const [who, url] of [
        [p, '/api/me/profile'],
        [admin, `/api/participants/${p.id}/profile`],
      ] as const) {
        expectError(
          await call(t, who, { method: 'PATCH', url, payload: { invited: true, actingAs: 'business' } }),
          400,
          'VALIDATION_FAILED',
        );
      }
      const after = json<Profile>(await call(t, p, { url: '/api/me/profile' }));
      expect(after).toMatchObject({ actingAs: null });
      expect(after).not.toHaveProperty('invited');
    });

    it('lets an admin set the segment of a person', async () => {
      const p = await registeredParticipant(t);
      const res = await call(t, admin, {
        method: 'PATCH',
        url: `/api/participants/${p.id}/profile`,
        payload: { actingAs: 'public_authority' },
      });
      expect(res.statusCode).toBe(200);
      expect(json<Profile>(res)).toMatchObject({ id: p.id, actingAs: 'public_authority' });
      expect(json<Profile>(await call(t, p, { url: '/api/me/profile' }))).toMatchObject({
        actingAs: 'public_authority',
      });
      const audit = await t.handle.db
        .selectFrom('auditEvents')
        .selectAll()
        .where('itemId', '=', p.id)
        .where('action', '=', 'profile.update')
        .execute();
      expect(audit.at(-1)).toMatchObject({ actorId: admin.id, details: { fields: ['actingAs'] } });
    });

    it.each([
      ['an unknown segment', { actingAs: 'lobbyist' }],
      ['an empty patch', {}],
      ['an unknown field', { email: 'x@test.example' }],
      ['a long organisation name', { organisationName: 'x'.repeat(201) }],
    ])('is a 400 for %s', async (_n, payload) => {
      const p = await registeredParticipant(t);
      expectError(await call(t, p, { method: 'PATCH', url: '/api/me/profile', payload }), 400, 'VALIDATION_FAILED');
      expect(json<Profile>(await call(t, p, { url: '/api/me/profile' }))).toMatchObject({
        actingAs: null,
        organisationName: null,
      });
    });

    it('needs a session (401) and the admin role for someone else’s profile (403)', async () => {
      const p = await registeredParticipant(t);
      expectError(await call(t, null, { url: '/api/me/profile' }), 401, 'UNAUTHENTICATED');
      expectError(
        await call(t, null, { method: 'PATCH', url: '/api/me/profile', payload: { locale: 'en' } }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(await call(t, null, { url: '/api/me/activity' }), 401, 'UNAUTHENTICATED');
      const analyst = await signedInUser(t, ['analyst']);
      for (const who of [p, analyst]) {
        expectError(await call(t, who, { url: `/api/participants/${admin.id}/profile` }), 403, 'FORBIDDEN');
        expectError(
          await call(t, who, {
            method: 'PATCH',
            url: `/api/participants/${p.id}/profile`,
            payload: { actingAs: 'business' },
          }),
          403,
          'FORBIDDEN',
        );
      }
      expectError(await call(t, admin, { url: `/api/participants/${randomUUID()}/profile` }), 404, 'NOT_FOUND');
    });
  });
});
