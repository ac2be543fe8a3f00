import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ballot } from '../../server/modules/ballots/ballots.schemas.ts';
import {
  call,
  createTestApp,
  type ErrorWith,
  expectError,
  json,
  makeConsultation,
  signedInUser,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import {
  inviteThroughList,
  makeOpenConsultation,
  passDeadline,
  registeredParticipant,
  restoreDeadline,
} from '../helpers/factory.ts';

describe('ballots', () => {
  let t: TestApp;
  let admin: TestUser;
  let analyst: TestUser;

  const put = (who: TestUser | null, cid: string, ranks: unknown, key?: string) =>
    call(t, who, {
      method: 'PUT',
      url: `/api/consultations/${cid}/ballot`,
      payload: { ranks },
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
  const get = (who: TestUser | null, cid: string) => call(t, who, { url: `/api/consultations/${cid}/ballot` });
  const del = (who: TestUser | null, cid: string) =>
    call(t, who, { method: 'DELETE', url: `/api/consultations/${cid}/ballot` });
  const rows = (cid: string, userId: string) =>
    t.handle.db
      .selectFrom('ballots')
      .selectAll()
      .where('consultationId', '=', cid)
      .where('userId', '=', userId)
      .execute();

  beforeAll(async () => {
    t = await createTestApp();
    [admin, analyst] = await Promise.all([signedInUser(t, ['admin']), signedInUser(t, ['analyst'])]);
  });
  afterAll(async () => t.close());

  it('casts, reads and replaces one ballot; ties and unranked scenarios are kept, ranks made dense', async () => {
    const p = await registeredParticipant(t);
    const {
      consultation: c,
      scenarios: [a, b, s3],
    } = await makeOpenConsultation(t, admin);
    const first = await put(p, c.id, [
      { scenarioId: b.id, rank: 1 },
      { scenarioId: a.id, rank: 1 },
      { scenarioId: s3.id, rank: 7 },
    ]);
    expect(first.statusCode).toBe(201);
    expect(json<Ballot>(first)).toEqual({
      consultationId: c.id,
      ranks: [
        { scenarioId: a.id, rank: 1 },
        { scenarioId: b.id, rank: 1 },
        { scenarioId: s3.id, rank: 2 },
      ],
      segment: { actingAs: null, invited: false },
      acceptsInput: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(json<Ballot>(await get(p, c.id))).toEqual(json<Ballot>(first));
    expect(json<Ballot>(await get(p, c.slug)).ranks).toEqual(json<Ballot>(first).ranks);

    const again = await put(p, c.slug, [{ scenarioId: s3.id, rank: 2 }]);
    expect(again.statusCode).toBe(200);
    expect(json<Ballot>(again).ranks).toEqual([{ scenarioId: s3.id, rank: 1 }]);
    const stored = await rows(c.id, p.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ ranks: { [s3.id]: 1 }, ranking: `${s3.id}:1` });
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('action')
      .where('itemId', '=', stored[0]!.id)
      .orderBy('occurredAt')
      .execute();
    expect(audit.map((x) => x.action)).toEqual(['ballot.cast', 'ballot.replace']);
  });

  it.each([
    ['no ranks', []],
    ['rank 0', [{ rank: 0 }]],
    ['a fractional rank', [{ rank: 1.5 }]],
    ['a rank as text', [{ rank: '1' }]],
    ['a scenario twice', [{ rank: 1 }, { rank: 2 }]],
    ['a malformed scenario id', [{ scenarioId: 'S1', rank: 1 }]],
  ])('is a 400 for %s and leaves the ballot as it was', async (_n, entries) => {
    const p = await registeredParticipant(t);
    const {
      consultation: c,
      scenarios: [a],
    } = await makeOpenConsultation(t, admin, [{ key: 'B1' }]);
    await put(p, c.id, [{ scenarioId: a.id, rank: 1 }]);
    const before = await rows(c.id, p.id);
    const ranks = (entries as Record<string, unknown>[]).map((e) => ({ scenarioId: a.id, ...e }));
    expectError(await put(p, c.id, ranks), 400, 'VALIDATION_FAILED');
    expect(await rows(c.id, p.id)).toEqual(before);
  });

  it('is a 400 for an unknown field or a missing body', async () => {
    const p = await registeredParticipant(t);
    const {
      consultation: c,
      scenarios: [a],
    } = await makeOpenConsultation(t, admin, [{ key: 'B1' }]);
    expectError(
      await call(t, p, {
        method: 'PUT',
        url: `/api/consultations/${c.id}/ballot`,
        payload: { ranks: [{ scenarioId: a.id, rank: 1 }], userId: randomUUID() },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call(t, p, { method: 'PUT', url: `/api/consultations/${c.id}/ballot`, payload: {} }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await rows(c.id, p.id)).toEqual([]);
  });

  it('is a 422 for a scenario that is unknown, of another consultation, or eliminated', async () => {
    const p = await registeredParticipant(t);
    const {
      consultation: c,
      scenarios: [a, b],
    } = await makeOpenConsultation(t, admin, [{ key: 'E1' }, { key: 'E2' }]);
    const {
      scenarios: [foreign],
    } = await makeOpenConsultation(t, admin, [{ key: 'F1' }]);
    const elim = await call(t, admin, {
      method: 'POST',
      url: `/api/scenarios/${b.id}/status`,
      payload: { status: 'eliminated', round: 2 },
    });
    expect(elim.statusCode).toBe(200);
    for (const id of [randomUUID(), foreign.id, b.id]) {
      const res = await put(p, c.id, [
        { scenarioId: a.id, rank: 1 },
        { scenarioId: id, rank: 2 },
      ]);
      expectError(res, 422, 'RULE_VIOLATION');
      expect(json<ErrorWith<{ scenarioIds: string[] }>>(res).error.details).toEqual({ scenarioIds: [id] });
    }
    expect(await rows(c.id, p.id)).toEqual([]);
    expect((await put(p, c.id, [{ scenarioId: a.id, rank: 1 }])).statusCode).toBe(201);
  });

  it('is for signed-in participants: 401 signed out, 403 for staff without the participant role, 404 for a draft', async () => {
    const {
      consultation: c,
      scenarios: [a],
    } = await makeOpenConsultation(t, admin, [{ key: 'R1' }]);
    const ranks = [{ scenarioId: a.id, rank: 1 }];
    expectError(await put(null, c.id, ranks), 401, 'UNAUTHENTICATED');
    expectError(await get(null, c.id), 401, 'UNAUTHENTICATED');
    expectError(await del(null, c.id), 401, 'UNAUTHENTICATED');
    for (const who of [analyst, admin]) expectError(await put(who, c.id, ranks), 403, 'FORBIDDEN');
    const staffVoter = await signedInUser(t, ['analyst', 'participant']);
    expect((await put(staffVoter, c.id, ranks)).statusCode).toBe(201);

    const draft = await makeConsultation(t, admin);
    const p = await registeredParticipant(t);
    expectError(await put(p, draft.id, ranks), 404, 'NOT_FOUND');
    expectError(await put(p, 'no-such-consultation', ranks), 404, 'NOT_FOUND');
  });

  it('never shows or changes another participant’s ballot', async () => {
    const [p, q] = [await registeredParticipant(t), await registeredParticipant(t)];
    const {
      consultation: c,
      scenarios: [a, b],
    } = await makeOpenConsultation(t, admin, [{ key: 'O1' }, { key: 'O2' }]);
    await put(p, c.id, [{ scenarioId: a.id, rank: 1 }]);
    expectError(await get(q, c.id), 404, 'NOT_FOUND');
    expectError(await del(q, c.id), 404, 'NOT_FOUND');
    await put(q, c.id, [{ scenarioId: b.id, rank: 1 }]);
    expect(json<Ballot>(await get(p, c.id)).ranks).toEqual([{ scenarioId: a.id, rank: 1 }]);
    expect(json<Ballot>(await get(q, c.id)).ranks).toEqual([{ scenarioId: b.id, rank: 1 }]);
  });

  it('withdraws a ballot with DELETE', async () => {
    const p = await registeredParticipant(t);
    const {
      consultation: c,
      scenarios: [a],
    } = await makeOpenConsultation(t, admin, [{ key: 'W1' }]);
    await put(p, c.id, [{ scenarioId: a.id, rank: 1 }]);
    const res = await del(p, c.id);
    expect(res.statusCode).toBe(204);
    expect(await rows(c.id, p.id)).toEqual([]);
    expectError(await get(p, c.id), 404, 'NOT_FOUND');
    expectError(await del(p, c.id), 404, 'NOT_FOUND');
  });

  it('closes at the deadline: no cast, replace or withdrawal (409), the ballot stays readable', async () => {
    const p = await registeredParticipant(t);
    const {
      consultation: c,
      scenarios: [a, b],
    } = await makeOpenConsultation(t, admin, [{ key: 'T1' }, { key: 'T2' }]);
    const late = await registeredParticipant(t);
    const key = randomUUID();
    await put(p, c.id, [{ scenarioId: a.id, rank: 1 }], key);
    await passDeadline(t, c.id);
    try {
      expectError(await put(p, c.id, [{ scenarioId: b.id, rank: 1 }]), 409, 'CONSULTATION_CLOSED');
      expectError(await put(late, c.id, [{ scenarioId: b.id, rank: 1 }]), 409, 'CONSULTATION_CLOSED');
      expectError(await del(p, c.id), 409, 'CONSULTATION_CLOSED');
      const read = await get(p, c.id);
      expect(json<Ballot>(read)).toMatchObject({ ranks: [{ scenarioId: a.id, rank: 1 }], acceptsInput: false });
      const replay = await put(p, c.id, [{ scenarioId: a.id, rank: 1 }], key);
      expect(replay.statusCode).toBe(200);
      expect(await rows(c.id, late.id)).toEqual([]);
    } finally {
      await restoreDeadline(t, c.id);
    }
    expect((await put(p, c.id, [{ scenarioId: b.id, rank: 1 }])).statusCode).toBe(200);
  });

  it('honours Idempotency-Key: a repeated key returns the ballot it made and changes nothing', async () => {
    const p = await registeredParticipant(t);
    const {
      consultation: c,
      scenarios: [a, b],
    } = await makeOpenConsultation(t, admin, [{ key: 'I1' }, { key: 'I2' }]);
    const key = randomUUID();
    const first = await put(p, c.id, [{ scenarioId: a.id, rank: 1 }], key);
    expect(first.statusCode).toBe(201);
    const replay = await put(p, c.id, [{ scenarioId: b.id, rank: 1 }], key);
    expect(replay.statusCode).toBe(200);
    expect(json<Ballot>(replay)).toEqual(json<Ballot>(first));
    expect((await rows(c.id, p.id))[0]!.ranks).toEqual({ [a.id]: 1 });
    const next = await put(p, c.id, [{ scenarioId: b.id, rank: 1 }], randomUUID());
    expect(json<Ballot>(next).ranks).toEqual([{ scenarioId: b.id, rank: 1 }]);
  });

  it('keeps one ballot per participant under 10 concurrent casts', async () => {
    const p = await registeredParticipant(t);
    const { consultation: c, scenarios } = await makeOpenConsultation(t, admin);
    const casts = Array.from({ length: 10 }, (_, i) =>
      put(
        p,
        c.id,
        scenarios.map((s, j) => ({ scenarioId: s.id, rank: ((i + j) % 3) + 1 })),
      ),
    );
    const results = await Promise.all(casts);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const stored = await rows(c.id, p.id);
    expect(stored).toHaveLength(1);
    expect(json<Ballot>(await get(p, c.id)).ranks).toHaveLength(3);
  });

  it('copies the segment from the profile, follows profile changes and the list while open, not after', async () => {
    const p = await registeredParticipant(t);
    await call(t, p, { method: 'PATCH', url: '/api/me/profile', payload: { actingAs: 'citizen' } });
    const open = await makeOpenConsultation(t, admin, [{ key: 'G1' }]);
    const closed = await makeOpenConsultation(t, admin, [{ key: 'G1' }]);
    for (const x of [open, closed]) {
      const res = await put(p, x.consultation.id, [{ scenarioId: x.scenarios[0].id, rank: 1 }]);
      expect(json<Ballot>(res).segment).toEqual({ actingAs: 'citizen', invited: false });
    }
    await passDeadline(t, closed.consultation.id);
    await call(t, p, {
      method: 'PATCH',
      url: '/api/me/profile',
      payload: { actingAs: 'business', organisationName: 'Firma ApS' },
    });
    expect((await rows(open.consultation.id, p.id))[0]).toMatchObject({ actingAs: 'business', invited: false });
    // Invited follows the list: p's response linked to a listed party makes p's ballot there invited.
    await inviteThroughList(t, admin, open.consultation.id, p.email);
    expect((await rows(open.consultation.id, p.id))[0]).toMatchObject({ actingAs: 'business', invited: true });
    const again = await put(p, open.consultation.id, [{ scenarioId: open.scenarios[0].id, rank: 1 }]);
    expect(json<Ballot>(again).segment).toEqual({ actingAs: 'business', invited: true });
    expect((await rows(closed.consultation.id, p.id))[0]).toMatchObject({ actingAs: 'citizen', invited: false });
  });
});
