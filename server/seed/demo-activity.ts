import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { rankingKey } from '../modules/ballots/ranking-key.rules.ts';
import { findParagraph } from '../modules/comments/comments.rules.ts';
import { canonicalJson, canonicalSubmission } from '../modules/responses/fingerprint.rules.ts';
import { fingerprintOf, newReceiptCode } from '../modules/responses/responses.crypto.ts';
import { getScenario } from '../modules/scenarios/scenarios.service.ts';
import type { ActingAs } from '../db/schema.ts';
import { CAMPAIGN_HEARING, campaignBody, isCampaignSlot } from './demo-campaign.ts';
import { makeResponse, makePerson, type Prng, type Questionnaire, type ScenarioRef, prng } from './demo-people.ts';
import { COMMENTS, REPLIES } from './demo-phrases.ts';

/**
 * The demo's activity (issue 10 item 13): participants, hearing responses, comments with replies
 * and supports, rankings and published results, so the demo shows a living hearing. Generated from
 * a seeded PRNG (the same data on every machine) and written with multi-row inserts (a fresh
 * `npm start` stays fast). Idempotent: each part is added only where it is missing (a consultation
 * with responses gets no more responses, and so on).
 */

const DAY = 86_400_000;
const CHUNK = 200;

/** What each demo consultation gets; the concluded one's results are published. */
export const ACTIVITY: Record<string, { responses: number; ballots: number; comments: boolean; seed: number }> = {
  'naeste-generation-af-nemid': { responses: 320, ballots: 280, comments: true, seed: 2026 },
  'digital-post-til-virksomheder': { responses: 60, ballots: 90, comments: false, seed: 2017 },
  'faelles-login-kommunal-selvbetjening': { responses: 80, ballots: 220, comments: false, seed: 2014 },
};
export const PARTICIPANTS = 300;

export type ActivityCounts = {
  participants: number;
  responses: number;
  comments: number;
  supports: number;
  ballots: number;
  published: number;
};

async function insertChunks(db: Db, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table as never)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
  }
}

type Participant = { id: string; locale: 'da' | 'en'; actingAs: ActingAs };

/** `deltager-001@samraad.demo` …: accounts without a password (they cannot sign in), role participant. */
async function ensureParticipants(db: Db, counts: ActivityCounts): Promise<Participant[]> {
  const rand = prng(7);
  const wanted = Array.from({ length: PARTICIPANTS }, (_, i) => {
    const p = makePerson(rand);
    return {
      email: `deltager-${String(i + 1).padStart(3, '0')}@samraad.demo`,
      displayName: p.name,
      locale: p.locale,
      actingAs: p.actingAs,
      organisationName: p.organisation,
    };
  });
  const existing = new Set(
    (await db.selectFrom('users').select('email').where('email', 'like', 'deltager-%@samraad.demo').execute()).map(
      (r) => r.email,
    ),
  );
  const missing = wanted.filter((w) => !existing.has(w.email));
  if (missing.length > 0) {
    await insertChunks(db, 'users', missing);
    const ids = await db
      .selectFrom('users')
      .select('id')
      .where(
        'email',
        'in',
        missing.map((m) => m.email),
      )
      .execute();
    await insertChunks(
      db,
      'userRoles',
      ids.map((r) => ({ userId: r.id, role: 'participant' })),
    );
    counts.participants += missing.length;
  }
  const rows = await db
    .selectFrom('users')
    .select(['id', 'email', 'locale', 'actingAs'])
    .where('email', 'like', 'deltager-%@samraad.demo')
    .orderBy('email')
    .execute();
  return rows.map((r) => ({ id: r.id, locale: r.locale, actingAs: r.actingAs ?? 'citizen' }));
}

type Target = {
  id: string;
  slug: string;
  phase: string;
  opensAt: Date;
  closesAt: Date;
  resultsPublishedAt: Date | null;
};

export async function seedDemoActivity(db: Db, now: Date = new Date()): Promise<ActivityCounts> {
  const counts: ActivityCounts = { participants: 0, responses: 0, comments: 0, supports: 0, ballots: 0, published: 0 };
  const targets = (await db
    .selectFrom('consultations')
    .select(['id', 'slug', 'phase', 'opensAt', 'closesAt', 'resultsPublishedAt'])
    .where('slug', 'in', Object.keys(ACTIVITY))
    .execute()) as Target[];
  if (targets.length === 0) return counts;
  const participants = await ensureParticipants(db, counts);
  const staff = await db
    .selectFrom('users')
    .select(['id', 'email'])
    .where('email', 'in', ['analyst@samraad.demo', 'admin@samraad.demo'])
    .execute();
  const analystId = staff.find((s) => s.email === 'analyst@samraad.demo')?.id ?? null;
  for (const t of targets) {
    const plan = ACTIVITY[t.slug]!;
    const scenarios = await db
      .selectFrom('scenarios')
      .select(['id', 'key', 'status', 'currentVersion'])
      .where('consultationId', '=', t.id)
      .orderBy('position')
      .execute();
    const refs: ScenarioRef[] = scenarios.map((s) => ({ id: s.id, key: s.key, eliminated: s.status === 'eliminated' }));
    const until = t.phase === 'open' ? now : t.closesAt;
    const window = { from: t.opensAt, until: new Date(Math.min(until.getTime(), now.getTime())) };
    if (!(await hasAny(db, 'responses', t.id))) {
      counts.responses += await seedResponses(db, t, plan, refs, window, analystId);
    }
    if (plan.comments && !(await hasAny(db, 'comments', t.id))) {
      const made = await seedComments(db, t, plan.seed, scenarios, participants, window);
      counts.comments += made.comments;
      counts.supports += made.supports;
    }
    if (!(await hasAny(db, 'ballots', t.id))) {
      counts.ballots += await seedBallots(db, t, plan, refs, participants, window);
    }
    if (t.phase === 'concluded' && !t.resultsPublishedAt) {
      await db
        .updateTable('consultations')
        .set({ resultsPublishedAt: new Date(t.closesAt.getTime() + 21 * DAY) })
        .where('id', '=', t.id)
        .execute();
      counts.published++;
    }
  }
  return counts;
}

async function hasAny(db: Db, table: 'responses' | 'comments' | 'ballots', consultationId: string) {
  const r = await sql<{ any: boolean }>`select exists (select 1 from ${sql.table(table)}
    where consultation_id = ${consultationId}) as any`.execute(db);
  return r.rows[0]!.any;
}

const at = (rand: Prng, w: { from: Date; until: Date }) =>
  new Date(w.from.getTime() + Math.floor(rand() * (w.until.getTime() - w.from.getTime())));

async function seedResponses(
  db: Db,
  t: Target,
  plan: { responses: number; seed: number },
  scenarios: ScenarioRef[],
  window: { from: Date; until: Date },
  analystId: string | null,
): Promise<number> {
  const rand = prng(plan.seed);
  const questions = (await db
    .selectFrom('questions')
    .select(['id', 'kind', 'options'])
    .where('consultationId', '=', t.id)
    .orderBy('position')
    .execute()) as Questionnaire;
  const decided = t.phase !== 'open';
  const responses: Record<string, unknown>[] = [];
  const answers: Record<string, unknown>[] = [];
  const versions: Record<string, unknown>[] = [];
  let rejected = 0;
  for (let i = 0; i < plan.responses; i++) {
    const r = makeResponse(rand, questions, scenarios, { decided, rejectedSoFar: rejected });
    // The NemID hearing's form-letter campaign (demo-campaign.ts): a letter, without the questionnaire.
    const slot = t.slug === CAMPAIGN_HEARING ? isCampaignSlot(i) : null;
    if (slot !== null) {
      r.body = campaignBody(slot);
      r.answers = [];
    }
    if (r.publicationStatus === 'rejected') rejected++;
    const id = crypto.randomUUID();
    const submittedAt = at(rand, window);
    const snapshot = canonicalSubmission({
      respondent: r.respondent,
      consent: r.consent,
      body: r.body,
      answers: r.answers,
      attachmentSha256s: [],
    });
    const fingerprint = fingerprintOf(snapshot);
    const reviewed = r.publicationStatus === 'approved' || r.publicationStatus === 'rejected';
    responses.push({
      consultationId: t.id,
      id,
      receiptCode: newReceiptCode(),
      respondentName: r.respondent.name,
      respondentEmail: r.respondent.email,
      actingAs: r.respondent.actingAs,
      organisationName: r.respondent.organisationName,
      cvr: r.respondent.cvr,
      consent: r.consent,
      channel: r.channel,
      locale: r.locale,
      body: r.body,
      fingerprint,
      publicationStatus: r.publicationStatus,
      publicationReason: r.reason,
      reviewedBy: reviewed ? analystId : null,
      reviewedAt: reviewed ? new Date(Math.min(submittedAt.getTime() + 2 * DAY, Date.now())) : null,
      registeredBy: r.channel === 'web' ? null : analystId,
      submittedAt,
    });
    for (const a of r.answers) {
      answers.push({ consultationId: t.id, responseId: id, questionId: a.questionId, value: JSON.stringify(a.value) });
    }
    versions.push({ consultationId: t.id, responseId: id, version: 1, snapshot: canonicalJson(snapshot), fingerprint });
  }
  await insertChunks(db, 'responses', responses);
  await insertChunks(db, 'answers', answers);
  await insertChunks(db, 'responseVersions', versions);
  return responses.length;
}

async function seedComments(
  db: Db,
  t: Target,
  seed: number,
  scenarios: { id: string; currentVersion: number }[],
  participants: Participant[],
  window: { from: Date; until: Date },
): Promise<{ comments: number; supports: number }> {
  const rand = prng(seed + 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const top: Record<string, unknown>[] = [];
  for (const s of scenarios) {
    const full = await getScenario(db, null, s.id);
    const anchors = full.paragraphs.da.filter((p) => p.html.startsWith('<p')).map((p) => p.id);
    for (let i = 0; i < 8 + Math.floor(rand() * 7); i++) {
      const author = pick(participants);
      const paragraphId = anchors.length > 0 && rand() < 0.4 ? pick(anchors) : null;
      top.push({
        consultationId: t.id,
        id: crypto.randomUUID(),
        scenarioId: s.id,
        authorId: author.id,
        parentId: null,
        paragraphId,
        paragraphText: paragraphId ? JSON.stringify(findParagraph(full.paragraphs, paragraphId)) : null,
        scenarioVersion: s.currentVersion,
        body: pick(COMMENTS[author.locale]),
        createdAt: at(rand, window),
      });
    }
  }
  const replies: Record<string, unknown>[] = [];
  for (const c of top) {
    for (let i = 0; i < Math.floor(rand() * 3); i++) {
      const author = pick(participants);
      replies.push({
        ...c,
        id: crypto.randomUUID(),
        authorId: author.id,
        parentId: c.id,
        body: pick(REPLIES[author.locale]),
        createdAt: new Date((c.createdAt as Date).getTime() + Math.floor(rand() * 3_600_000)),
      });
    }
  }
  const supports: Record<string, unknown>[] = [];
  for (const c of [...top, ...replies]) {
    const n = Math.floor(rand() ** 2 * 9);
    const start = Math.floor(rand() * participants.length);
    for (let i = 0; i < n; i++) {
      const user = participants[(start + i * 7) % participants.length]!;
      if (user.id !== c.authorId) supports.push({ consultationId: t.id, commentId: c.id, userId: user.id });
    }
  }
  await insertChunks(db, 'comments', top);
  await insertChunks(db, 'comments', replies);
  await insertChunks(db, 'commentSupports', supports);
  return { comments: top.length + replies.length, supports: supports.length };
}

/** Rankings with a shared leaning (so the result says something) and ties and partial rankings. */
async function seedBallots(
  db: Db,
  t: Target,
  plan: { ballots: number; seed: number },
  scenarios: ScenarioRef[],
  participants: Participant[],
  window: { from: Date; until: Date },
): Promise<number> {
  const rand = prng(plan.seed + 2);
  // A past hearing's ballots were cast before any scenario was eliminated (counting leaves those out).
  const rankable = t.phase === 'open' ? scenarios.filter((s) => !s.eliminated) : scenarios;
  if (rankable.length < 2) return 0;
  // A popularity per scenario: the first counted scenarios lead, with noise per voter.
  const appeal = rankable.map((_, i) => 1 - i * 0.18);
  const rows = participants.slice(0, Math.min(plan.ballots, participants.length)).map((p) => {
    const scored = rankable
      .map((s, i) => ({ id: s.id, score: appeal[i]! + rand() * 0.9 }))
      .sort((a, b) => b.score - a.score);
    const partial = rand() < 0.12 ? scored.slice(0, 2) : scored;
    const ranks: Record<string, number> = {};
    let rank = 0;
    partial.forEach((s, i) => {
      // About one ballot in seven ties two neighbours.
      if (i === 0 || !(rand() < 0.15)) rank++;
      ranks[s.id] = rank;
    });
    const cast = at(rand, window);
    return {
      consultationId: t.id,
      id: crypto.randomUUID(),
      userId: p.id,
      ranks: JSON.stringify(ranks),
      ranking: rankingKey(ranks),
      actingAs: p.actingAs,
      createdAt: cast,
      updatedAt: cast,
    };
  });
  await insertChunks(db, 'ballots', rows);
  return rows.length;
}
