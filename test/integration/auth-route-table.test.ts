import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../helpers/factory.ts';
import type { Role } from '../../server/shared/schemas.ts';
import { call, createTestApp, signedInUser, type TestApp, type TestUser } from '../helpers/app.ts';

/**
 * Authentication before validation (issue 9 item 7), across the whole route table: every guarded
 * route answers a signed-out caller 401 and a signed-in caller without the role 403, whatever the
 * body, query and path hold, so a stranger learns nothing of a route's schema.
 */
const ALL_ROLES: readonly Role[] = ['admin', 'analyst', 'reviewer', 'participant'];
const GARBAGE = { method: 'garbage', limit: 'x'.repeat(5000), nested: { deep: [1, null, '\u0000'] } };

let t: TestApp;
const users = new Map<Role, TestUser>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ALL_ROLES) users.set(role, await signedInUser(t, [role]));
});
afterAll(async () => t?.close());

/** `/api/x/:id/y` with a path parameter that fails any schema (not a UUID, not a slug). */
const garbageUrl = (url: string) => `${url.replace(/:[A-Za-z]+/g, 'not%20a%20valid%20value!')}?limit=-1&cursor=%25%25`;

describe('the route table', () => {
  it('has guards on the routes whose OpenAPI operation requires a session', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    }>();
    const guarded = new Set(t.app.guardedRoutes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
    const required: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const sec = op.security;
        // `[{}, { session: [] }]` is an optional session; a lone `{ session: [] }` is required.
        if (sec && sec.length > 0 && sec.every((s) => 'session' in s)) required.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(required.length).toBeGreaterThan(20);
    expect(required.filter((r) => !guarded.has(r))).toEqual([]);
  });

  it('answers 401 signed out and 403 with the wrong role before validating anything', async () => {
    const routes = t.app.guardedRoutes.filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(20);
    const wrong: string[] = [];
    for (const route of routes) {
      const url = garbageUrl(route.url);
      const opts = { method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : GARBAGE };
      const anonymous = await call(t, null, opts);
      if (anonymous.statusCode !== 401) wrong.push(`${route.method} ${route.url} anonymous: ${anonymous.statusCode}`);
      else expect(anonymous.json<ErrorBody>().error.code).toBe('UNAUTHENTICATED');
      const outsider = ALL_ROLES.find((r) => !route.roles.includes(r));
      if (route.roles.length === 0 || !outsider) continue;
      const res = await call(t, users.get(outsider)!, opts);
      if (res.statusCode !== 403) wrong.push(`${route.method} ${route.url} as ${outsider}: ${res.statusCode}`);
      else expect(res.json<ErrorBody>().error.code).toBe('FORBIDDEN');
    }
    expect(wrong).toEqual([]);
  });

  it('refuses an anonymous ballot with an invalid body with 401, not 400', async () => {
    const res = await call(t, null, {
      method: 'PUT',
      url: '/api/consultations/00000000-0000-4000-8000-000000000000/ballot',
      payload: { nonsense: true },
    });
    expect(res.statusCode).toBe(401);
  });
});
