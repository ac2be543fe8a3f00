import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../server/modules/audit/audit.schemas.ts';
import { call, createTestApp, expectError, json, signedInUser, type TestApp, type TestUser } from '../helpers/app.ts';
import { factory, type Factory, type Page } from '../helpers/factory.ts';

/** The audit log's filters, search and named items (issue 10, item 17). */
describe('audit log filters', () => {
  let t: TestApp;
  let f: Factory<TestUser>;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    f = factory(t);
    [alice, bob] = await Promise.all([signedInUser(t, ['admin']), signedInUser(t, ['admin'])]);
  });
  afterAll(async () => t.close());

  const get = (who: TestUser | null, query: Record<string, string>) =>
    call(t, who, { url: `/api/audit?${new URLSearchParams(query).toString()}` });
  async function audit(query: Record<string, string>): Promise<Page<AuditEvent>> {
    const res = await get(alice, query);
    expect(res.statusCode, res.body).toBe(200);
    return json<Page<AuditEvent>>(res);
  }

  it('filters by who: an account, or text in the actor’s name', async () => {
    const mine = await f.newConsultation(alice);
    const theirs = await f.newConsultation(bob);
    const byAlice = await audit({ actorId: alice.id, action: 'consultation.create' });
    expect(byAlice.items.map((e) => e.itemId)).toContain(mine.id);
    expect(byAlice.items.map((e) => e.itemId)).not.toContain(theirs.id);
    expect(byAlice.items.every((e) => e.actorId === alice.id)).toBe(true);

    const byLabel = await audit({ actor: bob.email.slice(0, 20).toUpperCase(), action: 'consultation.create' });
    expect(byLabel.items.map((e) => e.itemId)).toEqual([theirs.id]);
  });

  it('filters by what and which item, and names the item and its consultation', async () => {
    const { consultation, scenarios, questions } = await f.newOpenConsultation(alice, {
      consultation: { title: { da: 'Digital identitet', en: 'Digital identity' } },
      scenarios: [{ key: 'S1', title: { da: 'Én løsning', en: 'One solution' } }],
      questions: [{ kind: 'text', prompt: { da: 'Hvad?', en: 'What?' } }],
    });
    const [phase] = (
      await audit({ action: 'consultation.transition', itemType: 'consultation', itemId: consultation.id })
    ).items;
    expect(phase).toMatchObject({
      action: 'consultation.transition',
      details: { from: 'draft', to: 'open' },
      itemName: { da: 'Digital identitet', en: 'Digital identity' },
      consultationTitle: { da: 'Digital identitet', en: 'Digital identity' },
    });
    const scenario = await audit({ itemType: 'scenario', itemId: scenarios[0].id });
    expect(scenario.items.map((e) => e.action)).toEqual(['scenario.create']);
    expect(scenario.items[0]).toMatchObject({ itemName: { da: 'S1: Én løsning', en: 'S1: One solution' } });
    const question = await audit({ itemType: 'question', itemId: questions[0].id });
    expect(question.items[0]).toMatchObject({
      action: 'question.create',
      itemName: null,
      consultationTitle: { da: 'Digital identitet', en: 'Digital identity' },
    });
  });

  it('filters by a date range', async () => {
    const c = await f.newConsultation(alice);
    const at = Date.now();
    const around = { from: new Date(at - 60_000).toISOString(), to: new Date(at + 60_000).toISOString() };
    expect((await audit({ itemId: c.id, ...around })).items).toHaveLength(1);
    expect((await audit({ itemId: c.id, from: new Date(at + 60_000).toISOString() })).items).toEqual([]);
    expect((await audit({ itemId: c.id, to: new Date(at - 60_000).toISOString() })).items).toEqual([]);
  });

  it('searches the actor, the action and the details as literal text', async () => {
    const c = await f.newConsultation(alice);
    const found = await audit({ q: c.slug.toUpperCase() });
    expect(found.items.map((e) => [e.action, e.itemId])).toEqual([['consultation.create', c.id]]);
    // % and _ are text, not wildcards: a pattern that would match everything matches nothing.
    expect((await audit({ q: `%_${c.slug.slice(-4)}_%` })).items).toEqual([]);
  });

  it('pages through filtered results with the cursor', async () => {
    const c = await f.newConsultation(bob);
    for (const title of ['A', 'B', 'C']) {
      const cur = await f.ok<{ version: number }>(bob, 'GET', `/api/consultations/${c.id}`, undefined, 200);
      await f.ok(
        bob,
        'PATCH',
        `/api/consultations/${c.id}`,
        { version: cur.version, title: { da: title, en: title } },
        200,
      );
    }
    const p1 = await audit({ itemId: c.id, action: 'consultation.update', limit: '2' });
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).not.toBeNull();
    const p2 = await audit({ itemId: c.id, action: 'consultation.update', limit: '2', cursor: p1.nextCursor! });
    expect(p2.items).toHaveLength(1);
    expect(p2.nextCursor).toBeNull();
    expect(new Set([...p1.items, ...p2.items].map((e) => e.id)).size).toBe(3);
  });

  it('refuses bad filters with 400 and the error envelope', async () => {
    const bad: Record<string, string>[] = [
      { actorId: 'not-a-uuid' },
      { from: 'yesterday' },
      { from: '2026-02-30T00:00:00Z' },
      { to: '+275760-09-13T00:00:00Z' },
      { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' },
      { q: 'a\u0000b' },
      { q: 'x'.repeat(201) },
      { action: 'drop table; --' },
      { itemType: 'Consultation!' },
      { limit: '0' },
    ];
    for (const query of bad) {
      const res = await get(alice, query);
      expect(res.statusCode, JSON.stringify(query)).toBe(400);
      expectError(res, 400, 'VALIDATION_FAILED');
    }
  });

  it('is for admins only: 401 signed out, 403 for the other roles', async () => {
    expectError(await get(null, { action: 'consultation.create' }), 401, 'UNAUTHENTICATED');
    for (const role of ['analyst', 'reviewer', 'participant'] as const) {
      const who = await signedInUser(t, [role]);
      expectError(await get(who, { action: 'consultation.create' }), 403, 'FORBIDDEN');
    }
  });
});
