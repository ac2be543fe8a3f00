/**
 * The Schulze method on a pairwise matrix (issue #5: "Schulze order, margins"). Pure, no I/O.
 *
 * Strongest paths by Floyd–Warshall over the defeats (i beats j when d[i][j] > d[j][i]); i ranks
 * above j when the strongest path from i to j is stronger than the one back. A defeat's strength is
 *  - 'margins' (the default, and what SOURCE.md's official orders are computed with): d[i][j] − d[j][i];
 *  - 'winning': d[i][j], and between equal winning votes the defeat with fewer votes against is
 *    the stronger — exactly the weakness rule of Debian's constitution A.6.7.1, so this variant
 *    picks the same winners as debianOutcome's sequential dropping when nothing is dropped.
 */
import { checkMatrix, type Matrix } from './pairwise.rules.ts';

export type SchulzeWeights = 'margins' | 'winning';

export interface SchulzeResult {
  readonly weights: SchulzeWeights;
  /** Strongest-path strength: margin, or winning votes (the tie-breaking votes-against are not shown). */
  readonly strength: Matrix;
  /** Tiers from best to worst; options in one tier are tied; every option appears once. */
  readonly order: number[][];
  /** 1-based position per option, counting options in better tiers (tied options share it: 1, 2, 2, 4). */
  readonly positions: number[];
  /** The first tier when anything was expressed, else empty. */
  readonly winners: number[];
  /** The single winner, or null when the first tier is shared or there were no preferences. */
  readonly winner: number | null;
}

/** A link or path strength: primary is larger-is-stronger, secondary is smaller-is-stronger. */
interface Strength {
  p: number;
  s: number;
}
const NONE: Strength = { p: 0, s: 0 };
const cmp = (a: Strength, b: Strength): number => a.p - b.p || b.s - a.s;
const weaker = (a: Strength, b: Strength): Strength => (cmp(a, b) <= 0 ? a : b);

/** The direct defeat strength of i over j, or NONE when i does not beat j. */
function link(d: Matrix, i: number, j: number, weights: SchulzeWeights): Strength {
  const forI = d[i]![j]!;
  const forJ = d[j]![i]!;
  if (forI <= forJ) return NONE;
  return weights === 'margins' ? { p: forI - forJ, s: 0 } : { p: forI, s: forJ };
}

function strongestPaths(d: Matrix, weights: SchulzeWeights): Strength[][] {
  const n = d.length;
  const p = d.map((_, i) => d.map((__, j) => (i === j ? NONE : link(d, i, j, weights))));
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      for (let j = 0; j < n; j++) {
        if (j === i || j === k) continue;
        const via = weaker(p[i]![k]!, p[k]![j]!);
        if (cmp(via, p[i]![j]!) > 0) p[i]![j] = via;
      }
    }
  }
  return p;
}

/**
 * Orders options into tiers: each tier is the options no remaining option beats on strongest paths.
 * Schulze's relation is transitive (Schulze 2011, §4.1), so this always finds a non-empty tier; two
 * options share a tier when neither beats the other, which is how ties in the final order appear.
 */
export function tiersFromRelation(n: number, beats: (i: number, j: number) => boolean): number[][] {
  let remaining = Array.from({ length: n }, (_, i) => i);
  const order: number[][] = [];
  while (remaining.length > 0) {
    const tier = remaining.filter((i) => !remaining.some((j) => j !== i && beats(j, i)));
    order.push(tier);
    remaining = remaining.filter((i) => !tier.includes(i));
  }
  return order;
}

export function positionsFromTiers(n: number, order: readonly (readonly number[])[]): number[] {
  const positions = new Array<number>(n).fill(0);
  let ahead = 0;
  for (const tier of order) {
    for (const i of tier) positions[i] = ahead + 1;
    ahead += tier.length;
  }
  return positions;
}

export function schulze(d: Matrix, options: { weights?: SchulzeWeights } = {}): SchulzeResult {
  checkMatrix(d);
  const weights = options.weights ?? 'margins';
  const n = d.length;
  const p = strongestPaths(d, weights);
  const order = tiersFromRelation(n, (i, j) => cmp(p[i]![j]!, p[j]![i]!) > 0);
  const expressed = d.some((row) => row.some((v) => v > 0));
  const winners = expressed ? [...(order[0] ?? [])] : [];
  return {
    weights,
    strength: p.map((row) => row.map((s) => s.p)),
    order,
    positions: positionsFromTiers(n, order),
    winners,
    winner: winners.length === 1 ? winners[0]! : null,
  };
}
