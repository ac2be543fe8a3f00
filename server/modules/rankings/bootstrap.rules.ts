/**
 * How stable the Schulze order is (issue #5, DESIGN.md §4 C4): the ballots are resampled with
 * replacement, the order recomputed, and for each option the share of resamples in which it holds
 * each position is reported, with the share in which the full-sample winner is still first.
 * Pure and deterministic given the seed. No I/O.
 *
 * A resample of N ballots drawn from D distinct rankings is a Multinomial(N, counts / N) draw of
 * how often each distinct ranking appears, so a resample costs O(D·n²), never O(N): a million
 * ballots over 6 scenarios (a few thousand distinct rankings) never become a million objects.
 */
import { ballotCount, type BallotInput, collapseBallots } from './pairwise.rules.ts';
import { multinomial, xoshiro128ss } from './sampling.rules.ts';
import { schulze, type SchulzeWeights } from './schulze.rules.ts';

export interface BootstrapOptions {
  readonly resamples?: number;
  readonly seed?: number;
  readonly weights?: SchulzeWeights;
}

export interface Stability {
  /** Resamples drawn: 0 when there are no ballots to resample. */
  readonly resamples: number;
  readonly seed: number;
  /**
   * `rankShares[i][k]` = share of resamples in which option i holds position k + 1. Tied options
   * share the better position (1, 2, 2, 4), so each row sums to 1 and a shared first place counts
   * as first. All zeros when there are no ballots.
   */
  readonly rankShares: number[][];
  /** The full-sample Schulze winner (null when the first place is shared or nothing was expressed). */
  readonly winner: number | null;
  /** Share of resamples in which that winner is still in first place; null without a winner. */
  readonly winnerRetained: number | null;
}

export const DEFAULT_RESAMPLES = 200;
/** A fixed default seed, so the stability figures a page publishes are the same on every reload. */
export const DEFAULT_SEED = 20070408;

/** For each distinct ranking, the flat indexes i·n + j of the pairs (i, j) it prefers i over j. */
function preferredPairs(ranks: readonly (number | null)[], n: number): Int32Array {
  const pairs: number[] = [];
  for (let i = 0; i < n; i++) {
    const ri = ranks[i]!;
    if (ri === null) continue;
    for (let j = 0; j < n; j++) {
      const rj = ranks[j]!;
      if (rj === null || ri < rj) pairs.push(i * n + j);
    }
  }
  return Int32Array.from(pairs);
}

function matrixFromDraw(draw: readonly number[], pairs: readonly Int32Array[], n: number): number[][] {
  const flat = new Float64Array(n * n);
  for (let k = 0; k < draw.length; k++) {
    const times = draw[k]!;
    if (times === 0) continue;
    const list = pairs[k]!;
    for (let x = 0; x < list.length; x++) flat[list[x]!]! += times;
  }
  return Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * n, i * n + n)));
}

export function bootstrapStability(ballots: BallotInput, n: number, options: BootstrapOptions = {}): Stability {
  const seed = options.seed ?? DEFAULT_SEED;
  const weights = options.weights ?? 'margins';
  const wanted = options.resamples ?? DEFAULT_RESAMPLES;
  if (!Number.isInteger(wanted) || wanted < 0) throw new RangeError('Resamples must be a whole number ≥ 0');
  // Canonical order, so the draws do not depend on the order the database returned the rows in.
  const distinct = collapseBallots(ballots, n)
    .filter((b) => b.count > 0)
    .map((b) => ({ ...b, key: b.ranks.join(',') }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const total = ballotCount(distinct);
  const pairs = distinct.map((b) => preferredPairs(b.ranks, n));
  const counts = distinct.map((b) => b.count);
  const full = schulze(matrixFromDraw(counts, pairs, n), { weights });
  const resamples = total === 0 ? 0 : wanted;
  const tally = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let retained = 0;
  const uniform = xoshiro128ss(seed);
  for (let r = 0; r < resamples; r++) {
    const result = schulze(matrixFromDraw(multinomial(total, counts, uniform), pairs, n), { weights });
    result.positions.forEach((pos, i) => tally[i]![pos - 1]!++);
    if (full.winner !== null && result.positions[full.winner] === 1) retained++;
  }
  return {
    resamples,
    seed,
    rankShares: tally.map((row) => row.map((c) => (resamples === 0 ? 0 : c / resamples))),
    winner: full.winner,
    winnerRetained: full.winner === null || resamples === 0 ? null : retained / resamples,
  };
}
