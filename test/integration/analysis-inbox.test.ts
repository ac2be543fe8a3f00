import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexInput, rewalkInput } from '../../server/modules/analysis/inbox/inbox.indexer.ts';
import * as repo from '../../server/modules/analysis/inbox/inbox.repository.ts';
import { inputTallies } from '../../server/modules/analysis/inbox/inbox.tallies.ts';
import type { InboxFacets, InboxItemDetail, InboxPage } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
import type { Comment } from '../../server/modules/comments/comments.schemas.ts';
import { call, createTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { factory, submission, submitOk, TEXT_Q, type OpenConsultation } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

// Issue 11 stories 1 and 5: the analysts' inbox over every kind of input, indexed off the
// submission path by an indexer that follows the audit log; filters, search, facets, workflow.

let t: TestApp;
let cast: Cast;
let open: OpenConsultation;
let ids: { da: string; en: string; org: string; comment: string };

const inbox = (query = '', user = cast.analyst) =>
  call(t, user, { method: 'GET', url: `/api/consultations/${open.consultation.id}/inbox${query}` });
const page = async (query = '') => {
  const res = await inbox(query);
  expect(res.statusCode, res.body).toBe(200);
  return json<InboxPage>(res);
};
const idsOf = (p: InboxPage) => p.items.map((i) => i.id).sort();
const countRows = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from analysis_items`.execute(t.handle.db)).rows[0]!.n);

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  open = await factory(t).newOpenConsultation(cast.admin, {
    scenarios: [{ key: 'S1' }, { key: 'S2' }],
    questions: [TEXT_Q],
  });
  const c = open.consultation.id;
  const da = await submitOk(
    t,
    c,
    submission(open.questions, {
      body: 'Ældre borgere uden smartphone skal have en kodeviser, ellers bliver de udelukket.',
    }),
  );
  const en = await submitOk(
    t,
    c,
    submission(open.questions, {
      body: 'Businesses need delegated signing rights for their employees, otherwise payroll stops.',
      respondent: { name: 'Jane Doe', email: 'jane@example.org', actingAs: 'citizen' },
    }),
  );
  const org = await submitOk(
    t,
    c,
    submission(open.questions, {
      body: 'Kommunerne ønsker en fælles løsning for borgerservice og digital post.',
      respondent: {
        name: 'Anna Holm',
        email: 'anna@kl.dk',
        actingAs: 'public_authority',
        organisationName: 'Kommunernes Landsforening',
      },
    }),
  );
  const posted = await call(t, cast.participant, {
    method: 'POST',
    url: `/api/scenarios/${open.scenarios[0].id}/comments`,
    payload: { body: 'Hvad med borgere med handicap og skærmlæsere?' },
  });
  expect(posted.statusCode, posted.body).toBe(201);
  ids = { da: da.id, en: en.id, org: org.id, comment: json<Comment>(posted).id };
});
afterAll(async () => t?.close());

describe('the inbox index', () => {
  /**
   * One indexer run. On PostgreSQL another file's run may hold the indexer (busy) and index this
   * file's items itself: then it waits for that run and runs again.
   */
  const indexWhenFree = async () => {
    let run = await indexInput(t.handle.db);
    for (let i = 0; i < 100 && run.busy; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = await indexInput(t.handle.db);
    }
    return run;
  };

  it('is built off the submission path: nothing is listed until the indexer has run', async () => {
    const before = await page();
    // On PostgreSQL the test files share one database, and another file's indexer run may have listed
    // these items already (it indexes every consultation's input): the database of its own (PGlite)
    // shows that the submission itself lists nothing.
    if (!process.env.TEST_DATABASE_URL) expect(before.items).toEqual([]);
    // On PostgreSQL another test file may have run the indexer already: walk everything again.
    await rewalkInput(t.handle.db);
    const run = await indexWhenFree();
    expect(run.busy).toBe(false);
    if (!process.env.TEST_DATABASE_URL) expect(run.walked).toBeGreaterThanOrEqual(4);
    const after = await page();
    expect(idsOf(after)).toEqual([ids.da, ids.en, ids.org, ids.comment].sort());
    expect(after.indexedUpTo).not.toBeNull();
  });

  it('follows new input through the audit log, and skips what has not changed', async () => {
    const late = await submitOk(t, open.consultation.id, submission(open.questions, { body: 'Sent svar om NemID.' }));
    if (!process.env.TEST_DATABASE_URL) expect(idsOf(await page())).not.toContain(late.id);
    // On PostgreSQL the test files share one database, so other files' input is indexed here too:
    // what is checked is this item, listed once indexed and not rewritten by a run that finds it unchanged.
    const run = await indexWhenFree();
    if (!process.env.TEST_DATABASE_URL) expect(run.indexed).toBeGreaterThanOrEqual(1);
    expect(idsOf(await page())).toContain(late.id);
    const indexedAt = async () =>
      (
        await sql<{ at: string }>`select indexed_at::text as at from analysis_items where item_id = ${late.id}`.execute(
          t.handle.db,
        )
      ).rows[0]!.at;
    const first = await indexedAt();
    await indexInput(t.handle.db);
    expect(await indexedAt()).toBe(first);
  });

  it('leaves a withdrawn response out of the default view and every count of it, and lists it when asked', async () => {
    const c = open.consultation.id;
    const gone = await submitOk(t, c, submission(open.questions, { body: 'Jeg trækker dette svar tilbage.' }));
    await indexWhenFree();
    const progress = async () =>
      json<{ overall: { items: number } }>(
        await call(t, cast.analyst, { method: 'GET', url: `/api/consultations/${c}/inbox/progress` }),
      ).overall.items;
    const before = { items: await progress(), total: (await inputTallies(t.handle.db, c)).total };
    expect(idsOf(await page())).toContain(gone.id);
    const res = await call(t, null, { method: 'DELETE', url: `/api/responses/by-token/${gone.editToken}` });
    expect(res.statusCode, res.body).toBe(200);
    await indexWhenFree();
    expect(idsOf(await page())).not.toContain(gone.id);
    expect(await progress()).toBe(before.items - 1);
    // The høringsnotat's figures count the default view.
    expect((await inputTallies(t.handle.db, c)).total).toBe(before.total - 1);
    const all = await page('?includeDeleted=true');
    expect(all.items.find((i) => i.id === gone.id)).toMatchObject({ sourceStatus: 'withdrawn' });
  });
});

describe('listing, filters and search', () => {
  it('filters by kind, stakeholder type, scenario and date, and sorts oldest first', async () => {
    expect(idsOf(await page('?kind=comment'))).toEqual([ids.comment]);
    expect(idsOf(await page('?actingAs=public_authority'))).toEqual([ids.org]);
    expect(idsOf(await page(`?scenario=${open.scenarios[0].id}`))).toEqual([ids.comment]);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
    expect((await page(`?from=2000-01-01&to=2000-01-02`)).items).toEqual([]);
    expect((await page(`?from=${today}`)).items.length).toBeGreaterThanOrEqual(4);
    const oldest = await page('?sort=oldest&kind=response');
    const newest = await page('?sort=newest&kind=response');
    expect(oldest.items.map((i) => i.id)).toEqual(newest.items.map((i) => i.id).reverse());
    const org = (await page('?actingAs=public_authority')).items[0]!;
    expect(org).toMatchObject({ kind: 'response', author: 'Kommunernes Landsforening (Anna Holm)', status: 'new' });
  });

  it('searches unpublished input in its own language, with the hits marked', async () => {
    const da = await page(`?q=${encodeURIComponent('kodeviseren')}`);
    expect(idsOf(da)).toEqual([ids.da]);
    expect(da.items[0]!.highlight).toContain('<mark>');
    const en = await page(`?q=${encodeURIComponent('employee')}&sort=relevance`);
    expect(idsOf(en)).toEqual([ids.en]);
    expect((await page(`?q=${encodeURIComponent('zyxwvu')}`)).items).toEqual([]);
  });

  it('pages with a cursor and no item twice', async () => {
    const first = await page('?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const rest = await page(`?limit=2&cursor=${first.nextCursor}`);
    const all = [...first.items, ...rest.items].map((i) => i.id);
    expect(new Set(all).size).toBe(all.length);
  });

  it('estimates the facets from a sample the same way it counts them (a 100 % sample gives the exact counts)', async () => {
    const f = { consultationId: open.consultation.id, kinds: ['response' as const] };
    const exact = await repo.facetCounts(t.handle.db, f);
    const sampled = await repo.estimatedFacetCounts(t.handle.db, f, 100);
    const key = (r: { facet: string; value: string | null; n: number }) => `${r.facet}|${r.value}|${r.n}`;
    expect(sampled.rows.map(key).sort()).toEqual(exact.rows.map(key).sort());
    expect(sampled.total).toBe(exact.total);
    expect(exact.total).toBeGreaterThanOrEqual(3);
    const facets = json<InboxFacets>(await inbox('/facets?kind=response'));
    expect(facets.estimated).toBe(false);
    // The planner's estimate decides which: a few items here.
    const planned = await repo.plannedViewSize(t.handle.db, f);
    expect(planned).toBeGreaterThan(0);
    expect(planned).toBeLessThan(20_000);
  });

  it('counts each facet with its own filter left out', async () => {
    const f = json<InboxFacets>(
      await call(t, cast.analyst, {
        method: 'GET',
        url: `/api/consultations/${open.consultation.id}/inbox/facets?kind=response`,
      }),
    );
    expect(f.kind.find((k) => k.value === 'comment')?.count).toBe(1);
    expect(f.total).toBe(4);
    expect(f.actingAs.find((k) => k.value === 'public_authority')?.count).toBe(1);
    expect(f.status).toEqual([{ value: 'new', count: 4 }]);
  });
});

describe('assignment and status', () => {
  const workflow = (payload: Record<string, unknown>, user = cast.analyst) =>
    call(t, user, { method: 'POST', url: `/api/consultations/${open.consultation.id}/inbox/workflow`, payload });

  it('assigns a selection and marks it analysed; the view and the progress follow', async () => {
    const res = await workflow({ itemIds: [ids.da, ids.comment], assigneeId: cast.analyst.id, status: 'analysed' });
    expect(res.statusCode, res.body).toBe(200);
    expect(idsOf(await page('?assignee=me'))).toEqual([ids.da, ids.comment].sort());
    expect(idsOf(await page('?status=analysed'))).toEqual([ids.da, ids.comment].sort());
    const progress = json<{ overall: { items: number; analysed: number } }>(
      await call(t, cast.analyst, { method: 'GET', url: `/api/consultations/${open.consultation.id}/inbox/progress` }),
    );
    expect(progress.overall.analysed).toBe(2);
  });

  it('splits a view evenly among analysts', async () => {
    const res = await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${open.consultation.id}/inbox/split`,
      payload: { analystIds: [cast.analyst.id, cast.admin.id], query: { assignee: 'none' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const counts = json<{ assigned: { items: number }[] }>(res).assigned.map((a) => a.items);
    expect(Math.abs(counts[0]! - counts[1]!)).toBeLessThanOrEqual(1);
    expect((await page('?assignee=none')).items).toEqual([]);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await sql`select item_id, status, assignee_id from analysis_items order by item_id`.execute(
      t.handle.db,
    );
    expectError(await workflow({ itemIds: [ids.da], assigneeId: cast.participant.id }), 400, 'VALIDATION_FAILED');
    expectError(await workflow({ itemIds: [crypto.randomUUID()], status: 'analysed' }), 404, 'NOT_FOUND');
    expectError(await workflow({ itemIds: [ids.da] }), 400, 'VALIDATION_FAILED');
    expectError(await workflow({ itemIds: ['x'], status: 'analysed' }), 400, 'VALIDATION_FAILED');
    expectError(await workflow({ itemIds: [ids.da], status: 'done' }), 400, 'VALIDATION_FAILED');
    const split = (payload: Record<string, unknown>, user = cast.admin) =>
      call(t, user, { method: 'POST', url: `/api/consultations/${open.consultation.id}/inbox/split`, payload });
    expectError(await split({ analystIds: [cast.participant.id], query: {} }), 400, 'VALIDATION_FAILED');
    expectError(await split({ analystIds: [cast.analyst.id], query: { sort: 'nonsense' } }), 400, 'VALIDATION_FAILED');
    expectError(await split({ analystIds: [] }), 400, 'VALIDATION_FAILED');
    for (const user of [cast.participant, cast.reviewer]) {
      expectError(await split({ analystIds: [cast.analyst.id] }, user), 403, 'FORBIDDEN');
    }
    const after = await sql`select item_id, status, assignee_id from analysis_items order by item_id`.execute(
      t.handle.db,
    );
    expect(after.rows).toEqual(before.rows);
  });
});

describe('one item', () => {
  const item = (kind: string, id: string, user = cast.analyst, consultationId = open.consultation.id) =>
    call(t, user, { method: 'GET', url: `/api/consultations/${consultationId}/inbox/items/${kind}/${id}` });

  it('reads a response with its texts by field, as codings name them, and its workflow', async () => {
    const res = await item('response', ids.org);
    expect(res.statusCode, res.body).toBe(200);
    const d = json<InboxItemDetail>(res);
    expect(d.author).toMatchObject({
      name: 'Anna Holm',
      organisationName: 'Kommunernes Landsforening',
      email: 'anna@kl.dk',
    });
    expect(d.texts[0]).toEqual({
      field: 'body',
      label: null,
      text: 'Kommunerne ønsker en fælles løsning for borgerservice og digital post.',
      codable: true,
    });
    expect(d.texts[1]).toMatchObject({ field: `answer:${open.questions[0].id}`, label: TEXT_Q.prompt, codable: true });
    expect(d.workflow).not.toBeNull();
  });

  it('reads a comment, and refuses another kind, another consultation and other roles', async () => {
    const d = json<InboxItemDetail>(await item('comment', ids.comment));
    expect(d).toMatchObject({ kind: 'comment', scenarioIds: [open.scenarios[0].id], sourceStatus: 'visible' });
    expect(d.texts).toEqual([
      { field: 'body', label: null, text: 'Hvad med borgere med handicap og skærmlæsere?', codable: true },
    ]);
    expectError(await item('comment', ids.da), 404, 'NOT_FOUND');
    expectError(await item('response', ids.comment), 404, 'NOT_FOUND');
    const other = await factory(t).newConsultation(cast.admin);
    expectError(await item('response', ids.da, cast.analyst, other.id), 404, 'NOT_FOUND');
    expectError(await item('finding', ids.da), 404, 'NOT_FOUND');
    expectError(await item('letter', ids.da), 400, 'VALIDATION_FAILED');
    expectError(await item('response', 'x'), 400, 'VALIDATION_FAILED');
    for (const user of [cast.participant, cast.reviewer])
      expectError(await item('response', 'x', user), 403, 'FORBIDDEN');
    expectError(
      await call(t, null, { method: 'GET', url: `/api/consultations/x/inbox/items/y/z` }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('access and bad queries', () => {
  it('is for analysts and admins only, before any validation', async () => {
    for (const user of [cast.participant, cast.reviewer]) {
      expectError(await inbox('?sort=nonsense', user), 403, 'FORBIDDEN');
      expectError(
        await call(t, user, {
          method: 'POST',
          url: `/api/consultations/${open.consultation.id}/inbox/workflow`,
          payload: { itemIds: [ids.da], status: 'analysed' },
        }),
        403,
        'FORBIDDEN',
      );
    }
    const anonymous = await call(t, null, { method: 'GET', url: `/api/consultations/not-a-uuid/inbox?limit=x` });
    expectError(anonymous, 401, 'UNAUTHENTICATED');
    expect((await inbox('', cast.admin)).statusCode).toBe(200);
  });

  it('answers a clear 400 for a bad filter, sort or cursor, and 404 for another consultation', async () => {
    const rows = await countRows();
    expectError(await inbox('?sort=relevance'), 400, 'VALIDATION_FAILED');
    expectError(await inbox('?cursor=abc'), 400, 'BAD_REQUEST');
    expectError(await inbox('?kind=letter'), 400, 'VALIDATION_FAILED');
    expectError(await inbox('?from=2026-02-30'), 400, 'VALIDATION_FAILED');
    expectError(await inbox('?q=%00'), 400, 'VALIDATION_FAILED');
    const other = await call(t, cast.analyst, {
      method: 'GET',
      url: `/api/consultations/${crypto.randomUUID()}/inbox`,
    });
    expectError(other, 404, 'NOT_FOUND');
    expect(await countRows()).toBe(rows);
  });
});

// Last, since they add input and change a comment that the tests above count and read.
describe('the indexer under load', () => {
  it('stops at its budget and goes on from there in the next run', async () => {
    const c = open.consultation.id;
    const burst = [];
    for (const body of ['Første svar i en byge.', 'Andet svar i en byge.', 'Tredje svar i en byge.'])
      burst.push((await submitOk(t, c, submission(open.questions, { body }))).id);
    const first = await indexInput(t.handle.db, { batch: 1, budgetMs: 0, minLagMs: 0 });
    expect(first.more).toBe(true);
    expect(first.indexed).toBeLessThanOrEqual(1);
    let runs = 1;
    for (let run = first; run.more && runs < 500; runs++)
      run = await indexInput(t.handle.db, { batch: 1, budgetMs: 0, minLagMs: 0 });
    expect(runs).toBeGreaterThanOrEqual(3);
    const listed = idsOf(await page('?kind=response'));
    for (const id of burst) expect(listed).toContain(id);
  });

  it.runIf(process.env.TEST_DATABASE_URL)(
    'indexes a change whose transaction commits after a run that could not see it',
    async () => {
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query('begin');
        await client.query(
          `update comments set body = 'Ændret sent: skærmlæsere og kodeviser', edited_at = now()
                             where id = $1`,
          [ids.comment],
        );
        await client.query(
          `insert into audit_events (consultation_id, action, item_type, item_id) values ($1, 'comment.edited', 'comment', $2)`,
          [open.consultation.id, ids.comment],
        );
        // The change is stamped now but not committed: this run cannot see it.
        await indexInput(t.handle.db, { minLagMs: 0 });
        await new Promise((r) => setTimeout(r, 50));
        await indexInput(t.handle.db, { minLagMs: 0 });
        expect(idsOf(await page('?q=kodeviser&kind=comment'))).not.toContain(ids.comment);
        await client.query('commit');
      } finally {
        await client.end();
      }
      await indexAllNow(t.handle.db);
      expect(idsOf(await page('?q=kodeviser&kind=comment'))).toContain(ids.comment);
    },
  );

  it.runIf(process.env.TEST_DATABASE_URL)(
    'ends a view that cannot finish within a second with 422 QUERY_TOO_BROAD, asking to narrow it',
    async () => {
      // A statement that waits is cut off like a slow one: another session holds the table.
      const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query('begin');
        await client.query('lock table analysis_items in access exclusive mode');
        const started = Date.now();
        const res = await inbox('?q=NemID&sort=relevance');
        expectError(res, 422, 'QUERY_TOO_BROAD');
        expect(Date.now() - started).toBeLessThan(5000);
        expectError(await inbox('/facets?kind=response'), 422, 'QUERY_TOO_BROAD');
      } finally {
        await client.query('rollback');
        await client.end();
      }
    },
  );
});

describe('ranking by relevance', () => {
  it('orders the hits by ts_rank of each text against the query in its own language, page by page', async () => {
    const c = open.consultation.id;
    const bodies = [
      'Kodeviseren er svær. Kodeviseren går i stykker, og kodeviseren mangler lys.',
      'Kodeviseren bør afskaffes.',
      'Kodeviseren og atter kodeviseren: ældre kan ikke læse den.',
      'The kodeviseren is hard to read, and the kodeviseren breaks.',
      'An English text that names the kodeviseren once.',
    ];
    for (const body of bodies) await submitOk(t, c, submission(open.questions, { body }));
    await indexAllNow(t.handle.db);
    const q = `?q=kodeviseren&sort=relevance`;
    const hits = (await page(`?q=kodeviseren&limit=100`)).items.map((i) => i.id);
    expect(hits.length).toBeGreaterThanOrEqual(bodies.length);
    // The documented ranking, computed here from the index's own rows.
    const expected = (
      await sql<{ itemId: string }>`select item_id from analysis_items
         where consultation_id = ${c} and item_id = any(${hits}::uuid[])
         order by ts_rank(search, websearch_to_tsquery(doc_language::regconfig, 'kodeviseren')) desc, item_id desc`.execute(
        t.handle.db,
      )
    ).rows.map((r) => r.itemId);
    const ranked: string[] = [];
    let cursor: string | null = null;
    do {
      const p: InboxPage = await page(`${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      ranked.push(...p.items.map((i) => i.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(ranked).toEqual(expected);
    expect((await page(`${q}&limit=100`)).items.map((i) => i.id)).toEqual(expected);
    // An English text is ranked through the English query (the Danish one stems the word differently,
    // to `kodevis`, and would rank it 0).
    const english = (
      await sql<{ docLanguage: string; rank: number }>`select i.doc_language,
           ts_rank(i.search, websearch_to_tsquery(i.doc_language::regconfig, 'kodeviseren')) as rank
         from analysis_items i join analysis_item_texts x using (consultation_id, kind, item_id)
        where i.consultation_id = ${c} and x.doc like 'The kodeviseren%'`.execute(t.handle.db)
    ).rows;
    expect(english.map((r) => r.docLanguage)).toEqual(['english']);
    expect(english[0]!.rank).toBeGreaterThan(0);
  });

  it('keeps each vector in its row and searches each language through its own text index', async () => {
    // A ranked page reads every hit's vector: stored out of the row, each read cost a TOAST lookup.
    const storage = await sql<{ attstorage: string }>`select attstorage from pg_attribute
       where attrelid = 'analysis_items'::regclass and attname = 'search'`.execute(t.handle.db);
    expect(storage.rows.map((r) => r.attstorage)).toEqual(['m']);
    // The item's text and excerpt sit apart (analysis_item_texts), one row per item, so the rows a
    // ranked page reads by the thousand hold its keys, filters and vector only.
    const wide = await sql<{ attname: string }>`select attname from pg_attribute
       where attrelid = 'analysis_items'::regclass and attname in ('doc', 'excerpt') and not attisdropped`.execute(
      t.handle.db,
    );
    expect(wide.rows).toEqual([]);
    const c = open.consultation.id;
    const apart = await sql<{ items: string; texts: string; excerpts: string }>`select
           (select count(*) from analysis_items where consultation_id = ${c}) as items, count(*) as texts,
           count(*) filter (where x.excerpt <> '' and length(x.doc) >= length(x.excerpt) - 1) as excerpts
         from analysis_item_texts x where x.consultation_id = ${c}`.execute(t.handle.db);
    expect(Number(apart.rows[0]!.items)).toBeGreaterThan(0);
    expect(Number(apart.rows[0]!.texts)).toBe(Number(apart.rows[0]!.items));
    expect(Number(apart.rows[0]!.excerpts)).toBe(Number(apart.rows[0]!.items));
    // One partial index per language, so each language's reading of a query is answered exactly by
    // the index, and no index over both languages for a search to fall back on.
    const indexes = await sql<{ name: string; predicate: string | null }>`select c.relname as name,
           pg_get_expr(x.indpred, x.indrelid) as predicate
         from pg_index x join pg_class c on c.oid = x.indexrelid join pg_am a on a.oid = c.relam
        where x.indrelid = 'analysis_items'::regclass and a.amname = 'gin' order by c.relname`.execute(t.handle.db);
    expect(indexes.rows).toEqual([
      { name: 'analysis_items_search_da_idx', predicate: "(doc_language = 'danish'::text)" },
      { name: 'analysis_items_search_en_idx', predicate: "(doc_language = 'english'::text)" },
    ]);
    // A word the two languages read differently finds the Danish text through the Danish reading only.
    expect(idsOf(await page(`?q=${encodeURIComponent('kodeviser')}&sort=relevance`))).toContain(ids.da);
  });
});
