/**
 * `npm run migrate`: applies every pending migration in `migrations/` (the server also does this
 * when it starts); `--down` rolls back the most recent one; `--status` lists them.
 */
import { parseArgs } from 'node:util';
import type { MigrationResult } from 'kysely/migration';
import { ConfigError, loadConfig } from '../server/config.ts';
import { createDb, type DbHandle } from '../server/db/database.ts';
import { createMigrator } from '../server/db/migrate.ts';

const HELP = `Usage: npm run migrate [-- --down | --status]

  (no flag)   apply every pending migration, oldest first
  --down      roll back the most recently applied migration (one step)
  --status    list the migrations and whether each is applied
  --help      this text

Database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite database in
DATA_DIR (default ./data). On PGlite, stop the server first: two processes that open the
same PGlite directory at once corrupt it.
`;

const VERB: Record<MigrationResult['status'], string> = {
  Success: 'applied',
  Error: 'FAILED',
  NotExecuted: 'not run (an earlier one failed)',
};

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      down: { type: 'boolean' },
      status: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.down && values.status) throw new UsageError('Choose one of --down and --status');
  const config = loadConfig();
  let handle: DbHandle | undefined;
  try {
    handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 1 });
    const migrator = createMigrator(handle.db);
    if (values.status) {
      for (const m of await migrator.getMigrations()) {
        const when = m.executedAt ? `applied ${m.executedAt.toISOString()}` : 'pending';
        process.stdout.write(`  ${m.name}  ${when}\n`);
      }
      return 0;
    }
    const { error, results = [] } = values.down ? await migrator.migrateDown() : await migrator.migrateToLatest();
    for (const r of results) {
      const verb = values.down && r.status === 'Success' ? 'rolled back' : VERB[r.status];
      process.stdout.write(`  ${r.migrationName}: ${verb}\n`);
    }
    if (error) {
      process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
    if (results.length === 0)
      process.stdout.write(values.down ? 'No migration to roll back.\n' : 'Already up to date.\n');
    return 0;
  } finally {
    await handle?.close();
  }
}

class UsageError extends Error {}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    // parseArgs rejects unknown flags with a TypeError carrying ERR_PARSE_ARGS_*.
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${err.message}\n\n${HELP}`);
      process.exit(2);
    }
    process.stderr.write(`Migration failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
