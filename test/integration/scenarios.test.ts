import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Scenario, ScenarioSummary, ScenarioVersion } from '../../server/modules/scenarios/scenarios.schemas.ts';
import {
  call,
  createTestApp,
  type ErrorWith,
  expectError,
  json,
  makeConsultation,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { factory } from '../helpers/factory.ts';

type ScenarioVersion = z.infer<typeof ScenarioVersion>;

const NON_ADMINS = ['analyst', 'reviewer', 'participant'] as const;
const WRONG = [...NON_ADMINS, 'anonymous'] as const;

const DESCRIPTION = {
  da: '# Partnerskab\n\nBankerne og staten deler én løsning.\n\nDet giver ét login til alt.',
  en: '# Partnership\n\nThe banks and the state share one solution.\n\nIt gives one login for everything.',
};

describe('scenarios', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    admin = cast.admin;
  });
  afterAll(async () => t.close());

  const who = (w: (typeof WRONG)[number]) => (w === 'anonymous' ? null : cast[w]);
  const expectRefused = (res: Parameters<typeof expectError>[0], w: (typeof WRONG)[number]) =>
    w === 'anonymous' ? expectError(res, 401, 'UNAUTHENTICATED') : expectError(res, 403, 'FORBIDDEN');

  const consultation = async (phase: 'draft' | 'open' | 'concluded' = 'open') => {
    const c = await makeConsultation(t, admin);
    const path = { draft: [], open: ['open'], concluded: ['open', 'closed', 'analysis', 'concluded'] }[phase];
    for (const to of path) {
      // Issue 14 story 4: "concluded" needs a decision, and a reason while no report is published.
      if (to === 'concluded') await factory(t).recordDecision(admin, c.id);
      const res = await call(t, admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/transition`,
        payload: { to, ...(to === 'concluded' ? { reason: 'Test' } : {}) },
      });
      if (res.statusCode !== 200) throw new Error(res.body);
    }
    return c as { id: string; slug: string };
  };
  const create = (cid: string, payload: Record<string, unknown>, user: TestUser | null = admin) =>
    call(t, user, { method: 'POST', url: `/api/consultations/${cid}/scenarios`, payload });
  async function scenario(cid: string, key: string, extra: Record<string, unknown> = {}): Promise<Scenario> {
    const res = await create(cid, { key, title: { da: `Scenarie ${key}`, en: `Scenario ${key}` }, ...extra });
    if (res.statusCode !== 201) throw new Error(res.body);
    return json<Scenario>(res);
  }
  const list = (cid: string, user: TestUser | null = admin) =>
    call(t, user, { url: `/api/consultations/${cid}/scenarios` });
  const keys = async (cid: string) => json<ScenarioSummary[]>(await list(cid)).map((s: ScenarioSummary) => s.key);
  const get = (id: string, user: TestUser | null = admin) => call(t, user, { url: `/api/scenarios/${id}` });
  const readBack = async (id: string): Promise<Scenario> => json<Scenario>(await get(id));
  const setStatus = (id: string, payload: Record<string, unknown>, user: TestUser | null = admin) =>
    call(t, user, { method: 'POST', url: `/api/scenarios/${id}/status`, payload });
  const patch = (id: string, payload: Record<string, unknown>, user: TestUser | null = admin) =>
    call(t, user, { method: 'PATCH', url: `/api/scenarios/${id}`, payload });
  const reorder = (cid: string, scenarioIds: unknown, user: TestUser | null = admin) =>
    call(t, user, { method: 'PUT', url: `/api/consultations/${cid}/scenarios/order`, payload: { scenarioIds } });

  describe('POST /api/consultations/:id/scenarios', () => {
    it('adds a candidate at the end, with its description split into paragraphs', async () => {
      const c = await consultation('draft');
      const s1 = await scenario(c.id, 'S1');
      const res = await create(c.slug, { key: 'S2', title: { da: 'To', en: 'Two' }, description: DESCRIPTION });
      expect(res.statusCode).toBe(201);
      const s2 = json<Scenario>(res);
      expect(s1.position).toBe(0);
      expect(s2).toMatchObject({
        consultationId: c.id,
        consultationSlug: c.slug,
        key: 'S2',
        position: 1,
        status: 'candidate',
        statusRound: 1,
        version: 1,
        description: DESCRIPTION,
        statusHistory: [{ from: null, to: 'candidate', round: 1, note: null }],
        allowedStatusChanges: ['shortlisted', 'eliminated'],
      });
      expect(s2.paragraphs.da).toHaveLength(3);
      expect(s2.paragraphs.da[0]!.html.trim()).toBe('<h2>Partnerskab</h2>');
      for (const p of [...s2.paragraphs.da, ...s2.paragraphs.en]) expect(p.id).toMatch(/^p-[0-9a-f]{8}$/);
      expect(await keys(c.id)).toEqual(['S1', 'S2']);
      expect(json<Consultation>(await call(t, admin, { url: `/api/consultations/${c.id}` })).scenarioCount).toBe(2);
    });

    it('refuses a key taken in the same consultation with 409, but allows it in another', async () => {
      const c = await consultation('draft');
      const s1 = await scenario(c.id, 'S1');
      expectError(await create(c.id, { key: 'S1', title: { da: 'Kopi', en: 'Copy' } }), 409, 'KEY_TAKEN');
      expect(await keys(c.id)).toEqual(['S1']);
      expect((await readBack(s1.id)).title).toEqual(s1.title);
      const other = await consultation('draft');
      expect((await create(other.id, { key: 'S1', title: { da: 'Ja', en: 'Yes' } })).statusCode).toBe(201);
    });

    it.each([
      ['a lower-case key', { key: 's1' }],
      ['a key with a hyphen', { key: 'S-1' }],
      ['a key of nine characters', { key: 'S12345678' }],
      ['no title', { title: undefined }],
      ['an empty English title', { title: { da: 'x', en: '' } }],
      ['a description in one language', { description: { da: 'x' } }],
    ])('is a 400 for %s and adds nothing', async (_name, override) => {
      const c = await consultation('draft');
      const res = await create(c.id, { key: 'S1', title: { da: 'T', en: 'T' }, ...override });
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(await keys(c.id)).toEqual([]);
    });

    it('is 404 for an unknown consultation and 422 for a concluded one', async () => {
      expectError(await create(randomUUID(), { key: 'S1', title: { da: 'T', en: 'T' } }), 404, 'NOT_FOUND');
      const done = await consultation('concluded');
      const before = await keys(done.id);
      expectError(await create(done.id, { key: 'S9', title: { da: 'T', en: 'T' } }), 422, 'RULE_VIOLATION');
      expect(await keys(done.id)).toEqual(before);
    });

    it.each(WRONG)('is refused for %s and adds nothing', async (w) => {
      const c = await consultation('open');
      expectRefused(await create(c.id, { key: 'S9', title: { da: 'T', en: 'T' } }, who(w)), w);
      expect(await keys(c.id)).toEqual([]);
    });
  });

  describe('reading', () => {
    it('lists scenarios in their order and reads one, for anyone when public', async () => {
      const c = await consultation('open');
      const [a, b, d] = [await scenario(c.id, 'A'), await scenario(c.id, 'B'), await scenario(c.id, 'D')];
      for (const user of [null, cast.participant, admin]) {
        const res = await list(c.slug, user);
        expect(res.statusCode).toBe(200);
        expect(json<ScenarioSummary[]>(res).map((s: ScenarioSummary) => s.id)).toEqual([a!.id, b!.id, d!.id]);
        expect((await get(b!.id, user)).statusCode).toBe(200);
      }
      expect(json<Scenario>(await get(a!.id, null)).allowedStatusChanges).toEqual([]);
    });

    it("hides a draft consultation's scenarios from visitors and participants (404)", async () => {
      const c = await consultation('draft');
      const s = await scenario(c.id, 'S1', { description: DESCRIPTION });
      for (const user of [null, cast.participant, cast.reviewer]) {
        expectError(await list(c.id, user), 404, 'NOT_FOUND');
        expectError(await list(c.slug, user), 404, 'NOT_FOUND');
        expectError(await get(s.id, user), 404, 'NOT_FOUND');
        expectError(await call(t, user, { url: `/api/scenarios/${s.id}/versions/1` }), 404, 'NOT_FOUND');
      }
      for (const role of ['analyst', 'admin'] as const) {
        expect((await list(c.id, cast[role])).statusCode).toBe(200);
        expect((await get(s.id, cast[role])).statusCode).toBe(200);
        expect((await call(t, cast[role], { url: `/api/scenarios/${s.id}/versions/1` })).statusCode).toBe(200);
      }
    });

    it('is 404 for unknown ids and 400 for malformed ones', async () => {
      expectError(await get(randomUUID()), 404, 'NOT_FOUND');
      expectError(await get('S1'), 400, 'VALIDATION_FAILED');
      expectError(await list(randomUUID()), 404, 'NOT_FOUND');
      expectError(await list('x'.repeat(101)), 400, 'BAD_REQUEST');
    });
  });

  describe('PUT /api/consultations/:id/scenarios/order', () => {
    it('reorders the scenarios', async () => {
      const c = await consultation('open');
      const [a, b, d] = [await scenario(c.id, 'A'), await scenario(c.id, 'B'), await scenario(c.id, 'D')];
      const res = await reorder(c.id, [d!.id, a!.id, b!.id]);
      expect(res.statusCode).toBe(200);
      expect(json<ScenarioSummary[]>(res).map((s: ScenarioSummary) => [s.key, s.position])).toEqual([
        ['D', 0],
        ['A', 1],
        ['B', 2],
      ]);
      expect(await keys(c.slug)).toEqual(['D', 'A', 'B']);
    });

    it.each([
      ['a scenario listed twice', (ids: string[]) => [ids[0], ids[0], ids[1], ids[2]]],
      ['a scenario left out', (ids: string[]) => [ids[1], ids[0]]],
      ['an unknown id', (ids: string[]) => [ids[0], ids[1], randomUUID()]],
      ['an extra unknown id', (ids: string[]) => [...ids, randomUUID()]],
    ])('is a 422 for %s and keeps the order', async (_name, make) => {
      const c = await consultation('open');
      const ids = [(await scenario(c.id, 'A')).id, (await scenario(c.id, 'B')).id, (await scenario(c.id, 'C')).id];
      expectError(await reorder(c.id, make(ids)), 422, 'RULE_VIOLATION');
      expect(await keys(c.id)).toEqual(['A', 'B', 'C']);
    });

    it("is a 422 for another consultation's scenario, and neither order changes", async () => {
      const c = await consultation('open');
      const other = await consultation('open');
      await scenario(c.id, 'A');
      const b = await scenario(c.id, 'B');
      const x = await scenario(other.id, 'X');
      const y = await scenario(other.id, 'Y');
      expectError(await reorder(c.id, [b.id, x.id]), 422, 'RULE_VIOLATION');
      expectError(await reorder(c.id, [y.id, x.id]), 422, 'RULE_VIOLATION');
      expect(await keys(c.id)).toEqual(['A', 'B']);
      expect(await keys(other.id)).toEqual(['X', 'Y']);
    });

    it.each([
      ['an empty order', []],
      ['ids that are not UUIDs', ['S1', 'S2']],
      ['not a list', 'S1,S2'],
    ])('is a 400 for %s', async (_name, body) => {
      const c = await consultation('open');
      await scenario(c.id, 'A');
      await scenario(c.id, 'B');
      expectError(await reorder(c.id, body), 400, 'VALIDATION_FAILED');
      expect(await keys(c.id)).toEqual(['A', 'B']);
    });

    it.each(WRONG)('is refused for %s and keeps the order', async (w) => {
      const c = await consultation('open');
      const a = await scenario(c.id, 'A');
      const b = await scenario(c.id, 'B');
      expectRefused(await reorder(c.id, [b.id, a.id], who(w)), w);
      expect(await keys(c.id)).toEqual(['A', 'B']);
    });
  });

  describe('POST /api/scenarios/:id/status', () => {
    it('changes the status in a round and keeps the history', async () => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1');
      const r1 = await setStatus(s.id, { status: 'shortlisted', round: 1, note: '  Best score  ' });
      expect(r1.statusCode).toBe(200);
      expect(json<Scenario>(r1)).toMatchObject({
        status: 'shortlisted',
        statusRound: 1,
        allowedStatusChanges: ['candidate', 'eliminated', 'selected'],
      });
      const r2 = await setStatus(s.id, { status: 'selected', round: 3 });
      expect(json<Scenario>(r2)).toMatchObject({ status: 'selected', statusRound: 3 });
      expect(json<Scenario>(r2).statusHistory.map((h) => [h.from, h.to, h.round, h.note])).toEqual([
        [null, 'candidate', 1, null],
        ['candidate', 'shortlisted', 1, 'Best score'],
        ['shortlisted', 'selected', 3, null],
      ]);
      // Visitors see the history too: it is how the narrowing is explained.
      expect(json<Scenario>(await get(s.id, null)).statusHistory).toHaveLength(3);
    });

    it('refuses an illegal change with 422 and keeps the status', async () => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1');
      const res = await setStatus(s.id, { status: 'selected', round: 1 });
      expectError(res, 422, 'ILLEGAL_TRANSITION');
      expect(json<ErrorWith<{ from: string; to: string }>>(res).error.details).toEqual({
        from: 'candidate',
        to: 'selected',
      });
      expect(await readBack(s.id)).toMatchObject({ status: 'candidate', statusRound: 1 });
      expect((await readBack(s.id)).statusHistory).toHaveLength(1);
    });

    it('refuses a second selected scenario in one consultation with 422', async () => {
      const c = await consultation('open');
      const s1 = await scenario(c.id, 'S1');
      const s2 = await scenario(c.id, 'S2');
      for (const s of [s1, s2])
        expect((await setStatus(s.id, { status: 'shortlisted', round: 1 })).statusCode).toBe(200);
      expect((await setStatus(s1.id, { status: 'selected', round: 2 })).statusCode).toBe(200);
      expectError(await setStatus(s2.id, { status: 'selected', round: 2 }), 422, 'RULE_VIOLATION');
      expect(await readBack(s2.id)).toMatchObject({ status: 'shortlisted', statusRound: 1 });
      expect((await readBack(s2.id)).statusHistory).toHaveLength(2);
      expect((await readBack(s1.id)).status).toBe('selected');
      // Another consultation may have its own selected scenario.
      const other = await consultation('open');
      const o = await scenario(other.id, 'S1');
      await setStatus(o.id, { status: 'shortlisted', round: 1 });
      expect((await setStatus(o.id, { status: 'selected', round: 1 })).statusCode).toBe(200);
    });

    it('refuses a round before the last change with 422', async () => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1');
      expect((await setStatus(s.id, { status: 'shortlisted', round: 3 })).statusCode).toBe(200);
      const res = await setStatus(s.id, { status: 'eliminated', round: 2 });
      expectError(res, 422, 'ILLEGAL_TRANSITION');
      expect(await readBack(s.id)).toMatchObject({ status: 'shortlisted', statusRound: 3 });
      expect((await setStatus(s.id, { status: 'eliminated', round: 3 })).statusCode).toBe(200);
    });

    it.each([
      ['round 0', { status: 'shortlisted', round: 0 }],
      ['round 101', { status: 'shortlisted', round: 101 }],
      ['a fractional round', { status: 'shortlisted', round: 1.5 }],
      ['a round as text', { status: 'shortlisted', round: 'two' }],
      ['no round', { status: 'shortlisted' }],
      ['an unknown status', { status: 'winner', round: 1 }],
      ['a very long note', { status: 'shortlisted', round: 1, note: 'x'.repeat(2001) }],
    ])('is a 400 for %s and keeps the status', async (_name, payload) => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1');
      expectError(await setStatus(s.id, payload), 400, 'VALIDATION_FAILED');
      expect(await readBack(s.id)).toMatchObject({ status: 'candidate', statusRound: 1 });
    });

    it('is 404 for an unknown scenario', async () => {
      expectError(await setStatus(randomUUID(), { status: 'shortlisted', round: 1 }), 404, 'NOT_FOUND');
    });

    it.each(WRONG)('is refused for %s and keeps the status', async (w) => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1');
      expectRefused(await setStatus(s.id, { status: 'shortlisted', round: 1 }, who(w)), w);
      expect(await readBack(s.id)).toMatchObject({ status: 'candidate', statusRound: 1 });
    });
  });

  describe('PATCH /api/scenarios/:id and versions', () => {
    it('stores a changed description as version 2 and keeps version 1 readable', async () => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1', { description: DESCRIPTION });
      const v2 = {
        da: `Et nyt første afsnit.\n\n${DESCRIPTION.da}`,
        en: `A new first paragraph.\n\n${DESCRIPTION.en}`,
      };
      const res = await patch(s.id, { description: v2 });
      expect(res.statusCode).toBe(200);
      expect(json<Scenario>(res)).toMatchObject({ version: 2, description: v2 });

      const old = await call(t, null, { url: `/api/scenarios/${s.id}/versions/1` });
      expect(old.statusCode).toBe(200);
      expect(json<ScenarioVersion>(old)).toMatchObject({ scenarioId: s.id, version: 1, description: DESCRIPTION });
      const cur = json<ScenarioVersion>(await call(t, null, { url: `/api/scenarios/${s.id}/versions/2` }));
      expect(cur.description).toEqual(v2);
      // Unchanged paragraphs keep their ids across versions, so #p-… links still work,
      // and a paragraph has the same id in both languages.
      const ids = (v: { paragraphs: Record<'da' | 'en', { id: string }[]> }, locale: 'da' | 'en') =>
        v.paragraphs[locale].map((p) => p.id);
      for (const locale of ['da', 'en'] as const) {
        expect(ids(cur, locale).slice(1)).toEqual(ids(json<ScenarioVersion>(old), locale));
        expect(ids(json<ScenarioVersion>(old), locale)).not.toContain(ids(cur, locale)[0]);
      }
      expect(ids(cur, 'en')).toEqual(ids(cur, 'da'));
      expect(json<Scenario>(await get(s.id, null)).paragraphs).toEqual(cur.paragraphs);
    });

    it('does not make a new version when only the title changes or the description is unchanged', async () => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1', { description: DESCRIPTION });
      const res = await patch(s.id, { title: { da: 'Ny', en: 'New' }, description: DESCRIPTION });
      expect(json<Scenario>(res)).toMatchObject({ version: 1, title: { da: 'Ny', en: 'New' } });
      expectError(await call(t, admin, { url: `/api/scenarios/${s.id}/versions/2` }), 404, 'NOT_FOUND');
    });

    it('refuses a key taken by another scenario with 409 and changes nothing', async () => {
      const c = await consultation('open');
      await scenario(c.id, 'S1');
      const s2 = await scenario(c.id, 'S2');
      expectError(await patch(s2.id, { key: 'S1', title: { da: 'X', en: 'X' } }), 409, 'KEY_TAKEN');
      expect(await readBack(s2.id)).toMatchObject({ key: 'S2', title: s2.title });
    });

    it('refuses to edit a scenario of a concluded consultation with 422', async () => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1');
      for (const to of ['closed', 'analysis']) {
        await call(t, admin, { method: 'POST', url: `/api/consultations/${c.id}/transition`, payload: { to } });
      }
      await factory(t).conclude(admin, c.id);
      expectError(await patch(s.id, { title: { da: 'Sent', en: 'Late' } }), 422, 'RULE_VIOLATION');
      expect((await readBack(s.id)).title).toEqual(s.title);
    });

    it.each([
      ['an empty body', {}],
      ['an invalid key', { key: 'bad key' }],
      ['an empty title', { title: { da: '', en: '' } }],
      ['a description that is not text', { description: { da: 1, en: 2 } }],
    ])('is a 400 for %s and changes nothing', async (_name, payload) => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1', { description: DESCRIPTION });
      expectError(await patch(s.id, payload), 400, 'VALIDATION_FAILED');
      expect(await readBack(s.id)).toMatchObject({ key: 'S1', title: s.title, version: 1, description: DESCRIPTION });
    });

    it('versions: 404 for one that does not exist, 400 for a malformed number', async () => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1');
      expectError(await call(t, null, { url: `/api/scenarios/${s.id}/versions/9` }), 404, 'NOT_FOUND');
      expectError(await call(t, null, { url: `/api/scenarios/${s.id}/versions/0` }), 400, 'VALIDATION_FAILED');
      expectError(await call(t, null, { url: `/api/scenarios/${s.id}/versions/latest` }), 400, 'VALIDATION_FAILED');
      expectError(await call(t, null, { url: `/api/scenarios/${randomUUID()}/versions/1` }), 404, 'NOT_FOUND');
    });

    it('is 404 for an unknown scenario', async () => {
      expectError(await patch(randomUUID(), { title: { da: 'X', en: 'X' } }), 404, 'NOT_FOUND');
    });

    it.each(WRONG)('is refused for %s and changes nothing', async (w) => {
      const c = await consultation('open');
      const s = await scenario(c.id, 'S1', { description: DESCRIPTION });
      expectRefused(await patch(s.id, { description: { da: 'Hacked', en: 'Hacked' } }, who(w)), w);
      expect(await readBack(s.id)).toMatchObject({ version: 1, description: DESCRIPTION });
    });
  });
});
