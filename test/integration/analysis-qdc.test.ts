import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import { call, createTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { factory } from '../helpers/factory.ts';

// Issue 11 story 3: the codebook as a REFI-QDA codebook (.qdc). The schema check is in test/real.

let t: TestApp;
let cast: Cast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
});
afterAll(async () => t?.close());

describe('GET /api/consultations/{id}/codebook/export.qdc', () => {
  it('exports the codebook for analysts and admins, as an XML download; refuses an empty one', async () => {
    const c = await factory(t).newConsultation(cast.admin);
    const url = `/api/consultations/${c.id}/codebook/export.qdc`;
    expectError(await call(t, cast.analyst, { method: 'GET', url }), 422, 'RULE_VIOLATION');
    const made = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${c.id}/codebook/tags`,
      payload: { name: { da: 'Sikkerhed & tillid', en: 'Security & trust' } },
    });
    expect(made.statusCode).toBe(201);
    const tag = json<CodebookTag>(made);
    for (const user of [cast.analyst, cast.admin]) {
      const res = await call(t, user, { method: 'GET', url: `${url}?lang=en` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="codebook-${c.slug}-en.qdc"`);
      expect(res.body).toContain(`<Code guid="${tag.id}" name="Security &amp; trust" isCodable="true"/>`);
    }
    expect((await call(t, cast.analyst, { method: 'GET', url })).body).toContain('name="Sikkerhed &amp; tillid"');
  });

  it('is refused to other roles before validation, and a bad language is a 400', async () => {
    const c = await factory(t).newConsultation(cast.admin);
    const url = `/api/consultations/${c.id}/codebook/export.qdc`;
    for (const user of [cast.participant, cast.reviewer]) {
      expectError(await call(t, user, { method: 'GET', url: `${url}?lang=xx` }), 403, 'FORBIDDEN');
    }
    expectError(await call(t, null, { method: 'GET', url: `${url}?lang=xx` }), 401, 'UNAUTHENTICATED');
    expectError(await call(t, cast.analyst, { method: 'GET', url: `${url}?lang=xx` }), 400, 'VALIDATION_FAILED');
  });
});
