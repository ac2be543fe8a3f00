import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { BUSY_ABOVE, defers, loadGauge, runInBackground } from '../../server/shared/background.ts';

// The background loops (inbox indexer, personal-data scanner) yield to a busy event loop, for at
// most maxDeferMs since their last run.

const hog = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('defers', () => {
  it('skips a tick only while busy and within the longest deferral', () => {
    expect(defers(BUSY_ABOVE + 0.05, 1_000, 15_000)).toBe(true);
    expect(defers(BUSY_ABOVE + 0.05, 15_000, 15_000)).toBe(false);
    expect(defers(BUSY_ABOVE - 0.05, 1_000, 15_000)).toBe(false);
    expect(defers(1, 0, 0)).toBe(false);
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
