import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { noteArrivals, storeClusters } from './campaigns.detect.ts';
import * as repo from './campaigns.repository.ts';
import type { DetectPhase } from './campaigns.rules.ts';

/** Queue name of a campaign detection run; enqueued by startRun in the transaction that makes the run. */
export const CAMPAIGNS_JOB = 'analysis.campaigns';
export const CampaignsJob = z.object({ runId: z.uuid() });

type Found = { clusters: { members: number[]; template: number }[]; boilerplate: string[] };
export type CampaignsDeps = {
  db: Db;
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>;
  detect?: (texts: string[], progress: (phase: DetectPhase, f: number) => Promise<void>) => Promise<Found>;
};

/**
 * Runs the pipeline (campaigns.rules.ts) in a worker thread (campaigns.worker.mjs), so a long run
 * over a big consultation never stalls the requests this process serves.
 */
export function detectInWorker(texts: string[], progress: (phase: DetectPhase, f: number) => Promise<void>) {
  return new Promise<Found>((resolve, reject) => {
    const worker = new Worker(new URL('./campaigns.worker.mjs', import.meta.url), {
      workerData: { texts },
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    let chain: Promise<unknown> = Promise.resolve();
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    type Message =
      | { type: 'progress'; phase: DetectPhase; fraction: number }
      | { type: 'done'; result: Found }
      | { type: 'error'; error: string };
    let finished = false;
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') chain = chain.then(() => progress(m.phase, m.fraction));
      else if (m.type === 'done') {
        finished = true;
        void chain.then(
          () => settle(() => resolve(m.result)),
          (e: unknown) => settle(() => reject(e as Error)),
        );
      } else settle(() => reject(new Error(m.error)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => {
      if (!finished) settle(() => reject(new Error(`The campaigns worker exited (${code})`)));
    });
  });
}

const SPAN: Record<DetectPhase | 'reading' | 'saving', [number, number]> = {
  reading: [0, 15],
  hashing: [15, 60],
  banding: [60, 65],
  verifying: [65, 80],
  clustering: [80, 82],
  saving: [82, 99],
};
const PAGE = 5000;
const MAX_CHARS = 50_000;

function reporter(db: Db, runId: string) {
  let last = { phase: '', at: 0, pct: -1 };
  return async (phase: keyof typeof SPAN, fraction: number) => {
    const [from, to] = SPAN[phase];
    const pct = Math.round(from + (to - from) * Math.min(1, Math.max(0, fraction)));
    const now = Date.now();
    if (phase === last.phase && (pct === last.pct || now - last.at < 500)) return;
    last = { phase, at: now, pct };
    await repo.setProgress(db, runId, phase, pct);
  };
}

/** A full run: every item of the consultation, clustered, then placed against the stored campaigns. */
async function fullRun(deps: CampaignsDeps, run: repo.RunRow, report: ReturnType<typeof reporter>) {
  const keys: repo.ItemKey[] = [];
  const texts: string[] = [];
  const versions: number[] = [];
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await repo.readItems(deps.db, run.consultationId, after, PAGE);
    for (const r of rows) {
      keys.push({ kind: r.kind, id: r.id });
      texts.push(r.text.slice(0, MAX_CHARS));
      versions.push(r.version);
    }
    await report('reading', Math.min(1, keys.length / 100_000));
    if (rows.length < PAGE) break;
    after = [rows.at(-1)!.kind, rows.at(-1)!.id];
  }
  const found = await (deps.detect ?? detectInWorker)(texts, report);
  const bp = new Set(found.boilerplate);
  await report('saving', 0);
  // Signatures for later incremental runs: stored by the arrivals path (noteArrivals) for new
  // items; a full run places its clusters.
  const joined = await storeClusters(
    deps.db,
    run.consultationId,
    found.clusters.map((c) => ({ template: keys[c.template]!, members: c.members.map((m) => keys[m]!) })),
    bp,
    (f) => report('saving', f),
  );
  return { itemCount: keys.length, joinedCount: joined, boilerplate: found.boilerplate };
}

/** An incremental run: the items whose band keys are not stored yet (a bulk import, the demo seed). */
async function incrementalRun(deps: CampaignsDeps, run: repo.RunRow, report: ReturnType<typeof reporter>) {
  let itemCount = 0;
  let joinedCount = 0;
  for (;;) {
    const keys = await repo.pendingSignatures(deps.db, run.consultationId, 500);
    if (keys.length === 0) break;
    const texts = await repo.textsOf(deps.db, run.consultationId, keys);
    const arrivals = keys.map((k) => {
      const t = texts.get(repo.keyOf(k));
      return { ...k, consultationId: run.consultationId, version: t?.version ?? 1, text: t?.text ?? '' };
    });
    joinedCount += await deps.db.transaction().execute((trx) => noteArrivals(trx, arrivals));
    itemCount += keys.length;
    await report('saving', Math.min(1, itemCount / 10_000));
  }
  return { itemCount, joinedCount, boilerplate: await repo.latestBoilerplate(deps.db, run.consultationId) };
}

/**
 * The `analysis.campaigns` job: claims the queued run (or one whose worker died), runs it and
 * marks it done; a failure marks it failed with its message (an analyst starts a new run).
 */
export async function runCampaignJob(deps: CampaignsDeps, data: unknown): Promise<void> {
  const job = CampaignsJob.safeParse(data);
  if (!job.success) {
    deps.log.error({ data }, 'analysis.campaigns: malformed job');
    return;
  }
  const run = await repo.claimRun(deps.db, job.data.runId);
  if (!run) return;
  const report = reporter(deps.db, run.id);
  try {
    const result = run.mode === 'full' ? await fullRun(deps, run, report) : await incrementalRun(deps, run, report);
    await repo.finishRun(deps.db, run.id, result);
  } catch (err) {
    deps.log.warn({ err, runId: run.id }, 'campaign detection failed');
    await repo.failRun(deps.db, run.id, (err instanceof Error ? err.message : String(err)).slice(0, 1000));
  }
}
