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
  /** PGlite only: a gzipped tarball of the data directory (the test template). */
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
   * PostgreSQL only: an idle pooled connection that fails (the server restarted, an admin ended the
   * session). pg drops the connection and the next query opens a new one; without a listener Node
   * would treat the error as uncaught and end the process. Default: one line on stderr.
   */
  onIdleError?: (err: Error) => void;
};

export async function createDb(opts: CreateDbOptions): Promise<DbHandle> {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 });
    pool.on(
      'error',
      opts.onIdleError ?? ((err) => process.stderr.write(`database connection lost (idle): ${err.message}\n`)),
    );
    pool.on('connect', usePreparedStatements);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, kind: 'postgres', databaseUrl: opts.databaseUrl, close: () => db.destroy() };
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
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins });
  return {
    db,
    kind: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await unlock();
    },
    dumpDataDir: async () => (await pglite.dumpDataDir('gzip')) as Blob,
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
