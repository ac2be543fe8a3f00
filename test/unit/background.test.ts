import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  BUSY_ABOVE,
  BUSY_REQUESTS,
  defers,
  loadGauge,
  requestGauge,
  runInBackground,
  trackRequests,
} from '../../server/shared/background.ts';

// The background loops (inbox indexer, personal-data scanner) yield to a busy event loop, for at
// most maxDeferMs since their last run.

const hog = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('defers', () => {
  it('skips a tick only while busy and within the longest deferral', () => {
    const busy = { utilisation: BUSY_ABOVE + 0.05, requests: 0 };
    const waiting = { utilisation: 0.2, requests: BUSY_REQUESTS + 1 };
    const idle = { utilisation: BUSY_ABOVE - 0.05, requests: BUSY_REQUESTS };
    expect(defers(busy, 1_000, 15_000)).toBe(true);
    expect(defers(waiting, 1_000, 15_000)).toBe(true);
    expect(defers(busy, 15_000, 15_000)).toBe(false);
    expect(defers(idle, 1_000, 15_000)).toBe(false);
    expect(defers(busy, 0, 0)).toBe(false);
  });
});

describe('loadGauge', () => {
  it('reads the event loop as busy while it is held, and idle after', async () => {
    const gauge = loadGauge();
    hog(200);
    expect(gauge()).toBeGreaterThan(BUSY_ABOVE);
    await sleep(200);
    expect(gauge()).toBeLessThan(BUSY_ABOVE);
  });
});

describe('runInBackground', () => {
  it('runs on its beat, skips ticks while the loop is held, runs again when it is free', async () => {
    const app = Fastify();
    let runs = 0;
    runInBackground(app, { everyMs: 20, maxDeferMs: 60_000, run: async () => void runs++, failed: 'x' });
    await app.ready();
    await sleep(150);
    expect(runs).toBeGreaterThan(1);
    // Held: each tick finds the loop busier than BUSY_ABOVE since the last, and skips.
    const before = runs;
    const held = setInterval(() => hog(40), 1);
    await sleep(600);
    const during = runs - before;
    clearInterval(held);
    expect(during).toBeLessThanOrEqual(1);
    await sleep(150);
    expect(runs - before - during).toBeGreaterThan(0);
    await app.close();
  });
});

describe('requestGauge', () => {
  it('reads the mean number of requests in flight, counting those a client aborts', async () => {
    const app = Fastify();
    trackRequests(app);
    const release: (() => void)[] = [];
    app.get('/slow', () => new Promise<string>((r) => release.push(() => r('ok'))));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/slow`;
    const gauge = requestGauge();
    const aborts = Array.from({ length: 10 }, () => new AbortController());
    const pending = aborts.map((a) => fetch(url, { signal: a.signal }).catch(() => null));
    while (release.length < 10) await sleep(10);
    gauge();
    await sleep(100);
    expect(gauge()).toBeCloseTo(10, 0);
    for (const a of aborts.slice(0, 5)) a.abort();
    for (const r of release.slice(5)) r();
    await Promise.all(pending);
    await sleep(50);
    gauge();
    await sleep(50);
    expect(gauge()).toBe(0);
    for (const r of release.slice(0, 5)) r();
    await app.close();
  });
});
