import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Question } from '../../server/modules/questions/questions.schemas.ts';
import type { OwnResponse, Receipt } from '../../server/modules/responses/responses.schemas.ts';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import type { Decision, MyReviews } from '../../server/modules/reviews/reviews.schemas.ts';
import type { ThemeSummary, ThemeSummaryList } from '../../server/modules/reports/summaries/summaries.schemas.ts';
import type {
  ScenarioScorecard,
  ScorecardComparison,
} from '../../server/modules/reviews/scorecard/scorecard.schemas.ts';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { submissionBody } from '../../bench/submission.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import type { ReportModel } from '../../server/modules/reports/report.model.ts';
import { call, json, type TestApp } from '../helpers/app.ts';
import { submit } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

// The demo seed (DESIGN.md §4 C8) shows a newcomer the whole respondent journey, questionnaire
// included. It writes fixed slugs and accounts, so it runs on a database of its own (always PGlite,
// also when TEST_DATABASE_URL is set) and never in the shared test database.

const SLUG = 'naeste-generation-af-nemid';
let t: TestApp;

async function privateApp(): Promise<TestApp> {
  const template = inject('pgliteTemplate');
  const handle = template ? await createDb({ loadDataDir: new Blob([await readFile(template)]) }) : await createDb({});
  if (!template) await migrateToLatest(handle.db);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CLIENT_DIST: './no-client-in-tests',
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
  });
  const app = await buildApp({ config, db: handle });
  await app.ready();
  return {
    app,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

beforeAll(async () => {
  t = await privateApp();
  await seedDemo(t.handle.db);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const get = async <T>(url: string): Promise<T> => {
  const res = await call(t, null, { method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return json<T>(res);
};

describe('demo seed: the open hearing has a questionnaire', () => {
  it('has five optional questions of every kind, worded in Danish and English', async () => {
    const questions = await get<Question[]>(`/api/consultations/${SLUG}/questions`);
    expect(questions.map((q) => q.kind)).toEqual(['scenario_scale', 'single', 'scale', 'multi', 'text']);
    for (const q of questions) {
      expect(q.required).toBe(false);
      expect(q.prompt.da).not.toBe(q.prompt.en);
      for (const o of q.options) expect(o.label.da && o.label.en).toBeTruthy();
    }
    const single = questions.find((q) => q.kind === 'single');
    expect(single!.options.map((o) => o.id)).toEqual(['s1', 's2', 's3', 's4', 'none']);
    const multi = questions.find((q) => q.kind === 'multi');
    expect(multi!.options.map((o) => o.id)).toEqual(['privacy', 'no-smartphone', 'cost', 'security', 'lock-in']);
  });

  it('was built through the questions service, so each question has its audit event', async () => {
    const c = await get<Consultation>(`/api/consultations/${SLUG}`);
    const rows = await t.handle.db
      .selectFrom('auditEvents')
      .select(['action', 'itemId'])
      .where('consultationId', '=', c.id)
      .where('action', '=', 'question.create')
      .execute();
    const questions = await get<Question[]>(`/api/consultations/${SLUG}/questions`);
    expect(rows.map((r) => r.itemId).sort()).toEqual(questions.map((q) => q.id).sort());
  });

  it('accepts a response with free text only, and one that answers every question', async () => {
    const c = await get<Consultation>(`/api/consultations/${SLUG}`);
    const questions = await get<Question[]>(`/api/consultations/${SLUG}/questions`);
    const scenarios = await get<Scenario[]>(`/api/consultations/${SLUG}/scenarios`);
    const respondent = (n: string) => ({ name: `Demo ${n}`, email: `demo-${n}@example.dk`, actingAs: 'citizen' });
    const textOnly = await submit(t, c.id, {
      respondent: respondent('tekst'),
      consent: 'not_public',
      body: 'Jeg har kun en kommentar i fritekst.',
      answers: [],
    });
    expect(textOnly.statusCode, textOnly.body).toBe(201);

    const byKind = (k: string) => questions.find((q) => q.kind === k);
    const answers = [
      { questionId: byKind('scenario_scale')!.id, value: Object.fromEntries(scenarios.map((s) => [s.id, 3])) },
      { questionId: byKind('single')!.id, value: 'none' },
      { questionId: byKind('scale')!.id, value: 2 },
      { questionId: byKind('multi')!.id, value: ['privacy', 'no-smartphone'] },
      { questionId: byKind('text')!.id, value: 'Husk dem, der ikke har en smartphone.' },
    ];
    const full = await submit(t, c.id, { respondent: respondent('alle'), consent: 'not_public', body: '', answers });
    expect(full.statusCode, full.body).toBe(201);
    const own = await get<OwnResponse>(`/api/responses/by-token/${json<Receipt>(full).editToken}`);
    expect(own.answers).toHaveLength(5);
  });

  it('accepts the bench body (npm run bench measures valid submissions, not 422s)', async () => {
    const c = await get<Consultation>(`/api/consultations/${SLUG}`);
    const questions = await get<Question[]>(`/api/consultations/${SLUG}/questions`);
    const scenarios = await get<Scenario[]>(`/api/consultations/${SLUG}/scenarios`);
    const body = submissionBody(questions, 'Et høringssvar fra benchmarken.', scenarios);
    expect(body.answers).toHaveLength(3);
    const res = await submit(t, c.id, body);
    expect(res.statusCode, res.body).toBe(201);
  });

  it('running the seed again adds nothing', async () => {
    const before = await get<Question[]>(`/api/consultations/${SLUG}/questions`);
    expect(await seedDemo(t.handle.db)).toMatchObject({ accounts: 0, consultations: 0 });
    expect(await get<Question[]>(`/api/consultations/${SLUG}/questions`)).toEqual(before);
  });
});

describe('demo seed: stakeholder inputs (issue 13 story 4)', () => {
  it('has two meetings on the NemID hearing, only the market dialogue public, both in the inbox', async () => {
    const pub = await get<{ items: { title: string; minutesHtml: string; scenarioIds: string[] }[] }>(
      `/api/consultations/${SLUG}/published-stakeholder-inputs`,
    );
    expect(pub.items.map((i) => i.title)).toEqual([expect.stringContaining('Markedsdialog')]);
    expect(pub.items[0]!.scenarioIds).toHaveLength(2);
    expect(pub.items[0]!.minutesHtml).toContain('<h2>');
    await indexAllNow(t.handle.db);
    const rows = await t.handle.db
      .selectFrom('analysisItems')
      .select(['authorLabel', 'sourceStatus'])
      .where('kind', '=', 'stakeholder_input')
      .orderBy('authorLabel')
      .execute();
    expect(rows).toEqual([
      { authorLabel: 'Aarhus Kommune, Digitalisering, Aarhus Kommune, Borgerservice', sourceStatus: 'staff_only' },
      { authorLabel: expect.stringContaining('Danske Bank'), sourceStatus: 'published' },
    ]);
  });
});

// Issue 14 stories 1, 3, 4: reviews by two authorities and the decision on the concluded hearing; an
// open round on the NemID hearing.
describe('demo seed: review and decision', () => {
  it('shows the concluded hearing’s decision and approval to everyone', async () => {
    const d = await get<Decision>('/api/consultations/faelles-login-kommunal-selvbetjening/decision');
    expect(d.roundStatus).toBe('closed');
    expect(d.outcomes.map((o) => [o.key, o.outcome])).toEqual([
      ['S1', 'selected'],
      ['S2', 'eliminated'],
      ['S3', 'shortlisted'],
    ]);
    for (const o of d.outcomes)
      expect(o.evidence.map((e) => e.kind)).toEqual(expect.arrayContaining(['ranking', 'theme']));
    expect(d.approval?.approvedBy).toBeTruthy();
    const c = await get<Consultation>('/api/consultations/faelles-login-kommunal-selvbetjening');
    expect(c.phase).toBe('concluded');
    const reason = await t.handle.db
      .selectFrom('auditEvents')
      .select('details')
      .where('consultationId', '=', c.id)
      .where('action', '=', 'consultation.transition')
      .execute();
    expect(reason.map((r) => r.details)).toContainEqual(
      expect.objectContaining({ to: 'concluded', reason: 'Høringsnotatet er udgivet som PDF' }),
    );
  });

  it('gives the demo reviewer an open round on the NemID hearing with their position on S1', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'reviewer@samraad.demo', password: 'demo-reviewer-2026' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const mine = json<MyReviews>(await t.app.inject({ url: '/api/me/reviews', headers: { cookie } }));
    const nemid = mine.items.find((i) => i.consultation.slug === SLUG)!;
    expect(nemid.authority).toBe('Finansministeriet');
    expect(nemid.rounds).toEqual([expect.objectContaining({ status: 'open', signed: 1, scenarios: 4 })]);
    const concluded = mine.items.find((i) => i.consultation.slug === 'faelles-login-kommunal-selvbetjening')!;
    expect(concluded.rounds).toEqual([expect.objectContaining({ status: 'closed', signed: 3, scenarios: 3 })]);
  });

  it('publishes the concluded hearing’s generated høringsnotat, in Danish and English (issue 14 story 6)', async () => {
    const slug = 'faelles-login-kommunal-selvbetjening';
    const v = await get<{ number: number }>(`/api/consultations/${slug}/report/version`);
    expect(v.number).toBe(1);
    const model = await get<ReportModel>(`/api/consultations/${slug}/report?format=json`);
    expect(model.input.total.n).toBeGreaterThan(0);
    expect(model.decision?.outcomes.some((o) => o.outcome === 'selected')).toBe(true);
    // Its høringsliste: the parties its hand-written notat names, in Danish order, ticked if they answered.
    expect(model.parties.map((p) => p.name)).toEqual(
      [...model.parties.map((p) => p.name)].sort((a, b) => a.localeCompare(b, 'da')),
    );
    expect(model.parties.length).toBeGreaterThanOrEqual(10);
    expect(model.parties.filter((p) => p.status === 'responded').length).toBeGreaterThanOrEqual(5);
    expect(model.parties.find((p) => p.name === 'Rigsrevisionen')).toMatchObject({ status: 'no_comments' });
    // Its figures recount through the inbox (as the demo analyst).
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'analyst@samraad.demo', password: 'demo-analyst-2026' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    for (const link of [model.input.total, ...model.input.byActingAs.map((a) => a.count)]) {
      const query = link.href.split('?')[1] ?? '';
      const facets = await t.app.inject({
        url: `/api/consultations/${model.consultationId}/inbox/facets?${query}`,
        headers: { cookie },
      });
      expect(json<{ total: number }>(facets).total).toBe(link.n);
    }
    for (const [lang, heading] of [
      ['da', '1.1 Høringsperiode'],
      ['en', '1.1 Consultation period'],
    ] as const) {
      const res = await call(t, null, { url: `/api/consultations/${slug}/report?format=html&lang=${lang}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(heading);
    }
  });
});

describe('demo seed: theme summaries (issue 14 story 5)', () => {
  const asAnalyst = async <T>(url: string): Promise<T> => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'analyst@samraad.demo', password: 'demo-analyst-2026' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const res = await t.app.inject({ url, headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return json<T>(res);
  };

  it('the concluded hearing has coded input and a ready summary with citations and an answer per report theme', async () => {
    const list = await asAnalyst<ThemeSummaryList>(
      '/api/consultations/faelles-login-kommunal-selvbetjening/theme-summaries',
    );
    const written = list.themes.filter((x) => x.summaryId);
    expect(written).toHaveLength(7);
    for (const x of written) {
      expect(x).toMatchObject({ status: 'ready', sentenceCount: 1 });
      expect(x.answer).not.toBeNull();
      expect(x.coverage.passages).toBeGreaterThan(0);
      expect(x.coverage.citedPassages).toBeGreaterThan(0);
    }
    expect(written.map((x) => x.answer)).toEqual(
      expect.arrayContaining(['accommodated', 'partly', 'not_accommodated']),
    );
    const one = await asAnalyst<ThemeSummary>(
      `/api/consultations/faelles-login-kommunal-selvbetjening/theme-summaries/${written[0]!.tagId}`,
    );
    expect(one.sentences[0]!.text.da && one.sentences[0]!.text.en).toBeTruthy();
    expect(one.answerReason.en).toBeTruthy();
    for (const c of one.sentences[0]!.citations) {
      expect(c).toMatchObject({ removed: false, inTheme: true });
      expect(c.passage!.quote).toBeTruthy();
    }
  });

  it('the NemID hearing has draft summaries of some themes, and single voices under the others', async () => {
    const list = await asAnalyst<ThemeSummaryList>(`/api/consultations/${SLUG}/theme-summaries`);
    expect(list.themes.filter((x) => x.summaryId).map((x) => x.status)).toEqual(['draft', 'draft', 'draft', 'draft']);
    const unwritten = list.themes.filter((x) => !x.summaryId && x.depth === 2);
    expect(unwritten.length).toBeGreaterThan(0);
    for (const x of unwritten) expect(x.coverage.singleVoices).toBe(x.coverage.passages);
  });

  it('running the seed again writes no summary and codes nothing more', async () => {
    expect((await seedDemo(t.handle.db)).summaries).toEqual({ codings: 0, summaries: 0 });
  });
});

describe('demo seed: the scenario scorecard (issue 14 story 2)', () => {
  it('shows the demo reviewer a scorecard of S1 with every part filled (issue 14 story 2)', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'reviewer@samraad.demo', password: 'demo-reviewer-2026' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const cmp = json<ScorecardComparison>(
      await t.app.inject({ url: `/api/consultations/${SLUG}/scorecard`, headers: { cookie } }),
    );
    const s1 = cmp.scenarios.find((s) => s.key === 'S1')!;
    const res = await t.app.inject({
      url: `/api/consultations/${SLUG}/scenarios/${s1.id}/scorecard`,
      headers: { cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    const card = json<ScenarioScorecard>(res);
    expect(card.ranking.find((r) => r.segment === 'all')!.position).toBeGreaterThan(0);
    expect(card.themes.length).toBeGreaterThan(0);
    expect(card.themes.some((th) => th.stances.for > 0)).toBe(true);
    expect(card.themes.some((th) => th.stances.against > 0)).toBe(true);
    expect(card.themes.some((th) => th.quotes.length > 0)).toBe(true);
    expect(card.findings.total).toBeGreaterThan(0);
    expect(card.parties.some((p) => p.answered)).toBe(true);
    expect(card.statusHistory.length).toBeGreaterThan(0);
    expect(card.reviews.positions).toEqual([expect.objectContaining({ authority: 'Finansministeriet' })]);
  });
});
