import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/database.ts';
import * as repo from './exports.repository.ts';

/**
 * A large export job (`analysis.export`) in a process of its own (issue 12, Measure): the web
 * process holds its routes, caches and the transpiled modules (about 230–290 MB resident before any
 * export), and an export of a million items allocates some hundred megabytes of short-lived strings
 * that V8 collects lazily. Run in a lean child (exports.child.ts: the database, the blob store and the
 * export code only, with a small V8 heap), the export's memory is that child's, bounded, and returned
 * to the system when it ends; the web process only waits for it. Only with PostgreSQL: an embedded
 * PGlite database belongs to one process, so there the job runs in the web process (runExportJob).
 */
export type ExportProcessSettings = {
  databaseUrl: string;
  preparedStatements: boolean;
  filesDir: Config['filesDir'];
  s3: Config['s3'];
};
export type ExportChildMessage = ExportProcessSettings & { exportId: string };

/** The child's V8 heap: enough for two batches of 5,000 items and the modules (about 40 MB), with room. */
const CHILD_FLAGS = ['--max-old-space-size=96', '--max-semi-space-size=8'];
const entry = fileURLToPath(new URL('./exports.child.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export async function runExportJobInProcess(
  deps: { db: Db; log: { warn: (o: object, m: string) => void } },
  settings: ExportProcessSettings,
  data: unknown,
): Promise<void> {
  const exportId = (data as { exportId?: unknown } | null)?.exportId;
  if (typeof exportId !== 'string') return;
  const child = fork(entry, [], { execArgv: ['--import', tsx, ...CHILD_FLAGS], stdio: 'inherit' });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  child.send({ ...settings, exportId } satisfies ExportChildMessage);
  const { code, signal } = await exited;
  if (code === 0) return;
  // The child ended before it could record a failure (killed, out of memory): recorded here.
  const r = await repo.findExportById(deps.db, exportId);
  if (r?.status === 'running' || r?.status === 'queued') {
    const why = `the export process ended (${signal ?? `exit code ${code}`})`;
    deps.log.warn({ exportId }, why);
    await repo.failExport(deps.db, exportId, why);
  }
}
