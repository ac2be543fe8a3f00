import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import rateLimit, { type FastifyRateLimitOptions, type FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/errors.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * preValidation: a second limit on a route, counted per account (or another key taken from the
     * parsed, not yet validated request, e.g. the e-mail address a sign-in names). Anything but a
     * non-empty string from `keyOf` is not counted (validation refuses it next).
     */
    accountLimit: (name: string, max: number, keyOf: (req: FastifyRequest) => unknown) => preValidationAsyncHookHandler;
  }
}

type Counted = { current: number; ttl: number };
type RouteInfo = { routeInfo?: { method?: string | string[]; url?: string }; limitName?: string };

/** Removes windows that ended at least a minute ago, about once per this many counts. */
const SWEEP_EVERY = 500;

/**
 * Fixed-window counters in PostgreSQL (table rate_limits), so every instance behind the load
 * balancer counts the same hits (issue 15 item 5). One statement per count: an upsert that adds
 * `hits`, starts a new window when the old one has ended, and returns the count and the time left.
 */
export async function countHit(db: Db, key: string, windowMs: number, hits = 1): Promise<Counted> {
  const { rows } = await sql<{ hits: number; ttl: number }>`
    insert into rate_limits as r (key, hits, window_ends)
    values (${key}, ${hits}, now() + ${windowMs} * interval '1 millisecond')
    on conflict (key) do update set
      hits = case when r.window_ends <= now() then excluded.hits else r.hits + excluded.hits end,
      window_ends = case when r.window_ends <= now() then excluded.window_ends else r.window_ends end
    returning hits::int as hits, greatest(0, ceil(extract(epoch from (window_ends - now())) * 1000))::int as ttl`.execute(
    db,
  );
  const row = rows[0]!;
  return { current: Number(row.hits), ttl: Number(row.ttl) };
}

/** Far below a limit, an instance adds up to this many hits of a key in memory before it counts them… */
export const BATCH_HITS = 20;
/** …or for at most this long. */
export const BATCH_MS = 500;

/**
 * The shared counters, batched where that cannot matter (issue 15 item 5). A hot key (a national
 * campaign's submissions through one office's or one operator's address) would make every request
 * wait for the same row's lock; so below half its limit an instance adds a key's hits up in memory
 * and counts them in PostgreSQL every `BATCH_HITS` hits or `BATCH_MS`, whichever comes first, and
 * from half the limit on it counts every hit at once. A key's first hit in a window is always
 * counted in PostgreSQL (that is also where the instance learns what the others counted). So a limit
 * is exact once it is close, and far from it the shared count lags by at most `BATCH_HITS` per
 * instance.
 */
export function batchedCounter(db: Db) {
  type Entry = { shared: number; pending: number; ends: number; synced: number };
  const entries = new Map<string, Entry>();
  return async (key: string, windowMs: number, max: number): Promise<Counted> => {
    const now = Date.now();
    if (entries.size > 50_000) for (const [k, e] of entries) if (e.ends <= now) entries.delete(k);
    let e = entries.get(key);
    if (e && e.ends <= now) e = undefined;
    if (!e) {
      e = { shared: 0, pending: 0, ends: now + windowMs, synced: 0 };
      entries.set(key, e);
    }
    e.pending++;
    const near = e.shared + e.pending >= max / 2;
    if (e.synced === 0 || near || e.pending >= BATCH_HITS || now - e.synced >= BATCH_MS) {
      const hits = e.pending;
      e.pending = 0;
      e.synced = now;
      const res = await countHit(db, key, windowMs, hits);
      // Cumulative over every instance; syncs of one key may answer out of order.
      e.shared = Math.max(e.shared, res.current);
      e.ends = Date.now() + res.ttl;
      return { current: res.current + e.pending, ttl: res.ttl };
    }
    return { current: e.shared + e.pending, ttl: Math.max(0, e.ends - now) };
  };
}

async function sweep(db: Db): Promise<void> {
  await sql`delete from rate_limits where window_ends < now() - interval '1 minute'`.execute(db);
}

/** @fastify/rate-limit's store interface over countHit; each route's keys get the route as prefix. */
function pgStore(db: Db, namespace: string, onError: (err: unknown) => void) {
  let counted = 0;
  const count = batchedCounter(db);
  return class PgStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    constructor(options: FastifyRateLimitOptions & RouteInfo, prefix = 'global') {
      this.prefix = options.limitName ?? prefix;
    }
    incr(key: string, cb: (err: Error | null, res: Counted) => void, timeWindow: number, max: number): void {
      if (++counted % SWEEP_EVERY === 0) sweep(db).catch(onError);
      count(`${namespace}|${this.prefix}|${key}`, timeWindow, max).then(
        (res) => cb(null, res),
        (err: Error) => cb(err, { current: 0, ttl: 0 }),
      );
    }
    child(routeOptions: FastifyRateLimitOptions & RouteInfo): FastifyRateLimitStore {
      const info = routeOptions.routeInfo;
      const method = Array.isArray(info?.method) ? info.method.join(',') : (info?.method ?? '');
      return new PgStore(routeOptions, `${method} ${info?.url ?? ''}`);
    }
  };
}

/** Fixed-window counters in this process, for the embedded database (one instance by construction). */
function memoryCounter() {
  const windows = new Map<string, { hits: number; ends: number }>();
  return (key: string, windowMs: number): Counted => {
    const now = Date.now();
    if (windows.size > 50_000) for (const [k, w] of windows) if (w.ends <= now) windows.delete(k);
    const w = windows.get(key);
    if (!w || w.ends <= now) {
      windows.set(key, { hits: 1, ends: now + windowMs });
      return { current: 1, ttl: windowMs };
    }
    w.hits++;
    return { current: w.hits, ttl: w.ends - now };
  };
}

/**
 * Rate limits shared by all instances: @fastify/rate-limit (per client address, the routes'
 * `config.rateLimit`) with its counters in PostgreSQL, plus `app.accountLimit` for a second count per
 * account. Over the limit: 429 RATE_LIMITED with Retry-After (the seconds left in the window). On the
 * embedded database (`shared: false`) there is only ever one instance — PGlite's data directory is
 * locked to one process — so the counters stay in memory and cost no query.
 */
export const limitsPlugin = fp(
  async function limits(app: FastifyInstance, opts: { namespace: string; shared: boolean }) {
    await app.register(rateLimit, {
      global: false,
      ...(opts.shared
        ? { store: pgStore(app.db, opts.namespace, (err) => app.log.warn({ err }, 'rate-limit sweep failed')) }
        : {}),
    });
    const inMemory = opts.shared ? null : memoryCounter();
    const shared = batchedCounter(app.db);
    const count = async (key: string, windowMs: number, max: number) =>
      inMemory ? inMemory(key, windowMs) : shared(key, windowMs, max);

    app.decorate('accountLimit', (name, max, keyOf) => {
      const handler: preValidationAsyncHookHandler = async (req, reply) => {
        const key = keyOf(req);
        if (typeof key !== 'string' || !key || key.length > 320) return;
        const { current, ttl } = await count(`${opts.namespace}|${name}|account|${key.toLowerCase()}`, 60_000, max);
        if (current > max) {
          void reply.header('retry-after', String(Math.max(1, Math.ceil(ttl / 1000))));
          throw new AppError('RATE_LIMITED', 'Too many requests, try again later', { scope: 'account' });
        }
      };
      return handler;
    });
  },
  { name: 'limits', dependencies: ['db'] },
);
