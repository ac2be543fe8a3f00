import { type EventLoopUtilization, performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';

/**
 * A background loop of this instance (the inbox indexer, the personal-data scanner): `run` every
 * `everyMs` after the previous run ended, started when the app is ready, awaited when it closes.
 *
 * It yields to the requests: when the event loop was busier than BUSY_ABOVE since the last tick, or
 * more than BUSY_REQUESTS requests were in flight on average (a burst of submissions, which keeps
 * the database and so the cores busy while the event loop waits on it), the tick is skipped — but
 * never for longer than `maxDeferMs` since the last run, so under a sustained burst the loop still
 * takes one budgeted run (of small batches) per `maxDeferMs` and its lag stays bounded (the inbox
 * says how far it is indexed). The submissions a burst brings are
 * what the loop indexes afterwards; taking the cores from them meanwhile helps no one.
 */
export const BUSY_ABOVE = 0.85;
export const BUSY_REQUESTS = 8;

/**
 * Requests in flight in this process, integrated over time: `trackRequests` (on the root app, so
 * every route counts) keeps it; a gauge reads the mean since its previous reading.
 */
let inFlight = 0;
let area = 0;
let areaAt = performance.now();
const settle = () => {
  const now = performance.now();
  area += inFlight * (now - areaAt);
  areaAt = now;
};

export function trackRequests(app: FastifyInstance): void {
  app.addHook('onRequest', async (_req, reply) => {
    settle();
    inFlight += 1;
    // 'close' comes once whatever the end: sent, failed or aborted by the client.
    reply.raw.once('close', () => {
      settle();
      inFlight -= 1;
    });
  });
}

/** The mean number of requests in flight since the previous call. */
export function requestGauge(): () => number {
  settle();
  let last = { area, at: areaAt };
  return () => {
    settle();
    const mean = areaAt > last.at ? (area - last.area) / (areaAt - last.at) : 0;
    last = { area, at: areaAt };
    return mean;
  };
}

/** `run(busy)`: `busy` when the run comes while the instance is busy (its deferral ran out): keep it small. */
export type BackgroundLoop = {
  everyMs: number;
  maxDeferMs: number;
  run: (busy: boolean) => Promise<unknown>;
  failed: string;
};

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

type Load = { utilisation: number; requests: number };
export const isBusy = (load: Load) => load.utilisation > BUSY_ABOVE || load.requests > BUSY_REQUESTS;

/** Whether a tick defers its run: busy, and the last run recent enough. */
export const defers = (load: Load, sinceLastRunMs: number, maxDeferMs: number) =>
  isBusy(load) && sinceLastRunMs < maxDeferMs;

export function runInBackground(app: FastifyInstance, loop: BackgroundLoop): void {
  if (loop.everyMs <= 0) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let lastRun = 0;
  const eventLoop = loadGauge();
  const requests = requestGauge();
  const gauge = () => ({ utilisation: eventLoop(), requests: requests() });
  const next = () => {
    if (timer !== undefined) timer = setTimeout(tick, loop.everyMs).unref();
  };
  const tick = () => {
    const load = gauge();
    if (defers(load, Date.now() - lastRun, loop.maxDeferMs)) return next();
    lastRun = Date.now();
    running = loop
      .run(isBusy(load))
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
