import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Account, Me } from '../../server/modules/accounts/accounts.schemas.ts';
import type { ErrorBody, Page } from '../helpers/factory.ts';
import {
  call,
  createIsolatedTestApp,
  createTestApp,
  expectError,
  json,
  signedInUser,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
  type ValidationError,
} from '../helpers/app.ts';

type Me = z.infer<typeof Me>;

const tag = () => `acct${randomUUID().slice(0, 8)}`;
const newAccount = (email: string, overrides: Record<string, unknown> = {}) => ({
  email,
  displayName: 'Karen Blixen',
  password: 'a sufficiently long password',
  roles: ['analyst'],
  ...overrides,
});

describe('accounts', () => {
  let t: TestApp;
  let cast: Cast;
  let admin: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    admin = cast.admin;
  });
  afterAll(async () => t.close());

  const list = (q: string, extra = '') => call(t, admin, { url: `/api/accounts?q=${q}${extra}` });
  const create = (payload: unknown, user: TestUser | null = admin) =>
    call(t, user, { method: 'POST', url: '/api/accounts', payload: payload as Record<string, unknown> });
  const read = (id: string) => call(t, admin, { url: `/api/accounts/${id}` });
  const patch = (id: string, payload: unknown, user: TestUser | null = admin) =>
    call(t, user, { method: 'PATCH', url: `/api/accounts/${id}`, payload: payload as Record<string, unknown> });
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  describe('POST /api/accounts', () => {
    it('creates an account that can sign in, e-mail lower-cased', async () => {
      const k = tag();
      const res = await create(newAccount(`${k.toUpperCase()}@Test.Example`, { locale: 'en' }));
      expect(res.statusCode).toBe(201);
      const acc = json<Account>(res);
      expect(acc).toEqual({
        id: expect.any(String),
        email: `${k}@test.example`,
        displayName: 'Karen Blixen',
        roles: ['analyst'],
        locale: 'en',
        disabled: false,
        createdAt: expect.any(String),
      });
      expect((await login(`${k}@test.example`, 'a sufficiently long password')).statusCode).toBe(200);
      expect(json<Account>(await read(acc.id))).toEqual(acc);
    });

    it('gives a person several roles', async () => {
      const res = await create(newAccount(`${tag()}@test.example`, { roles: ['reviewer', 'analyst', 'reviewer'] }));
      expect(res.statusCode).toBe(201);
      expect(json<Account>(res).roles).toEqual(['analyst', 'reviewer']);
    });

    it('refuses a duplicate e-mail with 409, in any case, and creates nothing', async () => {
      const k = tag();
      expect((await create(newAccount(`${k}@test.example`))).statusCode).toBe(201);
      const dup = await create(
        newAccount(`${k.toUpperCase()}@TEST.example`, { displayName: 'Impostor', roles: ['admin'] }),
      );
      expectError(dup, 409, 'EMAIL_TAKEN');
      const items = json<Page<Account>>(await list(k)).items;
      expect(items).toHaveLength(1);
      expect(items[0]!.displayName).toBe('Karen Blixen');
      expect(items[0]!.roles).toEqual(['analyst']);
    });

    it.each([
      ['a short password', { password: 'short' }],
      ['no roles', { roles: [] }],
      ['an unknown role', { roles: ['superuser'] }],
      ['an empty display name', { displayName: '   ' }],
      ['a malformed e-mail', { email: 'no-at-sign' }],
      ['an unknown locale', { locale: 'sv' }],
      ['five roles', { roles: ['admin', 'analyst', 'reviewer', 'participant', 'admin'] }],
    ])('is a 400 for %s and creates nothing', async (_name, override) => {
      const k = tag();
      const res = await create(newAccount(`${k}@test.example`, override));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(json<ValidationError>(res).error.details.issues.length).toBeGreaterThan(0);
      expect(json<Page<Account>>(await list(k)).items).toEqual([]);
    });

    it.each(['analyst', 'reviewer', 'participant'] as const)('is 403 for %s and creates nothing', async (role) => {
      const k = tag();
      expectError(await create(newAccount(`${k}@test.example`, { roles: ['admin'] }), cast[role]), 403, 'FORBIDDEN');
      expect(json<Page<Account>>(await list(k)).items).toEqual([]);
    });

    it('is 401 for anonymous and creates nothing', async () => {
      const k = tag();
      expectError(await create(newAccount(`${k}@test.example`), null), 401, 'UNAUTHENTICATED');
      expect(json<Page<Account>>(await list(k)).items).toEqual([]);
    });
  });

  describe('GET /api/accounts', () => {
    it('lists matching accounts by e-mail, and pages with a cursor without repeats', async () => {
      const k = tag();
      const made: string[] = [];
      for (const name of ['c', 'a', 'd', 'b', 'e']) {
        made.push(json<Account>(await create(newAccount(`${name}-${k}@test.example`))).id);
      }
      const all = json<Page<Account>>(await list(k));
      expect(all.items.map((a: { email: string }) => a.email)).toEqual(
        ['a', 'b', 'c', 'd', 'e'].map((n) => `${n}-${k}@test.example`),
      );
      expect(all.nextCursor).toBeNull();

      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await list(k, `&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const body = json<Page<Account>>(res);
        expect(body.items.length).toBeLessThanOrEqual(2);
        seen.push(...body.items.map((a: { id: string }) => a.id));
        cursor = body.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(new Set(seen).size).toBe(5);
      expect(seen.sort()).toEqual([...made].sort());
    });

    it('finds accounts by display name too', async () => {
      const k = tag();
      await create(newAccount(`${tag()}@test.example`, { displayName: `Name ${k}` }));
      expect(json<Page<Account>>(await list(k)).items.map((a: { displayName: string }) => a.displayName)).toEqual([
        `Name ${k}`,
      ]);
    });

    it('treats % and _ in the search as plain characters', async () => {
      const k = tag();
      await create(newAccount(`${k}@test.example`));
      expect(json<Page<Account>>(await list(`${k}%25`)).items).toEqual([]);
      expect(json<Page<Account>>(await list(`${k.slice(0, -1)}_`)).items).toEqual([]);
    });

    it.each([
      ['a garbage cursor', '&cursor=garbage'],
      ['a cursor of the wrong shape', `&cursor=${Buffer.from('["a"]').toString('base64url')}`],
      [
        'a cursor holding a non-uuid',
        `&cursor=${Buffer.from('["a@test.example","not-a-uuid"]').toString('base64url')}`,
      ],
      ['limit=0', '&limit=0'],
      ['limit=1000', '&limit=1000'],
      ['a non-numeric limit', '&limit=lots'],
    ])('is a 400 for %s', async (_name, extra) => {
      const res = await list('x', extra);
      expect(res.statusCode).toBe(400);
      expectError(res, 400, json<ErrorBody>(res).error.code);
      expect(['BAD_REQUEST', 'VALIDATION_FAILED']).toContain(json<ErrorBody>(res).error.code);
    });

    it.each(['analyst', 'reviewer', 'participant'] as const)('is 403 for %s', async (role) => {
      expectError(await call(t, cast[role], { url: '/api/accounts' }), 403, 'FORBIDDEN');
    });

    it('is 401 for anonymous', async () => {
      expectError(await call(t, null, { url: '/api/accounts' }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('GET /api/accounts/:id', () => {
    it('reads an account', async () => {
      const res = await read(cast.reviewer.id);
      expect(res.statusCode).toBe(200);
      expect(json<Account>(res)).toMatchObject({
        id: cast.reviewer.id,
        email: cast.reviewer.email,
        roles: ['reviewer'],
        disabled: false,
      });
      expect(res.body).not.toMatch(/password|hash/i);
    });

    it('is 404 for an unknown id and 400 for a malformed one', async () => {
      expectError(await read(randomUUID()), 404, 'NOT_FOUND');
      expectError(await read('not-a-uuid'), 400, 'VALIDATION_FAILED');
    });

    it.each(['analyst', 'reviewer', 'participant'] as const)(
      'is 403 for %s, even for their own account',
      async (role) => {
        expectError(await call(t, cast[role], { url: `/api/accounts/${admin.id}` }), 403, 'FORBIDDEN');
        expectError(await call(t, cast[role], { url: `/api/accounts/${cast[role].id}` }), 403, 'FORBIDDEN');
      },
    );

    it('is 401 for anonymous', async () => {
      expectError(await call(t, null, { url: `/api/accounts/${admin.id}` }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('PATCH /api/accounts/:id', () => {
    it('changes the name, language and roles', async () => {
      const u = await signedInUser(t, ['participant']);
      const res = await patch(u.id, {
        displayName: 'Niels Bohr',
        locale: 'en',
        roles: ['reviewer', 'analyst', 'participant'],
      });
      expect(res.statusCode).toBe(200);
      expect(json<Account>(res)).toMatchObject({
        displayName: 'Niels Bohr',
        locale: 'en',
        roles: ['analyst', 'participant', 'reviewer'],
      });
      expect(json<Account>(await read(u.id))).toMatchObject({
        displayName: 'Niels Bohr',
        roles: ['analyst', 'participant', 'reviewer'],
      });
      // The person's live session sees the new roles at once, under a new session identifier (issue 15
      // item 5), which the browser keeps as a browser keeps any cookie set on it.
      const follow = <R extends { headers: Record<string, unknown> }>(res: R): R => {
        const set = res.headers['set-cookie'];
        if (set) u.cookie = String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
        return res;
      };
      const me = follow(await call(t, u, { url: '/api/auth/me' }));
      expect(json<Me>(me).roles).toEqual(['analyst', 'participant', 'reviewer']);
      // Taking a role away takes it away.
      await patch(u.id, { roles: ['participant'] });
      expect(json<Me>(follow(await call(t, u, { url: '/api/auth/me' }))).roles).toEqual(['participant']);
    });

    it('disabling an account ends its sessions; enabling lets it sign in again', async () => {
      const u = await signedInUser(t, ['analyst']);
      expect((await call(t, u, { url: '/api/auth/me' })).statusCode).toBe(200);
      const res = await patch(u.id, { disabled: true });
      expect(res.statusCode).toBe(200);
      expect(json<Account>(res).disabled).toBe(true);
      expectError(await call(t, u, { url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
      expect((await login(u.email, u.password)).statusCode).toBe(401);
      expect(json<Account>(await patch(u.id, { disabled: false })).disabled).toBe(false);
      expect((await login(u.email, u.password)).statusCode).toBe(200);
    });

    it('a new password ends the old sessions, and only the new password works', async () => {
      const u = await signedInUser(t, ['participant']);
      expect((await patch(u.id, { password: 'the brand new password' })).statusCode).toBe(200);
      expectError(await call(t, u, { url: '/api/auth/me' }), 401, 'UNAUTHENTICATED');
      expect((await login(u.email, u.password)).statusCode).toBe(401);
      expect((await login(u.email, 'the brand new password')).statusCode).toBe(200);
    });

    it('refuses to let an admin disable their own account', async () => {
      const a = await signedInUser(t, ['admin']);
      expectError(await patch(a.id, { disabled: true }, a), 422, 'RULE_VIOLATION');
      expect((await call(t, a, { url: '/api/auth/me' })).statusCode).toBe(200);
    });

    it.each([
      ['an empty body', {}],
      ['no roles', { roles: [] }],
      ['an unknown role', { roles: ['root'] }],
      ['a short password', { password: 'short' }],
      ['disabled as a string', { disabled: 'yes' }],
      ['an empty name', { displayName: '' }],
    ])('is a 400 for %s and changes nothing', async (_name, payload) => {
      const u = await signedInUser(t, ['reviewer']);
      const before = json<Account>(await read(u.id));
      expectError(await patch(u.id, payload), 400, 'VALIDATION_FAILED');
      expect(json<Account>(await read(u.id))).toEqual(before);
      expect((await call(t, u, { url: '/api/auth/me' })).statusCode).toBe(200);
    });

    it('is 404 for an unknown account', async () => {
      expectError(await patch(randomUUID(), { displayName: 'Nobody' }), 404, 'NOT_FOUND');
    });

    it.each(['analyst', 'reviewer', 'participant'] as const)(
      'is 403 for %s, also on their own account',
      async (role) => {
        const victim = await signedInUser(t, ['participant']);
        expectError(await patch(victim.id, { roles: ['admin'] }, cast[role]), 403, 'FORBIDDEN');
        expectError(await patch(cast[role].id, { roles: ['admin'] }, cast[role]), 403, 'FORBIDDEN');
        expect(json<Account>(await read(victim.id)).roles).toEqual(['participant']);
        expect(json<Account>(await read(cast[role].id)).roles).toEqual([role]);
      },
    );

    it('is 401 for anonymous', async () => {
      const victim = await signedInUser(t, ['participant']);
      expectError(await patch(victim.id, { roles: ['admin'] }, null), 401, 'UNAUTHENTICATED');
      expect(json<Account>(await read(victim.id)).roles).toEqual(['participant']);
    });
  });
});

// On a database of its own: "the last admin" is a statement about every account there is.
describe('the last active admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createIsolatedTestApp();
  });
  afterAll(async () => t.close());

  it('cannot lose the admin role, while a second admin could be demoted', async () => {
    const a = await signedInUser(t, ['admin']);
    const b = await signedInUser(t, ['admin', 'analyst']);
    const c = await signedInUser(t, ['admin']);
    const patch = (id: string, payload: Record<string, unknown>) =>
      call(t, a, { method: 'PATCH', url: `/api/accounts/${id}`, payload });

    expect(json<Account>(await patch(b.id, { roles: ['analyst'] })).roles).toEqual(['analyst']);
    // A disabled admin does not count as an active one.
    expect(json<Account>(await patch(c.id, { disabled: true })).disabled).toBe(true);

    const refused = await patch(a.id, { roles: ['analyst'] });
    expectError(refused, 422, 'RULE_VIOLATION');
    expect(json<ErrorBody>(refused).error.message).toMatch(/last active admin/);
    expect(json<Me>(await call(t, a, { url: '/api/auth/me' })).roles).toEqual(['admin']);

    // Once there is another active admin, the first may step down.
    expect(json<Account>(await patch(c.id, { disabled: false })).disabled).toBe(false);
    expect(json<Account>(await patch(a.id, { roles: ['analyst'] })).roles).toEqual(['analyst']);
  });

  it('survives two admins demoting each other at the same moment: one of them stays admin', async () => {
    for (let round = 0; round < 3; round++) {
      const a = await signedInUser(t, ['admin']);
      const b = await signedInUser(t, ['admin']);
      // Every other admin in this database steps down first, so a and b are the only two.
      const others = await t.handle.db
        .selectFrom('userRoles')
        .select('userId')
        .where('role', '=', 'admin')
        .where('userId', 'not in', [a.id, b.id])
        .execute();
      for (const o of others) {
        const res = await call(t, a, {
          method: 'PATCH',
          url: `/api/accounts/${o.userId}`,
          payload: { roles: ['analyst'] },
        });
        expect(res.statusCode).toBe(200);
      }
      const [byA, byB] = await Promise.all([
        call(t, a, { method: 'PATCH', url: `/api/accounts/${b.id}`, payload: { roles: ['analyst'] } }),
        call(t, b, { method: 'PATCH', url: `/api/accounts/${a.id}`, payload: { roles: ['analyst'] } }),
      ]);
      // One wins; the other is refused: 422 (the last admin) or 403 (already demoted when it arrived).
      const [won, lost] = [byA.statusCode, byB.statusCode].sort();
      expect(won).toBe(200);
      expect([403, 422]).toContain(lost);
      const admins = await t.handle.db.selectFrom('userRoles').select('userId').where('role', '=', 'admin').execute();
      expect(admins).toHaveLength(1);
    }
  });
});
