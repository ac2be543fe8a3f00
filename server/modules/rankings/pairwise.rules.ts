/**
 * Ballots and the pairwise matrix (DESIGN.md §2 Ballot, §4 C4; issue #5). Pure, no I/O.
 *
 * A ballot ranks n options: `ranks[i]` is option i's rank (1 is first, equal numbers tie, null is
 * unranked). Only the order of the numbers matters, so `[1, 3, null]` and `[1, 2, null]` are the
 * same preference. Unranked options rank below every ranked option and tie with each other; this
 * is Debian's rule (constitution A.6.1: "Ranked options are considered preferred to all unranked
 * options ... Unranked options are considered to be ranked equally with one another").
 */
export type Ranks = readonly (number | null)[];

/** A distinct ranking and how many ballots cast it: the shape a SQL `group by` over ballots returns. */
export interface WeightedRanking {
  readonly ranks: Ranks;
  readonly count: number;
}

/** Plain ballots (one per voter) or distinct rankings with counts; every function accepts both. */
export type BallotInput = readonly Ranks[] | readonly WeightedRanking[];

/** `d[i][j]` = number of ballots preferring option i over option j; the diagonal is 0. */
export type Matrix = number[][];

/** Whether a ballot prefers the option ranked `a` over the option ranked `b` (unranked loses to ranked). */
export const prefers = (a: number | null, b: number | null): boolean => a !== null && (b === null || a < b);

function checkRanks(ranks: Ranks, n: number): void {
  if (ranks.length !== n) throw new RangeError(`A ballot must give a rank or null for each of the ${n} options`);
  for (const r of ranks) {
    if (r !== null && !(Number.isInteger(r) && r >= 1)) throw new RangeError(`A rank must be a whole number from 1`);
  }
}

const isWeighted = (b: Ranks | WeightedRanking): b is WeightedRanking => !Array.isArray(b);

/** Validates and brings either input shape to distinct-ranking form (a plain ballot has count 1). */
export function toWeighted(ballots: BallotInput, n: number): WeightedRanking[] {
  checkOptionCount(n);
  return (ballots as readonly (Ranks | WeightedRanking)[]).map((b) => {
    const w = isWeighted(b) ? b : { ranks: b, count: 1 };
    checkRanks(w.ranks, n);
    if (!Number.isInteger(w.count) || w.count < 0) throw new RangeError('A ranking count must be a whole number ≥ 0');
    return w;
  });
}

export function checkOptionCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('The number of options must be a whole number ≥ 0');
}

/** Total number of ballots behind a list of distinct rankings. */
export const ballotCount = (ballots: readonly WeightedRanking[]): number =>
  ballots.reduce((sum, b) => sum + b.count, 0);

/**
 * The same preference written with dense ranks 1, 2, 3 … (ties kept, nulls kept), so that equal
 * preferences written differently ("1-3" and "1-2") collapse to one distinct ranking.
 */
export function denseRanks(ranks: Ranks): (number | null)[] {
  const levels = [...new Set(ranks.filter((r): r is number => r !== null))].sort((a, b) => a - b);
  return ranks.map((r) => (r === null ? null : levels.indexOf(r) + 1));
}

/** Merges equal preferences into distinct rankings with counts, in first-seen order. */
export function collapseBallots(ballots: BallotInput, n: number): WeightedRanking[] {
  const byKey = new Map<string, { ranks: (number | null)[]; count: number }>();
  for (const b of toWeighted(ballots, n)) {
    const ranks = denseRanks(b.ranks);
    const key = ranks.join(',');
    const seen = byKey.get(key);
    if (seen) seen.count += b.count;
    else byKey.set(key, { ranks, count: b.count });
  }
  return [...byKey.values()];
}

export function checkMatrix(d: Matrix): void {
  checkOptionCount(d.length);
  for (const row of d) {
    if (row.length !== d.length) throw new RangeError('A pairwise matrix must be square');
    if (row.some((v) => !Number.isFinite(v) || v < 0)) throw new RangeError('Pairwise counts must be ≥ 0');
  }
}

export const emptyMatrix = (n: number): Matrix => Array.from({ length: n }, () => new Array<number>(n).fill(0));

/** Adds `count` copies of one ballot to a pairwise matrix in place (for streaming) and returns it. */
export function addBallotToPairwise(matrix: Matrix, ranks: Ranks, count = 1): Matrix {
  const n = matrix.length;
  checkRanks(ranks, n);
  for (let i = 0; i < n; i++) {
    const row = matrix[i]!;
    for (let j = 0; j < n; j++) if (prefers(ranks[i]!, ranks[j]!)) row[j]! += count;
  }
  return matrix;
}

export function pairwiseMatrix(ballots: BallotInput, n: number): Matrix {
  const d = emptyMatrix(n);
  for (const b of toWeighted(ballots, n)) if (b.count > 0) addBallotToPairwise(d, b.ranks, b.count);
  return d;
}

/** One aggregated row from SQL: how many ballots prefer `winner` over `loser` (pg returns bigint as string). */
export interface PairCount {
  readonly winner: number;
  readonly loser: number;
  readonly count: number | string | bigint;
}

/**
 * Builds the matrix from counts aggregated in the database, so the count never loads every ballot
 * (issue #5). With ranked rows only in the table, the count for (a, b) is the ballots ranking both
 * with rank(a) < rank(b) plus the ballots ranking a but not b. Missing pairs count 0; a pair given
 * twice is summed, so partial aggregates (per segment, per batch) can be passed together.
 */
export function pairwiseFromCounts(n: number, rows: Iterable<PairCount>): Matrix {
  checkOptionCount(n);
  const d = emptyMatrix(n);
  const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < n;
  for (const { winner, loser, count } of rows) {
    const c = Number(count);
    if (!inRange(winner) || !inRange(loser) || winner === loser) throw new RangeError('A pair must name two options');
    if (!Number.isInteger(c) || c < 0) throw new RangeError('A pair count must be a whole number ≥ 0');
    d[winner]![loser]! += c;
  }
  return d;
}
