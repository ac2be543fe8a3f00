import type { Consultation, ConsultationSummary } from '../../server/modules/consultations/consultations.schemas.ts';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, Page } from '../helpers/factory.ts';
import {
  call,
  createTestApp,
  type ErrorWith,
  expectError,
  json,
  makeConsultation,
  signInCast,
  uniqueSlug,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { factory } from '../helpers/factory.ts';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();
const NON_ADMINS = ['analyst', 'reviewer', 'participant'] as const;

describe('consultations', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    admin = cast.admin;
  });
  afterAll(async () => t.close());

  const get = (idOrSlug: string, user: TestUser | null = admin) =>
    call(t, user, { url: `/api/consultations/${idOrSlug}` });
  const readBack = async (id: string): Promise<Consultation> => json<Consultation>(await get(id));
  const patch = (id: string, payload: Record<string, unknown>, user: TestUser | null = admin) =>
    call(t, user, { method: 'PATCH', url: `/api/consultations/${id}`, payload });
  const transition = (id: string, to: string, user: TestUser | null = admin, reason?: string) =>
    call(t, user, { method: 'POST', url: `/api/consultations/${id}/transition`, payload: { to, reason } });
  /** Issue 14 story 4: "concluded" needs a recorded decision, and a reason while no report is published. */
  const conclude = async (id: string) => {
    await factory(t).recordDecision(admin, id);
    return transition(id, 'concluded', admin, 'Høringsnotatet er udgivet som PDF');
  };
  const putDocs = (id: string, documents: unknown[], user: TestUser | null = admin) =>
    call(t, user, { method: 'PUT', url: `/api/consultations/${id}/documents`, payload: { documents } });
  const draft = (overrides: Record<string, unknown> = {}): Promise<Consultation> =>
    makeConsultation(t, admin, overrides);
  async function inPhase(phase: 'open' | 'closed' | 'analysis' | 'concluded'): Promise<Consultation> {
    const c = await draft();
    const path = ['open', 'closed', 'analysis', 'concluded'];
    for (const p of path.slice(0, path.indexOf(phase) + 1)) {
      const res = p === 'concluded' ? await conclude(c.id) : await transition(c.id, p);
      if (res.statusCode !== 200) throw new Error(`transition to ${p} failed: ${res.body}`);
    }
    return readBack(c.id);
  }

  describe('POST /api/consultations', () => {
    it('creates a draft with defaults, rendered and sanitised Markdown', async () => {
      const slug = uniqueSlug('create');
      const res = await call(t, admin, {
        method: 'POST',
        url: '/api/consultations',
        payload: {
          slug,
          title: { da: '  Næste generation  ', en: 'Next generation' },
          body: { da: '# Baggrund\n\n<script>alert(1)</script>Tekst', en: '[x](javascript:alert(1))' },
          closesAt: '2031-01-01T12:00:00+01:00',
        },
      });
      expect(res.statusCode).toBe(201);
      const c = json<Consultation>(res);
      expect(c).toMatchObject({
        slug,
        title: { da: 'Næste generation', en: 'Next generation' },
        summary: { da: '', en: '' },
        phase: 'draft',
        version: 1,
        languages: ['da', 'en'],
        itStage: 'analysis',
        opensAt: null,
        closesAt: '2031-01-01T11:00:00.000Z',
        acceptsInput: false,
        scenarioCount: 0,
        documents: [],
        phaseHistory: [],
        allowedTransitions: ['open'],
      });
      expect(c.bodyHtml.da).toContain('<h2>Baggrund</h2>');
      expect(c.bodyHtml.da).not.toMatch(/<script/);
      expect(c.bodyHtml.en).not.toMatch(/javascript/i);
      // The source is kept as written: it is shown inert, not rewritten.
      expect(c.body.da).toContain('<script>');
      expect(json<Consultation>(await get(slug))).toMatchObject({ id: c.id, phase: 'draft' });
    });

    it('refuses a slug that is taken with 409 and leaves the first untouched', async () => {
      const first = await draft();
      const res = await call(t, admin, {
        method: 'POST',
        url: '/api/consultations',
        payload: { slug: first.slug, title: { da: 'Kopi', en: 'Copy' } },
      });
      expectError(res, 409, 'SLUG_TAKEN');
      expect((await readBack(first.slug)).id).toBe(first.id);
      expect((await readBack(first.slug)).title).toEqual(first.title);
    });

    it('refuses an opening time after the closing time with 422 and creates nothing', async () => {
      const slug = uniqueSlug('window');
      const res = await call(t, admin, {
        method: 'POST',
        url: '/api/consultations',
        payload: { slug, title: { da: 'V', en: 'W' }, opensAt: inDays(10), closesAt: inDays(5) },
      });
      expectError(res, 422, 'RULE_VIOLATION');
      expectError(await get(slug), 404, 'NOT_FOUND');
    });

    it.each([
      ['an upper-case slug', { slug: 'Bad-Slug' }],
      ['a slug with a double hyphen', { slug: 'bad--slug' }],
      ['a two-letter slug', { slug: 'ab' }],
      ['no title', { title: undefined }],
      ['an empty Danish title', { title: { da: ' ', en: 'x' } }],
      ['a title in one language only', { title: { da: 'x' } }],
      ['a date that is not ISO-8601', { closesAt: 'next tuesday' }],
      ['a date without a time zone', { closesAt: '2031-01-01T12:00:00' }],
      ['an unknown IT stage', { itStage: 'dreaming' }],
      ['no languages', { languages: [] }],
      ['an unknown language', { languages: ['de'] }],
    ])('is a 400 for %s and creates nothing', async (_name, override) => {
      const slug = uniqueSlug('bad');
      const payload = { slug, title: { da: 'T', en: 'T' }, ...override };
      const res = await call(t, admin, { method: 'POST', url: '/api/consultations', payload });
      expectError(res, 400, 'VALIDATION_FAILED');
      expectError(await get(slug), 404, 'NOT_FOUND');
      if ('slug' in override) expect((await get(override.slug)).statusCode).toBe(404);
    });

    it.each(NON_ADMINS)('is 403 for %s and creates nothing', async (role) => {
      const slug = uniqueSlug('role');
      const res = await call(t, cast[role], {
        method: 'POST',
        url: '/api/consultations',
        payload: { slug, title: { da: 'T', en: 'T' } },
      });
      expectError(res, 403, 'FORBIDDEN');
      expectError(await get(slug), 404, 'NOT_FOUND');
    });

    it('is 401 for anonymous and creates nothing', async () => {
      const slug = uniqueSlug('anon');
      const res = await call(t, null, {
        method: 'POST',
        url: '/api/consultations',
        payload: { slug, title: { da: 'T', en: 'T' } },
      });
      expectError(res, 401, 'UNAUTHENTICATED');
      expectError(await get(slug), 404, 'NOT_FOUND');
    });
  });

  describe('drafts are visible to staff only', () => {
    it('hides a draft from anonymous visitors and participants (404 by id and by slug)', async () => {
      const c = await draft();
      for (const who of [null, cast.participant]) {
        expectError(await get(c.id, who), 404, 'NOT_FOUND');
        expectError(await get(c.slug, who), 404, 'NOT_FOUND');
      }
    });

    it.each(['analyst', 'admin'] as const)('shows a draft to %s', async (role) => {
      const c = await draft();
      const res = await get(c.id, cast[role]);
      expect(res.statusCode).toBe(200);
      expect(json<Consultation>(res).phase).toBe('draft');
    });

    // Issue 14 story 1: a reviewer (a public authority) is not staff and sees what the public sees.
    it('hides a draft from a reviewer', async () => {
      const c = await draft();
      expectError(await get(c.id, cast.reviewer), 404, 'NOT_FOUND');
    });

    it('leaves drafts out of the list for visitors and participants, and in it for staff', async () => {
      const before = await inPhase('open');
      const hidden = await draft();
      const after = await inPhase('open');
      for (const who of [null, cast.participant, cast.reviewer]) {
        const ids = await walkUntil(who, before.id);
        expect(ids).toContain(after.id);
        expect(ids).not.toContain(hidden.id);
      }
      for (const role of ['analyst', 'admin'] as const) {
        expect(await walkUntil(cast[role], before.id)).toContain(hidden.id);
      }
    });

    it('gives visitors an empty list when they ask for drafts', async () => {
      await draft();
      const res = await call(t, null, { url: '/api/consultations?phase=draft' });
      expect(res.statusCode).toBe(200);
      expect(json<Page<ConsultationSummary>>(res)).toEqual({ items: [], nextCursor: null });
    });

    it('shows only the published fields to visitors: no editor names, no transitions', async () => {
      const c = await inPhase('open');
      const pub = json<Consultation>(await get(c.id, null));
      expect(pub.phaseHistory).toEqual([{ from: 'draft', to: 'open', at: expect.any(String), by: null }]);
      expect(pub.allowedTransitions).toEqual([]);
      expect(json<Consultation>(await get(c.id, cast.analyst)).phaseHistory[0]!.by).toBe('Test admin');
      expect(json<Consultation>(await get(c.id, cast.analyst)).allowedTransitions).toEqual([]);
    });
  });

  describe('GET /api/consultations/:id', () => {
    it('reads by id and by slug', async () => {
      const c = await inPhase('open');
      const byId = json<Consultation>(await get(c.id, null));
      const bySlug = json<Consultation>(await get(c.slug, null));
      expect(byId).toMatchObject({ id: c.id, slug: c.slug, phase: 'open', acceptsInput: true });
      expect({ ...bySlug, serverTime: null }).toEqual({ ...byId, serverTime: null });
    });

    it('shows every change at once to a visitor who read it before (no stale copy)', async () => {
      const c = await inPhase('open');
      const read = async () => json<Consultation>(await get(c.slug, null));
      expect((await read()).documents).toEqual([]);
      await putDocs(c.id, [{ title: { da: 'Bilag', en: 'Annex' }, url: 'https://example.org/a.pdf' }]);
      expect((await read()).documents).toHaveLength(1);
      await patch(c.id, { version: c.version, title: { da: 'Ændret', en: 'Changed' } });
      expect((await read()).title).toEqual({ da: 'Ændret', en: 'Changed' });
      await call(t, admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/scenarios`,
        payload: { key: 'S1', title: { da: 'En', en: 'One' } },
      });
      expect((await read()).scenarioCount).toBe(1);
      await transition(c.id, 'closed');
      expect(await read()).toMatchObject({ phase: 'closed', acceptsInput: false });
      // A staff reader of the same consultation still gets the staff view, not the visitor's copy.
      expect(json<Consultation>(await get(c.slug, cast.analyst)).phaseHistory[0]!.by).toBe('Test admin');
      expect(json<Consultation>(await get(c.slug, admin)).allowedTransitions.sort()).toEqual(['analysis', 'open']);
    });

    it('is 404 for an unknown slug or id', async () => {
      expectError(await get(uniqueSlug('nope'), null), 404, 'NOT_FOUND');
      expectError(await get(randomUUID(), null), 404, 'NOT_FOUND');
    });

    it('is a 400 in the usual error shape for an over-long or malformed address', async () => {
      expectError(await get('x'.repeat(101), null), 400, 'BAD_REQUEST');
      expectError(await get('%E0%A4%A', null), 400, 'BAD_REQUEST');
    });
  });

  describe('PATCH /api/consultations/:id', () => {
    it('updates with the current version and bumps it', async () => {
      const c = await draft();
      const res = await patch(c.id, {
        version: 1,
        title: { da: 'Ny titel', en: 'New title' },
        itStage: 'procurement',
        opensAt: inDays(1),
        closesAt: inDays(20),
      });
      expect(res.statusCode).toBe(200);
      expect(json<Consultation>(res)).toMatchObject({
        version: 2,
        title: { da: 'Ny titel', en: 'New title' },
        itStage: 'procurement',
      });
      expect(await readBack(c.id)).toMatchObject({ version: 2, itStage: 'procurement' });
    });

    it('refuses a stale version with 409 STALE_VERSION and changes nothing', async () => {
      const c = await draft();
      expect((await patch(c.id, { version: 1, summary: { da: 'Første', en: 'First' } })).statusCode).toBe(200);
      const stale = await patch(c.id, { version: 1, summary: { da: 'Anden', en: 'Second' } });
      expectError(stale, 409, 'STALE_VERSION');
      expect(json<ErrorWith<{ currentVersion: number }>>(stale).error.details).toEqual({ currentVersion: 2 });
      expect(await readBack(c.id)).toMatchObject({ version: 2, summary: { da: 'Første', en: 'First' } });
    });

    it('refuses a slug that is taken with 409 and changes nothing', async () => {
      const a = await draft();
      const b = await draft();
      expectError(await patch(b.id, { version: 1, slug: a.slug, title: { da: 'X', en: 'X' } }), 409, 'SLUG_TAKEN');
      expect(await readBack(b.id)).toMatchObject({ slug: b.slug, version: 1, title: b.title });
    });

    it('refuses an opening time after the closing time with 422 and changes nothing', async () => {
      const c = await draft({ opensAt: inDays(1), closesAt: inDays(10) });
      expectError(await patch(c.id, { version: 1, opensAt: inDays(11) }), 422, 'RULE_VIOLATION');
      expect(await readBack(c.id)).toMatchObject({ version: 1, opensAt: c.opensAt, closesAt: c.closesAt });
    });

    it('refuses to edit a concluded consultation with 422', async () => {
      const c = await inPhase('concluded');
      expectError(await patch(c.id, { version: c.version, title: { da: 'Om', en: 'Re' } }), 422, 'RULE_VIOLATION');
      expect(await readBack(c.id)).toMatchObject({ version: c.version, title: c.title });
    });

    it.each([
      ['no version', { title: { da: 'X', en: 'X' } }],
      ['version 0', { version: 0, title: { da: 'X', en: 'X' } }],
      ['nothing to change', { version: 1 }],
      ['an invalid slug', { version: 1, slug: 'Not OK' }],
      ['an empty title', { version: 1, title: { da: '', en: '' } }],
      ['a closing time that is not a date', { version: 1, closesAt: 'soon' }],
    ])('is a 400 for %s and changes nothing', async (_name, payload) => {
      const c = await draft();
      expectError(await patch(c.id, payload), 400, 'VALIDATION_FAILED');
      expect(await readBack(c.id)).toMatchObject({ version: 1, slug: c.slug, title: c.title, closesAt: c.closesAt });
    });

    it('is 404 for an unknown id and 400 for a slug (edits take the id)', async () => {
      expectError(await patch(randomUUID(), { version: 1, title: { da: 'X', en: 'X' } }), 404, 'NOT_FOUND');
      const c = await draft();
      expectError(await patch(c.slug, { version: 1, title: { da: 'X', en: 'X' } }), 400, 'VALIDATION_FAILED');
    });

    it.each([...NON_ADMINS, 'anonymous'] as const)('is refused for %s and changes nothing', async (who) => {
      const c = await inPhase('open');
      const user = who === 'anonymous' ? null : cast[who];
      const res = await patch(c.id, { version: c.version, title: { da: 'Hacked', en: 'Hacked' } }, user);
      if (who === 'anonymous') expectError(res, 401, 'UNAUTHENTICATED');
      else expectError(res, 403, 'FORBIDDEN');
      expect(await readBack(c.id)).toMatchObject({ version: c.version, title: c.title });
    });
  });

  describe('POST /api/consultations/:id/transition', () => {
    it('moves draft → open → closed → analysis → concluded with the history', async () => {
      const c = await draft();
      const steps: [string, string[], boolean][] = [
        ['open', ['closed'], true],
        ['closed', ['analysis', 'open'], false],
        ['analysis', ['concluded'], false],
        ['concluded', [], false],
      ];
      for (const [to, next, accepts] of steps) {
        const res = to === 'concluded' ? await conclude(c.id) : await transition(c.id, to);
        expect(res.statusCode).toBe(200);
        expect(json<Consultation>(res).phase).toBe(to);
        expect([...json<Consultation>(res).allowedTransitions].sort()).toEqual([...next].sort());
        expect(json<Consultation>(res).acceptsInput).toBe(accepts);
      }
      const final = await readBack(c.id);
      expect(final.phaseHistory.map((h: { from: string; to: string }) => `${h.from}→${h.to}`)).toEqual([
        'draft→open',
        'open→closed',
        'closed→analysis',
        'analysis→concluded',
      ]);
      for (const h of final.phaseHistory) expect(h.by).toBe('Test admin');
      const times = final.phaseHistory.map((h: { at: string }) => Date.parse(h.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    });

    it('accepts no input before the opening time, even when open', async () => {
      const c = await draft({ opensAt: inDays(2), closesAt: inDays(9) });
      const res = await transition(c.id, 'open');
      expect(json<Consultation>(res)).toMatchObject({ phase: 'open', acceptsInput: false });
      expect(json<Consultation>(await get(c.id, null)).acceptsInput).toBe(false);
    });

    it('reopens a closed consultation', async () => {
      const c = await inPhase('closed');
      const res = await transition(c.id, 'open');
      expect(res.statusCode).toBe(200);
      expect(json<Consultation>(res).phaseHistory.map((h: { to: string }) => h.to)).toEqual(['open', 'closed', 'open']);
    });

    it.each([
      ['draft', 'closed'],
      ['draft', 'analysis'],
      ['draft', 'concluded'],
      ['draft', 'draft'],
      ['open', 'analysis'],
      ['open', 'draft'],
      ['open', 'open'],
      ['closed', 'draft'],
      ['analysis', 'open'],
      ['concluded', 'analysis'],
      ['concluded', 'open'],
    ] as const)('refuses %s → %s with 422 ILLEGAL_TRANSITION and keeps the phase', async (from, to) => {
      const c = from === 'draft' ? await draft() : await inPhase(from);
      const res = await transition(c.id, to);
      expectError(res, 422, 'ILLEGAL_TRANSITION');
      expect(json<ErrorWith<{ from: string; to: string }>>(res).error.details).toEqual({ from, to });
      const after = await readBack(c.id);
      expect(after.phase).toBe(from);
      expect(after.version).toBe(c.version);
      expect(after.phaseHistory).toHaveLength(c.phaseHistory.length);
    });

    it('refuses to open without a closing time (422)', async () => {
      const c = await draft({ closesAt: null });
      const res = await transition(c.id, 'open');
      expectError(res, 422, 'ILLEGAL_TRANSITION');
      expect(json<ErrorBody>(res).error.message).toMatch(/closing time/);
      expect((await readBack(c.id)).phase).toBe('draft');
    });

    it('refuses to open when the closing time has passed (422)', async () => {
      const c = await draft({ closesAt: inDays(-1) });
      expectError(await transition(c.id, 'open'), 422, 'ILLEGAL_TRANSITION');
      expect((await readBack(c.id)).phase).toBe('draft');
    });

    it('is a 400 for an unknown phase, 404 for an unknown consultation', async () => {
      const c = await draft();
      expectError(await transition(c.id, 'archived'), 400, 'VALIDATION_FAILED');
      expectError(
        await call(t, admin, { method: 'POST', url: `/api/consultations/${c.id}/transition`, payload: {} }),
        400,
        'VALIDATION_FAILED',
      );
      expect((await readBack(c.id)).phase).toBe('draft');
      expectError(await transition(randomUUID(), 'open'), 404, 'NOT_FOUND');
    });

    it.each([...NON_ADMINS, 'anonymous'] as const)('is refused for %s and keeps the phase', async (who) => {
      const c = await draft();
      const res = await transition(c.id, 'open', who === 'anonymous' ? null : cast[who]);
      if (who === 'anonymous') expectError(res, 401, 'UNAUTHENTICATED');
      else expectError(res, 403, 'FORBIDDEN');
      expect(await readBack(c.id)).toMatchObject({ phase: 'draft', phaseHistory: [] });
    });
  });

  describe('PUT /api/consultations/:id/documents', () => {
    const doc = (n: number) => ({
      title: { da: `Bilag ${n}`, en: `Annex ${n}` },
      url: n % 2 ? `https://example.org/annex-${n}.pdf` : `/files/annex-${n}.pdf`,
      mediaType: 'application/pdf',
      sizeBytes: 1000 * n,
    });

    it('replaces the list of documents, in the given order', async () => {
      const c = await draft();
      const first = await putDocs(c.id, [doc(1), doc(2), doc(3)]);
      expect(first.statusCode).toBe(200);
      expect(json<Consultation>(first).documents.map((d: { url: string }) => d.url)).toEqual([
        doc(1).url,
        doc(2).url,
        doc(3).url,
      ]);
      const second = await putDocs(c.id, [
        doc(4),
        { title: { da: 'Uden', en: 'Without' }, url: 'https://example.org/x' },
      ]);
      expect(json<Consultation>(second).documents).toEqual([
        { id: expect.any(String), ...doc(4) },
        {
          id: expect.any(String),
          title: { da: 'Uden', en: 'Without' },
          url: 'https://example.org/x',
          mediaType: null,
          sizeBytes: null,
        },
      ]);
      expect((await readBack(c.id)).documents).toEqual(json<Consultation>(second).documents);
      expect(json<Consultation>(await putDocs(c.id, [])).documents).toEqual([]);
    });

    it('shows the documents to visitors once the consultation is public', async () => {
      const c = await inPhase('open');
      await putDocs(c.id, [doc(1)]);
      expect(json<Consultation>(await get(c.id, null)).documents).toHaveLength(1);
    });

    it.each([
      ['a javascript: URL', [{ ...doc(1), url: 'javascript:alert(1)' }]],
      ['a data: URL', [{ ...doc(1), url: 'data:text/html,<script>alert(1)</script>' }]],
      ['a protocol-less host', [{ ...doc(1), url: 'evil.example/x' }]],
      ['a negative size', [{ ...doc(1), sizeBytes: -1 }]],
      ['a missing title', [{ url: 'https://example.org' }]],
      ['51 documents', Array.from({ length: 51 }, (_, i) => doc(i))],
    ])('is a 400 for %s and keeps the old list', async (_name, documents) => {
      const c = await draft();
      await putDocs(c.id, [doc(1)]);
      expectError(await putDocs(c.id, documents), 400, 'VALIDATION_FAILED');
      expect((await readBack(c.id)).documents.map((d: { url: string }) => d.url)).toEqual([doc(1).url]);
    });

    it('is 404 for an unknown consultation', async () => {
      expectError(await putDocs(randomUUID(), [doc(1)]), 404, 'NOT_FOUND');
    });

    it.each([...NON_ADMINS, 'anonymous'] as const)('is refused for %s and keeps the old list', async (who) => {
      const c = await draft();
      await putDocs(c.id, [doc(1)]);
      const res = await putDocs(c.id, [doc(9)], who === 'anonymous' ? null : cast[who]);
      if (who === 'anonymous') expectError(res, 401, 'UNAUTHENTICATED');
      else expectError(res, 403, 'FORBIDDEN');
      expect((await readBack(c.id)).documents.map((d: { url: string }) => d.url)).toEqual([doc(1).url]);
    });
  });

  describe('GET /api/consultations (cursor pagination)', () => {
    it('walks every item once, newest first, without duplicates', async () => {
      const mine: string[] = [];
      for (let i = 0; i < 5; i++) mine.push((await draft()).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 500; page++) {
        const res = await call(t, admin, { url: `/api/consultations?limit=2${cursor ? `&cursor=${cursor}` : ''}` });
        expect(res.statusCode).toBe(200);
        const body = json<Page<ConsultationSummary>>(res);
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((c: { id: string }) => c.id));
        cursor = body.nextCursor;
        if (!cursor || mine.every((id) => seen.includes(id))) break;
      }
      expect(new Set(seen).size).toBe(seen.length);
      const order = seen.filter((id) => mine.includes(id));
      expect(order).toEqual([...mine].reverse());
    });

    it('loses no row that shares a millisecond with the end of a page', async () => {
      // Three rows whose creation times differ only in microseconds, newer than anything else.
      const base = `2999-0${1 + Math.floor(Math.random() * 9)}-1${Math.floor(Math.random() * 9)}T10:00:00.123`;
      const ids: string[] = [];
      try {
        for (const us of ['100', '200', '300']) {
          const row = await t.handle.db
            .insertInto('consultations')
            .values({
              slug: uniqueSlug('micro'),
              title: JSON.stringify({ da: 'µs', en: 'µs' }),
              summary: JSON.stringify({ da: '', en: '' }),
              body: JSON.stringify({ da: '', en: '' }),
              // Microseconds survive only as SQL text: a JS Date would cut them.
              createdAt: sql<Date>`${`${base}${us}Z`}::timestamptz`,
              updatedAt: sql<Date>`${`${base}${us}Z`}::timestamptz`,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          ids.push(row.id);
        }
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let page = 0; page < 10 && !ids.every((id) => seen.includes(id)); page++) {
          const res = await call(t, admin, {
            url: `/api/consultations?phase=draft&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
          });
          const body = json<Page<ConsultationSummary>>(res);
          seen.push(...body.items.map((c: { id: string }) => c.id));
          cursor = body.nextCursor;
          if (!cursor) break;
        }
        expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
      } finally {
        await sql`delete from consultations where id = any(${ids}::uuid[])`.execute(t.handle.db);
      }
    });

    it('filters by phase', async () => {
      const open = await inPhase('open');
      const closed = await inPhase('closed');
      const res = json<Page<ConsultationSummary>>(
        await call(t, null, { url: '/api/consultations?phase=closed&limit=100' }),
      );
      for (const item of res.items) expect(item.phase).toBe('closed');
      const ids = res.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(closed.id);
      expect(ids).not.toContain(open.id);
    });

    it.each([
      ['a garbage cursor', 'cursor=garbage'],
      ['a cursor holding an object', `cursor=${Buffer.from('{"a":1}').toString('base64url')}`],
      ['a cursor with one part', `cursor=${Buffer.from('["2026-01-01T00:00:00Z"]').toString('base64url')}`],
      ['limit=0', 'limit=0'],
      ['limit=101', 'limit=101'],
      ['an unknown phase', 'phase=archived'],
      ['an over-long cursor', `cursor=${'A'.repeat(201)}`],
    ])('is a 400 for %s', async (_name, query) => {
      const res = await call(t, null, { url: `/api/consultations?${query}` });
      expect(res.statusCode).toBe(400);
      expect(['BAD_REQUEST', 'VALIDATION_FAILED']).toContain(json<ErrorBody>(res).error.code);
      expectError(res, 400, json<ErrorBody>(res).error.code);
    });

    it('is a 400, not a 500, for a well-formed cursor holding nonsense values', async () => {
      const cursor = Buffer.from('["not a time","not a uuid"]').toString('base64url');
      const res = await call(t, null, { url: `/api/consultations?cursor=${cursor}` });
      expectError(res, 400, 'BAD_REQUEST');
    });
  });

  /** Lists newest first as `who` until `stopId` shows up; returns the ids seen. */
  async function walkUntil(who: TestUser | null, stopId: string): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 200; page++) {
      const res = await call(t, who, { url: `/api/consultations?limit=50${cursor ? `&cursor=${cursor}` : ''}` });
      expect(res.statusCode).toBe(200);
      const body = json<Page<ConsultationSummary>>(res);
      seen.push(...body.items.map((c: { id: string }) => c.id));
      cursor = body.nextCursor;
      if (!cursor || seen.includes(stopId)) break;
    }
    expect(seen).toContain(stopId);
    return seen;
  }
});
