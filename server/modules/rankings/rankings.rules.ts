/**
 * Counting ranked ballots on scenarios (DESIGN.md §2 Ballot, §4 C4; issue #5). Pure, no I/O:
 * the service reads ballots (or distinct rankings with counts, or SQL pair counts) and passes them
 * here. The pieces live in sibling files and are re-exported, so callers import this one module.
 */
import {
  ballotCount,
  type BallotInput,
  checkMatrix,
  checkOptionCount,
  type Matrix,
  pairwiseMatrix,
  prefers,
  toWeighted,
} from './pairwise.rules.ts';
import { bootstrapStability, type BootstrapOptions, type Stability } from './bootstrap.rules.ts';
import { schulze, type SchulzeResult, type SchulzeWeights } from './schulze.rules.ts';

export * from './pairwise.rules.ts';
export * from './schulze.rules.ts';
export * from './bootstrap.rules.ts';
export { binomial, multinomial, xoshiro128ss, type Uniform } from './sampling.rules.ts';

export interface FirstPreference {
  readonly ballots: number;
  /** Ballots that rank no option: they count in `ballots` but in no share. */
  readonly blank: number;
  /** First places per option; a ballot with k options tied first gives each 1/k, so counts can be fractional. */
  readonly counts: number[];
  /** counts / (ballots − blank); all 0 when no ballot ranks anything. Sums to 1 otherwise. */
  readonly shares: number[];
}

/**
 * First-preference counts. A tie at the top is split evenly (1/k each) rather than counted whole
 * for each tied option, so every non-blank ballot weighs exactly one and the shares sum to 1.
 */
export function firstPreference(ballots: BallotInput, n: number): FirstPreference {
  // Whole ballots are summed per option and size of the tie at the top, and divided once at the end,
  // so the figures are exact and do not depend on the order or grouping of the ballots.
  const byTieSize = Array.from({ length: n }, () => new Array<number>(n + 1).fill(0));
  let total = 0;
  let blank = 0;
  for (const { ranks, count } of toWeighted(ballots, n)) {
    total += count;
    const ranked = ranks.filter((r): r is number => r !== null);
    if (ranked.length === 0) {
      blank += count;
      continue;
    }
    const top = Math.min(...ranked);
    const tied = ranked.filter((r) => r === top).length;
    ranks.forEach((r, i) => {
      if (r === top) byTieSize[i]![tied]! += count;
    });
  }
  const counts = byTieSize.map((row) => row.reduce((s, c, k) => (k === 0 ? s : s + c / k), 0));
  const voting = total - blank;
  return { ballots: total, blank, counts, shares: counts.map((c) => (voting === 0 ? 0 : c / voting)) };
}

export interface Borda {
  readonly ballots: number;
  /** Total points per option. */
  readonly points: number[];
  /** points / ballots, on a 0 … n − 1 scale (0 when there are no ballots). */
  readonly mean: number[];
}

/**
 * Modified Borda that handles ties and unranked options: on each ballot an option scores one point
 * for every option it beats and half a point for every option it ties with. Unranked options beat
 * nobody and tie with each other (Debian's rule, as in the pairwise matrix). Every ballot then hands
 * out exactly n(n − 1)/2 points whatever it leaves blank, so a partial ballot is neither louder nor
 * quieter than a full one, and the score equals Σ_j (d[i][j] + ½ · ties(i, j)) — see bordaFromPairwise.
 */
export function borda(ballots: BallotInput, n: number): Borda {
  const points = new Array<number>(n).fill(0);
  let total = 0;
  for (const { ranks, count } of toWeighted(ballots, n)) {
    total += count;
    for (let i = 0; i < n; i++) {
      let score = 0;
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        if (prefers(ranks[i]!, ranks[j]!)) score += 1;
        else if (!prefers(ranks[j]!, ranks[i]!)) score += 0.5;
      }
      points[i]! += score * count;
    }
  }
  return { ballots: total, points, mean: points.map((p) => (total === 0 ? 0 : p / total)) };
}

/** The same Borda points from a pairwise matrix and the ballot count (for SQL-aggregated matrices). */
export function bordaFromPairwise(d: Matrix, ballots: number): Borda {
  checkMatrix(d);
  const points = d.map((row, i) =>
    row.reduce((s, forI, j) => (i === j ? s : s + forI + (ballots - forI - d[j]![i]!) / 2), 0),
  );
  return { ballots, points, mean: points.map((p) => (ballots === 0 ? 0 : p / ballots)) };
}

/**
 * The option that strictly beats every other option head to head, or null. With nothing expressed
 * (no ballots, or one option) there is nobody to beat, so there is no Condorcet winner.
 */
export function condorcetWinner(d: Matrix): number | null {
  checkMatrix(d);
  const n = d.length;
  if (!d.some((row) => row.some((v) => v > 0))) return null;
  for (let i = 0; i < n; i++) {
    let beatsAll = true;
    for (let j = 0; j < n && beatsAll; j++) if (j !== i && !(d[i]![j]! > d[j]![i]!)) beatsAll = false;
    if (beatsAll) return i;
  }
  return null;
}

export interface TallyOptions {
  readonly weights?: SchulzeWeights;
  /** Bootstrap settings, or false to skip it (e.g. for a quick preview). */
  readonly bootstrap?: Omit<BootstrapOptions, 'weights'> | false;
}

export interface Tally {
  readonly ballots: number;
  readonly firstPreference: FirstPreference;
  readonly borda: Borda;
  readonly pairwise: Matrix;
  readonly condorcetWinner: number | null;
  readonly schulze: SchulzeResult;
  readonly stability: Stability | null;
}

/** Everything the results page shows, from plain ballots or distinct rankings with counts. */
export function tally(ballots: BallotInput, n: number, options: TallyOptions = {}): Tally {
  checkOptionCount(n);
  const weighted = toWeighted(ballots, n);
  const weights = options.weights ?? 'margins';
  const pairwise = pairwiseMatrix(weighted, n);
  return {
    ballots: ballotCount(weighted),
    firstPreference: firstPreference(weighted, n),
    borda: borda(weighted, n),
    pairwise,
    condorcetWinner: condorcetWinner(pairwise),
    schulze: schulze(pairwise, { weights }),
    stability: options.bootstrap === false ? null : bootstrapStability(weighted, n, { ...options.bootstrap, weights }),
  };
}
