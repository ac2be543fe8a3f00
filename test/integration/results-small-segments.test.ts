/**
 * Issue #10 item 7: publishing from a few rankings asks for confirmation, and no published segment
 * or count lets a visitor rebuild a small group by subtraction (RESULTS_MIN_SEGMENT is 5 here).
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Results } from '../../server/modules/rankings/rankings.schemas.ts';
import {
  call,
  createTestApp,
  type ErrorWith,
  expectError,
  json,
  signedInUser,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { makeOpenConsultation, registeredParticipant } from '../helpers/factory.ts';

describe('results of small segments', () => {
  let t: TestApp;
  let admin: TestUser;
  let voters: TestUser[];

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signedInUser(t, ['admin']);
    voters = [];
    for (let i = 0; i < 7; i++) {
      const v = await registeredParticipant(t);
      const actingAs = i === 6 ? 'business' : 'citizen';
      await call(t, v, { method: 'PATCH', url: '/api/me/profile', payload: { actingAs } });
      voters.push(v);
    }
  });
  afterAll(() => t.close());

  async function consultationRankedBy(who: TestUser[]) {
    const { consultation, scenarios } = await makeOpenConsultation(t, admin, [{ key: 'A' }, { key: 'B' }]);
    for (const [i, v] of who.entries()) {
      const res = await call(t, v, {
        method: 'PUT',
        url: `/api/consultations/${consultation.id}/ballot`,
        payload: { ranks: scenarios.map((s, k) => ({ scenarioId: s.id, rank: (k + i) % 2 ? 1 : 2 })) },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    return consultation as { id: string };
  }
  const publish = (id: string, payload?: unknown) =>
    call(t, admin, {
      method: 'POST',
      url: `/api/consultations/${id}/results/publish`,
      payload: payload as InjectOptions['payload'],
    });
  const publicResults = (id: string, segment = 'all') =>
    call(t, null, { url: `/api/consultations/${id}/results?segment=${segment}` });

  it('asks for confirmation before publishing from fewer rankings than the minimum ("citizen: 2 of 2")', async () => {
    const c = await consultationRankedBy(voters.slice(0, 2));
    const refused = await publish(c.id);
    expectError(refused, 409, 'RESULTS_TOO_FEW');
    expect(json<ErrorWith<{ rankings: number; minSegment: number }>>(refused).error.details).toEqual({
      rankings: 2,
      minSegment: 5,
    });
    expectError(await publicResults(c.id), 403, 'RESULTS_NOT_PUBLISHED');
    // A bad body is a 400 and publishes nothing; so is a signed-out or non-admin caller.
    expectError(await publish(c.id, { confirmSmall: 'yes' }), 400, 'VALIDATION_FAILED');
    expectError(await publish(c.id, { confirmSmall: true, extra: 1 }), 400, 'VALIDATION_FAILED');
    expectError(
      await call(t, voters[0]!, {
        method: 'POST',
        url: `/api/consultations/${c.id}/results/publish`,
        payload: { confirmSmall: true },
      }),
      403,
      'FORBIDDEN',
    );
    expectError(await publicResults(c.id), 403, 'RESULTS_NOT_PUBLISHED');

    expect((await publish(c.id, { confirmSmall: true })).statusCode).toBe(200);
    const r = json<Results>(await publicResults(c.id));
    expect(r.ballotCount).toBe(2);
    // "citizen: 2 of 2" is gone: the segment is hidden and its count withheld.
    expect(r.hiddenSegments).toEqual(['citizen', 'not_invited']);
    expect(r.segmentCounts).toMatchObject({ all: 2, citizen: null, not_invited: null, business: 0 });
    expectError(await publicResults(c.id, 'citizen'), 403, 'SEGMENT_TOO_SMALL');
    // Publishing again (already published) needs no confirmation.
    expect((await publish(c.id)).statusCode).toBe(200);
  });

  it('hides a segment whose complement is small, so "all 7, citizen 6" cannot rebuild the one business', async () => {
    const c = await consultationRankedBy(voters);
    expect((await publish(c.id)).statusCode).toBe(200);
    const r = json<Results>(await publicResults(c.id));
    expect(r.ballotCount).toBe(7);
    expect(r.hiddenSegments).toEqual(['business', 'citizen']);
    expect(r.segmentCounts).toMatchObject({ all: 7, citizen: null, business: null, not_invited: 7, invited: 0 });
    for (const s of ['citizen', 'business']) expectError(await publicResults(c.id, s), 403, 'SEGMENT_TOO_SMALL');
    // Every count a visitor sees: all minus the shown stakeholder counts leaves nothing small.
    const shown = (['citizen', 'business', 'ngo', 'public_authority', 'other'] as const).reduce(
      (sum, s) => sum + (r.segmentCounts[s] ?? 0),
      0,
    );
    expect(r.segmentCounts.all! - shown).toBe(7);
    // Staff still see every segment and count.
    const staff = json<Results>(await call(t, admin, { url: `/api/consultations/${c.id}/results?segment=business` }));
    expect(staff).toMatchObject({ ballotCount: 1, hiddenSegments: [] });
    expect(staff.segmentCounts).toMatchObject({ citizen: 6, business: 1 });
  });
});
