import type { FastifyInstance } from 'fastify';
import { EXTRACT_JOB, type ExtractDeps, runExtraction } from './extraction/extraction.job.ts';
import { SWEEP_JOB, sweepOrphanUploads } from './upload/upload.sweep.ts';

/** Starts the extraction worker of this process (none when JOBS_ENABLED=false; see plugins/jobs.ts). */
export async function registerFileJobs(
  app: FastifyInstance,
  deps: Omit<ExtractDeps, 'log'>,
  sweep: { orphanHours: number },
): Promise<void> {
  await app.jobs.work<unknown>(EXTRACT_JOB, (data) => runExtraction({ ...deps, log: app.log }, data), { batchSize: 1 });
  // Daily at 03:17 UTC: uploads that can no longer become part of a response (upload/upload.sweep.ts).
  await app.jobs.work<unknown>(SWEEP_JOB, async () => {
    await sweepOrphanUploads({ ...deps, log: app.log }, { graceHours: sweep.orphanHours });
  });
  await app.jobs.schedule(SWEEP_JOB, '17 3 * * *');
}
