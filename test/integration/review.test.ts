import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  MyReviews,
  Review,
  ReviewerList,
  Round,
  RoundDetail,
} from '../../server/modules/reviews/reviews.schemas.ts';
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
import {
  DAY_MS,
  factory,
  freshEmail,
  lastMailTo,
  login,
  makeOpenConsultation,
  mailsTo,
  tokenIn,
} from '../helpers/factory.ts';

// Issue 14 stories 1 and 3: reviewers scoped to a consultation, review rounds, positions and their history.

let t: TestApp;
let cast: Cast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
});
afterAll(async () => t.close());

const inDays = (d: number) => new Date(Date.now() + d * DAY_MS).toISOString();

async function hearing() {
  const { consultation, scenarios } = await makeOpenConsultation(t, cast.admin);
  return { c: consultation, scenarios };
}

async function invite(cId: string, who: { email: string }, authority = 'Finansministeriet') {
  const res = await call(t, cast.admin, {
    method: 'POST',
    url: `/api/consultations/${cId}/reviewers`,
    payload: { email: who.email, authority },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<{ userId: string; created: boolean }>(res);
}

async function openRound(cId: string, body: Record<string, unknown> = { dueAt: inDays(14) }) {
  const res = await call(t, cast.admin, {
    method: 'POST',
    url: `/api/consultations/${cId}/review-rounds`,
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<Round>(res);
}

const reviewUrl = (cId: string, roundId: string, scenarioId: string) =>
  `/api/consultations/${cId}/review-rounds/${roundId}/scenarios/${scenarioId}/review`;

function write(user: TestUser | null, cId: string, roundId: string, scenarioId: string, payload: unknown) {
  return call(t, user, { method: 'PUT', url: reviewUrl(cId, roundId, scenarioId), payload: payload as object });
}

const reviewersOf = async (cId: string) =>
  json<ReviewerList>(await call(t, cast.admin, { url: `/api/consultations/${cId}/reviewers` })).items;

describe('reviewers of a consultation (story 1)', () => {
  it('an existing account gets the reviewer role for this consultation and a notice, audited', async () => {
    const { c } = await hearing();
    const person = await signedInUser(t, ['participant']);
    const added = await invite(c.id, person, 'KL');
    expect(added).toMatchObject({ userId: person.id, created: false });
    expect(await reviewersOf(c.id)).toEqual([expect.objectContaining({ userId: person.id, authority: 'KL' })]);
    expect((await lastMailTo(t, person.email)).kind).toBe('review.added');
    const roles = await t.handle.db.selectFrom('userRoles').select('role').where('userId', '=', person.id).execute();
    expect(roles.map((r) => r.role).sort()).toEqual(['participant', 'reviewer']);
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('action')
      .where('consultationId', '=', c.id)
      .where('itemId', '=', person.id)
      .execute();
    expect(audit.map((a) => a.action)).toContain('review.reviewer_add');
  });

  it('a new person gets an account and an invitation to choose a password; the token is stored as a hash only', async () => {
    const { c } = await hearing();
    const email = freshEmail('ministry');
    const added = await invite(c.id, { email });
    expect(added.created).toBe(true);
    const mail = await lastMailTo(t, email);
    expect(mail.kind).toBe('review.invitation');
    const token = tokenIn(mail);
    const stored = await t.handle.db
      .selectFrom('accountTokens')
      .select('idHash')
      .where('userId', '=', added.userId)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.idHash).not.toContain(token);
    // Staff reading the outbox never see the link's secret.
    const outbox = await call(t, cast.admin, { url: `/api/mail/outbox?to=${encodeURIComponent(email)}` });
    expect(outbox.body).not.toContain(token);
    expect((await reviewersOf(c.id))[0]!.hasPassword).toBe(false);
    const password = 'a reviewer password 2026';
    const set = await call(t, null, {
      method: 'POST',
      url: '/api/participants/password-reset/confirm',
      payload: { token, password },
    });
    expect(set.statusCode, set.body).toBe(200);
    const signedIn = await login(t, email, password);
    expect(signedIn.statusCode).toBe(200);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const mine = json<MyReviews>(await t.app.inject({ url: '/api/me/reviews', headers: { cookie } }));
    expect(mine.items.map((i) => i.consultation.id)).toEqual([c.id]);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const { c } = await hearing();
    for (const payload of [
      { email: 'not-an-address', authority: 'KL' },
      { email: freshEmail(), authority: '' },
      { email: freshEmail(), authority: 'KL', organisationId: 'nope' },
      { email: freshEmail(), authority: 'KL', extra: true },
    ]) {
      const res = await call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/reviewers`, payload });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
    expect(await reviewersOf(c.id)).toEqual([]);
    const missing = await call(t, cast.admin, {
      method: 'POST',
      url: '/api/consultations/no-such-consultation/reviewers',
      payload: { email: freshEmail(), authority: 'KL' },
    });
    expectError(missing, 404, 'NOT_FOUND');
  });

  it('only admins list, invite and remove reviewers', async () => {
    const { c } = await hearing();
    const member = await signedInUser(t, ['reviewer']);
    await invite(c.id, member);
    const routes = [
      { method: 'GET' as const, url: `/api/consultations/${c.id}/reviewers` },
      {
        method: 'POST' as const,
        url: `/api/consultations/${c.id}/reviewers`,
        payload: { email: freshEmail(), authority: 'X' },
      },
      { method: 'DELETE' as const, url: `/api/consultations/${c.id}/reviewers/${member.id}` },
    ];
    for (const r of routes) {
      expectError(await call(t, null, r), 401, 'UNAUTHENTICATED');
      for (const who of [cast.participant, cast.analyst, cast.reviewer, member])
        expectError(await call(t, who, r), 403, 'FORBIDDEN');
    }
    expect(await reviewersOf(c.id)).toHaveLength(1);
  });

  it('removing a reviewer ends their access; their positions stay', async () => {
    const { c, scenarios } = await hearing();
    const member = await signedInUser(t, ['reviewer']);
    await invite(c.id, member);
    const round = await openRound(c.id);
    expect((await write(member, c.id, round.id, scenarios[0]!.id, { position: 'supports' })).statusCode).toBe(200);
    const del = await call(t, cast.admin, {
      method: 'DELETE',
      url: `/api/consultations/${c.id}/reviewers/${member.id}`,
    });
    expect(del.statusCode).toBe(204);
    expectError(
      await call(t, cast.admin, { method: 'DELETE', url: `/api/consultations/${c.id}/reviewers/${member.id}` }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(t, member, { url: `/api/consultations/${c.id}/review-rounds/${round.id}` }),
      403,
      'FORBIDDEN',
    );
    const detail = json<RoundDetail>(
      await call(t, cast.admin, { url: `/api/consultations/${c.id}/review-rounds/${round.id}` }),
    );
    expect(detail.reviews).toEqual([
      expect.objectContaining({ reviewerId: member.id, authority: 'Finansministeriet' }),
    ]);
  });
});

describe('review rounds and positions (story 3)', () => {
  it('an admin opens a round on every scenario by default; one at a time; bad input changes nothing', async () => {
    const { c, scenarios } = await hearing();
    const url = `/api/consultations/${c.id}/review-rounds`;
    expectError(
      await call(t, cast.admin, { method: 'POST', url, payload: { dueAt: 'tomorrow' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call(t, cast.admin, { method: 'POST', url, payload: { dueAt: inDays(-1) } }),
      422,
      'RULE_VIOLATION',
    );
    const other = await hearing();
    const foreign = { dueAt: inDays(3), scenarioIds: [other.scenarios[0]!.id] };
    expectError(await call(t, cast.admin, { method: 'POST', url, payload: foreign }), 422, 'RULE_VIOLATION');
    expect(json<{ items: Round[] }>(await call(t, cast.admin, { url })).items).toEqual([]);
    const round = await openRound(c.id);
    expect(round).toMatchObject({ number: 1, status: 'open' });
    expect([...round.scenarioIds].sort()).toEqual(scenarios.map((s) => s.id).sort());
    expectError(await call(t, cast.admin, { method: 'POST', url, payload: { dueAt: inDays(3) } }), 409, 'CONFLICT');
    const closed = await call(t, cast.admin, { method: 'POST', url: `${url}/${round.id}/close` });
    expect(json<Round>(closed).status).toBe('closed');
    expectError(await call(t, cast.admin, { method: 'POST', url: `${url}/${round.id}/close` }), 409, 'CONFLICT');
    const second = await openRound(c.id, { dueAt: inDays(5), scenarioIds: [scenarios[1]!.id] });
    expect(second).toMatchObject({ number: 2, scenarioIds: [scenarios[1]!.id] });
  });

  it('only admins open and close rounds', async () => {
    const { c } = await hearing();
    const member = await signedInUser(t, ['reviewer']);
    await invite(c.id, member);
    const round = await openRound(c.id);
    const base = `/api/consultations/${c.id}/review-rounds`;
    for (const r of [
      { method: 'POST' as const, url: base, payload: { dueAt: inDays(2) } },
      { method: 'POST' as const, url: `${base}/${round.id}/close` },
    ]) {
      expectError(await call(t, null, r), 401, 'UNAUTHENTICATED');
      for (const who of [cast.participant, cast.analyst, member]) expectError(await call(t, who, r), 403, 'FORBIDDEN');
    }
    expect(json<{ items: Round[] }>(await call(t, cast.admin, { url: base })).items[0]!.status).toBe('open');
  });

  it('a reviewer writes and revises a position per scenario; every revision is kept and audited', async () => {
    const { c, scenarios } = await hearing();
    const member = await signedInUser(t, ['reviewer']);
    await invite(c.id, member);
    const round = await openRound(c.id);
    const s1 = scenarios[0]!.id;
    const first = await write(member, c.id, round.id, s1, {
      position: 'supports_with_conditions',
      conditions: ['Kodeviser bevares', 'Åbne standarder'],
      note: '**Vigtigt** for kommunerne <script>alert(1)</script>',
    });
    expect(first.statusCode, first.body).toBe(200);
    const r1 = json<Review>(first);
    expect(r1).toMatchObject({
      revision: 1,
      authority: 'Finansministeriet',
      conditions: ['Kodeviser bevares', 'Åbne standarder'],
    });
    expect(r1.noteHtml).toContain('<strong>Vigtigt</strong>');
    expect(r1.noteHtml).not.toContain('<script');
    const second = json<Review>(
      await write(member, c.id, round.id, s1, {
        position: 'objects',
        reasons: 'For dyrt',
        note: 'a < b',
        noteFormat: 'text',
      }),
    );
    expect(second).toMatchObject({
      id: r1.id,
      revision: 2,
      position: 'objects',
      conditions: [],
      noteHtml: '<p>a &lt; b</p>',
    });
    const history = await call(t, member, { url: `/api/consultations/${c.id}/reviews/${r1.id}/revisions` });
    expect(
      json<{ items: { revision: number; position: string }[] }>(history).items.map((i) => [i.revision, i.position]),
    ).toEqual([
      [2, 'objects'],
      [1, 'supports_with_conditions'],
    ]);
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('action')
      .where('consultationId', '=', c.id)
      .where('itemId', '=', r1.id)
      .execute();
    expect(audit.filter((a) => a.action === 'review.write')).toHaveLength(2);
  });

  it('refuses a position without what it needs with 400 and keeps the last one', async () => {
    const { c, scenarios } = await hearing();
    const member = await signedInUser(t, ['reviewer']);
    await invite(c.id, member);
    const round = await openRound(c.id);
    const s1 = scenarios[0]!.id;
    await write(member, c.id, round.id, s1, { position: 'supports' });
    for (const payload of [
      { position: 'objects' },
      { position: 'objects', reasons: '   ' },
      { position: 'supports_with_conditions', conditions: [] },
      { position: 'supports', conditions: ['x'] },
      { position: 'maybe' },
      { position: 'supports', noteFormat: 'html' },
    ]) {
      expectError(await write(member, c.id, round.id, s1, payload), 400, 'VALIDATION_FAILED');
    }
    expectError(
      await write(member, c.id, round.id, '00000000-0000-4000-8000-000000000000', { position: 'supports' }),
      404,
      'NOT_FOUND',
    );
    const detail = json<RoundDetail>(
      await call(t, member, { url: `/api/consultations/${c.id}/review-rounds/${round.id}` }),
    );
    expect(detail.reviews).toEqual([expect.objectContaining({ position: 'supports', revision: 1 })]);
  });

  it('a reviewer sees only their own positions until the round closes, staff see all; a closed round takes no more', async () => {
    const { c, scenarios } = await hearing();
    const [a, b] = [await signedInUser(t, ['reviewer']), await signedInUser(t, ['reviewer'])];
    await invite(c.id, a, 'Finansministeriet');
    await invite(c.id, b, 'KL');
    const round = await openRound(c.id);
    await write(a, c.id, round.id, scenarios[0]!.id, { position: 'supports' });
    await write(b, c.id, round.id, scenarios[0]!.id, { position: 'objects', reasons: 'Nej' });
    const url = `/api/consultations/${c.id}/review-rounds/${round.id}`;
    const asA = json<RoundDetail>(await call(t, a, { url }));
    expect(asA).toMatchObject({ othersVisible: false, canWrite: true, canManage: false });
    expect(asA.reviews.map((r) => r.authority)).toEqual(['Finansministeriet']);
    expect(asA.reviewers.map((r) => r.userId)).toEqual([a.id]);
    const bReview = json<RoundDetail>(await call(t, b, { url })).reviews[0]!;
    expectError(
      await call(t, a, { url: `/api/consultations/${c.id}/reviews/${bReview.id}/revisions` }),
      404,
      'NOT_FOUND',
    );
    for (const staff of [cast.admin, cast.analyst]) {
      expect(
        json<RoundDetail>(await call(t, staff, { url }))
          .reviews.map((r) => r.authority)
          .sort(),
      ).toEqual(['Finansministeriet', 'KL']);
    }
    await call(t, cast.admin, { method: 'POST', url: `${url}/close` });
    const after = json<RoundDetail>(await call(t, a, { url }));
    expect(after).toMatchObject({ othersVisible: true, canWrite: false });
    expect(after.reviews).toHaveLength(2);
    expect((await call(t, a, { url: `/api/consultations/${c.id}/reviews/${bReview.id}/revisions` })).statusCode).toBe(
      200,
    );
    expectError(
      await write(a, c.id, round.id, scenarios[0]!.id, { position: 'objects', reasons: 'x' }),
      409,
      'CONFLICT',
    );
    expect(
      json<RoundDetail>(await call(t, cast.admin, { url })).reviews.find((r) => r.reviewerId === a.id)!.position,
    ).toBe('supports');
  });

  it('"my reviews" lists my consultations and rounds with my progress', async () => {
    const { c, scenarios } = await hearing();
    const member = await signedInUser(t, ['reviewer']);
    await invite(c.id, member, 'Digitaliseringsstyrelsen');
    const round = await openRound(c.id);
    await write(member, c.id, round.id, scenarios[1]!.id, { position: 'supports' });
    const mine = json<MyReviews>(await call(t, member, { url: '/api/me/reviews' }));
    expect(mine.items).toEqual([
      expect.objectContaining({
        authority: 'Digitaliseringsstyrelsen',
        consultation: expect.objectContaining({ id: c.id }),
        rounds: [expect.objectContaining({ id: round.id, scenarios: 3, signed: 1, status: 'open' })],
      }),
    ]);
    expectError(await call(t, null, { url: '/api/me/reviews' }), 401, 'UNAUTHENTICATED');
    for (const who of [cast.participant, cast.analyst, cast.admin])
      expectError(await call(t, who, { url: '/api/me/reviews' }), 403, 'FORBIDDEN');
  });

  it('a reviewer of another consultation, a participant and anonymous reach nothing of this one', async () => {
    const { c, scenarios } = await hearing();
    const other = await hearing();
    const stranger = await signedInUser(t, ['reviewer']);
    await invite(other.c.id, stranger);
    const member = await signedInUser(t, ['reviewer']);
    await invite(c.id, member);
    const round = await openRound(c.id);
    const own = json<Review>(await write(member, c.id, round.id, scenarios[0]!.id, { position: 'supports' }));
    const reads = [
      `/api/consultations/${c.id}/review-rounds`,
      `/api/consultations/${c.id}/review-rounds/${round.id}`,
      `/api/consultations/${c.id}/reviews/${own.id}/revisions`,
    ];
    for (const url of reads) {
      expectError(await call(t, stranger, { url }), 403, 'FORBIDDEN');
      expectError(await call(t, cast.reviewer, { url }), 403, 'FORBIDDEN');
      expectError(await call(t, cast.participant, { url }), 403, 'FORBIDDEN');
      expectError(await call(t, null, { url }), 401, 'UNAUTHENTICATED');
    }
    expectError(await write(stranger, c.id, round.id, scenarios[0]!.id, { position: 'supports' }), 403, 'FORBIDDEN');
    expectError(
      await write(cast.analyst, c.id, round.id, scenarios[0]!.id, { position: 'supports' }),
      403,
      'FORBIDDEN',
    );
    expectError(await write(cast.admin, c.id, round.id, scenarios[0]!.id, { position: 'supports' }), 403, 'FORBIDDEN');
    expectError(await write(null, c.id, round.id, scenarios[0]!.id, { position: 'supports' }), 401, 'UNAUTHENTICATED');
    // The other consultation's round id does not open this one's data either.
    const theirs = await openRound(other.c.id);
    expectError(
      await call(t, member, { url: `/api/consultations/${c.id}/review-rounds/${theirs.id}` }),
      404,
      'NOT_FOUND',
    );
    const n = await sql<{ n: number }>`select count(*)::int as n from reviews where consultation_id = ${c.id}`.execute(
      t.handle.db,
    );
    expect(n.rows[0]!.n).toBe(1);
    expect(await mailsTo(t, stranger.email)).toHaveLength(1);
  });
});

describe('what a reviewer reaches (story 1)', () => {
  /**
   * Every staff-only GET route of the OpenAPI document, asked by a reviewer of consultation C with
   * every path parameter filled with C's own ids: 403 or 404, except the review routes of C.
   */
  it('walks every staff-only GET route: 403/404 except the review pages of their own consultation', async () => {
    const { c, scenarios } = await hearing();
    const member = await signedInUser(t, ['reviewer']);
    await invite(c.id, member);
    const round = await openRound(c.id);
    const review = json<Review>(await write(member, c.id, round.id, scenarios[0]!.id, { position: 'supports' }));
    const values: Record<string, string> = {
      id: c.id,
      roundId: round.id,
      reviewId: review.id,
      scenarioId: scenarios[0]!.id,
      userId: member.id,
      kind: 'response',
      version: '1',
    };
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(
      await call(t, null, { url: '/api/openapi.json' }),
    );
    const roles = new Map(t.app.guardedRoutes.map((r) => [`${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`, r.roles]));
    const allowed = new Set([
      '/api/me/reviews',
      '/api/consultations/{id}/review-rounds',
      '/api/consultations/{id}/review-rounds/{roundId}',
      '/api/consultations/{id}/reviews/{reviewId}/revisions',
      // The scenario scorecard and its comparison (story 2).
      '/api/consultations/{id}/scorecard',
      '/api/consultations/{id}/scenarios/{scenarioId}/scorecard',
    ]);
    const walked: string[] = [];
    const wrong: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      const need = roles.get(`GET ${path}`);
      // Staff-only: a guard naming roles, none of them the participant's (a signed-in user's own pages are not staff's).
      if (!('get' in ops) || !need || need.length === 0 || need.includes('participant')) continue;
      const url = path.replace(
        /\{(\w+)\}/g,
        (_m, name: string) => values[name] ?? '00000000-0000-4000-8000-000000000000',
      );
      const res = await call(t, member, { url });
      walked.push(path);
      if (allowed.has(path) ? res.statusCode !== 200 : ![403, 404].includes(res.statusCode)) {
        wrong.push(`${path}: ${res.statusCode}`);
      }
    }
    expect(walked.length).toBeGreaterThan(30);
    expect(walked.filter((p) => allowed.has(p)).sort()).toEqual([...allowed].sort());
    // The review routes are the only staff-only routes that let a reviewer in at all.
    const reviewerRoutes = t.app.guardedRoutes.filter((r) => r.roles.includes('reviewer')).map((r) => r.url);
    expect(
      reviewerRoutes.filter((u) => !u.startsWith('/api/me/reviews') && !/review|decision|scorecard/.test(u)),
    ).toEqual([]);
    expect(wrong).toEqual([]);
  });

  it('sees no drafts and no staff names, as the public does', async () => {
    const member = await signedInUser(t, ['reviewer']);
    const draft = await factory(t).newConsultation(cast.admin);
    await invite(draft.id, member);
    expectError(await call(t, member, { url: `/api/consultations/${draft.id}` }), 404, 'NOT_FOUND');
    expectError(await call(t, member, { url: `/api/consultations/${draft.id}/review-rounds` }), 404, 'NOT_FOUND');
    const list = json<{ items: { id: string }[] }>(await call(t, member, { url: '/api/consultations?phase=draft' }));
    expect(list.items).toEqual([]);
    const { c } = await hearing();
    const seen = json<{ phaseHistory: { by: string | null }[] }>(
      await call(t, member, { url: `/api/consultations/${c.id}` }),
    );
    expect(seen.phaseHistory.every((h) => h.by === null)).toBe(true);
  });
});
