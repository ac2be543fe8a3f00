/**
 * How stable a ranking's order is, without resampling (issue 14 story 2, the scenario scorecard).
 * For each pair of neighbouring tiers of the Schulze order, the closest head-to-head margin between
 * a scenario of the upper tier and one of the lower (d[a][b] − d[b][a]), and how many ballots would
 * have to switch that pair to reverse it: one ballot moving from "a over b" to "b over a" narrows
 * the margin by two, so a margin m > 0 is reversed by ⌊m / 2⌋ + 1 ballots (0 when it is not a
 * head-to-head win at all: Schulze can place a above b through stronger paths). Tied scenarios share
 * a tier and have no margin between them. Pure, no I/O.
 */
import { checkMatrix, type Matrix } from './pairwise.rules.ts';

export interface NeighbourMargin {
  /** The scenario (index) of the upper tier and of the lower tier with the closest margin. */
  readonly above: number;
  readonly below: number;
  /** d[above][below] − d[below][above]: ballots preferring the upper one, less those preferring the lower. */
  readonly margin: number;
  /** Ballots that would have to switch the pair to reverse it head to head. */
  readonly ballotsToReverse: number;
}

export const ballotsToReverse = (margin: number): number => (margin <= 0 ? 0 : Math.floor(margin / 2) + 1);

/** Between each pair of neighbouring tiers, best first: the closest head-to-head margin. */
export function neighbourMargins(d: Matrix, order: readonly (readonly number[])[]): NeighbourMargin[] {
  checkMatrix(d);
  const out: NeighbourMargin[] = [];
  for (let k = 0; k + 1 < order.length; k++) {
    let best: NeighbourMargin | null = null;
    for (const a of order[k]!) {
      for (const b of order[k + 1]!) {
        const margin = d[a]![b]! - d[b]![a]!;
        if (!best || margin < best.margin)
          best = { above: a, below: b, margin, ballotsToReverse: ballotsToReverse(margin) };
      }
    }
    out.push(best!);
  }
  return out;
}

export interface OrderStability {
  /** The closest of the neighbour margins (the weakest link of the order), or null with one tier. */
  readonly closest: NeighbourMargin | null;
  /** Per scenario: the margin to the next tier up and down (null at the top and at the bottom). */
  readonly up: (NeighbourMargin | null)[];
  readonly down: (NeighbourMargin | null)[];
}

/**
 * The order's weakest link, and per scenario its closest margin to the tier above and below:
 * what a reviewer reads as "3rd, 12 ballots from 2nd".
 */
export function orderStability(d: Matrix, order: readonly (readonly number[])[]): OrderStability {
  const n = d.length;
  const margins = neighbourMargins(d, order);
  const tierOf = new Array<number>(n).fill(0);
  order.forEach((tier, k) => tier.forEach((i) => (tierOf[i] = k)));
  const closestFor = (i: number, k: number, upper: boolean): NeighbourMargin | null => {
    if (k < 0 || k + 1 >= order.length) return null;
    let best: NeighbourMargin | null = null;
    const others = upper ? order[k]! : order[k + 1]!;
    for (const o of others) {
      const [a, b] = upper ? [o, i] : [i, o];
      const margin = d[a]![b]! - d[b]![a]!;
      if (!best || margin < best.margin)
        best = { above: a, below: b, margin, ballotsToReverse: ballotsToReverse(margin) };
    }
    return best;
  };
  return {
    closest: margins.reduce<NeighbourMargin | null>((m, x) => (m === null || x.margin < m.margin ? x : m), null),
    up: Array.from({ length: n }, (_, i) => closestFor(i, tierOf[i]! - 1, true)),
    down: Array.from({ length: n }, (_, i) => closestFor(i, tierOf[i]!, false)),
  };
}
