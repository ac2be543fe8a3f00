import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { ErrorBody, Page } from '../helpers/factory.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  makeConsultation,
  signedInUser,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';

type AuditEvent = {
  id: string;
  consultationId: string | null;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  itemType: string;
  itemId: string | null;
  details: Record<string, unknown>;
};

/** What a change answers with, as far as these tests read it (null for a 204). */
type Changed = { id: string };

describe('audit', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    admin = cast.admin;
  });
  afterAll(async () => t.close());

  const audit = async (query: Record<string, string>): Promise<{ items: AuditEvent[]; nextCursor: string | null }> => {
    const res = await call(t, admin, { url: `/api/audit?${new URLSearchParams(query).toString()}` });
    expect(res.statusCode).toBe(200);
    return json<Page<AuditEvent>>(res);
  };
  /** The one event of `action` on `itemId`, asserting who did it and where. */
  async function theEvent(action: string, itemId: string, expected: Partial<AuditEvent> & { actor: TestUser | null }) {
    const { items } = await audit({ action, itemId });
    expect(items).toHaveLength(1);
    const e = items[0]!;
    const { actor, ...rest } = expected;
    expect(e).toMatchObject({
      action,
      itemId,
      actorId: actor?.id ?? null,
      actorLabel: actor?.email ?? null,
      ...rest,
    });
    expect(Math.abs(Date.parse(e.occurredAt) - Date.now())).toBeLessThan(60_000);
    return e;
  }
  const mutate = async (
    user: TestUser,
    method: 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: Record<string, unknown>,
  ) => {
    const res = await call(t, user, { method, url, ...(payload ? { payload } : {}) });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.statusCode === 204 ? null : json<Changed>(res);
  };

  describe('every change made through the API is recorded', () => {
    it('sign-in and sign-out', async () => {
      const u = await signedInUser(t, ['participant']);
      await theEvent('auth.login', u.id, { actor: u, itemType: 'account', consultationId: null });
      await mutate(u, 'POST', '/api/auth/logout');
      await theEvent('auth.logout', u.id, { actor: u, itemType: 'account', consultationId: null });
    });

    it('a failed sign-in, with the reason and the address, never the password tried', async () => {
      const u = await signedInUser(t, ['analyst']);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: u.email.toUpperCase(), password: 'not the password at all' },
        remoteAddress: '198.51.100.23',
      });
      expect(res.statusCode).toBe(401);
      const e = await theEvent('auth.login_failed', u.id, { actor: null, itemType: 'account', consultationId: null });
      expect(e.details).toEqual({ email: u.email.toLowerCase(), reason: 'wrong_password', ip: '198.51.100.23' });
      expect(JSON.stringify(e)).not.toContain('not the password at all');

      const unknown = `nobody-${randomUUID().slice(0, 8)}@test.example`;
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: unknown, password: 'whatever it is' },
      });
      const { items } = await audit({ action: 'auth.login_failed' });
      expect(items.find((i) => (i.details as { email?: string }).email === unknown)).toMatchObject({
        itemId: null,
        details: { reason: 'unknown_email' },
      });
    });

    it('account creation and update, never with the password', async () => {
      const email = `audited-${randomUUID().slice(0, 8)}@test.example`;
      const acc = (await mutate(admin, 'POST', '/api/accounts', {
        email,
        displayName: 'Audited',
        password: 'a sufficiently long password',
        roles: ['analyst', 'reviewer'],
      }))!;
      const created = await theEvent('account.create', acc.id, {
        actor: admin,
        itemType: 'account',
        consultationId: null,
      });
      expect(created.details).toEqual({ email, roles: ['analyst', 'reviewer'] });

      await mutate(admin, 'PATCH', `/api/accounts/${acc.id}`, {
        roles: ['participant'],
        password: 'another long password',
      });
      const updated = await theEvent('account.update', acc.id, { actor: admin, itemType: 'account' });
      expect(updated.details).toMatchObject({
        roles: ['participant'],
        passwordChanged: true,
        before: { roles: ['analyst', 'reviewer'], disabled: false },
      });
      const raw = JSON.stringify([created, updated]);
      expect(raw).not.toContain('another long password');
      expect(raw).not.toContain('a sufficiently long password');
      expect(updated.details).not.toHaveProperty('password');
    });

    it('consultation create, update, transition and documents, scoped to the consultation', async () => {
      const c = await makeConsultation(t, admin);
      const scope = { actor: admin, itemType: 'consultation', consultationId: c.id };
      expect((await theEvent('consultation.create', c.id, scope)).details).toEqual({ slug: c.slug });

      await mutate(admin, 'PATCH', `/api/consultations/${c.id}`, {
        version: 1,
        itStage: 'idea',
        summary: { da: 'a', en: 'b' },
      });
      expect((await theEvent('consultation.update', c.id, scope)).details.fields).toEqual(
        expect.arrayContaining(['itStage', 'summary']),
      );

      await mutate(admin, 'POST', `/api/consultations/${c.id}/transition`, { to: 'open' });
      expect((await theEvent('consultation.transition', c.id, scope)).details).toEqual({ from: 'draft', to: 'open' });

      await mutate(admin, 'PUT', `/api/consultations/${c.id}/documents`, {
        documents: [{ title: { da: 'B', en: 'A' }, url: 'https://example.org/a.pdf' }],
      });
      expect((await theEvent('consultation.documents', c.id, scope)).details).toEqual({ count: 1 });

      const all = await audit({ consultationId: c.id });
      expect(all.items.map((e) => e.action)).toEqual([
        'consultation.documents',
        'consultation.transition',
        'consultation.update',
        'consultation.create',
      ]);
    });

    it('scenario create, update, status and reorder', async () => {
      const c = await makeConsultation(t, admin);
      const s1 = (await mutate(admin, 'POST', `/api/consultations/${c.id}/scenarios`, {
        key: 'S1',
        title: { da: 'En', en: 'One' },
      }))!;
      const s2 = (await mutate(admin, 'POST', `/api/consultations/${c.id}/scenarios`, {
        key: 'S2',
        title: { da: 'To', en: 'Two' },
      }))!;
      const scope = { actor: admin, itemType: 'scenario', consultationId: c.id };
      expect((await theEvent('scenario.create', s1.id, scope)).details).toEqual({ key: 'S1' });

      await mutate(admin, 'PATCH', `/api/scenarios/${s1.id}`, { description: { da: 'Ny', en: 'New' } });
      expect((await theEvent('scenario.update', s1.id, scope)).details).toEqual({
        fields: ['description'],
        newVersion: 2,
      });

      await mutate(admin, 'POST', `/api/scenarios/${s1.id}/status`, { status: 'eliminated', round: 2 });
      expect((await theEvent('scenario.status', s1.id, scope)).details).toEqual({
        from: 'candidate',
        to: 'eliminated',
        round: 2,
      });

      await mutate(admin, 'PUT', `/api/consultations/${c.id}/scenarios/order`, { scenarioIds: [s2.id, s1.id] });
      const reorder = await theEvent('scenario.reorder', c.id, {
        actor: admin,
        itemType: 'consultation',
        consultationId: c.id,
      });
      expect(reorder.details).toEqual({ order: [s2.id, s1.id] });
    });

    it('refused changes leave no event', async () => {
      const c = await makeConsultation(t, admin);
      expect(
        (
          await call(t, admin, {
            method: 'PATCH',
            url: `/api/consultations/${c.id}`,
            payload: { version: 7, itStage: 'idea' },
          })
        ).statusCode,
      ).toBe(409);
      expect(
        (
          await call(t, admin, {
            method: 'POST',
            url: `/api/consultations/${c.id}/transition`,
            payload: { to: 'concluded' },
          })
        ).statusCode,
      ).toBe(422);
      expect(
        (
          await call(t, cast.analyst, {
            method: 'PUT',
            url: `/api/consultations/${c.id}/documents`,
            payload: { documents: [] },
          })
        ).statusCode,
      ).toBe(403);
      expect((await audit({ consultationId: c.id })).items.map((e) => e.action)).toEqual(['consultation.create']);
    });
  });

  describe('GET /api/audit', () => {
    it('filters by consultation, item type, item and action', async () => {
      const c = await makeConsultation(t, admin);
      const s = (await mutate(admin, 'POST', `/api/consultations/${c.id}/scenarios`, {
        key: 'F1',
        title: { da: 'F', en: 'F' },
      }))!;
      await mutate(admin, 'POST', `/api/scenarios/${s.id}/status`, { status: 'shortlisted', round: 1 });

      const byConsultation = await audit({ consultationId: c.id });
      expect(byConsultation.items.map((e) => e.action).sort()).toEqual([
        'consultation.create',
        'scenario.create',
        'scenario.status',
      ]);
      expect((await audit({ consultationId: c.id, itemType: 'scenario' })).items.map((e) => e.action).sort()).toEqual([
        'scenario.create',
        'scenario.status',
      ]);
      expect((await audit({ consultationId: c.id, action: 'scenario.status' })).items).toHaveLength(1);
      expect((await audit({ itemId: s.id })).items.every((e) => e.itemId === s.id)).toBe(true);
      const platform = await audit({ itemType: 'account', limit: '20' });
      expect(platform.items.every((e) => e.itemType === 'account' && e.consultationId === null)).toBe(true);
      expect((await audit({ consultationId: randomUUID() })).items).toEqual([]);
    });

    it('pages newest first with a cursor, without repeats', async () => {
      const c = await makeConsultation(t, admin);
      for (const stage of ['idea', 'procurement', 'completion', 'realisation']) {
        const cur = json<Consultation>(await call(t, admin, { url: `/api/consultations/${c.id}` }));
        await mutate(admin, 'PATCH', `/api/consultations/${c.id}`, { version: cur.version, itStage: stage });
      }
      const seen: AuditEvent[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await audit({ consultationId: c.id, limit: '2', ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen.map((e) => e.id)).size).toBe(5);
      expect(seen.map((e) => e.action)).toEqual([...Array(4).fill('consultation.update'), 'consultation.create']);
      const times = seen.map((e) => Date.parse(e.occurredAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('loses no event that shares a millisecond with the end of a page', async () => {
      const itemId = `micro-${randomUUID()}`;
      for (const us of ['100', '200', '300']) {
        await t.handle.db
          .insertInto('auditEvents')
          .values({
            // Microseconds survive only as SQL text: a JS Date would cut them.
            occurredAt: sql<Date>`${`2020-02-02T02:02:02.123${us}Z`}::timestamptz`,
            actorId: null,
            actorLabel: 'test',
            action: 'test.micro',
            itemType: 'test',
            itemId,
            details: JSON.stringify({ us }),
          })
          .execute();
      }
      const seen: unknown[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 5; i++) {
        const page = await audit({ itemId, limit: '1', ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((e) => e.details.us));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      expect(seen).toEqual(['300', '200', '100']);
    });

    it.each([
      ['a garbage cursor', { cursor: 'garbage' }],
      ['a cursor of the wrong shape', { cursor: Buffer.from('[1,2,3]').toString('base64url') }],
      ['a cursor holding nonsense values', { cursor: Buffer.from('["yesterday","nobody"]').toString('base64url') }],
      ['a malformed consultation id', { consultationId: 'abc' }],
      ['limit=0', { limit: '0' }],
      ['limit=201', { limit: '201' }],
    ])('is a 400 for %s', async (_name, query) => {
      const res = await call(t, admin, { url: `/api/audit?${new URLSearchParams(query).toString()}` });
      expect(res.statusCode).toBe(400);
      expectError(res, 400, json<ErrorBody>(res).error.code);
      expect(['BAD_REQUEST', 'VALIDATION_FAILED']).toContain(json<ErrorBody>(res).error.code);
    });

    it.each(['analyst', 'reviewer', 'participant'] as const)('is 403 for %s', async (role) => {
      expectError(await call(t, cast[role], { url: '/api/audit' }), 403, 'FORBIDDEN');
    });

    it('is 401 for anonymous', async () => {
      expectError(await call(t, null, { url: '/api/audit' }), 401, 'UNAUTHENTICATED');
    });

    it('offers no way to change or delete events through the API', async () => {
      const { items } = await audit({ limit: '1' });
      for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
        expectError(await call(t, admin, { method, url: `/api/audit/${items[0]!.id}`, payload: {} }), 404, 'NOT_FOUND');
        expect((await call(t, admin, { method, url: '/api/audit', payload: {} })).statusCode).toBe(404);
      }
    });
  });

  describe('the audit table is append-only', () => {
    async function oneEvent() {
      const c = await makeConsultation(t, admin);
      const row = await t.handle.db
        .selectFrom('auditEvents')
        .selectAll()
        .where('itemId', '=', c.id)
        .executeTakeFirstOrThrow();
      return row;
    }
    const reread = (id: string) =>
      t.handle.db.selectFrom('auditEvents').selectAll().where('id', '=', id).executeTakeFirst();

    it('refuses an update', async () => {
      const row = await oneEvent();
      await expect(
        sql`update audit_events set action = 'forged', actor_label = 'someone else' where id = ${row.id}`.execute(
          t.handle.db,
        ),
      ).rejects.toThrow(/append-only/);
      expect(await reread(row.id)).toEqual(row);
    });

    it('refuses a delete', async () => {
      const row = await oneEvent();
      await expect(sql`delete from audit_events where id = ${row.id}`.execute(t.handle.db)).rejects.toThrow(
        /append-only/,
      );
      expect(await reread(row.id)).toEqual(row);
    });

    it('refuses a delete through the query builder too', async () => {
      const row = await oneEvent();
      await expect(t.handle.db.deleteFrom('auditEvents').where('id', '=', row.id).execute()).rejects.toThrow(
        /append-only/,
      );
      expect(await reread(row.id)).toEqual(row);
    });

    it('refuses a truncate', async () => {
      const row = await oneEvent();
      // Inside a transaction that is rolled back whatever happens: a broken guard must not wipe a shared database.
      const attempt = t.handle.db.transaction().execute(async (trx) => {
        await sql`truncate audit_events`.execute(trx);
        throw new Error('truncate was accepted');
      });
      await expect(attempt).rejects.toThrow(/append-only/);
      expect(await reread(row.id)).toEqual(row);
    });
  });
});
