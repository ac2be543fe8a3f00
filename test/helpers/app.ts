import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb, type DbHandle } from '../../server/db/database.ts';
import { createAccount } from '../../server/modules/accounts/accounts.service.ts';
import type { Role } from '../../server/shared/schemas.ts';

export type TestApp = { app: FastifyInstance; handle: DbHandle; close: () => Promise<void> };

/** A real app on a real database: the migrated PGlite template, or TEST_DATABASE_URL. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = process.env.TEST_DATABASE_URL;
  let handle: DbHandle;
  if (url) {
    handle = await createDb({ databaseUrl: url, poolMax: 5 });
  } else {
    const template = inject('pgliteTemplate');
    if (!template) throw new Error('global setup did not provide a PGlite template');
    const buf = await readFile(template);
    handle = await createDb({ loadDataDir: new Blob([buf]) });
  }
  const config = loadConfig({ LOG_LEVEL: 'silent', CLIENT_DIST: './no-client-in-tests', RATE_LIMIT_LOGIN_PER_MINUTE: '1000', ...env });
  const app = await buildApp({ config, db: handle });
  await app.ready();
  return {
    app,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export type TestUser = { id: string; email: string; password: string; roles: Role[]; cookie: string };

/** Creates an account with the roles and signs it in through the API; returns its cookie. */
export async function signedInUser(t: TestApp, roles: Role[]): Promise<TestUser> {
  const email = `${roles.join('-')}-${randomUUID().slice(0, 8)}@test.example`;
  const password = `pw-${randomUUID()}`;
  const acc = await createAccount(t.handle.db, null, { email, displayName: `Test ${roles.join(' ')}`, password, roles, locale: 'da' }, { system: true });
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { id: acc.id, email, password, roles, cookie };
}

/** app.inject with an optional signed-in user's cookie. */
export function call(t: TestApp, user: TestUser | null, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return t.app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(user ? { cookie: user.cookie } : {}) } }) as Promise<LightMyRequestResponse>;
}

export const json = <T = any>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

export const uniqueSlug = (prefix = 'test') => `${prefix}-${randomUUID().slice(0, 8)}`;

/** Creates a consultation as the admin through the API; returns its body. */
export async function makeConsultation(t: TestApp, admin: TestUser, overrides: Record<string, unknown> = {}) {
  const res = await call(t, admin, {
    method: 'POST',
    url: '/api/consultations',
    payload: {
      slug: uniqueSlug(),
      title: { da: 'Test høring', en: 'Test hearing' },
      summary: { da: 'Resumé', en: 'Summary' },
      body: { da: '## Baggrund\n\nTekst.', en: '## Background\n\nText.' },
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`create consultation failed: ${res.body}`);
  return json(res);
}
