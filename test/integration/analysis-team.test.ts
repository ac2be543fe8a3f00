import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '../../server/modules/analysis/team/team.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signedInUser,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { factory, type OpenConsultation } from '../helpers/factory.ts';

// Issue 11 story 5: "an admin can limit an analyst to the consultations they are assigned to".
// A consultation's team, the limit, and the limit asked where every analysis use case starts.

let t: TestApp;
let cast: Cast;
let a: OpenConsultation;
let b: OpenConsultation;
let colleague: TestUser;

const team = (c: OpenConsultation, user: TestUser | null = cast.admin) =>
  call(t, user, { method: 'GET', url: `/api/consultations/${c.consultation.id}/analysts` });
const assign = (c: OpenConsultation, userId: string, payload: object | string, user: TestUser | null = cast.admin) =>
  call(t, user, { method: 'PUT', url: `/api/consultations/${c.consultation.id}/analysts/${userId}`, payload });
const limit = (userId: string, payload: object | string, user: TestUser | null = cast.admin) =>
  call(t, user, { method: 'PUT', url: `/api/analysts/${userId}/limit`, payload });
const member = async (c: OpenConsultation, id: string) => json<Team>(await team(c)).items.find((m) => m.id === id);
const rowsOf = async (userId: string) => ({
  teams: (
    await sql<{
      c: string;
    }>`select consultation_id::text as c from consultation_analysts where user_id = ${userId}`.execute(t.handle.db)
  ).rows
    .map((r) => r.c)
    .sort(),
  limited: (await sql`select 1 from analyst_limits where user_id = ${userId}`.execute(t.handle.db)).rows.length > 0,
});
/** What the analyst meets on each kind of analysis route of a consultation. */
const workspaceStatuses = async (c: OpenConsultation, user: TestUser) => {
  const id = c.consultation.id;
  const urls = [
    `/api/consultations/${id}/inbox`,
    `/api/consultations/${id}/codebook`,
    `/api/consultations/${id}/codings`,
  ];
  return Promise.all(urls.map(async (url) => (await call(t, user, { method: 'GET', url })).statusCode));
};

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  colleague = await signedInUser(t, ['analyst']);
  a = await factory(t).newOpenConsultation(cast.admin);
  b = await factory(t).newOpenConsultation(cast.admin);
});
afterAll(async () => t?.close());

describe('a consultation’s team', () => {
  it('lists every active analyst, none on the team and none limited at first', async () => {
    const res = await team(a, cast.analyst);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<Team>(res);
    expect(body.canManage).toBe(false);
    expect(body.items.find((m) => m.id === cast.analyst.id)).toMatchObject({ assigned: false, limited: false });
    expect(body.items.find((m) => m.id === cast.participant.id)).toBeUndefined();
    expect(body.items.find((m) => m.id === cast.admin.id)).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain(cast.analyst.email);
    expect(json<Team>(await team(a)).canManage).toBe(true);
  });

  it('puts an analyst on the team and takes them off it, audited once per change', async () => {
    expect((await assign(a, colleague.id, { assigned: true })).statusCode).toBe(200);
    expect((await assign(a, colleague.id, { assigned: true })).statusCode).toBe(200);
    expect(await member(a, colleague.id)).toMatchObject({ assigned: true });
    expect(await member(b, colleague.id)).toMatchObject({ assigned: false });
    const events = await sql<{ action: string }>`select action from audit_events
      where item_type = 'user' and item_id = ${colleague.id} and consultation_id = ${a.consultation.id}`.execute(
      t.handle.db,
    );
    expect(events.rows.map((e) => e.action)).toEqual(['analysis_team.assign']);
    expect((await assign(a, colleague.id, { assigned: false })).statusCode).toBe(200);
    expect(await member(a, colleague.id)).toMatchObject({ assigned: false });
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const before = await rowsOf(colleague.id);
    expectError(await assign(a, colleague.id, { assigned: 'yes' }), 400, 'VALIDATION_FAILED');
    expectError(await assign(a, colleague.id, {}), 400, 'VALIDATION_FAILED');
    expectError(await assign(a, colleague.id, { assigned: true, extra: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await assign(a, 'not-a-uuid', { assigned: true }), 400, 'VALIDATION_FAILED');
    expectError(await assign(a, cast.participant.id, { assigned: true }), 404, 'NOT_FOUND');
    expectError(await assign(a, crypto.randomUUID(), { assigned: true }), 404, 'NOT_FOUND');
    expectError(
      await call(t, cast.admin, {
        method: 'PUT',
        url: `/api/consultations/${crypto.randomUUID()}/analysts/${colleague.id}`,
        payload: { assigned: true },
      }),
      404,
      'NOT_FOUND',
    );
    expectError(await limit(colleague.id, { limited: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await limit('x', { limited: true }), 400, 'VALIDATION_FAILED');
    expectError(await limit(cast.reviewer.id, { limited: true }), 404, 'NOT_FOUND');
    expect(await rowsOf(colleague.id)).toEqual(before);
  });

  it('refuses every other role before it reads the request, and changes nothing', async () => {
    const before = await rowsOf(colleague.id);
    expectError(await team(a, null), 401, 'UNAUTHENTICATED');
    for (const user of [cast.participant, cast.reviewer]) expectError(await team(a, user), 403, 'FORBIDDEN');
    expectError(await assign(a, colleague.id, { assigned: true }, null), 401, 'UNAUTHENTICATED');
    expectError(await limit(colleague.id, { limited: true }, null), 401, 'UNAUTHENTICATED');
    for (const user of [cast.analyst, cast.participant, cast.reviewer]) {
      expectError(await assign(a, colleague.id, 'not even json', user), 403, 'FORBIDDEN');
      expectError(await limit(colleague.id, { limited: 'x' }, user), 403, 'FORBIDDEN');
    }
    expect(await rowsOf(colleague.id)).toEqual(before);
  });
});

describe('an analyst limited to their consultations', () => {
  it('works on every consultation until limited, then only on those whose team they are on', async () => {
    expect(await workspaceStatuses(a, colleague)).toEqual([200, 200, 200]);
    expect((await limit(colleague.id, { limited: true })).statusCode).toBe(200);
    expect(await member(a, colleague.id)).toMatchObject({ limited: true, assigned: false });
    expect(await workspaceStatuses(a, colleague)).toEqual([403, 403, 403]);
    const refused = await call(t, colleague, { method: 'GET', url: `/api/consultations/${a.consultation.id}/inbox` });
    expect(json<{ error: { details: { reason: string } } }>(refused).error.details.reason).toBe('not_on_team');
    await assign(a, colleague.id, { assigned: true });
    expect(await workspaceStatuses(a, colleague)).toEqual([200, 200, 200]);
    expect(await workspaceStatuses(b, colleague)).toEqual([403, 403, 403]);
    // Others are not affected: an analyst who is not limited, and admins.
    expect(await workspaceStatuses(b, cast.analyst)).toEqual([200, 200, 200]);
    expect(await workspaceStatuses(b, cast.admin)).toEqual([200, 200, 200]);
  });

  it('cannot be given work on a consultation whose team they are not on', async () => {
    const split = await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${b.consultation.id}/inbox/split`,
      payload: { analystIds: [colleague.id, cast.analyst.id], query: {} },
    });
    expectError(split, 400, 'VALIDATION_FAILED');
    expect(json<{ error: { details: { reason: string } } }>(split).error.details.reason).toBe('not_on_team');
  });

  it('works everywhere again once the limit is lifted, audited', async () => {
    expect((await limit(colleague.id, { limited: false })).statusCode).toBe(200);
    expect(await workspaceStatuses(b, colleague)).toEqual([200, 200, 200]);
    const events = await sql<{ action: string }>`select action from audit_events
      where item_type = 'user' and item_id = ${colleague.id} and action like 'analysis_team.%limit'
      order by occurred_at`.execute(t.handle.db);
    expect(events.rows.map((e) => e.action)).toEqual(['analysis_team.limit', 'analysis_team.unlimit']);
  });
});
