import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { PublishState, Results } from '../../server/modules/rankings/rankings.schemas.ts';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  makeConsultation,
  signedInUser,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { inviteThroughList, makeOpenConsultation, registeredParticipant } from '../helpers/factory.ts';

describe('ranking results', () => {
  let t: TestApp;
  let admin: TestUser;
  let analyst: TestUser;
  let reviewer: TestUser;
  let voters: TestUser[];
  let c: Consultation;
  let A: Scenario, B: Scenario, C: Scenario;

  const results = (who: TestUser | null, query = '', path = 'results') =>
    call(t, who, { url: `/api/consultations/${c.id}/${path}${query}` });
  const cast = (who: TestUser, ranks: [Pick<Scenario, 'id'>, number][]) =>
    call(t, who, {
      method: 'PUT',
      url: `/api/consultations/${c.id}/ballot`,
      payload: { ranks: ranks.map(([s, rank]) => ({ scenarioId: s.id, rank })) },
    });

  /**
   * Three ballots, counted by hand:
   *   citizen, not invited:    A > B > C
   *   business, invited:       B > C > A
   *   no segment, not invited: A > C   (B unranked: below both, per Debian's rule)
   * pairwise A:B 2–1, A:C 2–1, B:C 2–1 → A is the Condorcet winner; Schulze A, B, C.
   * First preferences A 2, B 1, C 0. Borda (1 per scenario beaten): A 2+0+2, B 1+2+0, C 0+1+1.
   */
  beforeAll(async () => {
    t = await createTestApp();
    [admin, analyst, reviewer] = await Promise.all([
      signedInUser(t, ['admin']),
      signedInUser(t, ['analyst']),
      signedInUser(t, ['reviewer']),
    ]);
    voters = [await registeredParticipant(t), await registeredParticipant(t), await registeredParticipant(t)];
    const made = await makeOpenConsultation(t, admin, [{ key: 'A' }, { key: 'B' }, { key: 'C' }]);
    c = made.consultation;
    [A, B, C] = made.scenarios;
    await call(t, voters[0]!, { method: 'PATCH', url: '/api/me/profile', payload: { actingAs: 'citizen' } });
    await call(t, voters[1]!, { method: 'PATCH', url: '/api/me/profile', payload: { actingAs: 'business' } });
    // voters[1] answered for a party on the list (høringsliste): their ballot counts as invited.
    await inviteThroughList(t, admin, c.id, voters[1]!.email);
    expect(
      (
        await cast(voters[0]!, [
          [A, 1],
          [B, 2],
          [C, 3],
        ])
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await cast(voters[1]!, [
          [B, 1],
          [C, 2],
          [A, 3],
        ])
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await cast(voters[2]!, [
          [A, 1],
          [C, 2],
        ])
      ).statusCode,
    ).toBe(201);
  });
  afterAll(async () => t.close());

  it('matches the hand count for the whole consultation (staff see it before publication)', async () => {
    const res = await results(analyst);
    expect(res.statusCode).toBe(200);
    const r = json<Results>(res);
    expect(r).toMatchObject({
      consultationId: c.id,
      segment: 'all',
      publishedAt: null,
      ballotCount: 3,
      scenarios: [
        { id: A.id, key: 'A', title: A.title },
        { id: B.id, key: 'B', title: B.title },
        { id: C.id, key: 'C', title: C.title },
      ],
      firstPreference: { blank: 0, counts: [2, 1, 0] },
      borda: { points: [4, 3, 2] },
      pairwise: [
        [0, 2, 2],
        [1, 0, 2],
        [1, 1, 0],
      ],
      condorcetWinner: A.id,
      schulze: { order: [[A.id], [B.id], [C.id]], positions: [1, 2, 3], winner: A.id },
    });
    expect(r.firstPreference.shares).toEqual([2 / 3, 1 / 3, 0].map((x) => expect.closeTo(x, 10)));
    expect(r.borda.mean).toEqual([4 / 3, 1, 2 / 3].map((x) => expect.closeTo(x, 10)));
    expect(r.segmentCounts).toEqual({
      all: 3,
      citizen: 1,
      business: 1,
      ngo: 0,
      public_authority: 0,
      other: 0,
      invited: 1,
      not_invited: 2,
    });
    expect(r.stability).toMatchObject({ resamples: 200, winner: A.id });
    expect(r.stability.winnerRetained).toBeGreaterThan(0);
    expect(r.stability.winnerRetained).toBeLessThanOrEqual(1);
    for (const row of r.stability.rankShares) expect(row.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(1, 10);
    // Deterministic: the same seed gives the same numbers.
    expect(json<Results>(await results(admin)).stability).toEqual(r.stability);
    // Reviewers read only what is public (issue 10 item 8).
    expect((await results(reviewer)).statusCode).toBe(403);
  });

  it.each([
    [
      'citizen',
      1,
      [1, 0, 0],
      [
        [0, 1, 1],
        [0, 0, 1],
        [0, 0, 0],
      ],
      'A',
    ],
    [
      'business',
      1,
      [0, 1, 0],
      [
        [0, 0, 0],
        [1, 0, 1],
        [1, 0, 0],
      ],
      'B',
    ],
    [
      'invited',
      1,
      [0, 1, 0],
      [
        [0, 0, 0],
        [1, 0, 1],
        [1, 0, 0],
      ],
      'B',
    ],
    [
      'not_invited',
      2,
      [2, 0, 0],
      [
        [0, 2, 2],
        [0, 0, 1],
        [0, 1, 0],
      ],
      'A',
    ],
    [
      'ngo',
      0,
      [0, 0, 0],
      [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
      null,
    ],
  ] as const)('filters by segment: %s', async (segment, count, first, pairwise, winner) => {
    const r = json<Results>(await results(admin, `?segment=${segment}`));
    expect(r.segment).toBe(segment);
    expect(r.ballotCount).toBe(count);
    expect(r.firstPreference.counts).toEqual(first);
    expect(r.pairwise).toEqual(pairwise);
    const ids: Record<string, string> = { A: A.id, B: B.id, C: C.id };
    expect(r.condorcetWinner).toBe(winner === null ? null : ids[winner]);
  });

  it('is a 400 for an unknown segment', async () => {
    expectError(await results(admin, '?segment=lobbyists'), 400, 'VALIDATION_FAILED');
  });

  it('is hidden from the public until an admin publishes it, and again after unpublishing', async () => {
    const p = voters[0]!;
    for (const who of [null, p]) {
      expectError(await results(who), 403, 'RESULTS_NOT_PUBLISHED');
      expectError(await results(who, '', 'results.csv'), 403, 'RESULTS_NOT_PUBLISHED');
      expectError(await results(who, '', 'results.json'), 403, 'RESULTS_NOT_PUBLISHED');
    }
    const publishUrl = `/api/consultations/${c.id}/results/publish`;
    expectError(await call(t, null, { method: 'POST', url: publishUrl }), 401, 'UNAUTHENTICATED');
    for (const who of [p, analyst, reviewer])
      expectError(await call(t, who, { method: 'POST', url: publishUrl }), 403, 'FORBIDDEN');
    expectError(await results(null), 403, 'RESULTS_NOT_PUBLISHED');

    const pub = await call(t, admin, { method: 'POST', url: publishUrl, payload: { confirmSmall: true } });
    expect(pub.statusCode).toBe(200);
    expect(json<PublishState>(pub)).toEqual({ consultationId: c.id, resultsPublishedAt: expect.any(String) });
    const open = await results(null);
    expect(open.statusCode).toBe(200);
    expect(json<Results>(open)).toMatchObject({
      ballotCount: 3,
      publishedAt: json<PublishState>(pub).resultsPublishedAt,
    });

    // A segment of one ranking would show that participant's ranking: staff only (RESULTS_MIN_SEGMENT, 5).
    expect(json<Results>(open)).toMatchObject({ minSegmentSize: 5 });
    expect(json<Results>(open).hiddenSegments).toEqual(expect.arrayContaining(['citizen', 'business']));
    expect(json<Results>(open).hiddenSegments).not.toContain('ngo');
    for (const path of ['results', 'results.csv', 'results.json']) {
      expectError(await results(null, '?segment=citizen', path), 403, 'SEGMENT_TOO_SMALL');
      expectError(await results(p, '?segment=citizen', path), 403, 'SEGMENT_TOO_SMALL');
    }
    expect(json<Results>(await results(null, '?segment=ngo'))).toMatchObject({ ballotCount: 0 });
    const staffView = json<Results>(await results(analyst, '?segment=citizen'));
    expect(staffView).toMatchObject({ ballotCount: 1, hiddenSegments: [] });

    const unpub = await call(t, admin, { method: 'POST', url: `/api/consultations/${c.id}/results/unpublish` });
    expect(json<PublishState>(unpub)).toEqual({ consultationId: c.id, resultsPublishedAt: null });
    expectError(await results(null), 403, 'RESULTS_NOT_PUBLISHED');
    const actions = await t.handle.db
      .selectFrom('auditEvents')
      .select('action')
      .where('itemId', '=', c.id)
      .where('action', 'like', 'results.%')
      .orderBy('occurredAt')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['results.publish', 'results.unpublish']);
  });

  it('is a 404 for a draft consultation to the public, even when published', async () => {
    const draft = await makeConsultation(t, admin);
    expect(
      (
        await call(t, admin, {
          method: 'POST',
          url: `/api/consultations/${draft.id}/results/publish`,
          payload: { confirmSmall: true },
        })
      ).statusCode,
    ).toBe(200);
    expectError(await call(t, null, { url: `/api/consultations/${draft.id}/results` }), 404, 'NOT_FOUND');
    const r = json<Results>(await call(t, admin, { url: `/api/consultations/${draft.id}/results` }));
    expect(r).toMatchObject({ ballotCount: 0, scenarios: [], condorcetWinner: null, schulze: { winner: null } });
  });

  it('downloads JSON and CSV with file names; CSV cells cannot run as formulas', async () => {
    const {
      consultation: k,
      scenarios: [x, y],
    } = await makeOpenConsultation(t, admin, [{ key: 'X' }, { key: 'Y' }]);
    const rename = await call(t, admin, {
      method: 'PATCH',
      url: `/api/scenarios/${x.id}`,
      payload: { title: { da: '=HYPERLINK("http://evil.example","klik")', en: '@SUM(1+1), "quoted"' } },
    });
    expect(rename.statusCode).toBe(200);
    await call(t, voters[0]!, {
      method: 'PUT',
      url: `/api/consultations/${k.id}/ballot`,
      payload: { ranks: [{ scenarioId: x.id, rank: 1 }] },
    });

    const j = await call(t, admin, { url: `/api/consultations/${k.slug}/results.json?segment=citizen` });
    expect(j.statusCode).toBe(200);
    expect(j.headers['content-type']).toMatch(/^application\/json/);
    expect(j.headers['content-disposition']).toBe(`attachment; filename="samraad-results-${k.slug}-citizen.json"`);
    expect(json<Results>(j)).toEqual(
      json<Results>(await call(t, admin, { url: `/api/consultations/${k.id}/results?segment=citizen` })),
    );

    const csv = await call(t, admin, { url: `/api/consultations/${k.id}/results.csv` });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="samraad-results-${k.slug}-all.csv"`);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'segment,ballots,scenario_id,key,title_da,title_en,schulze_position,first_preferences,first_preference_share,' +
        'borda_points,borda_mean,condorcet_winner,preferred_to_X,preferred_to_Y,place_1_share,place_2_share,winner_retained',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^all,1,${x.id},X,"'=HYPERLINK\\(""http://evil.example"",""klik""\\)","'@SUM\\(1\\+1\\), ""quoted""",1,1,1,1,1,true,,1,`,
      ),
    );
    expect(lines[2]).toMatch(new RegExp(`^all,1,${y.id},Y,Scenarie Y,Scenario Y,2,0,0,0,0,false,0,,`));
    expect(lines[3]).toBe('');
  });

  it('leaves eliminated scenarios out of the count', async () => {
    const {
      consultation: k,
      scenarios: [x, y, z],
    } = await makeOpenConsultation(t, admin, [{ key: 'X' }, { key: 'Y' }, { key: 'Z' }]);
    const vote = (who: TestUser, ranks: [Pick<Scenario, 'id'>, number][]) =>
      call(t, who, {
        method: 'PUT',
        url: `/api/consultations/${k.id}/ballot`,
        payload: { ranks: ranks.map(([s, rank]) => ({ scenarioId: s.id, rank })) },
      });
    await vote(voters[0]!, [
      [x, 1],
      [y, 2],
      [z, 3],
    ]);
    await vote(voters[1]!, [
      [x, 1],
      [z, 2],
    ]);
    await call(t, admin, {
      method: 'POST',
      url: `/api/scenarios/${x.id}/status`,
      payload: { status: 'eliminated', round: 2 },
    });
    const r = json<Results>(await call(t, admin, { url: `/api/consultations/${k.id}/results` }));
    expect(r.scenarios.map((s) => s.key)).toEqual(['Y', 'Z']);
    expect(r.ballotCount).toBe(2);
    expect(r.firstPreference.counts).toEqual([1, 1]);
    expect(r.pairwise).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(r.condorcetWinner).toBeNull();
    expect(r.schulze.order).toEqual([[y.id, z.id]]);
  });
});
