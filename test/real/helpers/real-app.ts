/**
 * An app on a database of its own for the real-data checks. vitest.real.config.ts has no global setup
 * (so no migrated PGlite template is provided): on PGlite a fresh in-memory database is migrated
 * here; with TEST_DATABASE_URL a scratch PostgreSQL database is made and dropped on close (the
 * integration helper's createIsolatedTestApp). Its pg-boss workers run the background jobs.
 */
import { buildApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import { createDb } from '../../../server/db/database.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { createIsolatedTestApp, type TestApp } from '../../helpers/app.ts';

export async function createRealApp(env: Record<string, string>): Promise<TestApp> {
  if (process.env.TEST_DATABASE_URL) return createIsolatedTestApp(env);
  const handle = await createDb({});
  await migrateToLatest(handle.db);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CLIENT_DIST: './no-client-in-tests',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
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
