/**
 * Debian's own count, literally as its constitution's A.6 "Vote Counting" reads in the versions in
 * force for the 2006, 2007 and 2020 leader elections (v1.2 of 2003 to v1.7 of 2016; the 2021–22
 * rewrite came later). Pure, no I/O. Used only by the real-data check and its unit test (so it lives with the tests); the site's order
 * is `schulze`.
 *
 *  2. Quorum: a non-default option that fewer than R voters rank above the default is dropped.
 *  3. Majority: a non-default option that does not defeat the default by its majority ratio N,
 *     i.e. V(A,D) > N·V(D,A), is dropped (N = 1 unless a supermajority of N:1 applies).
 *  4–7. Among the rest, repeatedly build the Schwartz set from the remaining defeats and drop the
 *     weakest defeats inside it: (A,X) is weaker than (B,Y) when V(A,X) < V(B,Y), or when they are
 *     equal and V(X,A) > V(Y,B); all equally weakest defeats go together.
 *  8. When no defeat is left inside the Schwartz set, its single member wins; several members go to
 *     the casting vote (here: `winner` is null and `winners` lists them).
 * A leader election's default option is "None Of The Above"; its quorum is 3·Q with Q = √(developers)/2
 * (constitution §4.2.7, §5.2.7).
 */
import { checkMatrix, type Matrix } from '../../../server/modules/rankings/pairwise.rules.ts';

export interface DebianOptions {
  /** Index of the default option ("None Of The Above", "Further Discussion"). */
  readonly defaultOption: number;
  /** R: votes ranking an option above the default that it needs; 0 when the vote has no quorum. */
  readonly quorum?: number;
  /** Majority ratio per option (3 for a 3:1 supermajority); 1 when omitted. */
  readonly majority?: readonly number[];
}

export interface DebianOutcome {
  readonly dropped: { option: number; reason: 'quorum' | 'majority' }[];
  /** The Schwartz set once no defeat is left inside it. */
  readonly winners: number[];
  readonly winner: number | null;
}

type Defeat = readonly [number, number];

/** Options reachable from each option along the remaining defeats (transitive defeats, A.6.5). */
function reach(options: readonly number[], defeats: readonly Defeat[], n: number): boolean[][] {
  const r = Array.from({ length: n }, () => new Array<boolean>(n).fill(false));
  for (const [a, b] of defeats) r[a]![b] = true;
  for (const k of options)
    for (const i of options) if (r[i]![k]) for (const j of options) if (r[k]![j]) r[i]![j] = true;
  return r;
}

/** A.6.6: A is in the Schwartz set if, for every B, A transitively defeats B or B does not transitively defeat A. */
function schwartzSet(options: readonly number[], defeats: readonly Defeat[], n: number): number[] {
  const r = reach(options, defeats, n);
  return options.filter((a) => options.every((b) => b === a || r[a]![b] || !r[b]![a]));
}

function dropForDefault(d: Matrix, o: DebianOptions): DebianOutcome['dropped'] {
  const D = o.defaultOption;
  const dropped: DebianOutcome['dropped'] = [];
  for (let a = 0; a < d.length; a++) {
    if (a === D) continue;
    const forA = d[a]![D]!;
    const forD = d[D]![a]!;
    if (forA < (o.quorum ?? 0)) dropped.push({ option: a, reason: 'quorum' });
    else if (!(forA > (o.majority?.[a] ?? 1) * forD)) dropped.push({ option: a, reason: 'majority' });
  }
  return dropped;
}

export function debianOutcome(d: Matrix, o: DebianOptions): DebianOutcome {
  checkMatrix(d);
  const n = d.length;
  if (!Number.isInteger(o.defaultOption) || o.defaultOption < 0 || o.defaultOption >= n) {
    throw new RangeError('The default option must be one of the options');
  }
  const dropped = dropForDefault(d, o);
  const options = [...Array(n).keys()].filter((i) => !dropped.some((x) => x.option === i));
  let defeats: Defeat[] = [];
  for (const a of options) for (const b of options) if (d[a]![b]! > d[b]![a]!) defeats.push([a, b]);
  const weakness = ([a, x]: Defeat, [b, y]: Defeat) => d[a]![x]! - d[b]![y]! || d[y]![b]! - d[x]![a]!;
  for (;;) {
    const set = schwartzSet(options, defeats, n);
    const inside = defeats.filter(([a, b]) => set.includes(a) && set.includes(b));
    if (inside.length === 0) return { dropped, winners: set, winner: set.length === 1 ? set[0]! : null };
    const weakest = inside.reduce((w, x) => (weakness(x, w) < 0 ? x : w));
    defeats = defeats.filter((x) => !(inside.includes(x) && weakness(x, weakest) === 0));
  }
}
