import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectError, json, signedInUser, type TestApp, type TestUser } from '../helpers/app.ts';

// Issue 15 item 3: "local admin accounts remain for break-glass, with a second factor (TOTP, with
// recovery codes)".

const codeFor = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

describe('a second factor for password sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const login = (u: TestUser, code?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: u.password, ...(code === undefined ? {} : { code }) },
    });

  async function enrol(u: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> {
    const start = await call(t, u, { method: 'POST', url: '/api/me/second-factor/start' });
    expect(start.statusCode).toBe(200);
    const { secret, uri } = json<{ secret: string; uri: string }>(start);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Samr%C3%A5d:/);
    expect(uri).toContain(`secret=${secret}`);
    const confirm = await call(t, u, {
      method: 'POST',
      url: '/api/me/second-factor/confirm',
      payload: { code: codeFor(secret) },
    });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = json<{ recoveryCodes: string[] }>(confirm);
    return { secret, recoveryCodes };
  }

  it('is off until confirmed with a code from the app; then sign-in needs a code, each accepted once', async () => {
    const admin = await signedInUser(t, ['admin']);
    expect(json(await call(t, admin, { method: 'GET', url: '/api/me/second-factor' }))).toEqual({
      enabled: false,
      recoveryCodesLeft: 0,
    });
    // Started, not confirmed: sign-in still needs only the password.
    const start = await call(t, admin, { method: 'POST', url: '/api/me/second-factor/start' });
    const { secret: unconfirmed } = json<{ secret: string }>(start);
    expect((await login(admin)).statusCode).toBe(200);
    const wrong = await call(t, admin, {
      method: 'POST',
      url: '/api/me/second-factor/confirm',
      payload: { code: codeFor(unconfirmed, 10) },
    });
    expectError(wrong, 401, 'SECOND_FACTOR_INVALID');

    const { secret, recoveryCodes } = await enrol(admin);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(json(await call(t, admin, { method: 'GET', url: '/api/me/second-factor' }))).toEqual({
      enabled: true,
      recoveryCodesLeft: 10,
    });

    expectError(await login(admin), 401, 'SECOND_FACTOR_REQUIRED');
    expectError(await login(admin, codeFor(secret, 5)), 401, 'SECOND_FACTOR_INVALID');
    // The enrolment used this step's code: the next step's code signs in, and only once.
    const next = codeFor(secret, 1);
    const ok = await login(admin, next);
    expect(ok.statusCode).toBe(200);
    expectError(await login(admin, next), 401, 'SECOND_FACTOR_INVALID');
    // A wrong password with a right code learns nothing about the code.
    const badPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: admin.email, password: 'not it', code: codeFor(secret, 1) },
    });
    expectError(badPassword, 401, 'INVALID_CREDENTIALS');
  });

  it('takes each recovery code once, and is turned off only with a code', async () => {
    const admin = await signedInUser(t, ['admin']);
    const { recoveryCodes } = await enrol(admin);
    const [first, second] = recoveryCodes;
    expect((await login(admin, first!.toLowerCase())).statusCode).toBe(200);
    expectError(await login(admin, first!), 401, 'SECOND_FACTOR_INVALID');
    expect(json(await call(t, admin, { method: 'GET', url: '/api/me/second-factor' }))).toMatchObject({
      recoveryCodesLeft: 9,
    });
    expectError(
      await call(t, admin, { method: 'POST', url: '/api/me/second-factor/disable', payload: { code: '000000' } }),
      401,
      'SECOND_FACTOR_INVALID',
    );
    expectError(await call(t, admin, { method: 'POST', url: '/api/me/second-factor/start' }), 409, 'CONFLICT');
    const off = await call(t, admin, {
      method: 'POST',
      url: '/api/me/second-factor/disable',
      payload: { code: second! },
    });
    expect(off.statusCode).toBe(204);
    expect((await login(admin)).statusCode).toBe(200);
  });

  it('refuses bad input with 400 and strangers with 401, changing nothing', async () => {
    const u = await signedInUser(t, ['participant']);
    for (const url of ['/api/me/second-factor/confirm', '/api/me/second-factor/disable']) {
      expectError(await call(t, u, { method: 'POST', url, payload: { code: '1' } }), 400, 'VALIDATION_FAILED');
      expectError(
        await call(t, u, { method: 'POST', url, payload: { code: '123456', x: 1 } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await call(t, null, { method: 'POST', url, payload: { code: 'bad' } }), 401, 'UNAUTHENTICATED');
    }
    expectError(await call(t, null, { method: 'GET', url: '/api/me/second-factor' }), 401, 'UNAUTHENTICATED');
    expectError(await call(t, null, { method: 'POST', url: '/api/me/second-factor/start' }), 401, 'UNAUTHENTICATED');
    expectError(
      await call(t, u, { method: 'POST', url: '/api/me/second-factor/confirm', payload: { code: '123456' } }),
      409,
      'CONFLICT',
    );
    expect(json(await call(t, u, { method: 'GET', url: '/api/me/second-factor' }))).toEqual({
      enabled: false,
      recoveryCodesLeft: 0,
    });
    const badLogin = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: u.email, password: u.password, code: 'x'.repeat(21) },
    });
    expectError(badLogin, 400, 'VALIDATION_FAILED');
  });
});
