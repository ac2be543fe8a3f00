import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Decision, Review, Round } from '../../server/modules/reviews/reviews.schemas.ts';
import {
  call,
  createTestApp,
  type ErrorWith,
  expectError,
  json,
  signedInUser,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { DAY_MS, factory, makeOpenConsultation } from '../helpers/factory.ts';

// Issue 14 story 4: the decision record, its approval, the public view and the "concluded" guard.

let t: TestApp;
let cast: Cast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
});
afterAll(async () => t.close());

type Setup = {
  c: Consultation;
  scenarioIds: string[];
  round: Round;
  review: Review;
  tagId: string;
  member: TestUser;
};

/** An open hearing with three scenarios, a reviewer's position, a codebook theme and a document. */
async function setup(): Promise<Setup> {
  const { consultation: c, scenarios } = await makeOpenConsultation(t, cast.admin);
  const member = await signedInUser(t, ['reviewer']);
  const ok = async <T>(user: TestUser, method: string, url: string, payload: unknown, status = 200) => {
    const res = await call(t, user, { method: method as 'POST', url, payload: payload as object });
    expect(res.statusCode, res.body).toBe(status);
    return json<T>(res);
  };
  await ok(cast.admin, 'POST', `/api/consultations/${c.id}/reviewers`, { email: member.email, authority: 'KL' }, 201);
  const dueAt = new Date(Date.now() + 7 * DAY_MS).toISOString();
  const round = await ok<Round>(cast.admin, 'POST', `/api/consultations/${c.id}/review-rounds`, { dueAt }, 201);
  const review = await ok<Review>(
    member,
    'PUT',
    `/api/consultations/${c.id}/review-rounds/${round.id}/scenarios/${scenarios[0]!.id}/review`,
    { position: 'supports' },
  );
  const tag = await ok<{ id: string }>(
    cast.admin,
    'POST',
    `/api/consultations/${c.id}/codebook/tags`,
    { name: { da: 'Adgang for alle', en: 'Access for everyone' } },
    201,
  );
  await ok(cast.admin, 'PUT', `/api/consultations/${c.id}/documents`, {
    documents: [{ title: { da: 'Notat', en: 'Memo' }, url: 'https://example.dk/notat.pdf' }],
  });
  return { c, scenarioIds: scenarios.map((s) => s.id), round, review, tagId: tag.id, member };
}

function outcomesFor(s: Setup) {
  return [
    {
      scenarioId: s.scenarioIds[0]!,
      outcome: 'selected',
      reasons: 'Flest rangerer det først, og KL støtter det.',
      evidence: [
        { kind: 'ranking', ref: `/consultations/${s.c.slug}/results?segment=all`, label: 'Rangordningen' },
        { kind: 'theme', ref: s.tagId, label: 'Adgang for alle' },
        { kind: 'review', ref: s.review.id, label: 'KL' },
        { kind: 'document', ref: 'https://example.dk/notat.pdf', label: 'Notat' },
        { kind: 'finding', ref: 'finding-42', label: 'Brugertest' },
        {
          kind: 'item',
          ref: `/admin/consultations/${s.c.id}/inbox/response/00000000-0000-4000-8000-000000000001`,
          label: 'Et svar',
        },
      ],
    },
    { scenarioId: s.scenarioIds[1]!, outcome: 'eliminated', reasons: 'Dyrt.' },
    { scenarioId: s.scenarioIds[2]!, outcome: 'shortlisted', reasons: 'Reserve.' },
  ];
}

const decisionUrl = (s: Setup) => `/api/consultations/${s.c.id}/review-rounds/${s.round.id}/decision`;
const approvalUrl = (s: Setup) => `/api/consultations/${s.c.id}/review-rounds/${s.round.id}/approval`;
const record = (s: Setup, user: TestUser | null, outcomes: unknown) =>
  call(t, user, { method: 'PUT', url: decisionUrl(s), payload: { outcomes } });
const approve = (s: Setup, user: TestUser | null, payload: Record<string, unknown> = APPROVAL) =>
  call(t, user, { method: 'PUT', url: approvalUrl(s), payload });
const APPROVAL = {
  approvedBy: 'Folketingets Finansudvalg',
  approvedAt: '2026-11-30T10:00:00.000Z',
  documentRef: 'https://www.ft.dk/aktstykke-42',
};
const staffDecision = async (s: Setup) => json<Decision>(await call(t, cast.admin, { url: decisionUrl(s) }));
const transition = (id: string, payload: Record<string, unknown>) =>
  call(t, cast.admin, { method: 'POST', url: `/api/consultations/${id}/transition`, payload });

describe('the decision record', () => {
  it('an admin records each outcome with reasons and evidence; analysts read it; audited', async () => {
    const s = await setup();
    const res = await record(s, cast.admin, outcomesFor(s));
    expect(res.statusCode, res.body).toBe(200);
    const d = json<Decision>(res);
    expect(d.outcomes.map((o) => o.outcome).sort()).toEqual(['eliminated', 'selected', 'shortlisted']);
    expect(d.outcomes.find((o) => o.outcome === 'selected')!.evidence).toHaveLength(6);
    expect(json<Decision>(await call(t, cast.analyst, { url: decisionUrl(s) }))).toEqual(d);
    // Recorded again, it replaces the earlier record.
    const again = outcomesFor(s).map((o, i) => (i === 2 ? { ...o, outcome: 'eliminated' } : o));
    expect(
      json<Decision>(await record(s, cast.admin, again)).outcomes.filter((o) => o.outcome === 'eliminated'),
    ).toHaveLength(2);
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('action')
      .where('consultationId', '=', s.c.id)
      .where('action', '=', 'decision.record')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses a decision that is incomplete, selects two, or cites what is not in this consultation; nothing changes', async () => {
    const s = await setup();
    const other = await setup();
    const good = outcomesFor(s);
    const cases: [unknown, number, string][] = [
      [good.slice(0, 2), 422, 'RULE_VIOLATION'],
      [[...good, good[0]], 422, 'RULE_VIOLATION'],
      [good.map((o) => ({ ...o, outcome: 'selected' })), 422, 'RULE_VIOLATION'],
      [[{ ...good[0], scenarioId: other.scenarioIds[0] }, good[1], good[2]], 422, 'RULE_VIOLATION'],
      [
        [{ ...good[0], evidence: [{ kind: 'theme', ref: other.tagId, label: 'x' }] }, good[1], good[2]],
        422,
        'RULE_VIOLATION',
      ],
      [
        [{ ...good[0], evidence: [{ kind: 'review', ref: other.review.id, label: 'x' }] }, good[1], good[2]],
        422,
        'RULE_VIOLATION',
      ],
      [
        [
          { ...good[0], evidence: [{ kind: 'ranking', ref: `/consultations/${other.c.slug}/results`, label: 'x' }] },
          good[1],
          good[2],
        ],
        422,
        'RULE_VIOLATION',
      ],
      [
        [
          { ...good[0], evidence: [{ kind: 'document', ref: 'https://evil.example/x.pdf', label: 'x' }] },
          good[1],
          good[2],
        ],
        422,
        'RULE_VIOLATION',
      ],
      [
        [{ ...good[0], evidence: [{ kind: 'theme', ref: 'not-a-uuid', label: 'x' }] }, good[1], good[2]],
        422,
        'RULE_VIOLATION',
      ],
      [
        [{ ...good[0], evidence: [{ kind: 'rumour', ref: 'x', label: 'x' }] }, good[1], good[2]],
        400,
        'VALIDATION_FAILED',
      ],
      [[{ ...good[0], reasons: '' }, good[1], good[2]], 400, 'VALIDATION_FAILED'],
      [[{ ...good[0], outcome: 'maybe' }, good[1], good[2]], 400, 'VALIDATION_FAILED'],
      [[], 400, 'VALIDATION_FAILED'],
    ];
    for (const [outcomes, status, code] of cases) expectError(await record(s, cast.admin, outcomes), status, code);
    const bad = await record(s, cast.admin, [
      { ...good[0], evidence: [{ kind: 'theme', ref: other.tagId, label: 'x' }] },
      good[1],
      good[2],
    ]);
    expect(json<ErrorWith<{ reason: string; invalid: { path: string }[] }>>(bad).error.details).toMatchObject({
      reason: 'evidence',
      invalid: [{ path: 'outcomes.0.evidence.0' }],
    });
    expect((await staffDecision(s)).outcomes).toEqual([]);
  });

  it('only admins record; analysts read; reviewers (also of this consultation) and participants neither', async () => {
    const s = await setup();
    const stranger = await signedInUser(t, ['reviewer']);
    const other = await setup();
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${other.c.id}/reviewers`,
      payload: { email: stranger.email, authority: 'X' },
    });
    expectError(await record(s, null, outcomesFor(s)), 401, 'UNAUTHENTICATED');
    expectError(await approve(s, null), 401, 'UNAUTHENTICATED');
    expectError(await call(t, null, { url: decisionUrl(s) }), 401, 'UNAUTHENTICATED');
    for (const who of [cast.analyst, cast.participant, cast.reviewer, s.member, stranger]) {
      expectError(await record(s, who, outcomesFor(s)), 403, 'FORBIDDEN');
      expectError(await approve(s, who), 403, 'FORBIDDEN');
    }
    for (const who of [cast.participant, cast.reviewer, s.member, stranger]) {
      expectError(await call(t, who, { url: decisionUrl(s) }), 403, 'FORBIDDEN');
    }
    expect((await staffDecision(s)).outcomes).toEqual([]);
  });

  it('the approval follows the decision and freezes it; audited', async () => {
    const s = await setup();
    expectError(await approve(s, cast.admin), 422, 'RULE_VIOLATION');
    await record(s, cast.admin, outcomesFor(s));
    for (const bad of [
      { ...APPROVAL, approvedBy: '' },
      { ...APPROVAL, approvedAt: 'yesterday' },
      { approvedBy: 'X', approvedAt: APPROVAL.approvedAt },
    ]) {
      expectError(await approve(s, cast.admin, bad), 400, 'VALIDATION_FAILED');
    }
    expect((await staffDecision(s)).approval).toBeNull();
    const res = await approve(s, cast.admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(json<Decision>(res).approval).toMatchObject({
      approvedBy: 'Folketingets Finansudvalg',
      documentRef: APPROVAL.documentRef,
    });
    expectError(await record(s, cast.admin, outcomesFor(s)), 409, 'CONFLICT');
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('details')
      .where('consultationId', '=', s.c.id)
      .where('action', '=', 'decision.approve')
      .execute();
    expect(audit[0]!.details).toMatchObject({ approvedBy: 'Folketingets Finansudvalg' });
  });

  it('the public sees the decision once the round is closed', async () => {
    const s = await setup();
    const url = `/api/consultations/${s.c.slug}/decision`;
    expectError(await call(t, null, { url }), 404, 'NOT_FOUND');
    await record(s, cast.admin, outcomesFor(s));
    expectError(await call(t, null, { url }), 404, 'NOT_FOUND');
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${s.c.id}/review-rounds/${s.round.id}/close`,
    });
    await approve(s, cast.admin);
    for (const who of [null, cast.participant, cast.reviewer]) {
      const d = json<Decision>(await call(t, who, { url }));
      expect(d).toMatchObject({ roundStatus: 'closed', approval: { approvedBy: 'Folketingets Finansudvalg' } });
      expect(d.outcomes).toHaveLength(3);
    }
    expectError(await call(t, null, { url: '/api/consultations/no-such-hearing/decision' }), 404, 'NOT_FOUND');
  });
});

describe('concluding a consultation', () => {
  it('needs a decision that selects a scenario, and a reason while no report is published; the reason is audited', async () => {
    const s = await setup();
    await factory(t).transition(cast.admin, s.c.id, 'closed');
    await factory(t).transition(cast.admin, s.c.id, 'analysis');
    const noDecision = await transition(s.c.id, { to: 'concluded', reason: 'Vi har besluttet' });
    expectError(noDecision, 422, 'RULE_VIOLATION');
    expect(json<ErrorWith<{ reason: string }>>(noDecision).error.details.reason).toBe('no_decision');
    // A decision that selects nothing is not enough either.
    await record(
      s,
      cast.admin,
      outcomesFor(s).map((o) => ({ ...o, outcome: 'eliminated' })),
    );
    expectError(await transition(s.c.id, { to: 'concluded', reason: 'x' }), 422, 'RULE_VIOLATION');
    await record(s, cast.admin, outcomesFor(s));
    const noReason = await transition(s.c.id, { to: 'concluded' });
    expectError(noReason, 422, 'RULE_VIOLATION');
    expect(json<ErrorWith<{ reason: string }>>(noReason).error.details.reason).toBe('no_report');
    expectError(await transition(s.c.id, { to: 'concluded', reason: '   ' }), 400, 'VALIDATION_FAILED');
    expect(json<Consultation>(await call(t, cast.admin, { url: `/api/consultations/${s.c.id}` })).phase).toBe(
      'analysis',
    );
    const done = await transition(s.c.id, { to: 'concluded', reason: 'Høringsnotatet er udgivet som PDF' });
    expect(done.statusCode, done.body).toBe(200);
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('details')
      .where('consultationId', '=', s.c.id)
      .where('action', '=', 'consultation.transition')
      .execute();
    expect(audit.map((a) => a.details)).toContainEqual({
      from: 'analysis',
      to: 'concluded',
      reason: 'Høringsnotatet er udgivet som PDF',
      waived: ['report'],
    });
    // Concluded, the record is frozen.
    expectError(await record(s, cast.admin, outcomesFor(s)), 422, 'RULE_VIOLATION');
    expectError(await approve(s, cast.admin), 422, 'RULE_VIOLATION');
  });
});
