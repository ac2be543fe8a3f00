import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../helpers/factory.ts';
import { call, createTestApp, json, makeConsultation, signedInUser, type TestApp } from '../helpers/app.ts';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('creates a draft that visitors cannot see', async () => {
    const admin = await signedInUser(t, ['admin']);
    const c = await makeConsultation(t, admin);
    expect(c.phase).toBe('draft');
    const anon = await call(t, null, { url: `/api/consultations/${c.id}` });
    expect(anon.statusCode).toBe(404);
    expect(json<ErrorBody>(anon).error.code).toBe('NOT_FOUND');
  });
});
