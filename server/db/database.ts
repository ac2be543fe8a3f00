import type { PGlite } from '@electric-sql/pglite';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export type DbHandle = {
  db: Db;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
  /** PGlite only: the instance, shared with the job queue (pg-boss `fromPglite`). */
  pglite?: PGlite;
  /** PostgreSQL only: the connection string (the job queue opens its own small pool). */
  databaseUrl?: string;
  /** PostgreSQL only: how many queries wait for a connection now (the load shedder reads it). */
  queue?: () => number;
  /** PGlite only: a tarball of the data directory, uncompressed (the test template: loaded faster). */
  dumpDataDir?: () => Promise<Blob>;
};

// timestamptz → Date (pg's default); bigint counts arrive as strings and are mapped in services.
export type CreateDbOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** PGlite only: start from a data-dir dump (tests load a migrated template this way). */
  loadDataDir?: Blob | undefined;
  poolMax?: number;
  /**
   * PostgreSQL only: run the hot statements marked with `preparedAs` as named prepared statements
   * (default). Off behind a pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
   */
  preparedStatements?: boolean;
  /**
   * PostgreSQL only: a pooled connection that fails, idle or checked out (the server restarted or was
   * killed, an admin ended the session). pg drops the connection and the next query opens a new one;
   * without a listener Node would treat the error as uncaught and end the process. Default: one line
   * on stderr.
   */
  onIdleError?: (err: Error) => void;
  /** Every statement's SQL text as Kysely sends it (the test suite's query log; issue 15 item 10). */
  onQuery?: (sql: string) => void;
};

export async function createDb(opts: CreateDbOptions): Promise<DbHandle> {
  const plugins = [new CamelCasePlugin()];
  const onQuery = opts.onQuery;
  const log = onQuery
    ? (e: { level: string; query: { sql: string } }) => {
        if (e.level === 'query') onQuery(e.query.sql);
      }
    : undefined;
  if (opts.databaseUrl) {
    // A bounded connect: while the database is away (a failover, a host that drops packets) a request
    // answers 503 in seconds instead of waiting for the operating system's TCP timeout.
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolMax ?? 10,
      connectionTimeoutMillis: 5000,
      // An idle connection is kept for five minutes (pg's default is 10 s). A new server process
      // starts cold: it maps each page of the shared buffers it touches for the first time (a ranked
      // inbox search touches 50,000: its first statement took 230 ms where the next took 115 ms)
      // and loads its catalog caches and the text search dictionaries again.
      idleTimeoutMillis: 300_000,
    });
    const report =
      opts.onIdleError ?? ((err: Error) => process.stderr.write(`database connection lost: ${err.message}\n`));
    // An idle connection's error reaches both the pool and the client's own listener: report it once.
    const reported = new WeakSet<Error>();
    const onError = (err: Error) => {
      if (reported.has(err)) return;
      reported.add(err);
      report(err);
    };
    pool.on('error', onError);
    pool.on('connect', (client) => {
      if (opts.preparedStatements !== false) usePreparedStatements(client);
      // A connection checked out of the pool (a transaction between two statements) that fails emits
      // 'error' on the client, not on the pool; unheard, it ended the process when PostgreSQL was
      // killed under load (issue 10 item 4). The statement in flight fails, and the pool drops the
      // broken connection when it is released.
      client.on('error', onError);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins, ...(log ? { log } : {}) });
    return {
      db,
      kind: 'postgres',
      databaseUrl: opts.databaseUrl,
      queue: () => pool.waitingCount,
      close: () => db.destroy(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let dir: string | undefined;
  let unlock = async () => {};
  if (opts.dataDir) {
    dir = path.resolve(opts.dataDir, 'pg');
    await mkdir(dir, { recursive: true });
    unlock = await lockDataDir(path.resolve(opts.dataDir, 'pg.lock'));
  }
  const pglite = await PGlite.create(dir ?? 'memory://', {
    extensions: { pg_trgm },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins, ...(log ? { log } : {}) });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await unlock();
    },
    dumpDataDir: async () => (await pglite.dumpDataDir('none')) as Blob,
  };
}

/**
 * PGlite is one process's database: a second process opening the same directory (the server and
 * `npm run seed` at once) would corrupt it. A lock file with the owner's pid refuses that; a lock
 * left by a process that no longer runs (after kill -9) is taken over.
 */
async function lockDataDir(file: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The embedded database in ${path.dirname(file)} is in use by process ${owner}; stop that process first`,
        );
      }
      await rm(file, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database (${file})`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const PREPARED_PREFIX = '/* prepared:';

/**
 * Marks a hot statement to run as a named prepared statement on PostgreSQL: each connection parses
 * and plans it once instead of on every call (the submission statement: a tenth of PostgreSQL's
 * time per submission was its planning). Put it first in a `sql` template whose text never varies
 * (values only as parameters). On PGlite it is a comment.
 */
export const preparedAs = (name: string) => {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`Bad prepared statement name: ${name}`);
  return sql.raw(`${PREPARED_PREFIX}${name} */ `);
};

/** pg prepares a query once per connection when it has a name; Kysely passes text, so name it here. */
function usePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (text: unknown, ...rest: unknown[]) => {
    if (typeof text === 'string' && text.startsWith(PREPARED_PREFIX)) {
      const name = text.slice(PREPARED_PREFIX.length, text.indexOf(' */'));
      return query({ name, text, values: rest[0] }, ...rest.slice(1));
    }
    return query(text, ...rest);
  };
}

export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

// PostgreSQL's classes for "the server is not there": 08 connection exception, 57P01–57P03 shutdown
// and start-up (https://www.postgresql.org/docs/15/errcodes-appendix.html).
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3])$/;
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
const UNAVAILABLE_MESSAGE = /^Connection terminated|not queryable|timeout exceeded when trying to connect/i;

/**
 * Whether an error means the database cannot be reached now (killed, restarting, a failover), as
 * opposed to a bad statement: such a request answers 503 with Retry-After, not 500 (issue 10 item 4).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_ERRNO.has(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  // Node's AggregateError when every address of a host refused (IPv4 and IPv6).
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every(isDatabaseUnavailable);
}
