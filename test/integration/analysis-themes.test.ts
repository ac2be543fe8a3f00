import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import { runThemeJob } from '../../server/modules/analysis/themes/themes.job.ts';
import type {
  DecideResult,
  ThemeCandidate,
  ThemeRun,
  ThemeRunDetail,
  ThemeRunList,
} from '../../server/modules/analysis/themes/themes.schemas.ts';
import { call, createTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { factory, type OpenConsultation, type Page, submission, submitOk } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

type Wrong = 'reviewer' | 'participant' | 'anonymous';
const WRONG: Wrong[] = ['reviewer', 'participant', 'anonymous'];

// Three themes of a NemID hearing, eight responses each, in Danish; and one comment.
const THEMES = [
  [
    'Ældre borgere uden smartphone skal have en kodeviser.',
    'Kodeviser til ældre borgere uden smartphone er nødvendig.',
  ],
  ['Bankerne må ikke eje borgernes identitet.', 'Identitet hos bankerne giver bankerne for meget magt.'],
  ['Prisen for virksomhederne bliver for høj.', 'Virksomhederne kan ikke bære prisen for løsningen.'],
];

let t: TestApp;
let cast: Cast;
let open: OpenConsultation;
let other: OpenConsultation;
let responseIds: string[][];

const base = (cid = open.consultation.id) => `/api/consultations/${cid}`;
const who = (w: Wrong) => (w === 'anonymous' ? null : cast[w]);
const expectRefused = (res: Parameters<typeof expectError>[0], w: Wrong) =>
  w === 'anonymous' ? expectError(res, 401, 'UNAUTHENTICATED') : expectError(res, 403, 'FORBIDDEN');

const indexAll = () => indexAllNow(t.handle.db);

const start = (payload: Record<string, unknown>, user = cast.analyst, cid = open.consultation.id) =>
  call(t, user, { method: 'POST', url: `${base(cid)}/theme-suggestions`, payload });

/** Drives the job through its handler (this app runs no workers); on a shared database another app may take it first. */
async function finished(runId: string, cid = open.consultation.id): Promise<ThemeRunDetail> {
  await runThemeJob({ db: t.handle.db, log: t.app.log }, { runId });
  for (let i = 0; i < 100; i++) {
    const res = await call(t, cast.analyst, { url: `${base(cid)}/theme-suggestions/${runId}` });
    expect(res.statusCode, res.body).toBe(200);
    const d = json<ThemeRunDetail>(res);
    if (d.run.status === 'done' || d.run.status === 'failed') return d;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`run ${runId} did not finish`);
}

const runRows = async (cid: string) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from theme_runs where consultation_id = ${cid}`.execute(t.handle.db))
      .rows[0]!.n,
  );
const codingsOf = async (cid: string) =>
  (
    await sql<{
      id: string;
      status: string;
      itemId: string;
      coderId: string;
    }>`select id, status, item_id, coder_id from codings where consultation_id = ${cid} order by id`.execute(
      t.handle.db,
    )
  ).rows;
const auditOf = async (cid: string, action: string) =>
  (
    await sql<{
      details: Record<string, unknown>;
    }>`select details from audit_events where consultation_id = ${cid} and action = ${action}`.execute(t.handle.db)
  ).rows;

beforeAll(async () => {
  t = await createTestApp({ JOBS_ENABLED: 'false' });
  cast = await signInCast(t);
  const f = factory(t);
  open = await f.newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
  other = await f.newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
  responseIds = [];
  for (const [x, [a, b]] of THEMES.entries()) {
    responseIds[x] = [];
    for (let i = 0; i < 8; i++) {
      const body = `${i % 2 ? a : b} ${i % 3 ? a : b}`;
      const r = await submitOk(t, open.consultation.id, submission([], { body }));
      responseIds[x]!.push(r.id);
    }
  }
  await f.newComment(cast.participant, open.scenarios[0].id, 'Hvad med borgere med handicap og skærmlæsere?');
  await submitOk(t, other.consultation.id, submission([], { body: 'Et andet høringssvar om noget andet.' }));
  await indexAll();
});
afterAll(async () => t?.close());

describe('starting and reading runs', () => {
  it('queues a run with its seed and filters, audited, and lists it', async () => {
    const res = await start({ seed: 42, kinds: ['response'] });
    expect(res.statusCode, res.body).toBe(202);
    const run = json<ThemeRun>(res);
    expect(run).toMatchObject({
      status: 'queued',
      phase: 'queued',
      progress: 0,
      seed: 42,
      kinds: ['response'],
      k: null,
    });
    const list = json<ThemeRunList>(await call(t, cast.admin, { url: `${base()}/theme-suggestions` }));
    expect(list.items.map((r) => r.id)).toContain(run.id);
    expect((await auditOf(open.consultation.id, 'theme_run.start')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad input with 400 and makes no run', async () => {
    const before = await runRows(open.consultation.id);
    for (const payload of [
      { seed: -1 },
      { seed: 'x' },
      { k: 1 },
      { k: 101 },
      { kinds: ['finding'] },
      { scenarioId: 'no' },
    ]) {
      expectError(await start(payload), 400, 'VALIDATION_FAILED');
    }
    const res = await start({ scenarioId: other.scenarios[0].id });
    expectError(res, 400, 'BAD_REQUEST');
    expect(await runRows(open.consultation.id)).toBe(before);
  });

  it.each(WRONG)('refuses %s on every route', async (w) => {
    const before = await runRows(open.consultation.id);
    const id = randomUUID();
    const routes = [
      { method: 'POST' as const, url: `${base()}/theme-suggestions`, payload: {} },
      { method: 'GET' as const, url: `${base()}/theme-suggestions` },
      { method: 'GET' as const, url: `${base()}/theme-suggestions/${id}` },
      {
        method: 'POST' as const,
        url: `${base()}/theme-suggestions/${id}/candidates/${id}/accept`,
        payload: { name: { da: 'a', en: 'a' } },
      },
      { method: 'POST' as const, url: `${base()}/theme-suggestions/${id}/candidates/${id}/dismiss` },
      { method: 'GET' as const, url: `${base()}/proposed-codings` },
      { method: 'POST' as const, url: `${base()}/proposed-codings/confirm`, payload: { codingIds: [id] } },
      { method: 'POST' as const, url: `${base()}/proposed-codings/reject`, payload: { codingIds: [id] } },
    ];
    for (const r of routes) expectRefused(await call(t, who(w), r), w);
    expect(await runRows(open.consultation.id)).toBe(before);
  });

  it('answers 404 for a run of another consultation, or an unknown one', async () => {
    const mine = json<ThemeRun>(await start({}));
    expectError(
      await call(t, cast.analyst, { url: `${base(other.consultation.id)}/theme-suggestions/${mine.id}` }),
      404,
      'NOT_FOUND',
    );
    expectError(await call(t, cast.analyst, { url: `${base()}/theme-suggestions/${randomUUID()}` }), 404, 'NOT_FOUND');
    expectError(
      await call(t, cast.analyst, { url: `/api/consultations/${randomUUID()}/theme-suggestions` }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('the job', () => {
  it('stores its progress by phase, and a failure with its reason', async () => {
    const run = json<ThemeRun>(await start({ seed: 3 }));
    const seen: [string, number][] = [];
    await runThemeJob(
      {
        db: t.handle.db,
        log: t.app.log,
        suggest: async (_items, _opts, progress) => {
          await progress('clustering', 0.5);
          const now = json<ThemeRunDetail>(
            await call(t, cast.analyst, { url: `${base()}/theme-suggestions/${run.id}` }),
          ).run;
          seen.push([now.phase, now.progress]);
          throw new Error('out of memory');
        },
      },
      { runId: run.id },
    );
    expect(seen).toEqual([['clustering', 70]]);
    const after = json<ThemeRunDetail>(await call(t, cast.analyst, { url: `${base()}/theme-suggestions/${run.id}` }));
    expect(after.run).toMatchObject({ status: 'failed', phase: 'failed', error: 'out of memory' });
    expect(after.candidates).toEqual([]);
    // A finished run is left alone when its job comes again.
    await runThemeJob({ db: t.handle.db, log: t.app.log }, { runId: run.id });
    expect(
      json<ThemeRunDetail>(await call(t, cast.analyst, { url: `${base()}/theme-suggestions/${run.id}` })).run.status,
    ).toBe('failed');
  });

  it('takes again a run whose worker died, not one that is still running', async () => {
    const run = json<ThemeRun>(await start({ seed: 5, kinds: ['response'] }));
    const set = (minutesAgo: number) =>
      sql`update theme_runs set status = 'running', phase = 'clustering', updated_at = now() - make_interval(mins => ${minutesAgo})
           where id = ${run.id}`.execute(t.handle.db);
    await set(1);
    await runThemeJob({ db: t.handle.db, log: t.app.log }, { runId: run.id });
    const live = json<ThemeRunDetail>(await call(t, cast.analyst, { url: `${base()}/theme-suggestions/${run.id}` }));
    expect(live.run).toMatchObject({ status: 'running', phase: 'clustering' });
    await set(11);
    expect((await finished(run.id)).run).toMatchObject({ status: 'done', itemCount: 24 });
  });
});

describe('a run to completion', () => {
  let detail: ThemeRunDetail;
  beforeAll(async () => {
    const run = json<ThemeRun>(await start({ seed: 7, k: 3, kinds: ['response'] }));
    detail = await finished(run.id);
  });

  it('finds the three themes of the seeded responses, with terms, quotes and member counts', () => {
    expect(detail.run).toMatchObject({ status: 'done', phase: 'done', progress: 100, itemCount: 24, chosenK: 3 });
    const themes = detail.candidates.filter((c) => !c.singleVoice);
    expect(themes).toHaveLength(3);
    for (const c of themes) {
      expect(c).toMatchObject({ kind: 'theme', status: 'open', memberCount: 8, tagId: null });
      expect(c.quotes).toHaveLength(3);
      expect(c.terms.length).toBeGreaterThan(0);
      const group = responseIds.findIndex((ids) => ids.includes(c.quotes[0]!.itemId));
      expect(c.quotes.every((q) => responseIds[group]!.includes(q.itemId))).toBe(true);
    }
    const old = themes.find((c) => c.terms.some((x) => x.term === 'kodeviser'));
    expect(old).toBeDefined();
  });

  it('gives the same candidates for the same input and seed', async () => {
    const again = await finished(json<ThemeRun>(await start({ seed: 7, k: 3, kinds: ['response'] })).id);
    const shape = (d: ThemeRunDetail) => d.candidates.map((c) => [c.kind, c.memberCount, c.terms, c.quotes]);
    expect(shape(again)).toEqual(shape(detail));
  });

  it('reads every kind by default, and only the scenario asked for', async () => {
    const all = await finished(json<ThemeRun>(await start({ seed: 7 })).id);
    expect(all.run.itemCount).toBe(25);
    const onS1 = await finished(json<ThemeRun>(await start({ seed: 7, scenarioId: open.scenarios[0].id })).id);
    expect(onS1.run.itemCount).toBe(1);
    expect(onS1.candidates.flatMap((c) => c.quotes.map((q) => q.itemKind))).toEqual(['comment']);
  });

  it('accepts a candidate as a tag with proposed codings that count only once confirmed', async () => {
    const cid = open.consultation.id;
    const cand = detail.candidates.find((c) => c.terms.some((x) => x.term === 'kodeviser'))!;
    const url = `${base()}/theme-suggestions/${detail.run.id}/candidates/${cand.id}/accept`;
    // Bad input: a missing name, another consultation's parent: 4xx, the candidate stays open.
    expectError(
      await call(t, cast.analyst, { method: 'POST', url, payload: { name: { da: 'x' } } }),
      400,
      'VALIDATION_FAILED',
    );
    const foreign = json<CodebookTag>(
      await call(t, cast.admin, {
        method: 'POST',
        url: `${base(other.consultation.id)}/codebook/tags`,
        payload: { name: { da: 'Fremmed', en: 'Foreign' } },
      }),
    );
    expectError(
      await call(t, cast.analyst, {
        method: 'POST',
        url,
        payload: { name: { da: 'a', en: 'a' }, parentId: foreign.id },
      }),
      400,
      'BAD_REQUEST',
    );
    expect(await codingsOf(cid)).toEqual([]);
    expectError(
      await call(t, cast.analyst, {
        method: 'POST',
        url: `${base(other.consultation.id)}/theme-suggestions/${detail.run.id}/candidates/${cand.id}/accept`,
        payload: { name: { da: 'a', en: 'a' } },
      }),
      404,
      'NOT_FOUND',
    );

    const res = await call(t, cast.analyst, {
      method: 'POST',
      url,
      payload: { name: { da: 'Ældre og kodeviser', en: 'Older people and code displays' }, proposeCodings: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    const accepted = json<ThemeCandidate>(res);
    expect(accepted).toMatchObject({ status: 'accepted', proposedCount: 8, decidedBy: cast.analyst.id });
    const book = json<{ tags: CodebookTag[] }>(await call(t, cast.analyst, { url: `${base()}/codebook` }));
    const tag = book.tags.find((x) => x.id === accepted.tagId)!;
    expect(tag).toMatchObject({
      name: { da: 'Ældre og kodeviser', en: 'Older people and code displays' },
      codingCount: 0,
      proposedCount: 8,
    });
    const rows = await codingsOf(cid);
    expect(rows.map((r) => r.status)).toEqual(Array(8).fill('proposed'));
    expect(rows.map((r) => r.itemId).sort()).toEqual(
      responseIds
        .find((ids) => ids.includes(cand.quotes[0]!.itemId))!
        .slice()
        .sort(),
    );
    expect(await auditOf(cid, 'theme_candidate.accept')).toHaveLength(1);
    expectError(
      await call(t, cast.analyst, { method: 'POST', url, payload: { name: { da: 'b', en: 'b' } } }),
      409,
      'CONFLICT',
    );

    // Proposed codings do not make an item coded in the inbox.
    const inbox = async (q: string) =>
      json<InboxPage>(await call(t, cast.analyst, { url: `${base()}/inbox?${q}` })).items.map((i) => i.id);
    expect(await inbox(`tag=${tag.id}`)).toEqual([]);
    expect(await inbox('untagged=true&kind=response')).toHaveLength(24);

    // Listed with their items' excerpts; confirmed one by one and in bulk, rejected; all audited.
    const listed = json<Page<{ id: string; excerpt: string; itemId: string }>>(
      await call(t, cast.analyst, { url: `${base()}/proposed-codings?tagId=${tag.id}&limit=5` }),
    );
    expect(listed.items).toHaveLength(5);
    expect(listed.nextCursor).not.toBeNull();
    expect(listed.items[0]!.excerpt).toMatch(/kodeviser/i);
    const confirm = (payload: unknown, cidOrSlug = cid) =>
      call(t, cast.admin, {
        method: 'POST',
        url: `${base(cidOrSlug)}/proposed-codings/confirm`,
        payload: payload as object,
      });
    expectError(await confirm({ codingIds: [listed.items[0]!.id, randomUUID()] }), 404, 'NOT_FOUND');
    expectError(await confirm({ codingIds: [listed.items[0]!.id] }, other.consultation.id), 404, 'NOT_FOUND');
    expectError(await confirm({}), 400, 'VALIDATION_FAILED');
    expectError(await confirm({ codingIds: [rows[0]!.id], tagId: tag.id }), 400, 'VALIDATION_FAILED');
    expect((await codingsOf(cid)).every((r) => r.status === 'proposed')).toBe(true);

    const one = await confirm({ codingIds: [listed.items[0]!.id] });
    expect(json<DecideResult>(one).codingIds).toEqual([listed.items[0]!.id]);
    expect(await inbox(`tag=${tag.id}`)).toEqual([listed.items[0]!.itemId]);
    const rejected = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/proposed-codings/reject`,
      payload: { codingIds: [listed.items[1]!.id] },
    });
    expect(json<DecideResult>(rejected).codingIds).toEqual([listed.items[1]!.id]);
    const bulk = json<DecideResult>(await confirm({ tagId: tag.id }));
    expect(bulk.codingIds).toHaveLength(6);
    const after = await codingsOf(cid);
    expect(after).toHaveLength(7);
    expect(after.every((r) => r.status === 'confirmed' && r.coderId === cast.admin.id)).toBe(true);
    expect(await auditOf(cid, 'coding.confirm')).toHaveLength(2);
    expect(await auditOf(cid, 'coding.reject')).toHaveLength(1);
    expect(json<Page<unknown>>(await call(t, cast.analyst, { url: `${base()}/proposed-codings` })).items).toEqual([]);
  });

  it('dismisses a candidate once, audited; another consultation gets 404', async () => {
    const cand = detail.candidates.find((c) => c.status === 'open' && !c.terms.some((x) => x.term === 'kodeviser'))!;
    const url = (cid: string) => `${base(cid)}/theme-suggestions/${detail.run.id}/candidates/${cand.id}/dismiss`;
    expectError(await call(t, cast.analyst, { method: 'POST', url: url(other.consultation.id) }), 404, 'NOT_FOUND');
    const res = await call(t, cast.analyst, { method: 'POST', url: url(open.consultation.id) });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<ThemeCandidate>(res)).toMatchObject({ status: 'dismissed', tagId: null });
    expectError(await call(t, cast.analyst, { method: 'POST', url: url(open.consultation.id) }), 409, 'CONFLICT');
    expect(await auditOf(open.consultation.id, 'theme_candidate.dismiss')).toHaveLength(1);
  });

  it('accepts without proposing codings, under a parent', async () => {
    const parent = json<CodebookTag>(
      await call(t, cast.analyst, {
        method: 'POST',
        url: `${base()}/codebook/tags`,
        payload: { name: { da: 'Økonomi', en: 'Economy' } },
      }),
    );
    const now = json<ThemeRunDetail>(
      await call(t, cast.analyst, { url: `${base()}/theme-suggestions/${detail.run.id}` }),
    );
    const cand = now.candidates.find((c) => c.status === 'open')!;
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/theme-suggestions/${detail.run.id}/candidates/${cand.id}/accept`,
      payload: { name: { da: 'Pris', en: 'Price' }, parentId: parent.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<ThemeCandidate>(res)).toMatchObject({ status: 'accepted', proposedCount: 0 });
    const book = json<{ tags: CodebookTag[] }>(await call(t, cast.analyst, { url: `${base()}/codebook` }));
    expect(book.tags.find((x) => x.id === json<ThemeCandidate>(res).tagId)).toMatchObject({
      parentId: parent.id,
      depth: 2,
    });
  });
});
