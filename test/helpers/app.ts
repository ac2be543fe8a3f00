import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { expect, inject } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb, type DbHandle } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createAccount } from '../../server/modules/accounts/accounts.service.ts';
import { checkResponsesAgainstOpenApi } from './contract.ts';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Role } from '../../server/shared/schemas.ts';
import { type ConsultationOverrides, type ErrorBody, factory, uniqueSlug } from './factory.ts';

export type TestApp = { app: FastifyInstance; handle: DbHandle; close: () => Promise<void> };

/**
 * QUERY_LOG_DIR: every distinct statement the suite's apps send to PostgreSQL is written there, one
 * JSON file per test worker, for scripts/query-check.ts (issue 15 item 10: every query on a
 * distributed table filters by consultation_id).
 */
const loggedQueries = new Map<string, { sql: string; site: string }>();
let queryLogFile: string | null = null;
const ROOT = path.resolve(import.meta.dirname, '../..') + path.sep;
/** The first frame of the project's own code that led to a statement (async frames included). */
function siteOf(stack: string): string {
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?(?:file:\/\/)?([^\s()]+):\d+:\d+\)?$/.exec(line.trim());
    const file = m?.[1];
    if (!file?.startsWith(ROOT)) continue;
    const rel = file.slice(ROOT.length);
    if (rel.startsWith('node_modules/') || rel === 'server/db/database.ts' || rel === 'test/helpers/app.ts') continue;
    return rel;
  }
  return 'unknown';
}
function queryLog(): { onQuery?: (sql: string) => void } {
  const dir = process.env.QUERY_LOG_DIR;
  if (!dir) return {};
  if (!queryLogFile) {
    mkdirSync(dir, { recursive: true });
    queryLogFile = path.join(dir, `queries-${process.pid}-${randomUUID().slice(0, 8)}.json`);
  }
  return {
    onQuery: (text) => {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 60;
      const site = siteOf(new Error().stack ?? '');
      Error.stackTraceLimit = limit;
      const key = `${site}\u0000${text}`;
      if (loggedQueries.has(key)) return;
      loggedQueries.set(key, { sql: text, site });
      if (loggedQueries.size % 200 === 0) flushQueryLog();
    },
  };
}
function flushQueryLog() {
  if (queryLogFile) writeFileSync(queryLogFile, JSON.stringify([...loggedQueries.values()]));
}

/** A real app on a real database: the migrated PGlite template, or TEST_DATABASE_URL. */
export async function createTestApp(
  env: Record<string, string> = {},
  url: string | undefined = process.env.TEST_DATABASE_URL,
): Promise<TestApp> {
  let handle: DbHandle;
  if (url) {
    handle = await createDb({ databaseUrl: url, poolMax: 5, ...queryLog() });
  } else {
    const template = inject('pgliteTemplate');
    if (!template) throw new Error('global setup did not provide a PGlite template');
    const buf = await readFile(template);
    handle = await createDb({ loadDataDir: new Blob([buf]) });
  }
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CLIENT_DIST: './no-client-in-tests',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    // On PostgreSQL every test app shares one database: each counts its own rate limits.
    RATE_LIMIT_NAMESPACE: `test-${randomUUID()}`,
    // A loaded test machine is not an overloaded server: shedding is tested where it is asked for.
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    LOAD_SHED_DB_QUEUE: '0',
    // Tests run the analysis inbox indexer themselves (indexInput), when they need it.
    ANALYSIS_INDEX_MS: '0',
    ...env,
  });
  const app = await buildApp({ config, db: handle });
  checkResponsesAgainstOpenApi(app);
  await app.ready();
  return {
    app,
    handle,
    close: async () => {
      flushQueryLog();
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
  const acc = await createAccount(
    t.handle.db,
    null,
    { email, displayName: `Test ${roles.join(' ')}`, password, roles, locale: 'da' },
    { system: true },
  );
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { id: acc.id, email, password, roles, cookie };
}

/** app.inject with an optional signed-in user's cookie. */
export function call(t: TestApp, user: TestUser | null, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return t.app.inject({
    ...opts,
    headers: { ...(opts.headers ?? {}), ...(user ? { cookie: user.cookie } : {}) },
  }) as Promise<LightMyRequestResponse>;
}

/**
 * A response's JSON body, typed by the caller with the route's schema type (`json<Consultation>(res)`,
 * `json<Page<Comment>>(res)`, `json<ErrorBody>(res)`, `json<ErrorWith<…>>(res)`); untyped, it is `unknown`.
 */
export const json = <T = unknown>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

/** An error body whose `details` a test reads: `json<ErrorWith<{ from: string; to: string }>>(res)`. */
export type ErrorWith<D> = { error: { code: string; message: string; details: D } };
/** A 400 VALIDATION_FAILED body (server/plugins/errors.ts): one issue per failed check. */
export type ValidationError = ErrorWith<{ issues: { path: string; keyword: string; message: string }[] }>;

export { uniqueSlug };

/** Creates a consultation as the admin through the API; returns its body (see factory.ts). */
export function makeConsultation(
  t: TestApp,
  admin: TestUser,
  overrides: ConsultationOverrides = {},
): Promise<Consultation> {
  return factory(t).newConsultation(admin, overrides);
}

/** The four roles, each signed in as its own fresh account. */
export type Cast = { admin: TestUser; analyst: TestUser; reviewer: TestUser; participant: TestUser };
export async function signInCast(t: TestApp): Promise<Cast> {
  const [admin, analyst, reviewer, participant] = await Promise.all([
    signedInUser(t, ['admin']),
    signedInUser(t, ['analyst']),
    signedInUser(t, ['reviewer']),
    signedInUser(t, ['participant']),
  ]);
  return { admin: admin!, analyst: analyst!, reviewer: reviewer!, participant: participant! };
}

/** Asserts the API's error shape (DESIGN.md §5) with the status and code, and no stack trace. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  const body = json<ErrorBody>(res);
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expectNoStack(res.body);
}

/** No stack frames, file paths or internal module names in a response body. */
export function expectNoStack(body: string): void {
  // Raw or JSON-escaped newlines before "at …" frames, frames with a location, and source paths.
  expect(body).not.toMatch(/(\n|\\n)\s*at\s|\bat\s+\S+\s+\(|\bat\s+(file|node):|node_modules|\.ts:\d+|\.js:\d+/);
}

/** A new, empty PostgreSQL database next to TEST_DATABASE_URL's, and how to drop it. */
async function scratchDatabase(baseUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `samraad_${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/**
 * An app on a database of its own, for the few tests that must reason about every row of a table
 * (the last active admin): a fresh PGlite from the template, or a new PostgreSQL database that is
 * dropped on close.
 */
export async function createIsolatedTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return createTestApp(env);
  const scratch = await scratchDatabase(base, 'iso');
  const migrateHandle = await createDb({ databaseUrl: scratch.url, poolMax: 1 });
  await migrateToLatest(migrateHandle.db);
  await migrateHandle.close();
  const t = await createTestApp(env, scratch.url);
  return {
    ...t,
    close: async () => {
      await t.close();
      await scratch.drop();
    },
  };
}

/** A database with nothing in it (no migrations), closed and removed by `close`. */
export async function createEmptyDatabase(): Promise<DbHandle> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return createDb({});
  const scratch = await scratchDatabase(base, 'empty');
  const handle = await createDb({ databaseUrl: scratch.url, poolMax: 1 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}
