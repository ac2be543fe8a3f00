import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  makeConsultation,
  signInCast,
  type Cast,
  type TestApp,
} from '../helpers/app.ts';

/**
 * Issue 10 items 9 and 14: a document link is an http(s) URL or a path on this site. `//host/…`
 * (protocol-relative) and `/\host/…` (which browsers read the same way) lead to another site.
 */
describe('document links', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const doc = (url: string) => ({ title: { da: 'Høringsnotat', en: 'Consultation memo' }, url });
  const put = (user: Cast[keyof Cast] | null, id: string, url: string) =>
    call(t, user, { method: 'PUT', url: `/api/consultations/${id}/documents`, payload: { documents: [doc(url)] } });

  it.each(['//evil.example/notat.pdf', '/\\evil.example/notat.pdf', 'https:///x', 'javascript:alert(1)'])(
    'refuses %s with 400 and keeps the documents as they were',
    async (url) => {
      const c = await makeConsultation(t, cast.admin);
      expect((await put(cast.admin, c.id, '/docs/notat.pdf')).statusCode).toBe(200);
      expectError(await put(cast.admin, c.id, url), 400, 'VALIDATION_FAILED');
      const now = json<Consultation>(await call(t, cast.admin, { url: `/api/consultations/${c.id}` }));
      expect(now.documents.map((d: { url: string }) => d.url)).toEqual(['/docs/notat.pdf']);
    },
  );

  it.each(['/docs/notat.pdf', 'https://www.digst.dk/notat.pdf'])('accepts %s', async (url) => {
    const c = await makeConsultation(t, cast.admin);
    expect((await put(cast.admin, c.id, url)).statusCode).toBe(200);
  });

  it.each([
    ['anonymous', null, 401],
    ['analyst', 'analyst', 403],
    ['participant', 'participant', 403],
  ] as const)('is closed to %s', async (_who, role, status) => {
    const c = await makeConsultation(t, cast.admin);
    const res = await put(role ? cast[role] : null, c.id, '/docs/notat.pdf');
    expect(res.statusCode).toBe(status);
  });
});
