/**
 * `npm run seed`: loads the demo data (DESIGN.md §4 C8) through the same services the API uses.
 * Idempotent: accounts and consultations that already exist are left as they are.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.ts';
import { createDb, type DbHandle } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { DEMO_ACCOUNTS, seedDemo } from '../server/seed/demo.ts';
import { createBlobStore } from '../server/modules/files/blob-store.ts';
import { DEMO_CONSULTATIONS } from '../server/seed/demo-content.ts';

const HELP = `Usage: npm run seed [-- --help]

Loads the Samråd demo data: one account per role and three consultations
(${DEMO_CONSULTATIONS.map((c) => c.slug).join(', ')}).
Runs the migrations first. Running it again adds only what is missing.

Database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite database in
DATA_DIR (default ./data). On PGlite, stop the server first: two processes that open the
same PGlite directory at once corrupt it.

The demo accounts have published passwords: never seed a database that real people use.
`;

function describeDatabase(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return `embedded PGlite in ${dataDir}/pg`;
  try {
    const u = new URL(databaseUrl);
    return `PostgreSQL ${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const config = loadConfig();
  const where = describeDatabase(config.databaseUrl, config.dataDir);
  process.stdout.write(`Database: ${where}\n`);
  let handle: DbHandle | undefined;
  try {
    handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 2 });
    for (const m of await migrateToLatest(handle.db)) {
      process.stdout.write(`  migration ${m.migrationName}: ${m.status === 'Success' ? 'applied' : m.status}\n`);
    }
    const result = await seedDemo(handle.db, new Date(), {
      store: createBlobStore(config),
      publicUrl: config.publicUrl,
    });
    if (result.accounts === 0 && result.consultations === 0) {
      process.stdout.write('Demo data already present: nothing to do.\n');
    } else {
      const partial = result.accounts < DEMO_ACCOUNTS.length || result.consultations < DEMO_CONSULTATIONS.length;
      process.stdout.write(
        `Demo data loaded: ${result.accounts} of ${DEMO_ACCOUNTS.length} accounts and ` +
          `${result.consultations} of ${DEMO_CONSULTATIONS.length} consultations created` +
          `${partial ? ' (the rest were already present)' : ''}.\n`,
      );
    }
    const a = result.analysis;
    if (a.tags > 0) {
      process.stdout.write(
        `Analysis: a codebook of ${a.tags} tags; ${a.codings} passages coded in ${a.analysed} responses.\n`,
      );
    }
    if (result.summaries.summaries > 0) {
      process.stdout.write(
        `Theme summaries: ${result.summaries.summaries} written with cited passages (${result.summaries.codings} passages coded for them).\n`,
      );
    }
  } finally {
    await handle?.close();
  }
  process.stdout.write('\nDemo accounts (demo data only):\n');
  for (const a of DEMO_ACCOUNTS) {
    process.stdout.write(`  ${a.roles.join('+').padEnd(12)} ${a.email.padEnd(28)} ${a.password}\n`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    // parseArgs rejects unknown flags with a TypeError carrying ERR_PARSE_ARGS_*.
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${err.message}\n\n${HELP}`);
      process.exit(2);
    }
    const detail = err instanceof Error ? err.message : String(err);
    process.stderr.write(`Seeding failed: ${detail}\n`);
    if (err instanceof Error && err.cause) process.stderr.write(`  cause: ${String(err.cause)}\n`);
    process.exit(1);
  },
);
