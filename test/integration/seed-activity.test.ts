import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import type { Results } from '../../server/modules/rankings/rankings.schemas.ts';
import type { PublicResponse } from '../../server/modules/responses/public.schemas.ts';
import type { Page } from '../helpers/factory.ts';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { isValidCvr } from '../../server/modules/responses/cvr.rules.ts';
import { validateAnswers, type QuestionForAnswers } from '../../server/modules/responses/responses.rules.ts';
import { seedDemo } from '../../server/seed/demo.ts';
import { makeResponse, prng } from '../../server/seed/demo-people.ts';
import { call, json, type TestApp } from '../helpers/app.ts';

// Issue 10 item 13: the demo shows a living hearing, not an empty one. The seed writes fixed slugs
// and accounts, so it runs on a PGlite database of its own, where counting the whole table is fine.

const NEMID = 'naeste-generation-af-nemid';
const CLOSED = 'digital-post-til-virksomheder';
const CONCLUDED = 'faelles-login-kommunal-selvbetjening';
let t: TestApp;

beforeAll(async () => {
  const template = inject('pgliteTemplate');
  const handle = template ? await createDb({ loadDataDir: new Blob([await readFile(template)]) }) : await createDb({});
  if (!template) await migrateToLatest(handle.db);
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', CLIENT_DIST: './none', LOAD_SHED_EVENT_LOOP_DELAY_MS: '0' }),
    db: handle,
  });
  await app.ready();
  t = { app, handle, close: async () => (await app.close(), await handle.close()) };
  // How long it takes is measured, not asserted (README, "Two commands"): a loaded machine is slow.
  await seedDemo(handle.db);
}, 180_000);
afterAll(async () => t?.close());

const idOf = async (slug: string) =>
  (await t.handle.db.selectFrom('consultations').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;

const responsesOf = async (slug: string) =>
  t.handle.db
    .selectFrom('responses')
    .selectAll()
    .where('consultationId', '=', await idOf(slug))
    .execute();

describe('demo seed: a living hearing', () => {
  it('the open hearing has a few hundred varied responses in Danish and English', async () => {
    const rows = await responsesOf(NEMID);
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const share = (f: (r: (typeof rows)[number]) => boolean) => rows.filter(f).length;
    expect(share((r) => r.locale === 'en')).toBeGreaterThan(20);
    expect(share((r) => r.locale === 'da')).toBeGreaterThan(100);
    expect(share((r) => r.cvr !== null && r.organisationName !== null)).toBeGreaterThan(10);
    expect(rows.filter((r) => r.cvr).every((r) => isValidCvr(r.cvr!))).toBe(true);
    expect(
      share((r) => r.channel === 'letter' && r.respondentEmail === null && r.registeredBy !== null),
    ).toBeGreaterThan(5);
    expect(share((r) => r.consent === 'not_public' && r.publicationStatus === 'not_requested')).toBeGreaterThan(10);
    expect(share((r) => r.publicationStatus === 'approved')).toBeGreaterThan(50);
    expect(share((r) => r.publicationStatus === 'pending')).toBeGreaterThan(10);
    const rejected = rows.filter((r) => r.publicationStatus === 'rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(1);
    expect(rejected.every((r) => (r.publicationReason ?? '').length > 10)).toBe(true);
    expect(new Set(rows.map((r) => r.body)).size).toBeGreaterThan(rows.length * 0.9);
  });

  it('every stored answer fits the questionnaire, and most respondents answered it', async () => {
    const consultationId = await idOf(NEMID);
    const questions = (await t.handle.db
      .selectFrom('questions')
      .select(['id', 'kind', 'required', 'options'])
      .where('consultationId', '=', consultationId)
      .execute()) as QuestionForAnswers[];
    const scenarios = await t.handle.db
      .selectFrom('scenarios')
      .select(['id', 'status'])
      .where('consultationId', '=', consultationId)
      .execute();
    const answers = await t.handle.db
      .selectFrom('answers')
      .select(['responseId', 'questionId', 'value'])
      .where('consultationId', '=', consultationId)
      .execute();
    const byResponse = new Map<string, typeof answers>();
    for (const a of answers) byResponse.set(a.responseId, [...(byResponse.get(a.responseId) ?? []), a]);
    expect(byResponse.size).toBeGreaterThan(150);
    for (const list of byResponse.values()) {
      const checked = validateAnswers(questions, scenarios, list, { enforceRequired: false });
      expect(checked.ok, JSON.stringify(list)).toBe(true);
    }
  });

  it('the public sees the approved responses and can read them', async () => {
    const res = await call(t, null, { url: `/api/consultations/${NEMID}/responses?limit=20` });
    expect(res.statusCode).toBe(200);
    expect(json<Page<PublicResponse>>(res).items).toHaveLength(20);
  });

  it('S1–S4 have comments, paragraph comments, replies and supports', async () => {
    const consultationId = await idOf(NEMID);
    const rows = await sql<{ key: string; top: string; anchored: string; replies: string; supports: string }>`
      select s.key,
        count(*) filter (where c.parent_id is null) as top,
        count(*) filter (where c.paragraph_id is not null and c.paragraph_text is not null) as anchored,
        count(*) filter (where c.parent_id is not null) as replies,
        (select count(*) from comment_supports cs join comments c2 on c2.id = cs.comment_id
          where c2.scenario_id = s.id) as supports
      from scenarios s join comments c on c.scenario_id = s.id
      where s.consultation_id = ${consultationId} group by s.id, s.key order by s.key`.execute(t.handle.db);
    expect(rows.rows.map((r) => r.key)).toEqual(['S1', 'S2', 'S3', 'S4']);
    for (const r of rows.rows) {
      expect(Number(r.top), r.key).toBeGreaterThanOrEqual(5);
      expect(Number(r.anchored), r.key).toBeGreaterThan(0);
      expect(Number(r.replies), r.key).toBeGreaterThan(0);
      expect(Number(r.supports), r.key).toBeGreaterThan(0);
    }
    const s1 = await t.handle.db
      .selectFrom('scenarios')
      .select('id')
      .where('consultationId', '=', consultationId)
      .where('key', '=', 'S1')
      .executeTakeFirstOrThrow();
    const listed = await call(t, null, { url: `/api/scenarios/${s1.id}/comments` });
    expect(listed.statusCode).toBe(200);
  });

  it('hundreds of rankings from several segments; results published on the concluded hearing only', async () => {
    const segments = await sql<{ acting_as: string; n: string }>`select acting_as, count(*) as n from ballots
      where consultation_id = ${await idOf(NEMID)} group by acting_as`.execute(t.handle.db);
    expect(segments.rows.reduce((s, r) => s + Number(r.n), 0)).toBeGreaterThanOrEqual(200);
    expect(segments.rows.length).toBeGreaterThan(2);

    const concluded = await call(t, null, { url: `/api/consultations/${CONCLUDED}/results` });
    expect(concluded.statusCode).toBe(200);
    const results = json<Results>(concluded);
    expect(results.publishedAt).not.toBeNull();
    expect(results.scenarios.length).toBeGreaterThanOrEqual(2);
    for (const slug of [NEMID, CLOSED]) {
      const c = await t.handle.db
        .selectFrom('consultations')
        .select('resultsPublishedAt')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow();
      expect(c.resultsPublishedAt, slug).toBeNull();
    }
  });

  it('the past hearings have responses that were all decided (none waits for review)', async () => {
    for (const slug of [CLOSED, CONCLUDED]) {
      const rows = await responsesOf(slug);
      expect(rows.length, slug).toBeGreaterThan(20);
      expect(
        rows.filter((r) => r.publicationStatus === 'pending'),
        slug,
      ).toEqual([]);
    }
  });

  it('is idempotent: seeding again adds nothing', async () => {
    const count = async () =>
      (
        await sql<{ n: string }>`select (select count(*) from responses) + (select count(*) from comments)
        + (select count(*) from ballots) + (select count(*) from users) as n`.execute(t.handle.db)
      ).rows[0]!.n;
    const before = await count();
    const again = await seedDemo(t.handle.db);
    expect(again.analysis).toEqual({ tags: 0, codings: 0, analysed: 0, teamwork: null });
    expect(again.activity).toEqual({
      participants: 0,
      responses: 0,
      comments: 0,
      supports: 0,
      ballots: 0,
      published: 0,
    });
    expect(await count()).toBe(before);
  });

  it('codes the analyst’s first batch: every coding quotes a theme sentence exactly where it stands', async () => {
    const rows = await sql<{ body: string; quote: string; start: number; end: number; tag: string; status: string }>`
      select r.body, k.quote, k.start_offset as start, k.end_offset as end, t.name ->> 'en' as tag, i.status
        from codings k
        join responses r on r.id = k.item_id
        join codebook_tags t on t.id = k.tag_id
        join analysis_items i on i.item_id = k.item_id
       where k.status = 'confirmed'`.execute(t.handle.db);
    expect(rows.rows.length).toBeGreaterThan(100);
    for (const r of rows.rows) {
      expect(Array.from(r.body).slice(r.start, r.end).join('')).toBe(r.quote);
      expect(r.status).toBe('analysed');
    }
    expect(new Set(rows.rows.map((r) => r.tag)).size).toBeGreaterThanOrEqual(5);
    // The NemID hearing's codebook (the concluded one has a theme of its own: demo-review.ts).
    const depth = await sql<{ n: string }>`select count(*) as n from codebook_tags
      where parent_id is null and name ->> 'en' not like 'Suggested:%'
      and consultation_id = (select id from consultations where slug = ${NEMID})`.execute(t.handle.db);
    expect(Number(depth.rows[0]!.n)).toBe(3);
  });

  it('has a form-letter campaign of twelve responses, found by the detection at seed time', async () => {
    const campaigns = await sql<{ id: string; memberCount: number; status: string; templateText: string }>`
      select c.id, c.member_count as "memberCount", c.status, c.template_text as "templateText"
      from campaigns c join consultations k on k.id = c.consultation_id
      where k.slug = 'naeste-generation-af-nemid' and c.status = 'active'
      order by c.member_count desc`.execute(t.handle.db);
    const main = campaigns.rows[0]!;
    expect(main.memberCount).toBe(12);
    expect(main.templateText).toContain('NemID for alle');
    const added = await sql<{ n: number }>`select count(*)::int as n from campaign_members
      where campaign_id = ${main.id} and jsonb_array_length(added_spans) > 0`.execute(t.handle.db);
    expect(added.rows[0]!.n).toBeGreaterThanOrEqual(4);
  });

  it('shows two analysts at work: a team, the inbox split, a closed agreement sample, an accepted theme', async () => {
    const c = (
      await sql<{ id: string }>`select id from consultations where slug = 'naeste-generation-af-nemid'`.execute(
        t.handle.db,
      )
    ).rows[0]!.id;
    const team = await sql<{
      email: string;
    }>`select u.email from consultation_analysts a join users u on u.id = a.user_id
      where a.consultation_id = ${c} order by u.email`.execute(t.handle.db);
    expect(team.rows.map((r) => r.email)).toEqual(['analyst2@samraad.demo', 'analyst@samraad.demo']);
    const unassigned = await sql<{ n: string }>`select count(*) as n from analysis_items
      where consultation_id = ${c} and assignee_id is null`.execute(t.handle.db);
    expect(Number(unassigned.rows[0]!.n)).toBe(0);
    const sample = await sql<{ status: string; items: number; coders: number }>`
      select s.status, (select count(*)::int from agreement_sample_items i where i.sample_id = s.id) as items,
             (select count(distinct k.coder_id)::int from codings k join agreement_sample_items i
                on i.item_id = k.item_id and i.sample_id = s.id where k.status = 'confirmed') as coders
        from agreement_samples s where s.consultation_id = ${c}`.execute(t.handle.db);
    expect(sample.rows).toEqual([{ status: 'closed', items: 20, coders: 2 }]);
    const themes = await sql<{ status: string; accepted: number; proposed: number }>`
      select r.status, (select count(*)::int from theme_candidates k where k.run_id = r.id and k.status = 'accepted') as accepted,
             (select count(*)::int from codings k where k.consultation_id = r.consultation_id and k.status = 'proposed') as proposed
        from theme_runs r where r.consultation_id = ${c}`.execute(t.handle.db);
    expect(themes.rows).toHaveLength(1);
    expect(themes.rows[0]).toMatchObject({ status: 'done', accepted: 1 });
    expect(Number(themes.rows[0]!.proposed)).toBeGreaterThan(0);
  });

  it('is deterministic: the same seed makes the same responses', () => {
    const q = [{ id: 'q', kind: 'text', options: [] }];
    const make = () => {
      const rand = prng(42);
      return Array.from({ length: 5 }, () => makeResponse(rand, q, [], { decided: false, rejectedSoFar: 0 }));
    };
    expect(make()).toEqual(make());
  });
});

describe('demo seed: personal data before publication (issue 12 story 2)', () => {
  it('the NemID hearing’s redaction queue has suggestions, and one CPR number is public only as redacted', async () => {
    const consultationId = await idOf(NEMID);
    const rows = await sql<{ kind: string; status: string; quote: string }>`
      select kind, status, quote from privacy_findings where consultation_id = ${consultationId}`.execute(t.handle.db);
    expect(rows.rows.filter((r) => r.status === 'pending').map((r) => r.kind)).toEqual(
      expect.arrayContaining(['phone', 'own_name']),
    );
    expect(rows.rows.find((r) => r.kind === 'cpr')).toMatchObject({ status: 'accepted', quote: '120304-4127' });
    const pub = await call(t, null, { url: `/api/consultations/${NEMID}/responses?q=kodeviseren&limit=100` });
    expect(pub.body).toContain('Hans CPR-nummer er […]');
    expect(pub.body).not.toContain('120304-4127');
  });
});
