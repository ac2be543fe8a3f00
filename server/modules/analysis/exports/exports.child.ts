import { createDb } from '../../../db/database.ts';
import { createBlobStore } from '../../files/blob-store.ts';
import type { ExportChildMessage } from './exports.process.ts';
import { runExportJob } from './exports.service.ts';

/**
 * The lean process of a large export (exports.process.ts): one message with the export's id and the
 * settings it needs, the job, then exit. It loads no routes, no plugins and no seed.
 */
// The web process gone (a restart): end too; the job is run again from the start (claimExport takes a running one).
process.once('disconnect', () => process.exit(1));
process.once('message', (m: ExportChildMessage) => {
  void (async () => {
    const handle = await createDb({ databaseUrl: m.databaseUrl, preparedStatements: m.preparedStatements, poolMax: 3 });
    try {
      const log = {
        warn: (o: object, msg: string) =>
          process.stderr.write(
            `${JSON.stringify({ level: 'warn', msg, ...o, err: String((o as { err?: unknown }).err ?? '') })}\n`,
          ),
      };
      await runExportJob({ db: handle.db, store: createBlobStore(m), log }, { exportId: m.exportId });
    } finally {
      await handle.close();
    }
  })().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`export process failed: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
});
