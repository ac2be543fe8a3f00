import type { PGlite } from '@electric-sql/pglite';
import { mkdir } from 'node:fs/promises';
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
};

export async function createDb(opts: CreateDbOptions): Promise<DbHandle> {
  const plugins = [new CamelCasePlugin()];
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolMax ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, kind: 'postgres', databaseUrl: opts.databaseUrl, close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let dir: string | undefined;
  if (opts.dataDir) {
    dir = path.resolve(opts.dataDir, 'pg');
    await mkdir(dir, { recursive: true });
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
    },
    dumpDataDir: async () => (await pglite.dumpDataDir('gzip')) as Blob,
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
