import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import * as repo from './themes.repository.ts';
import type { Progress, ThemeItem, ThemeOptions, ThemePhase, ThemeResult } from './themes.rules.ts';

/** Queue name of a suggested-themes run; enqueued by startRun in the transaction that makes the run. */
export const THEMES_JOB = 'analysis.themes';
export const ThemesJob = z.object({ runId: z.uuid() });

export type ThemesDeps = { db: Db; log: Pick<FastifyBaseLogger, 'error' | 'warn'>; suggest?: typeof suggestInWorker };

/**
 * Runs the pipeline (themes.rules.ts) in a worker thread (themes.worker.mjs), so minutes of
 * arithmetic over 100,000 items never stall the requests this process serves; its progress comes
 * back as messages, passed on in order.
 */
export function suggestInWorker(
  items: readonly ThemeItem[],
  opts: ThemeOptions,
  progress: Progress,
): Promise<ThemeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./themes.worker.mjs', import.meta.url), {
      workerData: { items: items.map((x) => ({ key: x.key, text: x.text, language: x.language })), opts },
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
      | { type: 'progress'; phase: ThemePhase; fraction: number }
      | { type: 'done'; result: ThemeResult }
      | { type: 'error'; error: string };
    let finished = false;
    worker.on('message', (m: Message) => {
      if (m.type === 'progress') chain = chain.then(() => progress(m.phase, m.fraction));
      else if (m.type === 'done') {
        // The worker exits right after this message: settle once the progress before it is written.
        finished = true;
        void chain.then(
          () => settle(() => resolve(m.result)),
          (e: unknown) => settle(() => reject(e as Error)),
        );
      } else settle(() => reject(new Error(m.error)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => {
      if (!finished) settle(() => reject(new Error(`The themes worker exited (${code})`)));
    });
  });
}

/** Where each phase sits in the run's 0–100 (reading and saving are the job's, the rest the pipeline's). */
const SPAN: Record<ThemePhase | 'reading' | 'saving', [number, number]> = {
  reading: [0, 10],
  vectorising: [10, 35],
  choosing_k: [35, 55],
  clustering: [55, 85],
  describing: [85, 92],
  saving: [92, 99],
};
const PAGE = 5000;
const MAX_CHARS = 20_000;

/** Writes the progress when the phase changes, or at most every half second. */
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

async function readAll(deps: ThemesDeps, run: repo.RunRow, report: ReturnType<typeof reporter>) {
  const out: (ThemeItem & { kind: string; itemId: string })[] = [];
  let after: [string, string] | null = null;
  for (;;) {
    const rows = await repo.readItems(deps.db, run.consultationId, run.filters, after, PAGE, MAX_CHARS);
    for (const r of rows) out.push({ key: `${r.kind}:${r.itemId}`, ...r });
    await report('reading', Math.min(1, out.length / 100_000));
    if (rows.length < PAGE) return out;
    const last = rows.at(-1)!;
    after = [last.kind, last.itemId];
  }
}

/**
 * The `analysis.themes` job: claims the queued run, or one whose worker died (another worker's
 * claim wins; a finished run is left alone), reads the consultation's inbox items, runs the
 * pipeline, stores the candidates and marks the run done; a failure marks it failed with its
 * message (an analyst starts a new run).
 */
export async function runThemeJob(deps: ThemesDeps, data: unknown): Promise<void> {
  const job = ThemesJob.safeParse(data);
  if (!job.success) {
    deps.log.error({ data }, 'analysis.themes: malformed job');
    return;
  }
  const run = await repo.claimRun(deps.db, job.data.runId);
  if (!run) return;
  const report = reporter(deps.db, run.id);
  try {
    const items = await readAll(deps, run, report);
    const result = await (deps.suggest ?? suggestInWorker)(items, { seed: run.seed, k: run.k ?? undefined }, report);
    await report('saving', 0);
    const where = new Map(items.map((x) => [x.key, x]));
    const ref = (key: string) => where.get(key)!;
    const candidates = result.candidates.map((c, position) => ({
      position,
      kind: c.kind,
      memberCount: c.members.length,
      terms: c.terms,
      quotes: c.quotes.map((q) => ({
        kind: ref(q.key).kind,
        itemId: ref(q.key).itemId,
        quote: q.quote,
        similarity: q.similarity,
      })),
      members: c.members.map((m): [string, string, number] => [ref(m.key).kind, ref(m.key).itemId, m.similarity]),
    }));
    // The candidates and "done" together: a run is never done with half its candidates.
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertCandidates(trx, run.consultationId, run.id, candidates);
      await repo.finishRun(trx, run.id, {
        itemCount: items.length,
        unclusteredCount: result.unclustered.length,
        chosenK: result.k,
        vocabulary: result.vocabulary,
      });
    });
  } catch (err) {
    deps.log.warn({ err, runId: run.id }, 'suggested themes failed');
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 1000);
    await repo.failRun(deps.db, run.id, message);
  }
}
