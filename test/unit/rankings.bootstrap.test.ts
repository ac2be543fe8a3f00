import { describe, expect, it } from 'vitest';
import {
  binomial,
  bootstrapStability,
  collapseBallots,
  multinomial,
  pairwiseMatrix,
  type Ranks,
  schulze,
  type WeightedRanking,
  xoshiro128ss,
} from '../../server/modules/rankings/rankings.rules.ts';

/** A close three-way race: A and B split the top, C trails. */
const CLOSE: WeightedRanking[] = [
  { ranks: [1, 2, 3], count: 52 },
  { ranks: [2, 1, 3], count: 48 },
  { ranks: [2, 3, 1], count: 20 },
  { ranks: [3, 1, 2], count: 15 },
  { ranks: [1, null, null], count: 6 },
];

describe('seeded sampling', () => {
  it('repeats the same uniform stream for the same seed, inside (0, 1)', () => {
    const a = xoshiro128ss(42);
    const b = xoshiro128ss(42);
    const c = xoshiro128ss(43);
    const xs = Array.from({ length: 1000 }, a);
    expect(Array.from({ length: 1000 }, b)).toEqual(xs);
    expect(Array.from({ length: 1000 }, c)).not.toEqual(xs);
    expect(xs.every((x) => x > 0 && x < 1)).toBe(true);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it.each([
    [20, 0.1], // inversion
    [1_000_000, 0.3], // transformed rejection
    [5_000, 0.93], // mirrored
  ])('draws Binomial(%i, %f) with the right mean and variance', (n, p) => {
    const u = xoshiro128ss(n);
    const draws = Array.from({ length: 20_000 }, () => binomial(n, p, u));
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    const variance = draws.reduce((s, x) => s + (x - mean) ** 2, 0) / (draws.length - 1);
    expect(draws.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    const sd = Math.sqrt(n * p * (1 - p));
    // 5 standard errors of the mean, and 10 % on the variance, over 20 000 draws.
    expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(draws.length));
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.9);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.1);
  });

  it('draws a multinomial that always sums to the total, proportional to the weights', () => {
    const u = xoshiro128ss(9);
    const sums = [0, 0, 0, 0];
    for (let r = 0; r < 200; r++) {
      const draw = multinomial(10_000, [1, 2, 3, 4], u);
      expect(draw.reduce((s, x) => s + x, 0)).toBe(10_000);
      draw.forEach((x, k) => (sums[k]! += x));
    }
    sums.forEach((s, k) => expect(s / 2_000_000).toBeCloseTo((k + 1) / 10, 2));
  });
});

describe('bootstrap stability', () => {
  it('gives the same figures for the same seed and different ones for another seed', () => {
    const a = bootstrapStability(CLOSE, 3, { resamples: 100, seed: 1 });
    expect(bootstrapStability(CLOSE, 3, { resamples: 100, seed: 1 })).toEqual(a);
    expect(bootstrapStability(CLOSE, 3, { resamples: 100, seed: 2 }).rankShares).not.toEqual(a.rankShares);
  });

  it('gives each option rank shares summing to 1, a shared place counting as the better one', () => {
    const s = bootstrapStability(CLOSE, 3, { resamples: 100, seed: 5 });
    expect(s.resamples).toBe(100);
    for (const row of s.rankShares) expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    expect(s.winner).toBe(schulze(pairwiseMatrix(CLOSE, 3)).winner);
    expect(s.winnerRetained).toBe(s.rankShares[s.winner!]![0]);
    // A close race is not a sure thing, and the trailing option is never first.
    expect(s.winnerRetained).toBeGreaterThan(0.3);
    expect(s.winnerRetained).toBeLessThan(1);
    expect(s.rankShares[2]![0]).toBe(0);
  });

  it('keeps a landslide winner in every resample', () => {
    const s = bootstrapStability(
      [
        { ranks: [1, 2], count: 900 },
        { ranks: [2, 1], count: 100 },
      ],
      2,
      { seed: 3 },
    );
    expect(s.resamples).toBe(200);
    expect(s.winnerRetained).toBe(1);
    expect(s.rankShares).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('reports no winner to retain when the full sample ties for first', () => {
    const s = bootstrapStability(
      [
        [1, 2],
        [2, 1],
      ],
      2,
      { resamples: 50, seed: 4 },
    );
    expect(s.winner).toBeNull();
    expect(s.winnerRetained).toBeNull();
  });

  it('resamples 1 M ballots over 6 options, as every possible distinct ranking, 200 times (its speed is measured by npm run bench, not here)', () => {
    // Every way to fill in 6 ranks from 1–6 or blank (7^6) collapses to the 9,366 distinct rankings
    // of 6 options with ties and unranked options: the most a consultation with 6 scenarios can have.
    const all: Ranks[] = Array.from({ length: 7 ** 6 }, (_, x) =>
      Array.from({ length: 6 }, (__, i) => Math.floor(x / 7 ** i) % 7 || null),
    );
    const distinct = collapseBallots(all, 6);
    expect(distinct.length).toBe(9_366);
    const u = xoshiro128ss(2024);
    const counts = multinomial(
      1_000_000,
      distinct.map(() => u()),
      u,
    );
    const ballots = distinct.map((b, k) => ({ ranks: b.ranks, count: counts[k]! }));
    const s = bootstrapStability(ballots, 6, { resamples: 200, seed: 1 });
    expect(s.resamples).toBe(200);
    for (const row of s.rankShares) expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
  });
});
