import { assertServable, loadConfig, ConfigError } from './config.ts';
import { createDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildApp } from './app.ts';
import { ensureAdminFromEnv } from './modules/accounts/accounts.service.ts';
import { DEMO_ACCOUNTS, hasDemoAccounts, isEmpty, seedDemo } from './seed/demo.ts';

async function main(): Promise<void> {
  const started = performance.now();
  let config;
  try {
    config = loadConfig();
    assertServable(config);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const handle = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    preparedStatements: config.databasePreparedStatements,
  });
  const applied = await migrateToLatest(handle.db);
  // Anonymous public reads go to the read replica when one is configured (plugins/replica.ts).
  const readHandle = config.databaseReadUrl
    ? await createDb({ databaseUrl: config.databaseReadUrl, preparedStatements: config.databasePreparedStatements })
    : undefined;
  const app = await buildApp({ config, db: handle, readDb: readHandle });
  for (const m of applied) app.log.info({ migration: m.migrationName, status: m.status }, 'migration');

  // Demo data on the embedded database's first start; never on a real deployment unless asked.
  const wantSeed = config.seedDemo === 'true' || (config.seedDemo === 'auto' && handle.kind === 'pglite');
  let seeded = false;
  if (wantSeed && (await isEmpty(handle.db))) {
    await seedDemo(handle.db, new Date(), { store: app.blobStore, publicUrl: config.publicUrl });
    seeded = true;
  }
  if (config.adminEmail && config.adminPassword) {
    if (await ensureAdminFromEnv(handle.db, config.adminEmail, config.adminPassword)) {
      app.log.info({ email: config.adminEmail }, 'created the first admin from ADMIN_EMAIL');
    }
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await handle.close();
    await readHandle?.close();
    process.exit(0);
  };
  // A promise nobody awaited that fails (a database outage reaching a background loop) is logged,
  // not allowed to end the process: every instance would otherwise die at a failover (issue 10 item 4).
  process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled rejection'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  const lines = [
    '',
    `  Samråd is running at ${url}  (database: ${handle.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pg` : 'PostgreSQL'})`,
    `  API docs: ${url}/api/docs   ready in ${Math.round(performance.now() - started)} ms${seeded ? ', demo data loaded' : ''}`,
    `  Links in mail: ${config.publicUrl} (PUBLIC_URL)`,
  ];
  if (seeded || (handle.kind === 'pglite' && (await hasDemoAccounts(handle.db)))) {
    lines.push('', '  Demo accounts (demo data only):');
    for (const a of DEMO_ACCOUNTS)
      lines.push(`    ${a.roles.join('+').padEnd(12)} ${a.email.padEnd(28)} ${a.password}`);
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`Samråd failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
