/**
 * `npm run import -- <consultation-slug> <file> [<file> …] [--as <staff e-mail>] [--dry-run]`:
 * the bulk import of letters and e-mails (issue 12 story 3) from the command line. The files are
 * what the import page takes: a CSV with the files it names, a ZIP, or .eml/.mbox files. The rows
 * are checked and staged as on the page (row errors are listed and nothing is imported); then the
 * commit is queued as the same background job and run here, all or nothing, with a progress bar.
 * A re-run adds nothing twice (each row's external reference, a mail's Message-ID).
 *
 * The progress bar is one line redrawn on standard error when it is a terminal (a line per 10 %
 * otherwise, e.g. in a log): no library needed for that.
 */
import path from 'node:path';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigError, loadConfig } from '../server/config.ts';
import { createDb, type DbHandle } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { listActiveStaff } from '../server/modules/accounts/accounts.service.ts';
import { createBlobStore } from '../server/modules/files/blob-store.ts';
import { nothingPublished } from '../server/modules/files/files.service.ts';
import { createJobQueue } from '../server/modules/jobs/jobs.queue.ts';
import { EXTRACT_JOB } from '../server/modules/files/extraction/extraction.job.ts';
import {
  IMPORT_JOB,
  getImport,
  importRows,
  requestCommit,
  runImportCommit,
  stageImport,
} from '../server/modules/responses/import/import.service.ts';
import { AppError } from '../server/shared/errors.ts';

const HELP = `Usage: npm run import -- <consultation-slug> <file> [<file> …] [options]

  <file>            a CSV (with the files it names given too), a ZIP with the CSV and the
                    files, or .eml / .mbox files from the hearing mailbox
  --as <e-mail>     the admin or analyst the responses are registered by (default: the
                    first active admin)
  --dry-run         check and stage only: print the row errors, import nothing
  --help            this text

Database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite database in DATA_DIR
(stop the server first). Exit status: 0 imported (or nothing new), 1 row errors or failure,
2 bad arguments.
`;

/** A progress bar: one redrawn line on a terminal, a line per 10 % elsewhere. */
function progressBar(label: string) {
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  return {
    update(done: number, total: number) {
      const f = total > 0 ? Math.min(1, done / total) : 1;
      if (tty) {
        const width = 30;
        const full = Math.round(f * width);
        process.stderr.write(
          `\r${label} [${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(Math.round(f * 100)).padStart(3)} % ${done}/${total}`,
        );
      } else if (Math.floor(f * 10) > lastTenth) {
        lastTenth = Math.floor(f * 10);
        process.stderr.write(`${label}: ${Math.round(f * 100)} % (${done}/${total})\n`);
      }
    },
    end() {
      if (tty) process.stderr.write('\n');
    },
  };
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { as: { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const [slug, ...files] = positionals;
  if (!slug || files.length === 0) {
    process.stderr.write(HELP);
    return 2;
  }
  const config = loadConfig();
  let handle: DbHandle | undefined;
  const log = pino({ level: 'warn' });
  try {
    handle = await createDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 3 });
    await migrateToLatest(handle.db);
    const staff = await listActiveStaff(handle.db, ['admin', 'analyst']);
    const actor = values.as
      ? staff.find((s) => s.email.toLowerCase() === values.as!.toLowerCase())
      : staff.find((s) => s.roles.includes('admin'));
    if (!actor) {
      process.stderr.write(`No active admin or analyst ${values.as ?? ''}\n`);
      return 2;
    }
    const jobs = createJobQueue(handle, log as never, { workers: false });
    await jobs.start();
    // The queues exist before any transaction sends to them: on PGlite (one connection) creating a
    // queue while a transaction is open would wait for that transaction forever.
    for (const name of [IMPORT_JOB, EXTRACT_JOB]) await jobs.work(name, async () => {});
    try {
      const checking = progressBar('Checking');
      const files_ = {
        db: handle.db,
        store: createBlobStore(config),
        jobs,
        log: log as never,
        stagingDir: config.s3
          ? path.join(os.tmpdir(), 'samraad-uploads')
          : path.join(path.resolve(config.filesDir), '.tmp'),
        maxBytes: config.uploadMaxBytes,
        isPublished: nothingPublished,
      };
      const uploads = files.map((f) => ({ filename: path.basename(f), path: path.resolve(f) }));
      const staged = await stageImport(
        {
          db: handle.db,
          files: files_,
          maxFiles: config.uploadMaxFiles,
          maxBytes: config.importMaxBytes,
          onProgress: checking.update,
        },
        actor,
        slug,
        uploads,
      );
      checking.end();
      process.stdout.write(
        `${staged.rowCount} rows: ${staged.toImportCount} to import, ${staged.duplicateCount} imported before, ${staged.errorCount} with errors (import ${staged.id})\n`,
      );
      if (staged.errorCount > 0) {
        let after = 0;
        for (;;) {
          const page = await importRows(handle.db, actor, slug, staged.id, { after, limit: 500, errorsOnly: true });
          for (const r of page.items) {
            for (const e of r.errors)
              process.stdout.write(`  row ${r.rowNo} (${r.externalRef || '-'}): ${e.code}: ${e.message}\n`);
          }
          if (page.nextAfter === null) break;
          after = page.nextAfter;
        }
        process.stdout.write('Nothing was imported: correct the rows and run the import again.\n');
        return 1;
      }
      if (values['dry-run'] || staged.toImportCount === 0) {
        if (staged.toImportCount === 0) process.stdout.write('Nothing new to import.\n');
        return 0;
      }
      await requestCommit(handle.db, jobs, actor, slug, staged.id);
      const importing = progressBar('Importing');
      await runImportCommit(
        {
          db: handle.db,
          maxFiles: config.uploadMaxFiles,
          log,
          afterBatch: (done) => importing.update(done, staged.toImportCount),
        },
        { importId: staged.id },
      );
      importing.end();
      const done = await getImport(handle.db, actor, slug, staged.id);
      if (done.status !== 'committed') {
        process.stdout.write(`The import failed and nothing was saved: ${done.error ?? done.status}\n`);
        return 1;
      }
      process.stdout.write(`Imported ${done.importedCount} responses.\n`);
      return 0;
    } finally {
      await jobs.stop();
    }
  } catch (err) {
    if (err instanceof ConfigError || err instanceof AppError) {
      process.stderr.write(`${err.message}\n`);
      return err instanceof AppError && err.code === 'NOT_FOUND' ? 2 : 1;
    }
    throw err;
  } finally {
    await handle?.close();
  }
}

process.exitCode = await main();
