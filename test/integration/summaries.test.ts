import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coding } from '../../server/modules/analysis/codings/codings.schemas.ts';
import type {
  PassagePage,
  ThemeSummary,
  ThemeSummaryList,
} from '../../server/modules/reports/summaries/summaries.schemas.ts';
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
import { factory, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';

// Issue 14 story 5: theme summaries whose sentences cite coded passages, the agency's answer, how
// much of a theme's coded input its summary cites, and the single voices no summary cites yet.

let t: TestApp;
let cast: Cast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
});
afterAll(async () => t.close());

const BODIES = [
  'Løsningen skal virke uden smartphone. Den skal også være gratis for borgerne.',
  'Min mor har ingen smartphone. Prisen bør holdes nede.',
  'Sikkerheden kommer først. Gratis for alle, tak.',
];

type Hearing = {
  cid: string;
  access: string;
  noPhone: string;
  cost: string;
  responses: string[];
  /** codings[r][0]: the first sentence of response r (access / no-phone), [1]: the second (cost). */
  codings: Coding[][];
};

async function post<T>(user: TestUser, url: string, payload: object, status = 201): Promise<T> {
  const res = await call(t, user, { method: 'POST', url, payload });
  expect(res.statusCode, res.body).toBe(status);
  return json<T>(res);
}

/**
 * A hearing with three responses and a codebook: "Access" with the sub-theme "No smartphone", and
 * "Cost". Response 0's first sentence is coded "Access", responses 1 and 2's "No smartphone"; every
 * second sentence "Cost". Response 0 is also coded whole with "No smartphone" (a passage without a quote).
 */
async function hearing(): Promise<Hearing> {
  const f = factory(t);
  const { consultation: c, questions } = await f.newOpenConsultation(cast.admin, {
    scenarios: [{ key: 'S1' }],
    questions: [TEXT_Q],
  });
  const tag = (name: string, parentId: string | null = null) =>
    post<{ id: string }>(cast.analyst, `/api/consultations/${c.id}/codebook/tags`, {
      name: { da: name, en: name },
      parentId,
    }).then((x) => x.id);
  const access = await tag('Access');
  const noPhone = await tag('No smartphone', access);
  const cost = await tag('Cost');
  const responses: string[] = [];
  const codings: Coding[][] = [];
  for (const [i, body] of BODIES.entries()) {
    const r = await submitOk(t, c.id, submission(questions, { body }));
    responses.push(r.id);
    const cut = body.indexOf('. ') + 1;
    const code = (tagId: string, start: number, end: number) =>
      post<Coding>(cast.analyst, `/api/consultations/${c.id}/codings`, {
        tagId,
        itemKind: 'response',
        itemId: r.id,
        field: 'body',
        startOffset: start,
        endOffset: end,
      });
    codings.push([await code(i === 0 ? access : noPhone, 0, cut), await code(cost, cut + 1, Array.from(body).length)]);
  }
  await post(cast.analyst, `/api/consultations/${c.id}/codings`, {
    tagId: noPhone,
    itemKind: 'response',
    itemId: responses[0],
  });
  return { cid: c.id, access, noPhone, cost, responses, codings };
}

const url = (h: Hearing, tagId = h.access, rest = '') => `/api/consultations/${h.cid}/theme-summaries/${tagId}${rest}`;
const put = (h: Hearing, tagId: string, payload: unknown, user: TestUser | null = cast.analyst) =>
  call(t, user, { method: 'PUT', url: url(h, tagId), payload: payload as object });
const get = async <T>(u: string, user: TestUser = cast.analyst): Promise<T> => {
  const res = await call(t, user, { url: u });
  expect(res.statusCode, res.body).toBe(200);
  return json<T>(res);
};
const list = (h: Hearing) => get<ThemeSummaryList>(`/api/consultations/${h.cid}/theme-summaries`);

function draft(codingIds: string[][], extra: Record<string, unknown> = {}) {
  return {
    version: 0,
    status: 'draft',
    answer: 'partly',
    answerReason: { da: 'Kodeviseren bevares.', en: 'The code display stays.' },
    changeMade: { da: 'Vejledningen er udvidet.', en: 'The guide was extended.' },
    sentences: codingIds.map((ids, i) => ({
      text: { da: `Sætning ${i + 1}.`, en: `Sentence ${i + 1}.` },
      codingIds: ids,
    })),
    ...extra,
  };
}

describe('writing a theme summary', () => {
  it('an analyst saves sentences with citations and the answer; the theme reads it back; audited', async () => {
    const h = await hearing();
    const empty = await get<ThemeSummary>(url(h));
    expect(empty).toMatchObject({ id: null, version: 0, status: 'draft', answer: null, sentences: [] });
    expect(empty.tag.path).toEqual([{ da: 'Access', en: 'Access' }]);

    // A sub-theme's passage may be cited by the theme above it.
    const body = draft([[h.codings[0]![0]!.id], [h.codings[1]![0]!.id, h.codings[2]![0]!.id]]);
    const res = await put(h, h.access, body);
    expect(res.statusCode, res.body).toBe(200);
    const saved = json<ThemeSummary>(res);
    expect(saved).toMatchObject({ version: 1, status: 'draft', answer: 'partly', writtenBy: 'Test analyst' });
    expect(saved.answerReason).toEqual(body.answerReason);
    expect(saved.changeMade).toEqual(body.changeMade);
    expect(saved.sentences.map((s) => s.text)).toEqual(body.sentences.map((s) => s.text));
    // Citations are listed in a stable order (by coding), not necessarily as sent.
    const cited = saved.sentences[1]!.citations.map((c) => [c.codingId, c.removed, c.inTheme]);
    expect(cited.sort()).toEqual(
      [
        [h.codings[1]![0]!.id, false, true],
        [h.codings[2]![0]!.id, false, true],
      ].sort(),
    );
    const quoted = saved.sentences[0]!.citations[0]!.passage!;
    expect(quoted).toMatchObject({ itemKind: 'response', itemId: h.responses[0], tagId: h.access });
    expect(quoted.quote).toBe(BODIES[0]!.slice(0, BODIES[0]!.indexOf('. ') + 1));
    expect(await get<ThemeSummary>(url(h), cast.admin)).toEqual(saved);

    // Saved again at its version (now "ready", both languages complete); an admin may too.
    const again = await put(h, h.access, { ...body, version: 1, status: 'ready' }, cast.admin);
    expect(again.statusCode, again.body).toBe(200);
    expect(json<ThemeSummary>(again)).toMatchObject({ version: 2, status: 'ready', writtenBy: 'Test admin' });

    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select(['action', 'itemId'])
      .where('consultationId', '=', h.cid)
      .where('itemType', '=', 'theme_summary')
      .orderBy('occurredAt')
      .execute();
    expect(audit).toEqual([
      { action: 'theme_summary.create', itemId: saved.id },
      { action: 'theme_summary.update', itemId: saved.id },
    ]);
  });

  it('a stale version is a 409 and changes nothing', async () => {
    const h = await hearing();
    expect((await put(h, h.access, draft([[h.codings[0]![0]!.id]]))).statusCode).toBe(200);
    const before = await get<ThemeSummary>(url(h));
    for (const version of [0, 2]) {
      const res = await put(h, h.access, draft([], { version, answer: 'accommodated' }));
      expectError(res, 409, 'CONFLICT');
      expect(json<ErrorWith<{ reason: string }>>(res).error.details.reason).toBe('stale_version');
    }
    // A theme without a summary yet takes only version 0.
    expectError(await put(h, h.cost, draft([], { version: 1 })), 409, 'CONFLICT');
    expect(await get<ThemeSummary>(url(h))).toEqual(before);
    expect((await get<ThemeSummary>(url(h, h.cost))).id).toBeNull();
  });

  it('refuses a citation of another theme, another consultation or a sub-theme’s parent; nothing changes', async () => {
    const h = await hearing();
    const other = await hearing();
    const cases: [string, string, string][] = [
      [h.access, h.codings[0]![1]!.id, 'not_in_theme'], // a "Cost" passage in "Access"
      [h.access, other.codings[0]![0]!.id, 'not_in_consultation'], // another hearing's "Access" passage
      [h.noPhone, h.codings[0]![0]!.id, 'not_in_theme'], // the parent's passage in the sub-theme
      [h.access, '00000000-0000-4000-8000-000000000000', 'not_in_consultation'],
    ];
    for (const [tagId, codingId, reason] of cases) {
      const res = await put(h, tagId, draft([[h.codings[1]![0]!.id], [codingId]]));
      expectError(res, 422, 'RULE_VIOLATION');
      const details = json<ErrorWith<{ reason: string; invalid: unknown[] }>>(res).error.details;
      expect(details).toEqual({
        reason: 'citation',
        invalid: [{ path: 'sentences.1.codingIds', codingId, reason }],
      });
    }
    for (const tagId of [h.access, h.noPhone]) expect((await get<ThemeSummary>(url(h, tagId))).id).toBeNull();
  });

  it('refuses bad input with a 400, and a "ready" summary that is incomplete with a 422; nothing changes', async () => {
    const h = await hearing();
    const ok = draft([[h.codings[0]![0]!.id]]);
    const sentence = ok.sentences[0]!;
    const bad: unknown[] = [
      {},
      { ...ok, version: -1 },
      { ...ok, version: '0' },
      { ...ok, answer: 'maybe' },
      { ...ok, status: 'published' },
      { ...ok, extra: true },
      { ...ok, sentences: [{ ...sentence, text: { da: ' ', en: '' } }] },
      { ...ok, sentences: [{ ...sentence, codingIds: ['not-a-uuid'] }] },
      { ...ok, sentences: [{ ...sentence, codingIds: [h.codings[0]![0]!.id, h.codings[0]![0]!.id] }] },
      { ...ok, sentences: [{ ...sentence, text: { da: 'x'.repeat(2001), en: '' } }] },
      { ...ok, answerReason: { da: 1, en: '' } },
      { ...ok, sentences: 'x' },
    ];
    for (const payload of bad) expectError(await put(h, h.access, payload), 400, 'VALIDATION_FAILED');
    const notJson = await call(t, cast.analyst, {
      method: 'PUT',
      url: url(h),
      payload: '{"version":',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
    expectError(await put(h, 'not-a-uuid', ok), 400, 'VALIDATION_FAILED');

    const incomplete = await put(h, h.access, {
      ...ok,
      status: 'ready',
      answer: null,
      answerReason: { da: 'x', en: '' },
    });
    expectError(incomplete, 422, 'RULE_VIOLATION');
    expect(json<ErrorWith<{ missing: string[] }>>(incomplete).error.details.missing).toEqual([
      'answer',
      'answerReason.en',
    ]);
    expectError(await put(h, h.access, { ...ok, status: 'ready', sentences: [] }), 422, 'RULE_VIOLATION');
    expect((await get<ThemeSummary>(url(h))).id).toBeNull();
    // A theme of another consultation, or none, is not found here.
    const other = await hearing();
    expectError(await put(h, other.access, ok), 404, 'NOT_FOUND');
    expectError(await call(t, cast.analyst, { url: url(h, '00000000-0000-4000-8000-000000000000') }), 404, 'NOT_FOUND');
  });
});

describe('the summaries the høringsnotat reads (story 6)', () => {
  it('gives each theme’s summary with its sentences and the codings each cites, as saved', async () => {
    const h = await hearing();
    const cites = [[h.codings[0]![0]!.id, h.codings[1]![0]!.id], [h.codings[2]![0]!.id]];
    const saved = json<ThemeSummary>(await put(h, h.access, draft(cites)));
    const { summariesForReport } = await import('../../server/modules/reports/summaries/summaries.service.ts');
    const all = await summariesForReport(t.handle.db, h.cid);
    expect([...all.keys()]).toEqual([h.access]);
    const s = all.get(h.access)!;
    expect(s).toMatchObject({ id: saved.id, status: 'draft', answer: 'partly', version: 1 });
    expect(s.answerReason).toEqual(saved.answerReason);
    expect(s.sentences.map((x) => x.text)).toEqual(saved.sentences.map((x) => x.text));
    expect(s.sentences.map((x) => [...x.codingIds].sort())).toEqual(cites.map((c) => [...c].sort()));
  });
});

describe('coverage and single voices', () => {
  it('counts each theme’s passages and items (sub-themes included) and what its summary cites', async () => {
    const h = await hearing();
    // "Access" cites response 0's access passage and response 1's no-smartphone passage.
    const accessCites = [h.codings[0]![0]!.id, h.codings[1]![0]!.id];
    expect((await put(h, h.access, draft([accessCites]))).statusCode).toBe(200);
    // "Cost" cites response 2's cost passage.
    expect((await put(h, h.cost, draft([[h.codings[2]![1]!.id]]))).statusCode).toBe(200);

    // Counted independently: every coding the hearing made, by tag.
    const all = await t.handle.db
      .selectFrom('codings')
      .select(['id', 'tagId', 'itemId'])
      .where('consultationId', '=', h.cid)
      .execute();
    const subtree = { [h.access]: [h.access, h.noPhone], [h.noPhone]: [h.noPhone], [h.cost]: [h.cost] };
    const cites = { [h.access]: accessCites, [h.noPhone]: [] as string[], [h.cost]: [h.codings[2]![1]!.id] };
    const anyCited = new Set([...accessCites, h.codings[2]![1]!.id]);
    const expected = (tagId: string) => {
      const under = all.filter((c) => subtree[tagId]!.includes(c.tagId));
      const cited = under.filter((c) => cites[tagId]!.includes(c.id));
      return {
        passages: under.length,
        items: new Set(under.map((c) => c.itemId)).size,
        citedPassages: cited.length,
        citedItems: new Set(cited.map((c) => c.itemId)).size,
        singleVoices: under.filter((c) => !anyCited.has(c.id)).length,
      };
    };
    const l = await list(h);
    expect(l.themes.map((x) => [x.tagId, x.parentId, x.depth])).toEqual([
      [h.access, null, 1],
      [h.noPhone, h.access, 2],
      [h.cost, null, 1],
    ]);
    for (const theme of l.themes) expect(theme.coverage).toMatchObject(expected(theme.tagId));
    // Access: 4 passages (1 + 3 under "No smartphone") in 3 responses; 2 cited in 2 responses.
    expect(l.themes[0]!.coverage).toEqual({
      passages: 4,
      items: 3,
      citedPassages: 2,
      citedItems: 2,
      passagePercent: 50,
      itemPercent: 66,
      singleVoices: 2,
    });
    expect(l.themes[0]).toMatchObject({ status: 'draft', answer: 'partly', version: 1, sentenceCount: 1 });
    expect(l.themes[1]).toMatchObject({ summaryId: null, status: null, version: 0, sentenceCount: 0 });
    expect((await get<ThemeSummary>(url(h, h.noPhone))).coverage).toMatchObject(expected(h.noPhone));

    // The single voices: what no summary cites, newest first, with the item and the quote.
    const voices = await get<PassagePage>(url(h, h.access, '/single-voices'));
    const uncited = all.filter((c) => subtree[h.access]!.includes(c.tagId) && !anyCited.has(c.id));
    expect(voices.items.map((p) => p.codingId).sort()).toEqual(uncited.map((c) => c.id).sort());
    expect(voices.items.every((p) => !p.cited && p.itemKind === 'response')).toBe(true);
    expect(voices.items.map((p) => p.quote)).toContain(null); // the whole-response coding
    // The sub-theme's single voices leave out what the theme above cites.
    const sub = await get<PassagePage>(url(h, h.noPhone, '/single-voices'));
    expect(sub.items.map((p) => p.codingId)).not.toContain(h.codings[1]![0]!.id);
    expect(sub.items).toHaveLength(expected(h.noPhone).singleVoices);
  });

  it('lists a theme’s passages to cite, page by page and by words, marking those cited', async () => {
    const h = await hearing();
    expect((await put(h, h.access, draft([[h.codings[2]![0]!.id]]))).statusCode).toBe(200);
    const first = await get<PassagePage>(url(h, h.access, '/passages?limit=3'));
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await get<PassagePage>(url(h, h.access, `/passages?limit=3&cursor=${first.nextCursor}`));
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((p) => p.codingId);
    expect(new Set(ids).size).toBe(4);
    expect([...first.items, ...second.items].filter((p) => p.cited).map((p) => p.codingId)).toEqual([
      h.codings[2]![0]!.id,
    ]);
    const found = await get<PassagePage>(url(h, h.access, `/passages?q=${encodeURIComponent('mor har')}`));
    expect(found.items.map((p) => p.codingId)).toEqual([h.codings[1]![0]!.id]);
    const none = await get<PassagePage>(url(h, h.access, `/passages?q=${encodeURIComponent('100%_')}`));
    expect(none.items).toEqual([]);
    for (const bad of ['?limit=0', '?limit=101', '?cursor=forged', `?q=${'x'.repeat(201)}`]) {
      const res = await call(t, cast.analyst, { url: url(h, h.access, `/passages${bad}`) });
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it('a cited coding deleted later shows as a removed source, stops counting, and may stay or go', async () => {
    const h = await hearing();
    const gone = h.codings[1]![0]!;
    const kept = h.codings[2]![0]!;
    expect((await put(h, h.access, draft([[gone.id, kept.id]]))).statusCode).toBe(200);
    const del = await call(t, cast.analyst, {
      method: 'DELETE',
      url: `/api/consultations/${h.cid}/codings/${gone.id}`,
    });
    expect(del.statusCode, del.body).toBe(204);

    const s = await get<ThemeSummary>(url(h));
    const byId = new Map(s.sentences[0]!.citations.map((c) => [c.codingId, c]));
    expect(byId.get(gone.id)).toEqual({ codingId: gone.id, removed: true, inTheme: false, passage: null });
    expect(byId.get(kept.id)).toMatchObject({ removed: false, inTheme: true, passage: { quote: kept.quote } });
    expect(s.coverage).toMatchObject({ passages: 3, citedPassages: 1, singleVoices: 2 });
    // Saved again with the removed source kept: allowed (it was cited before); a new unknown id is not.
    const again = await put(h, h.access, { ...draft([[gone.id, kept.id]]), version: 1 });
    expect(again.statusCode, again.body).toBe(200);
    expect(json<ThemeSummary>(again).sentences[0]!.citations.find((c) => c.codingId === gone.id)!.removed).toBe(true);
    const other = await hearing();
    expectError(
      await put(h, h.access, { ...draft([[kept.id, other.codings[0]![0]!.id]]), version: 2 }),
      422,
      'RULE_VIOLATION',
    );
    const removed = await put(h, h.access, { ...draft([[kept.id]]), version: 2 });
    expect(json<ThemeSummary>(removed).sentences[0]!.citations.map((c) => c.codingId)).toEqual([kept.id]);
  });
});

describe('access', () => {
  it('analysts and admins only: anonymous 401; participants and reviewers (of this hearing or another) 403', async () => {
    const h = await hearing();
    const member = await signedInUser(t, ['reviewer']);
    const res = await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${h.cid}/reviewers`,
      payload: { email: member.email, authority: 'KL' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const stranger = cast.reviewer;
    const routes: { method: 'GET' | 'PUT'; url: string; payload?: object }[] = [
      { method: 'GET', url: `/api/consultations/${h.cid}/theme-summaries` },
      { method: 'GET', url: url(h) },
      { method: 'PUT', url: url(h), payload: draft([[h.codings[0]![0]!.id]]) },
      { method: 'GET', url: url(h, h.access, '/passages') },
      { method: 'GET', url: url(h, h.access, '/single-voices') },
    ];
    for (const r of routes) {
      expectError(await call(t, null, r), 401, 'UNAUTHENTICATED');
      for (const who of [cast.participant, member, stranger]) expectError(await call(t, who, r), 403, 'FORBIDDEN');
      // The role is checked before the input: a reviewer's bad input is still a 403.
      if (r.method === 'PUT') expectError(await call(t, member, { ...r, payload: { nonsense: 1 } }), 403, 'FORBIDDEN');
    }
    expect((await get<ThemeSummary>(url(h))).id).toBeNull();
    for (const r of routes) {
      for (const who of [cast.analyst, cast.admin]) {
        const ok = await call(t, who, r.method === 'PUT' ? { ...r, payload: draft([]) } : r);
        if (r.method === 'PUT') expect([200, 409]).toContain(ok.statusCode);
        else expect(ok.statusCode, `${r.url}`).toBe(200);
      }
    }
  });

  it('an analyst an admin limited to other teams is refused', async () => {
    const h = await hearing();
    const limited = await signedInUser(t, ['analyst']);
    const res = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/analysts/${limited.id}/limit`,
      payload: { limited: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    const refused = await call(t, limited, { url: `/api/consultations/${h.cid}/theme-summaries` });
    expectError(refused, 403, 'FORBIDDEN');
  });
});
