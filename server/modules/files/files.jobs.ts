import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { pgErrorCode } from '../../shared/errors.ts';
import { type BlobStore, readAll } from './blob-store.ts';
import { ExtractionError, extractInWorker } from './extraction/extract.ts';
import * as repo from './files.repository.ts';
import { isExtractable } from './files.rules.ts';
import { ExtractJob } from './files.schemas.ts';
import { SWEEP_JOB, sweepOrphanUploads } from './upload/upload.sweep.ts';

/** Queue name of the text-extraction job; enqueued by uploadAttachment in the insert's transaction. */
export const EXTRACT_JOB = 'files.extract';

export type ExtractDeps = { db: Db; store: BlobStore; log: FastifyBaseLogger; extract?: typeof extractInWorker };

// A tsvector holds at most 1 MB; text that would exceed it is indexed from its start only.
const INDEX_PREFIXES = [Infinity, 250_000, 50_000];
const PROGRAM_LIMIT_EXCEEDED = '54000';

async function storeText(db: Db, consultationId: string, id: string, text: string): Promise<void> {
  for (const prefix of INDEX_PREFIXES) {
    try {
      await repo.storeExtractedText(db, consultationId, id, text, Math.min(prefix, text.length));
      return;
    } catch (err) {
      if (pgErrorCode(err) !== PROGRAM_LIMIT_EXCEEDED || prefix === INDEX_PREFIXES.at(-1)) throw err;
    }
  }
}

/**
 * The `files.extract` job. Idempotent (a finished row is left alone). A document that cannot be read
 * is marked 'failed' for good; anything else (blob store, database) marks it 'failed' and rethrows,
 * so pg-boss retries it with backoff up to its retry limit and a later success sets 'done'.
 */
export async function runExtraction(deps: ExtractDeps, data: unknown): Promise<void> {
  const job = ExtractJob.safeParse(data);
  if (!job.success) {
    deps.log.error({ data }, 'files.extract: malformed job');
    return;
  }
  const { consultationId, id } = job.data;
  const a = await repo.findAttachment(deps.db, consultationId, id);
  if (!a || a.extractionStatus === 'done' || a.extractionStatus === 'skipped') return;
  if (!isExtractable(a.mediaType)) {
    await repo.markExtraction(deps.db, consultationId, id, { status: 'skipped', error: null });
    return;
  }
  try {
    const bytes = await readAll(await deps.store.get(a.storageKey));
    const outcome = await (deps.extract ?? extractInWorker)(bytes, a.mediaType);
    if (outcome.status === 'skipped') {
      await repo.markExtraction(deps.db, consultationId, id, { status: 'skipped', error: null });
      return;
    }
    await storeText(deps.db, consultationId, id, outcome.text);
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    deps.log.warn({ err, consultationId, attachmentId: id }, 'text extraction failed');
    await repo.markExtraction(deps.db, consultationId, id, { status: 'failed', error: message });
    if (!(err instanceof ExtractionError)) throw err;
  }
}

/** Starts the extraction worker of this process (none when JOBS_ENABLED=false; see plugins/jobs.ts). */
export async function registerFileJobs(
  app: FastifyInstance,
  deps: Omit<ExtractDeps, 'log'>,
  sweep: { orphanHours: number },
): Promise<void> {
  await app.jobs.work<unknown>(EXTRACT_JOB, (data) => runExtraction({ ...deps, log: app.log }, data), { batchSize: 1 });
  // Daily at 03:17 UTC: uploads that can no longer become part of a response (files.sweep.ts).
  await app.jobs.work<unknown>(SWEEP_JOB, async () => {
    await sweepOrphanUploads({ ...deps, log: app.log }, { graceHours: sweep.orphanHours });
  });
  await app.jobs.schedule(SWEEP_JOB, '17 3 * * *');
}
