import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgreementResults,
  ItemSamples,
  SampleDetail,
} from '../../server/modules/analysis/agreement/agreement.schemas.ts';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import type { ItemCodings } from '../../server/modules/analysis/codings/codings.schemas.ts';
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
import { factory, type Page, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';

// Issue 11 story 7: coder agreement. An admin draws a reproducible sample of the inbox for two or
// more coders, who code it blind while it is open; the results compare their codings.

let t: TestApp;
let cast: Cast;
let a1: TestUser;
let a2: TestUser;
let a3: TestUser;
let cid: string;
let scenarioId: string;
let responseIds: string[];
let commentId: string;
let tagA: CodebookTag;
let tagB: CodebookTag;

const base = (c = cid) => `/api/consultations/${c}/agreement-samples`;
const draw = (payload: unknown, user: TestUser | null = cast.admin, c = cid) =>
  call(t, user, { method: 'POST', url: base(c), payload: payload as Record<string, unknown> });
async function drawOk(payload: Record<string, unknown>, c = cid): Promise<SampleDetail> {
  const res = await draw(payload, cast.admin, c);
  expect(res.statusCode, res.body).toBe(201);
  return json<SampleDetail>(res);
}
const samplesIn = async (c = cid) =>
  Number(
    (
      await sql<{ n: string }>`select count(*) as n from agreement_samples where consultation_id = ${c}`.execute(
        t.handle.db,
      )
    ).rows[0]!.n,
  );
async function tagIn(c: string, en: string): Promise<CodebookTag> {
  const res = await call(t, cast.admin, {
    method: 'POST',
    url: `/api/consultations/${c}/codebook/tags`,
    payload: { name: { da: `${en} (da)`, en } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<CodebookTag>(res);
}
async function code(user: TestUser, itemId: string, tagId: string, itemKind = 'response', extra = {}) {
  const res = await call(t, user, {
    method: 'POST',
    url: `/api/consultations/${cid}/codings`,
    payload: { tagId, itemKind, itemId, ...extra },
  });
  expect(res.statusCode, res.body).toBe(201);
}
const codersSeen = async (user: TestUser, itemId: string) => {
  const res = await call(t, user, { url: `/api/consultations/${cid}/items/response/${itemId}/codings` });
  expect(res.statusCode, res.body).toBe(200);
  return [...new Set(json<ItemCodings>(res).codings.map((c) => c.coderId))].sort();
};
const codersListed = async (user: TestUser, itemId: string) => {
  const res = await call(t, user, { url: `/api/consultations/${cid}/codings?itemId=${itemId}` });
  expect(res.statusCode, res.body).toBe(200);
  return [...new Set(json<Page<{ coderId: string }>>(res).items.map((c) => c.coderId))].sort();
};
const md5Order = (seed: string, ids: string[]) =>
  [...ids].sort((x, y) => {
    const hx = createHash('md5').update(`${seed}:${x}`).digest('hex');
    const hy = createHash('md5').update(`${seed}:${y}`).digest('hex');
    return hx < hy ? -1 : hx > hy ? 1 : x < y ? -1 : 1;
  });

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  [a1, a2, a3] = await Promise.all([
    signedInUser(t, ['analyst']),
    signedInUser(t, ['analyst']),
    signedInUser(t, ['analyst']),
  ]);
  const open = await factory(t).newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }], questions: [TEXT_Q] });
  cid = open.consultation.id;
  scenarioId = open.scenarios[0].id;
  responseIds = [];
  for (let i = 0; i < 6; i++) {
    const r = await submitOk(t, cid, submission(open.questions, { body: `Svar nummer ${i} om digital identitet.` }));
    responseIds.push(r.id);
  }
  commentId = (await factory(t).newComment(cast.participant, scenarioId, 'En kommentar om adgang.')).id;
  // The inbox rows of this consultation's input, as the indexer writes them. Not indexInput: on a
  // shared PostgreSQL database it would index other test files' input while they assert it is not yet.
  const items = [
    ...responseIds.map((id, i) => ({
      kind: 'response',
      id,
      status: 'submitted',
      scenarios: '{}',
      text: `Svar nummer ${i} om digital identitet.`,
    })),
    {
      kind: 'comment',
      id: commentId,
      status: 'visible',
      scenarios: `{${scenarioId}}`,
      text: 'En kommentar om adgang.',
    },
  ];
  await sql`with x as (select * from jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
                                 as x(kind text, id uuid, status text, scenarios text, text text)),
            i as (insert into analysis_items (consultation_id, kind, item_id, received_at, source_status, scenario_ids,
                                              doc_language, search)
                  select ${cid}::uuid, x.kind, x.id, now(), x.status, x.scenarios::uuid[], 'danish', to_tsvector('danish', x.text)
                    from x)
            insert into analysis_item_texts (consultation_id, kind, item_id, excerpt, doc)
            select ${cid}::uuid, x.kind, x.id, x.text, x.text from x`.execute(t.handle.db);
  tagA = await tagIn(cid, 'Access');
  tagB = await tagIn(cid, 'Cost');
});
afterAll(async () => t?.close());

describe('drawing a sample', () => {
  it('draws the asked number of codable items for the coders, in md5(seed:id) order, and audits it', async () => {
    const s = await drawOk({ seed: 'nemid-2026', size: 4, coderIds: [a1.id, a2.id] });
    expect(s).toMatchObject({
      consultationId: cid,
      seed: 'nemid-2026',
      size: 4,
      items: 4,
      status: 'open',
      filters: {},
    });
    expect(s.coders.map((c) => c.id).sort()).toEqual([a1.id, a2.id].sort());
    expect(s.coders.every((c) => c.done === 0 && c.name.length > 0)).toBe(true);
    const expected = md5Order('nemid-2026', [...responseIds, commentId]).slice(0, 4);
    expect(s.sampleItems.map((i) => i.id)).toEqual(expected);
    expect(s.sampleItems.map((i) => i.position)).toEqual([0, 1, 2, 3]);
    const audit = await sql<{ action: string; details: { items: number; seed: string } }>`
      select action, details from audit_events where item_id = ${s.id}`.execute(t.handle.db);
    expect(audit.rows).toMatchObject([{ action: 'agreement.draw', details: { items: 4, seed: 'nemid-2026' } }]);
  });

  it('is reproducible: the same seed and filters give the same sample; an integer seed is its text', async () => {
    const one = await drawOk({ seed: 42, size: 5, filters: { kind: ['response'] }, coderIds: [a1.id, a2.id] });
    const two = await drawOk({ seed: '42', size: 5, filters: { kind: ['response'] }, coderIds: [a2.id, a1.id] });
    const other = await drawOk({ seed: 43, size: 6, filters: { kind: ['response'] }, coderIds: [a1.id, a2.id] });
    expect(two.sampleItems.map((i) => i.id)).toEqual(one.sampleItems.map((i) => i.id));
    expect(one.sampleItems.every((i) => i.kind === 'response')).toBe(true);
    expect(other.sampleItems.map((i) => i.id)).toEqual(md5Order('43', responseIds));
    expect(two.number).toBe(one.number + 1);
  });

  it('numbers samples drawn at the same moment one after the other', async () => {
    const payload = { seed: 'race', size: 1, coderIds: [a1.id, a2.id] };
    const [one, two] = await Promise.all([drawOk(payload), drawOk(payload)]);
    expect(Math.abs(one.number - two.number)).toBe(1);
  });

  it('applies the inbox filters (kind, scenario) and draws fewer when fewer match', async () => {
    const s = await drawOk({ seed: 1, size: 10, filters: { kind: ['comment'] }, coderIds: [a1.id, a2.id] });
    expect(s).toMatchObject({ size: 10, items: 1 });
    expect(s.sampleItems).toMatchObject([{ kind: 'comment', id: commentId }]);
    const byScenario = await drawOk({ seed: 1, size: 10, filters: { scenario: scenarioId }, coderIds: [a1.id, a2.id] });
    expect(byScenario.sampleItems.map((i) => i.id)).toEqual([commentId]);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await samplesIn();
    const ok = { seed: 's', size: 2, coderIds: [a1.id, a2.id] };
    const bad: [unknown, number, string][] = [
      [{ ...ok, size: 0 }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, size: 5001 }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, seed: '' }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, seed: 1.5 }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, coderIds: [a1.id] }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, coderIds: [a1.id, a1.id] }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, coderIds: [a1.id, cast.participant.id] }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, coderIds: [a1.id, randomUUID()] }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, filters: { kind: ['finding'] } }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, filters: { colour: 'red' } }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, extra: true }, 400, 'VALIDATION_FAILED'],
      [{ ...ok, filters: { scenario: randomUUID() } }, 422, 'RULE_VIOLATION'],
    ];
    for (const [payload, status, codeName] of bad) expectError(await draw(payload), status, codeName);
    expect(await samplesIn()).toBe(before);
  });
});

describe('access', () => {
  it('refuses every wrong role on every route, the analyst on drawing and closing, and another consultation', async () => {
    const s = await drawOk({ seed: 'roles', size: 2, coderIds: [a1.id, a2.id] });
    const routes = [
      { method: 'POST', url: base(), payload: { seed: 1, size: 1, coderIds: [a1.id, a2.id] } },
      { method: 'GET', url: base() },
      { method: 'GET', url: `${base()}/${s.id}` },
      { method: 'POST', url: `${base()}/${s.id}/close` },
      { method: 'GET', url: `${base()}/${s.id}/results` },
      { method: 'GET', url: `/api/consultations/${cid}/items/response/${responseIds[0]}/agreement-samples` },
    ] as const;
    for (const r of routes) {
      expectError(await call(t, null, r), 401, 'UNAUTHENTICATED');
      expectError(await call(t, cast.participant, r), 403, 'FORBIDDEN');
      expectError(await call(t, cast.reviewer, r), 403, 'FORBIDDEN');
    }
    expectError(await call(t, cast.analyst, routes[0]), 403, 'FORBIDDEN');
    expectError(await call(t, cast.analyst, routes[3]), 403, 'FORBIDDEN');
    expect((await call(t, cast.analyst, routes[1])).statusCode).toBe(200);
    expect((await call(t, cast.analyst, routes[2])).statusCode).toBe(200);

    const other = (await factory(t).newOpenConsultation(cast.admin)).consultation.id;
    for (const url of [`${base(other)}/${s.id}`, `${base(other)}/${s.id}/results`]) {
      expectError(await call(t, cast.admin, { method: 'GET', url }), 404, 'NOT_FOUND');
    }
    expectError(await call(t, cast.admin, { method: 'POST', url: `${base(other)}/${s.id}/close` }), 404, 'NOT_FOUND');
    expectError(await call(t, cast.admin, { method: 'GET', url: `${base()}/${randomUUID()}` }), 404, 'NOT_FOUND');
    expectError(await call(t, cast.admin, { method: 'GET', url: `${base()}/not-a-uuid` }), 400, 'VALIDATION_FAILED');
    expectError(await call(t, cast.admin, { method: 'GET', url: base(randomUUID()) }), 404, 'NOT_FOUND');
    const list = json<{ items: { id: string }[] }>(await call(t, cast.admin, { method: 'GET', url: base(other) }));
    expect(list.items).toEqual([]);
    expect(await samplesIn(other)).toBe(0);
  });
});

describe('blind coding and results', () => {
  it('hides the other coders’ codings from a coder while the sample is open, never from an admin', async () => {
    const [x, y] = responseIds;
    const s = await drawOk({ seed: 'blind', size: 6, filters: { kind: ['response'] }, coderIds: [a1.id, a2.id] });
    await code(a1, x!, tagA.id);
    await code(a2, x!, tagB.id);
    await code(a3, x!, tagA.id); // not a coder of the sample
    await code(a1, y!, tagA.id);
    await code(a2, y!, tagA.id);

    expect(await codersSeen(a1, x!)).toEqual([a1.id, a3.id].sort());
    expect(await codersSeen(a2, x!)).toEqual([a2.id, a3.id].sort());
    expect(await codersListed(a1, x!)).toEqual([a1.id, a3.id].sort());
    expect(await codersSeen(a3, x!)).toEqual([a1.id, a2.id, a3.id].sort());
    expect(await codersSeen(cast.admin, x!)).toEqual([a1.id, a2.id, a3.id].sort());
    expect(await codersListed(cast.admin, x!)).toEqual([a1.id, a2.id, a3.id].sort());
    // The exports are as blind as the item view: a coder's download leaves out the other coder's codings.
    const exported = async (user: TestUser) =>
      json<{ codings: { itemId: string; tagId: string }[] }>(
        await call(t, user, { method: 'GET', url: `/api/consultations/${cid}/analysis/codings.json` }),
      ).codings.filter((k) => k.itemId === x);
    expect((await exported(a1)).map((k) => k.tagId).sort()).toEqual([tagA.id, tagA.id].sort());
    expect((await exported(cast.admin)).map((k) => k.tagId).sort()).toEqual([tagA.id, tagA.id, tagB.id].sort());

    const itemUrl = `/api/consultations/${cid}/items/response/${x}/agreement-samples`;
    const mine = json<ItemSamples>(await call(t, a1, { method: 'GET', url: itemUrl }));
    expect(mine.samples.find((m) => m.id === s.id)).toMatchObject({ number: s.number, status: 'open', blind: true });
    const admin = json<ItemSamples>(await call(t, cast.admin, { method: 'GET', url: itemUrl }));
    expect(admin.samples.find((m) => m.id === s.id)).toMatchObject({ blind: false });

    // A coder does not see the results while the sample is open; an admin and other analysts do.
    const results = `${base()}/${s.id}/results`;
    expectError(await call(t, a1, { method: 'GET', url: results }), 403, 'FORBIDDEN');
    expect((await call(t, a3, { method: 'GET', url: results })).statusCode).toBe(200);
    const r = json<AgreementResults>(await call(t, cast.admin, { method: 'GET', url: results }));
    expect(r.coders.map((c) => [c.id, c.done]).sort()).toEqual(
      [
        [a1.id, 2],
        [a2.id, 2],
      ].sort(),
    );
    // Units: x and y, both coded by both; tags A and B.
    // A: x (1, 0), y (1, 1) → agreement 1/2. B: x (0, 1), y (0, 0) → 1/2. Overall 2/4.
    const byTag = new Map(r.tags.map((g) => [g.tagId, g]));
    expect(byTag.get(tagA.id)).toMatchObject({ units: 2, percentAgreement: 0.5, disagreements: 1 });
    expect(byTag.get(tagA.id)!.name).toEqual({ da: 'Access (da)', en: 'Access' });
    expect(byTag.get(tagB.id)).toMatchObject({ units: 2, percentAgreement: 0.5, disagreements: 1 });
    expect(r.overall).toMatchObject({ units: 4, percentAgreement: 0.5 });
    // Pooled: (1,0), (1,1), (0,1), (0,0): κ = 0; α = 1 − 7·4 / (2·4·4) = 0.125.
    expect(r.overall.kappa).toBeCloseTo(0, 9);
    expect(r.overall.alpha).toBeCloseTo(0.125, 9);
    expect(r.overall.reading).toBe('unreliable');
    expect(r.disagreements).toHaveLength(2);
    expect(r.disagreements.every((d) => d.itemId === x)).toBe(true);
    const onA = r.disagreements.find((d) => d.tagId === tagA.id)!;
    expect(onA.applied.map((a) => a.coderId)).toEqual([a1.id]);
    expect(onA.notApplied).toEqual([a2.id]);

    // Closed: the coders see each other's codings and the results; closing again is a conflict.
    const closed = await call(t, cast.admin, { method: 'POST', url: `${base()}/${s.id}/close` });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(json<SampleDetail>(closed)).toMatchObject({ status: 'closed' });
    expect(json<SampleDetail>(closed).closedAt).not.toBeNull();
    // x is still in the earlier tests' open samples a1 and a2 code: still blind until they close too.
    expect(await codersSeen(a1, x!)).toEqual([a1.id, a3.id].sort());
    const list = json<{ items: SampleDetail[] }>(await call(t, cast.admin, { method: 'GET', url: base() }));
    for (const o of list.items.filter((o) => o.status === 'open')) {
      expect((await call(t, cast.admin, { method: 'POST', url: `${base()}/${o.id}/close` })).statusCode).toBe(200);
    }
    expect(await codersSeen(a1, x!)).toEqual([a1.id, a2.id, a3.id].sort());
    expect(await codersListed(a2, x!)).toEqual([a1.id, a2.id, a3.id].sort());
    expect((await call(t, a1, { method: 'GET', url: results })).statusCode).toBe(200);
    const again = await call(t, cast.admin, { method: 'POST', url: `${base()}/${s.id}/close` });
    expectError(again, 409, 'CONFLICT');
    const audit = await sql<{ action: string }>`
      select action from audit_events where item_id = ${s.id} order by occurred_at`.execute(t.handle.db);
    expect(audit.rows.map((a) => a.action)).toEqual(['agreement.draw', 'agreement.close']);
  });

  it('keeps quotes of passages beside the disagreement', async () => {
    const z = responseIds[2]!;
    const s = await drawOk({ seed: 'quotes', size: 6, filters: { kind: ['response'] }, coderIds: [a1.id, a2.id] });
    await code(a1, z, tagB.id, 'response', { field: 'body', startOffset: 0, endOffset: 4 });
    await code(a2, z, tagA.id);
    const r = json<AgreementResults>(await call(t, cast.admin, { method: 'GET', url: `${base()}/${s.id}/results` }));
    const d = r.disagreements.find((d) => d.itemId === z && d.tagId === tagB.id)!;
    expect(d.applied).toEqual([{ coderId: a1.id, quotes: ['Svar'] }]);
    expect(d.excerpt).toContain('Svar nummer 2');
    expect(d.itemKind).toBe('response');
  });
});

describe('a 1,000-item double-coded sample', () => {
  it('computes its figures from one aggregate and matches an independent computation', async () => {
    const open = await factory(t).newOpenConsultation(cast.admin);
    const c = open.consultation.id;
    const tags = await Promise.all(['T1', 'T2', 'T3', 'T4', 'T5'].map((n) => tagIn(c, n)));
    const items = Array.from({ length: 1000 }, () => randomUUID());
    await sql`insert into analysis_items (consultation_id, kind, item_id, received_at, source_status, doc_language, search)
              select ${c}::uuid, 'response', id, now(), 'submitted', 'danish', ''::tsvector
                from unnest(${items}::uuid[]) as id`.execute(t.handle.db);
    await sql`insert into analysis_item_texts (consultation_id, kind, item_id, excerpt)
              select ${c}::uuid, 'response', id, 'Et svar' from unnest(${items}::uuid[]) as id`.execute(t.handle.db);
    // Coder 1 applies each tag with a tag-specific rate; coder 2 agrees most of the time.
    let state = 12345;
    const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const applied: { item: string; tag: number; coder: 0 | 1 }[] = [];
    for (const [i, item] of items.entries()) {
      for (const coder of [0, 1] as const) {
        const mine: number[] = [];
        for (let k = 0; k < 5; k++) {
          const first = rand() < 0.1 + 0.15 * k;
          const agree = rand() < 0.85 + 0.03 * k;
          if (coder === 0 ? first : agree === first) mine.push(k);
          if (coder === 0) state = (state + k) % 2 ** 31;
        }
        if (mine.length === 0) mine.push(i % 5);
        for (const k of mine) applied.push({ item, tag: k, coder });
      }
    }
    const coderIds = [a1.id, a2.id];
    await sql`insert into codings (consultation_id, tag_id, item_kind, item_id, coder_id)
              select ${c}::uuid, tag, 'response', item, coder
                from unnest(${applied.map((a) => tags[a.tag]!.id)}::uuid[], ${applied.map((a) => a.item)}::uuid[],
                            ${applied.map((a) => coderIds[a.coder]!)}::uuid[]) as x(tag, item, coder)`.execute(
      t.handle.db,
    );
    const s = await drawOk({ seed: 'bench', size: 1000, coderIds }, c);
    expect(s.items).toBe(1000);

    const started = performance.now();
    const res = await call(t, cast.admin, { method: 'GET', url: `${base(c)}/${s.id}/results` });
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(200);
    const r = json<AgreementResults>(res);
    // The bench holds it to 1 s on PostgreSQL; here a loose bound on a shared machine and PGlite.
    expect(ms).toBeLessThan(5000);

    // Independently: per tag a 2 × 2 table (both, first only, second only, neither), no missing data.
    const has = new Set(applied.map((a) => `${a.item}:${a.tag}:${a.coder}`));
    const tally = (ks: number[]) => {
      let both = 0;
      let onlyFirst = 0;
      let onlySecond = 0;
      let neither = 0;
      for (const item of items)
        for (const k of ks) {
          const p = has.has(`${item}:${k}:0`);
          const q = has.has(`${item}:${k}:1`);
          if (p && q) both++;
          else if (p) onlyFirst++;
          else if (q) onlySecond++;
          else neither++;
        }
      const n = both + onlyFirst + onlySecond + neither;
      const po = (both + neither) / n;
      const pe = ((both + onlyFirst) * (both + onlySecond) + (neither + onlySecond) * (neither + onlyFirst)) / (n * n);
      const ones = 2 * both + onlyFirst + onlySecond;
      const zeros = 2 * neither + onlyFirst + onlySecond;
      return {
        units: n,
        percentAgreement: po,
        kappa: (po - pe) / (1 - pe),
        alpha: 1 - ((2 * n - 1) * (onlyFirst + onlySecond)) / (ones * zeros),
        disagreements: onlyFirst + onlySecond,
      };
    };
    for (const [k, tag] of tags.entries()) {
      const want = tally([k]);
      const got = r.tags.find((g) => g.tagId === tag.id)!;
      expect(got.units).toBe(want.units);
      expect(got.disagreements).toBe(want.disagreements);
      expect(got.percentAgreement).toBeCloseTo(want.percentAgreement, 9);
      expect(got.kappa).toBeCloseTo(want.kappa, 9);
      expect(got.alpha).toBeCloseTo(want.alpha, 9);
    }
    const all = tally([0, 1, 2, 3, 4]);
    expect(r.overall.units).toBe(5000);
    expect(r.overall.percentAgreement).toBeCloseTo(all.percentAgreement, 9);
    expect(r.overall.kappa).toBeCloseTo(all.kappa, 9);
    expect(r.overall.alpha).toBeCloseTo(all.alpha, 9);
    expect(r.disagreements).toHaveLength(all.disagreements);
    expect(r.coders.map((k) => k.done)).toEqual([1000, 1000]);
  });
});
