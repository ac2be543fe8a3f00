import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { OwnResponse } from '../../server/modules/responses/responses.schemas.ts';
import { passwordResetsSettled } from '../../server/modules/participants/participants.service.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  makeConsultation,
  signInCast,
  signedInUser,
  type Cast,
  type TestApp,
} from '../helpers/app.ts';
import {
  freshEmail,
  login,
  mailsTo,
  openConsultation,
  registeredParticipant,
  submission,
  submitOk,
} from '../helpers/factory.ts';

// Issue 10 item 9, the smaller security findings (the CSV formula one has its own tests).
describe('smaller security findings', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  describe('document links', () => {
    const putDocs = (id: string, url: string) =>
      call(t, cast.admin, {
        method: 'PUT',
        url: `/api/consultations/${id}/documents`,
        payload: { documents: [{ title: { da: 'Bilag', en: 'Annex' }, url }] },
      });

    it.each(['//evil.example/bilag.pdf', '/\\evil.example/bilag.pdf', 'https:///evil', 'javascript:alert(1)'])(
      'refuses %j and changes nothing',
      async (url) => {
        const c = await makeConsultation(t, cast.admin);
        expectError(await putDocs(c.id, url), 400, 'VALIDATION_FAILED');
        expect(json<Consultation>(await call(t, cast.admin, { url: `/api/consultations/${c.id}` })).documents).toEqual(
          [],
        );
      },
    );

    it('takes an http(s) URL or a path on this site', async () => {
      const c = await makeConsultation(t, cast.admin);
      expect((await putDocs(c.id, '/docs/bilag.pdf')).statusCode).toBe(200);
      expect((await putDocs(c.id, 'https://agency.example.dk/bilag.pdf')).statusCode).toBe(200);
      expectError(
        await call(t, cast.analyst, {
          method: 'PUT',
          url: `/api/consultations/${c.id}/documents`,
          payload: { documents: [] },
        }),
        403,
        'FORBIDDEN',
      );
    });
  });

  describe('password reset request', () => {
    it('answers a known address without waiting for the work (no timing difference to an unknown one)', async () => {
      const p = await registeredParticipant(t);
      const ask = (email: string) =>
        t.app.inject({ method: 'POST', url: '/api/participants/password-reset/request', payload: { email } });
      // While the table the reset writes to is locked, the answer must still come: it may not
      // depend on whether the address has an account (before the fix it waited for the insert).
      await t.handle.db.transaction().execute(async (trx) => {
        await sql`lock table account_tokens in access exclusive mode`.execute(trx);
        const answer = await Promise.race([
          ask(p.email),
          new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 3000)),
        ]);
        expect(answer).not.toBe('waited');
        if (answer !== 'waited') expect(answer.statusCode).toBe(202);
      });
      await passwordResetsSettled();
      expect((await mailsTo(t, p.email)).filter((m) => m.kind === 'account.reset')).toHaveLength(1);
      const unknown = await ask(freshEmail());
      expect(unknown.statusCode).toBe(202);
    });
  });

  describe('sign-in', () => {
    it("ends the browser's previous session (participant and staff)", async () => {
      for (const u of [await registeredParticipant(t), await signedInUser(t, ['analyst'])]) {
        const again = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { cookie: u.cookie },
          payload: { email: u.email, password: u.password },
        });
        expect(again.statusCode).toBe(200);
        const fresh = String(again.headers['set-cookie']).split(';')[0]!;
        expect(fresh).not.toBe(u.cookie);
        expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(401);
        expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: fresh } })).statusCode).toBe(200);
      }
    });

    it('a failed sign-in leaves the session as it was', async () => {
      const u = await signedInUser(t, ['participant']);
      expect(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/auth/login',
            headers: { cookie: u.cookie },
            payload: { email: u.email, password: 'wrong password' },
          })
        ).statusCode,
      ).toBe(401);
      expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(200);
      expect((await login(t, u.email, u.password)).statusCode).toBe(200);
    });
  });

  describe('Cache-Control on the API', () => {
    it('is no-store on answers with a session or personal data', async () => {
      const me = await call(t, cast.participant, { url: '/api/auth/me' });
      expect(me.statusCode).toBe(200);
      expect(me.headers['cache-control']).toBe('no-store');

      const { c, questions } = await openConsultation(t, cast.admin);
      const receipt = await submitOk(t, c.id, submission(questions));
      const own = await call(t, null, { url: `/api/responses/by-token/${receipt.editToken}` });
      expect(own.statusCode).toBe(200);
      expect(json<OwnResponse>(own).respondent.email).toMatch(/@example\.dk$/);
      expect(own.headers['cache-control']).toBe('no-store');

      const outbox = await call(t, cast.admin, { url: '/api/mail/outbox?limit=1' });
      expect(outbox.headers['cache-control']).toBe('no-store');
      const error = await call(t, null, { url: '/api/auth/me' });
      expect(error.statusCode).toBe(401);
      expect(error.headers['cache-control']).toBe('no-store');
    });
  });
});

describe('Strict-Transport-Security', () => {
  let proxied: TestApp;
  let direct: TestApp;
  beforeAll(async () => {
    [proxied, direct] = await Promise.all([createTestApp({ TRUST_PROXY: 'true' }), createTestApp()]);
  });
  afterAll(async () => Promise.all([proxied.close(), direct.close()]));

  it('is sent when the trusted proxy says the request came over https', async () => {
    const res = await proxied.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('is not sent over plain http, nor on an X-Forwarded-Proto from an untrusted client', async () => {
    expect((await proxied.app.inject({ url: '/api/health' })).headers['strict-transport-security']).toBeUndefined();
    const spoofed = await direct.app.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });
});
