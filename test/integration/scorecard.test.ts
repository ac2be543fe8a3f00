import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { settleRecounts } from '../../server/modules/reviews/scorecard/scorecard.counts.ts';
import type {
  ScenarioScorecard,
  ScorecardComparison,
} from '../../server/modules/reviews/scorecard/scorecard.schemas.ts';
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
import { DAY_MS, factory, registeredParticipant, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

// Issue 14 story 2: the scenario scorecard and the comparison of every scenario. Every role, bad
// ids, and every figure checked against what the test seeded (counted here, independently).

let t: TestApp;
let cast: Cast;
let member: TestUser;
let stranger: TestUser;
let cId: string;
let slug: string;
let A: string;
let B: string;
let C: string;
const EMAIL = 'karen.jensen@example.dk';

/** The seeded ballots: who ranks what (best first). */
const BALLOTS: { actingAs: 'citizen' | 'business'; order: ('A' | 'B' | 'C')[] }[] = [
  { actingAs: 'citizen', order: ['A', 'B', 'C'] },
  { actingAs: 'citizen', order: ['A', 'B', 'C'] },
  { actingAs: 'citizen', order: ['A', 'B', 'C'] },
  { actingAs: 'citizen', order: ['A', 'B', 'C'] },
  { actingAs: 'business', order: ['C', 'B', 'A'] },
  { actingAs: 'business', order: ['B', 'C', 'A'] },
];

/** Head to head from the seeded ballots: how many rank x above y. */
const prefer = (x: string, y: string, who = BALLOTS) =>
  who.filter((b) => b.order.indexOf(x as 'A') < b.order.indexOf(y as 'A')).length;

async function ok<T>(user: TestUser, url: string, payload: unknown, method = 'POST'): Promise<T> {
  const res = await call(t, user, { method: method as 'POST', url, payload: payload as Record<string, unknown> });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return json<T>(res);
}

beforeAll(async () => {
  t = await createTestApp({ RESULTS_MIN_SEGMENT: '3' });
  cast = await signInCast(t);
  const f = factory(t);
  const open = await f.newOpenConsultation(cast.admin, {
    scenarios: [{ key: 'A' }, { key: 'B' }, { key: 'C' }],
    questions: [TEXT_Q],
  });
  cId = open.consultation.id;
  slug = open.consultation.slug;
  [A, B, C] = open.scenarios.map((s) => s.id) as [string, string, string];
  const id = { A, B, C };

  // Ballots.
  for (const b of BALLOTS) {
    const v = await registeredParticipant(t);
    await call(t, v, { method: 'PATCH', url: '/api/me/profile', payload: { actingAs: b.actingAs } });
    const res = await call(t, v, {
      method: 'PUT',
      url: `/api/consultations/${cId}/ballot`,
      payload: { ranks: b.order.map((k, i) => ({ scenarioId: id[k], rank: i + 1 })) },
    });
    expect(res.statusCode, res.body).toBe(201);
  }

  // Responses, a comment on each of A and B, indexed for the analysts.
  const text = `Appen er for dyr. Skriv til mig på ${EMAIL} for detaljer.`;
  const respond = (actingAs: string, body: string) =>
    submitOk(
      t,
      cId,
      submission(open.questions, {
        body,
        respondent: {
          name: 'Karen Jensen',
          email: `k-${Math.random()}@example.dk`,
          actingAs,
          ...(actingAs === 'citizen' ? {} : { organisationName: `Org ${actingAs}`, cvr: '34051178' }),
        },
      }),
    );
  const r1 = await respond('citizen', text);
  const r2 = await respond('business', 'Kampagnetekst: Stop prisen på det digitale ID nu.');
  const r3 = await respond('ngo', 'Kampagnetekst: Stop prisen på det digitale ID nu.');
  const onA = await f.newComment(cast.participant, A, 'Det skal virke uden smartphone.');
  const onB = await f.newComment(cast.participant, B, 'Adgangen er god for alle.');
  await indexAllNow(t.handle.db);

  // The codebook: "Access" (with a sub-theme) ties to no scenario, "Cost" is scenario A's.
  const tag = (payload: Record<string, unknown>) =>
    ok<{ id: string }>(cast.analyst, `/api/consultations/${cId}/codebook/tags`, payload);
  const access = await tag({ name: { da: 'Adgang', en: 'Access' } });
  const phone = await tag({ name: { da: 'Smartphone', en: 'Smartphone' }, parentId: access.id });
  const cost = await tag({ name: { da: 'Pris', en: 'Cost' }, scenarioId: A });
  const code = (payload: Record<string, unknown>) =>
    ok<{ id: string }>(cast.analyst, `/api/consultations/${cId}/codings`, payload);
  // r1: the quoted passage holds the e-mail address, marked below as personal data.
  const start = 0;
  const end = Array.from(text).length;
  await code({
    tagId: cost.id,
    itemKind: 'response',
    itemId: r1.id,
    field: 'body',
    startOffset: start,
    endOffset: end,
    stance: 'for',
  });
  await code({
    tagId: cost.id,
    itemKind: 'response',
    itemId: r2.id,
    field: 'body',
    startOffset: 0,
    endOffset: 12,
    stance: 'against',
  });
  await code({
    tagId: cost.id,
    itemKind: 'response',
    itemId: r3.id,
    field: 'body',
    startOffset: 0,
    endOffset: 12,
    stance: 'against',
  });
  await code({
    tagId: phone.id,
    itemKind: 'comment',
    itemId: onA.id,
    field: 'body',
    startOffset: 0,
    endOffset: 13,
    stance: 'against',
  });
  await code({
    tagId: access.id,
    itemKind: 'comment',
    itemId: onB.id,
    field: 'body',
    startOffset: 0,
    endOffset: 8,
    stance: 'for',
  });
  const at = text.indexOf(EMAIL);
  const cp = (s: string) => Array.from(s).length;
  await ok(cast.analyst, `/api/consultations/${cId}/redactions`, {
    itemKind: 'response',
    itemId: r1.id,
    field: 'body',
    start: cp(text.slice(0, at)),
    end: cp(text.slice(0, at)) + cp(EMAIL),
    reason: 'An e-mail address',
  });
  // r2 and r3 are exact copies: the submission path puts them in one campaign.
  const members = await t.handle.db
    .selectFrom('campaignMembers')
    .select('itemId')
    .where('consultationId', '=', cId)
    .execute();
  expect(members.map((m) => m.itemId).sort()).toEqual([r2.id, r3.id].sort());

  // Findings: on A one critical (4 affected) and two minor (1 affected); one major on B.
  const session = await ok<{ id: string }>(cast.analyst, `/api/consultations/${cId}/test-sessions`, {
    ref: 'T1',
    heldOn: '2026-11-03',
    remote: false,
    place: 'Aarhus',
    method: 'moderated_usability_test',
    facilitator: 'Mette Holm',
    participantProfile: 'senior',
    participantCount: 5,
    device: 'iPhone SE',
    recordingConsent: true,
    note: '',
  });
  const finding = (scenarioId: string, severity: string, participantsAffected: number) =>
    ok(cast.analyst, `/api/consultations/${cId}/findings`, {
      scenarioId,
      sessionIds: [session.id],
      task: 'Log ind',
      observation: `Fandt ikke knappen (${severity}).`,
      severity,
      participantsAffected,
    });
  await finding(A, 'critical', 4);
  await finding(A, 'minor', 1);
  await finding(A, 'minor', 1);
  await finding(B, 'major', 2);

  // The høringsliste: one party answered with r2, one said "no comments", one has not answered.
  const suffix = Math.random().toString(36).slice(2, 8);
  const party = (name: string) =>
    ok<{ id: string }>(cast.admin, '/api/parties', {
      name: `${name} ${suffix}`,
      kind: 'association',
      emails: [`party-${suffix}@example.dk`],
    });
  const [answered, silent, quiet] = [await party('Vejdirektoratet'), await party('Dansk Industri'), await party('KL')];
  await ok(cast.admin, `/api/consultations/${cId}/parties`, { partyIds: [answered.id, silent.id, quiet.id] });
  await ok(cast.admin, `/api/consultations/${cId}/parties/${answered.id}/response`, { responseId: r2.id });
  await ok(cast.admin, `/api/consultations/${cId}/parties/${silent.id}/no-comments`, {});

  // C is shortlisted; a round is open and the member supports A.
  await ok(cast.admin, `/api/scenarios/${C}/status`, { status: 'shortlisted', round: 1, note: 'Godt modtaget' });
  member = await signedInUser(t, ['reviewer']);
  stranger = await signedInUser(t, ['reviewer']);
  await ok(cast.admin, `/api/consultations/${cId}/reviewers`, {
    email: member.email,
    authority: 'Digitaliseringsstyrelsen',
  });
  const other = await f.newOpenConsultation(cast.admin, { scenarios: [{ key: 'X' }] });
  await ok(cast.admin, `/api/consultations/${other.consultation.id}/reviewers`, {
    email: stranger.email,
    authority: 'Finansministeriet',
  });
  const round = await ok<{ id: string }>(cast.admin, `/api/consultations/${cId}/review-rounds`, {
    dueAt: new Date(Date.now() + 14 * DAY_MS).toISOString(),
  });
  await ok(
    member,
    `/api/consultations/${cId}/review-rounds/${round.id}/scenarios/${A}/review`,
    { position: 'supports', note: 'God løsning' },
    'PUT',
  );
}, 120_000);
afterAll(async () => t.close());

const card = (user: TestUser | null, scenarioId = A, consultation = cId) =>
  call(t, user, { url: `/api/consultations/${consultation}/scenarios/${scenarioId}/scorecard` });
const comparison = (user: TestUser | null, consultation = cId) =>
  call(t, user, { url: `/api/consultations/${consultation}/scorecard` });

describe('who may read the scorecard', () => {
  it('refuses the signed-out (401), participants and reviewers of another consultation (403)', async () => {
    expectError(await card(null), 401, 'UNAUTHENTICATED');
    expectError(await comparison(null), 401, 'UNAUTHENTICATED');
    expectError(await card(cast.participant), 403, 'FORBIDDEN');
    expectError(await comparison(cast.participant), 403, 'FORBIDDEN');
    expectError(await card(stranger), 403, 'FORBIDDEN');
    expectError(await comparison(stranger), 403, 'FORBIDDEN');
    // A reviewer of no consultation at all; and the role is checked before the ids are read.
    expectError(await card(cast.reviewer), 403, 'FORBIDDEN');
    expectError(await card(cast.participant, 'not-a-uuid'), 403, 'FORBIDDEN');
    expectError(await card(null, 'not-a-uuid'), 401, 'UNAUTHENTICATED');
  });

  it('lets the consultation’s reviewer, its analysts and admins read it', async () => {
    for (const who of [member, cast.analyst, cast.admin]) {
      expect((await card(who)).statusCode).toBe(200);
      expect((await comparison(who)).statusCode).toBe(200);
      // By slug too.
      expect((await card(who, A, slug)).statusCode).toBe(200);
    }
  });

  it('answers bad ids with a clear 400 or 404', async () => {
    expectError(await card(member, 'not-a-uuid'), 400, 'VALIDATION_FAILED');
    expectError(await card(member, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectError(await card(cast.admin, A, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectError(await comparison(cast.admin, 'no-such-consultation'), 404, 'NOT_FOUND');
    const res = await card(member, 'x'.repeat(40));
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.ts/);
  });
});

describe('what the scorecard says about a scenario', () => {
  it('ranks per segment with the closest margins, hiding small segments from a reviewer only', async () => {
    const staff = json<ScenarioScorecard>(await card(cast.analyst));
    const all = staff.ranking.find((s) => s.segment === 'all')!;
    expect(all).toMatchObject({ ballots: BALLOTS.length, hidden: false, position: 1, of: 3, tied: false });
    expect(all.firstShare).toBeCloseTo(BALLOTS.filter((b) => b.order[0] === 'A').length / BALLOTS.length);
    const margin = prefer('A', 'B') - prefer('B', 'A');
    expect(all.down).toEqual({ scenarioId: B, margin, ballotsToReverse: Math.floor(margin / 2) + 1 });
    expect(all.up).toBeNull();
    const bc = prefer('B', 'C') - prefer('C', 'B');
    expect(all.closest).toMatchObject({ margin: Math.min(margin, bc) });
    const business = BALLOTS.filter((b) => b.actingAs === 'business');
    expect(staff.ranking.find((s) => s.segment === 'business')).toMatchObject({
      ballots: business.length,
      hidden: false,
      position: 3,
    });
    // RESULTS_MIN_SEGMENT is 3: two business ballots, and the citizens are "all" minus them.
    const reviewer = json<ScenarioScorecard>(await card(member));
    for (const segment of ['business', 'citizen'] as const) {
      expect(reviewer.ranking.find((s) => s.segment === segment)).toMatchObject({
        ballots: null,
        hidden: true,
        position: null,
      });
    }
    expect(reviewer.ranking.find((s) => s.segment === 'all')).toEqual(all);
  });

  it('counts the themes for and against by stakeholder type, labels campaign members, cuts personal data', async () => {
    const sc = json<ScenarioScorecard>(await card(member));
    const cost = sc.themes.find((x) => x.name.en === 'Cost')!;
    expect(cost.stances).toEqual({ for: 1, against: 2, neutral: 0, mixed: 0, none: 0 });
    expect(cost.campaign).toEqual({ for: 0, against: 2, neutral: 0, mixed: 0, none: 0 });
    const by = Object.fromEntries(cost.byActingAs.map((x) => [x.actingAs, x.stances]));
    expect(by.citizen).toMatchObject({ for: 1, against: 0 });
    expect(by.business).toMatchObject({ against: 1 });
    expect(by.ngo).toMatchObject({ against: 1 });
    // "Access" counts only through its sub-theme's coding on A's comment (the one on B is B's).
    const access = sc.themes.find((x) => x.name.en === 'Access')!;
    expect(access.stances).toEqual({ for: 0, against: 1, neutral: 0, mixed: 0, none: 0 });
    expect(sc.themes.map((x) => x.name.en)).toEqual(['Cost', 'Access']);
    const quotes = cost.quotes;
    expect(quotes.filter((q) => q.campaign)).toHaveLength(2);
    const own = quotes.find((q) => q.stance === 'for')!;
    expect(own.quote).toContain('[…]');
    expect(own.quote).toContain('Appen er for dyr');
    expect(JSON.stringify(sc)).not.toContain(EMAIL);
    expect(own.source).toMatchObject({ kind: 'response', href: null });
    // Staff get a link to the item; the same redaction holds.
    const staff = json<ScenarioScorecard>(await card(cast.admin));
    const staffQuote = staff.themes.find((x) => x.name.en === 'Cost')!.quotes.find((q) => q.stance === 'for')!;
    expect(staffQuote.source.href).toBe(`/admin/consultations/${slug}/inbox/response/${own.source.id}`);
    expect(JSON.stringify(staff)).not.toContain(EMAIL);
    // B's themes are its own.
    const onB = json<ScenarioScorecard>(await card(member, B));
    expect(onB.themes.map((x) => [x.name.en, x.stances.for, x.stances.against])).toEqual([['Access', 1, 0]]);
  });

  it('gives findings by severity and frequency, the parties, the status history and the positions', async () => {
    const sc = json<ScenarioScorecard>(await card(member));
    expect(sc.findings.total).toBe(3);
    expect(sc.findings.bySeverity).toEqual([
      { severity: 'critical', count: 1 },
      { severity: 'major', count: 0 },
      { severity: 'minor', count: 2 },
      { severity: 'cosmetic', count: 0 },
    ]);
    expect(sc.findings.byFrequency).toEqual([
      { participantsAffected: 4, count: 1 },
      { participantsAffected: 1, count: 2 },
    ]);
    expect(sc.findings.top[0]).toMatchObject({ severity: 'critical', participantsAffected: 4 });
    expect(sc.parties.map((p) => [p.name.split(' ').slice(0, -1).join(' '), p.answered, p.noComments])).toEqual([
      ['Dansk Industri', false, true],
      ['KL', false, false],
      ['Vejdirektoratet', true, false],
    ]);
    const answered = sc.parties.find((p) => p.answered)!;
    expect(answered.stances.against).toBe(1);
    expect(answered.quotes[0]).toMatchObject({ campaign: true, stance: 'against' });
    expect(sc.reviews.round).toMatchObject({ number: 1, status: 'open' });
    expect(sc.reviews.counts).toEqual({ supports: 1, supports_with_conditions: 0, objects: 0 });
    expect(sc.reviews.positions).toEqual([
      expect.objectContaining({ authority: 'Digitaliseringsstyrelsen', position: 'supports' }),
    ]);
    const onC = json<ScenarioScorecard>(await card(member, C));
    expect(onC.statusHistory.map((h) => [h.from, h.to, h.round, h.note])).toEqual([
      [null, 'candidate', 1, null],
      ['candidate', 'shortlisted', 1, 'Godt modtaget'],
    ]);
    expect(onC.reviews.positions).toEqual([]);
  });
});

describe('the comparison of every scenario', () => {
  it('puts the same measures side by side', async () => {
    const cmp = json<ScorecardComparison>(await comparison(member));
    expect(cmp.scenarios.map((s) => s.key)).toEqual(['A', 'B', 'C']);
    const [a, b, c] = cmp.scenarios as [
      ScorecardComparison['scenarios'][number],
      ScorecardComparison['scenarios'][number],
      ScorecardComparison['scenarios'][number],
    ];
    const place = (s: typeof a, segment: string) => s.places.find((p) => p.segment === segment)!.position;
    expect([place(a, 'all'), place(b, 'all'), place(c, 'all')]).toEqual([1, 2, 3]);
    expect(place(a, 'business')).toBeNull(); // hidden from a reviewer
    expect(cmp.segments.find((s) => s.segment === 'business')).toEqual({
      segment: 'business',
      ballots: null,
      hidden: true,
    });
    expect(a.stances).toMatchObject({ for: 1, against: 3 });
    expect(a.campaign).toBe(2);
    expect(b.stances).toMatchObject({ for: 1, against: 0 });
    expect(a.findings).toEqual({ critical: 1, major: 0, minor: 2, cosmetic: 0 });
    expect(b.findings).toEqual({ critical: 0, major: 1, minor: 0, cosmetic: 0 });
    expect(a.reviews).toEqual({ supports: 1, supports_with_conditions: 0, objects: 0 });
    expect(c.status).toBe('shortlisted');
    expect(c.lastChange).toMatchObject({ to: 'shortlisted' });
    const staff = json<ScorecardComparison>(await comparison(cast.admin));
    expect(staff.scenarios[0]!.places.find((p) => p.segment === 'business')!.position).toBe(3);
  });
});

// Last: it adds a ballot and removes a coding. The counts are stored (scorecard_counts) and
// recounted in the background once older than FRESH_MS; the quotes' words are read live.
describe('the stored counts', () => {
  it('serves the last count, recounts it in the background once stale, and never shows a removed quote', async () => {
    const all = (cmp: ScorecardComparison) => cmp.segments.find((s) => s.segment === 'all')!.ballots;
    // Counted afresh now (the counts made when the round opened may be stale by this test).
    await settleRecounts();
    await sql`delete from scorecard_counts where consultation_id = ${cId}`.execute(t.handle.db);
    const before = json<ScorecardComparison>(await comparison(cast.admin));
    expect(all(before)).toBe(BALLOTS.length);

    const v = await registeredParticipant(t);
    const cast7 = await call(t, v, {
      method: 'PUT',
      url: `/api/consultations/${cId}/ballot`,
      payload: { ranks: [C, B, A].map((scenarioId, i) => ({ scenarioId, rank: i + 1 })) },
    });
    expect(cast7.statusCode, cast7.body).toBe(201);
    // Fresh: the stored count, with its time.
    const fresh = json<ScorecardComparison>(await comparison(cast.admin));
    expect([all(fresh), fresh.countedAt]).toEqual([BALLOTS.length, before.countedAt]);

    // A minute later (the stored rows made older): still the last count, while one is made anew.
    await sql`update scorecard_counts set counted_at = counted_at - interval '1 minute'
               where consultation_id = ${cId}`.execute(t.handle.db);
    const stale = json<ScorecardComparison>(await comparison(cast.admin));
    expect(all(stale)).toBe(BALLOTS.length);
    expect(Date.parse(stale.countedAt)).toBeLessThan(Date.parse(before.countedAt));
    let recounted = stale;
    for (let i = 0; i < 100 && all(recounted) === BALLOTS.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      recounted = json<ScorecardComparison>(await comparison(cast.admin));
    }
    expect(all(recounted)).toBe(BALLOTS.length + 1);
    expect(Date.parse(recounted.countedAt)).toBeGreaterThan(Date.parse(stale.countedAt));
    const stored = await sql<{ part: string; recounting: boolean }>`
      select part, recounting_since is not null as recounting from scorecard_counts
       where consultation_id = ${cId} order by part`.execute(t.handle.db);
    // The comparison's two parts, their recount done (the claim released).
    await settleRecounts();
    expect(stored.rows).toEqual([
      { part: 'ballots', recounting: false },
      { part: 'themes', recounting: false },
    ]);

    // A quote shown on the scorecard, its coding removed: gone at once, though the choice is stored.
    const quoted = json<ScenarioScorecard>(await card(cast.admin)).themes.flatMap((th) => th.quotes);
    expect(quoted.length).toBeGreaterThan(0);
    const gone = quoted[0]!.codingId;
    const del = await call(t, cast.admin, { method: 'DELETE', url: `/api/consultations/${cId}/codings/${gone}` });
    expect(del.statusCode, del.body).toBeLessThan(300);
    const after = json<ScenarioScorecard>(await card(cast.admin)).themes.flatMap((th) => th.quotes);
    expect(after.map((q) => q.codingId)).toEqual(quoted.slice(1).map((q) => q.codingId));
  });
});
