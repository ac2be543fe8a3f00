import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import type { ErrorBody } from '../helpers/factory.ts';
import { encodeCursor } from '../../server/shared/cursor.ts';
import {
  call,
  createTestApp,
  expectError,
  makeConsultation,
  signInCast,
  type Cast,
  type TestApp,
} from '../helpers/app.ts';

/**
 * Bad input that would reach the database is a 400 with the error envelope, never a 500 (issue 10
 * item 5): a NUL character or a lone surrogate in any string of a body, query or path (PostgreSQL
 * refuses both), and cursors that decode to impossible values.
 */
let t: TestApp;
let cast: Cast;
let consultation: { id: string; slug: string };
let scenarioId: string;

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  consultation = await makeConsultation(t, cast.admin);
  const scenario = await call(t, cast.admin, {
    method: 'POST',
    url: `/api/consultations/${consultation.id}/scenarios`,
    payload: {
      key: 'S1',
      title: { da: 'S1', en: 'S1' },
      summary: { da: 's', en: 's' },
      description: { da: 'd', en: 'd' },
    },
  });
  expect(scenario.statusCode, scenario.body).toBe(201);
  scenarioId = scenario.json<Scenario>().id;
  const opened = await call(t, cast.admin, {
    method: 'POST',
    url: `/api/consultations/${consultation.id}/transition`,
    payload: { to: 'open' },
  });
  expect(opened.statusCode).toBe(200);
});
afterAll(async () => t?.close());

/** Each bad string, and its percent-encoding in a URL (a surrogate encoded as the UTF-8 bytes of its code unit). */
const BAD = [
  ['NUL', 'a\u0000b', 'a%00b'],
  ['lone high surrogate', 'a\ud800b', 'a%ED%A0%80b'],
  ['lone low surrogate', '\udc00', '%ED%B0%80'],
] as const;

describe.each(BAD)('a %s', (_name, bad, q) => {
  it('in a JSON body is a 400 (public, staff and participant routes)', async () => {
    const login = await call(t, null, {
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: bad, password: bad },
    });
    expectError(login, 400, 'VALIDATION_FAILED');
    const created = await call(t, cast.admin, {
      method: 'POST',
      url: '/api/consultations',
      payload: { slug: 'x', title: { da: bad, en: 'x' }, summary: { da: 'x', en: 'x' } },
    });
    expectError(created, 400, 'VALIDATION_FAILED');
    const submitted = await call(t, null, {
      method: 'POST',
      url: `/api/consultations/${consultation.id}/responses`,
      payload: { name: 'Anne', email: 'anne@test.example', actingAs: 'citizen', body: bad, publication: 'public' },
    });
    expectError(submitted, 400, 'VALIDATION_FAILED');
  });

  it('as an object key in a JSON body is a 400', async () => {
    const res = await call(t, cast.admin, {
      method: 'PATCH',
      url: `/api/consultations/${consultation.id}`,
      payload: { [bad]: 'x', version: 1 },
    });
    expectError(res, 400, 'VALIDATION_FAILED');
  });

  it('in a query is a 400 (a surrogate decodes to U+FFFD there: never a 500)', async () => {
    for (const url of [
      `/api/consultations/${consultation.id}/responses?q=${q}`,
      `/api/accounts?q=${q}`,
      `/api/audit?action=${q}`,
      `/api/mail/outbox?to=${q}`,
    ]) {
      const res = await call(t, cast.admin, { url });
      if (bad.includes('\u0000')) expectError(res, 400, 'VALIDATION_FAILED');
      else expect({ url, status: res.statusCode }).not.toMatchObject({ status: 500 });
    }
  });

  it('in a path is a 400', async () => {
    for (const url of [
      `/api/consultations/${q}`,
      `/api/consultations/${q}/scenarios`,
      `/api/responses/by-token/${q}`,
    ]) {
      const res = await call(t, null, { url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
      expect(res.json<ErrorBody>().error.code).toMatch(/^(VALIDATION_FAILED|BAD_REQUEST)$/);
    }
  });
});

describe('cursors that decode to impossible values', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  // The last column: whether the cursor is also impossible for the accounts list, whose key is text.
  const cursors: [string, string, boolean][] = [
    ['a UUID of 36 hyphens', encodeCursor(['2026-01-01T00:00:00.000Z', '-'.repeat(36)]), true],
    ['the year +275760', encodeCursor(['+275760-09-13T00:00:00.000Z', id]), false],
    ['February 30th', encodeCursor(['2026-02-30T00:00:00.000Z', id]), false],
    ['the year 0', encodeCursor(['0000-01-01T00:00:00.000Z', id]), false],
    ['a NUL in the key', encodeCursor(['a\u0000b', id]), true],
    ['a lone surrogate in the key', encodeCursor(['a\ud800', id]), true],
    ['three parts', encodeCursor(['2026-01-01T00:00:00.000Z', id, 1]), true],
  ];
  const lists = (withText: boolean) => [
    { user: null, url: '/api/consultations' },
    { user: null, url: `/api/consultations/${consultation.id}/responses` },
    { user: cast.analyst, url: `/api/consultations/${consultation.id}/publication-queue` },
    { user: cast.admin, url: '/api/mail/outbox' },
    { user: cast.admin, url: '/api/audit' },
    { user: null, url: `/api/scenarios/${scenarioId}/comments` },
    ...(withText ? [{ user: cast.admin, url: '/api/accounts' }] : []),
  ];

  it.each(cursors)('%s is one 400 on every list', async (_name, cursor, withText) => {
    for (const { user, url } of lists(withText)) {
      const res = await call(t, user, { url: `${url}?cursor=${cursor}` });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 400 });
      expectError(res, 400, 'BAD_REQUEST');
      expect(res.json<ErrorBody>().error.message).toBe('Invalid cursor');
    }
  });
});
