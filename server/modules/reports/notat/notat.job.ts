import type { Db } from '../../../db/database.ts';
import { generateModel } from './notat.generate.ts';
import * as repo from './notat.repository.ts';

/**
 * The `reports.generate` job (issue 14 story 6): builds a version's model with its progress on the
 * version row, and records how long it took and the process's peak resident memory while it ran. A
 * failure is recorded on the version (staff see it and generate again); it is not retried.
 */
export type ReportJobDeps = {
  db: Db;
  publicUrl: string;
  log: { warn: (o: object, m: string) => void };
  now?: () => Date;
};

export async function runReportJob(deps: ReportJobDeps, data: unknown): Promise<void> {
  const d = data as { consultationId?: unknown; versionId?: unknown } | null;
  if (typeof d?.consultationId !== 'string' || typeof d.versionId !== 'string') return;
  const v = await repo.findVersionById(deps.db, d.consultationId, d.versionId);
  if (!v || v.status !== 'generating') return;
  const started = Date.now();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25).unref();
  try {
    const model = await generateModel(
      deps.db,
      {
        consultationId: v.consultationId,
        number: v.number,
        publicUrl: deps.publicUrl,
        now: deps.now?.() ?? new Date(),
      },
      (fraction, phase) => repo.setProgress(deps.db, v.consultationId, v.id, fraction, phase),
    );
    peak = Math.max(peak, process.memoryUsage().rss);
    await repo.finishVersion(deps.db, v.consultationId, v.id, {
      model: JSON.stringify(model),
      tookMs: Date.now() - started,
      peakRss: peak,
    });
  } catch (err) {
    deps.log.warn({ err, versionId: v.id }, 'report generation failed');
    await repo.failVersion(
      deps.db,
      v.consultationId,
      v.id,
      (err instanceof Error ? err.message : String(err)).slice(0, 1000),
    );
  } finally {
    clearInterval(sampler);
  }
}
