import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import { passwordResetsSettled } from '../../server/modules/participants/participants.service.ts';
import { createTestApp, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import {
  freshEmail,
  lastMailTo,
  openConsultation,
  registeredParticipant,
  someIp,
  submission,
} from '../helpers/factory.ts';

// Issue 10 item 2: links in mail are built from PUBLIC_URL only, never from the request's Host or
// X-Forwarded-Host; TRUST_PROXY=true trusts one proxy hop, not every X-Forwarded-For address.
// The test apps run as the embedded database does: PUBLIC_URL unset means http://localhost:PORT.
const PUBLIC = 'http://localhost:3000';
const HOSTILE = { host: 'evil.test', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'http' };

const linksIn = (text: string) => [...text.matchAll(/https?:\/\/[^\s/]+/g)].map((m) => m[0]);

describe.each([
  ['without a proxy', {}],
  ['behind a trusted proxy', { TRUST_PROXY: 'true' }],
  ['with PUBLIC_URL set', { PUBLIC_URL: 'https://samraad.example.dk/' }],
])('mailed links %s', (_name, env: Record<string, string>) => {
  let t: TestApp;
  let cast: Cast;
  const PUBLIC_URL = env.PUBLIC_URL?.replace(/\/$/, '') ?? PUBLIC;
  beforeAll(async () => {
    t = await createTestApp(env);
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  it('a password reset asked for with a hostile Host header links to PUBLIC_URL', async () => {
    const p = await registeredParticipant(t);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/participants/password-reset/request',
      headers: HOSTILE,
      payload: { email: p.email },
    });
    expect(res.statusCode).toBe(202);
    await passwordResetsSettled();
    const mail = await lastMailTo(t, p.email);
    expect(mail.kind).toBe('account.reset');
    expect(mail.textBody).toContain(`${PUBLIC_URL}/reset-password#token=`);
    expect(linksIn(mail.textBody)).toEqual([PUBLIC_URL]);
  });

  it('a confirmation mail links to PUBLIC_URL', async () => {
    const email = freshEmail();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/participants/register',
      headers: HOSTILE,
      payload: { email, password: 'a long enough password', displayName: 'Eve Target', locale: 'en' },
    });
    expect(res.statusCode).toBe(202);
    const mail = await lastMailTo(t, email);
    expect(mail.kind).toBe('account.confirm');
    expect(linksIn(mail.textBody)).toEqual([PUBLIC_URL]);
  });

  it("a receipt's edit link points to PUBLIC_URL", async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const body = submission(questions);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/consultations/${c.id}/responses`,
      headers: HOSTILE,
      remoteAddress: someIp(),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const mail = await lastMailTo(t, body.respondent.email);
    expect(mail.textBody).toContain(`${PUBLIC_URL}/responses/edit#token=${json<Receipt>(res).editToken}`);
    expect(linksIn(mail.textBody)).toEqual([PUBLIC_URL]);
  });
});

describe('TRUST_PROXY=true and the sign-in rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'true', RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
  });
  afterAll(async () => t.close());

  it('rotating the first X-Forwarded-For address does not escape the limit', async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.0.1',
        // The proxy appends the address it saw (198.51.100.7); the client forged the rest.
        headers: { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` },
        payload: { email: `nobody-${i}@test.example`, password: 'wrong password' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429, 429]);
  });

  it('still tells real clients behind the proxy apart', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '10.9.0.1',
      headers: { 'x-forwarded-for': '198.51.100.8' },
      payload: { email: 'someone@test.example', password: 'wrong password' },
    });
    expect(res.statusCode).toBe(401);
  });
});
