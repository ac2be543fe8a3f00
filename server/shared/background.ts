import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * A background loop of this instance (the inbox indexer, the personal-data scanner): `run` every
 * `everyMs` after the previous run ended, started when the app is ready, awaited when it closes.
 *
 * It yields to the requests: when the event loop was busier than BUSY_ABOVE since the last tick (a
 * burst of submissions), the tick is skipped — but never for longer than `maxDeferMs` since the
 * last run, so under a sustained burst the loop still takes one budgeted run per `maxDeferMs` and
 * its lag stays bounded (the inbox says how far it is indexed). The submissions a burst brings are
 * what the loop indexes afterwards; taking the cores from them meanwhile helps no one.
 */
export const BUSY_ABOVE = 0.85;

export type BackgroundLoop = { everyMs: number; maxDeferMs: number; run: () => Promise<unknown>; failed: string };

/** The event loop's utilisation since the previous call (0–1). */
export function loadGauge(): () => number {
  let last: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, last);
    last = now;
    return since.utilization;
  };
}

/** Whether a tick defers its run: busy, and the last run recent enough. */
export const defers = (utilisation: number, sinceLastRunMs: number, maxDeferMs: number) =>
  utilisation > BUSY_ABOVE && sinceLastRunMs < maxDeferMs;

export function runInBackground(app: FastifyInstance, loop: BackgroundLoop): void {
  if (loop.everyMs <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastRun = 0;
  const gauge = loadGauge();
  const next = () => {
    if (timer !== undefined) timer = setTimeout(tick, loop.everyMs).unref();
  };
  const tick = () => {
    if (defers(gauge(), Date.now() - lastRun, loop.maxDeferMs)) return next();
    lastRun = Date.now();
    running = loop
      .run()
      .catch((err: unknown) => app.log.warn({ err }, loop.failed))
      .finally(() => {
        // The run's own work does not count as the requests' load at the next tick.
        gauge();
        next();
      });
  };
  app.addHook('onReady', async () => {
    timer = setTimeout(tick, 0).unref();
  });
  app.addHook('onClose', async () => {
    clearTimeout(timer);
    timer = undefined;
    await running;
  });
}
