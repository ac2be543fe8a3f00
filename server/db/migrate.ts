import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider, type MigrationResult } from 'kysely/migration';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

/** Reads `migrations/*.ts` in name order; each file exports `up` and `down`. */
class DirectoryProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{14}_.+\.ts$/.test(f)).sort();
    const out: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
      out[file.replace(/\.ts$/, '')] = { up: mod.up, down: mod.down };
    }
    return out;
  }
}

export class MigrationError extends Error {}

// The Migrator runs on Kysely<any>: migrations are frozen and must not depend on today's types.
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db: db.withoutPlugins(), provider: new DirectoryProvider() });
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) throw new MigrationError(`Migration failed: ${String(error)}`, { cause: error });
  return results ?? [];
}

/** True when every migration on disk has been applied (used by GET /api/ready). */
export async function migrationsAreCurrent(db: Kysely<any>): Promise<boolean> {
  const list = await createMigrator(db).getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
