import { describe, expect, it } from 'vitest';
import {
  pairwiseMatrix,
  type Ranks,
  schulze,
  type WeightedRanking,
  xoshiro128ss,
} from '../../server/modules/rankings/rankings.rules.ts';
import { debianOutcome } from '../real/helpers/debian-count.ts';

// Options 0..2 are candidates, 3 is "None Of The Above".
const NOTA = 3;
const profile = (rows: [number, Ranks][]): WeightedRanking[] => rows.map(([count, ranks]) => ({ count, ranks }));

describe("Debian's A.6 count", () => {
  it('drops the weakest defeat of a cycle inside the Schwartz set', () => {
    // A beats B 6:3, B beats C 7:2, C beats A 5:4; everyone puts NOTA last.
    const d = pairwiseMatrix(
      profile([
        [4, [1, 2, 3, 4]],
        [3, [3, 1, 2, 4]],
        [2, [2, 3, 1, 4]],
      ]),
      4,
    );
    expect(debianOutcome(d, { defaultOption: NOTA })).toEqual({ dropped: [], winners: [0], winner: 0 });
  });

  // 4 × A > NOTA > B > C, 3 × C > NOTA > B > A, 2 × B > A > C > NOTA.
  const SPLIT = pairwiseMatrix(
    profile([
      [4, [1, 3, 4, 2]],
      [3, [4, 3, 1, 2]],
      [2, [2, 1, 3, 4]],
    ]),
    4,
  );

  it('drops a candidate that beats every other candidate but not the default option', () => {
    expect(SPLIT[1]![0]).toBeGreaterThan(SPLIT[0]![1]!);
    expect(SPLIT[1]![2]).toBeGreaterThan(SPLIT[2]![1]!);
    expect(debianOutcome(SPLIT, { defaultOption: NOTA })).toEqual({
      dropped: [{ option: 1, reason: 'majority' }],
      winners: [0],
      winner: 0,
    });
  });

  it('applies a supermajority strictly: 6:3 passes 1.5:1 but not 2:1', () => {
    expect(debianOutcome(SPLIT, { defaultOption: NOTA, majority: [1.5, 1, 1, 1] }).winner).toBe(0);
    expect(debianOutcome(SPLIT, { defaultOption: NOTA, majority: [2, 1, 1, 1] })).toEqual({
      dropped: [
        { option: 0, reason: 'majority' },
        { option: 1, reason: 'majority' },
      ],
      winners: [2],
      winner: 2,
    });
  });

  it('drops options below the quorum, and lets the default option win when nothing is left', () => {
    const d = pairwiseMatrix(
      profile([
        [3, [1, 2, null, 3]],
        [2, [null, null, null, 1]],
      ]),
      4,
    );
    const outcome = debianOutcome(d, { defaultOption: NOTA, quorum: 4 });
    expect(outcome.dropped).toEqual([
      { option: 0, reason: 'quorum' },
      { option: 1, reason: 'quorum' },
      { option: 2, reason: 'quorum' },
    ]);
    expect(outcome.winner).toBe(NOTA);
  });

  it('needs a strict majority over the default: a tie with it drops the option', () => {
    const d = pairwiseMatrix(
      profile([
        [1, [1, null, null, 2]],
        [1, [2, null, null, 1]],
      ]),
      4,
    );
    expect(debianOutcome(d, { defaultOption: NOTA }).dropped).toContainEqual({ option: 0, reason: 'majority' });
  });

  it('leaves a tie in the Schwartz set to the casting vote', () => {
    const d = pairwiseMatrix(
      profile([
        [1, [1, 2, null, 3]],
        [1, [2, 1, null, 3]],
      ]),
      4,
    );
    expect(debianOutcome(d, { defaultOption: NOTA })).toMatchObject({ winners: [0, 1], winner: null });
  });

  it('picks the same winners as Schulze with winning votes when nothing is dropped (random profiles)', () => {
    const u = xoshiro128ss(11);
    for (let trial = 0; trial < 500; trial++) {
      const n = 3 + Math.floor(u() * 4);
      // The last option is the default and every voter ranks it last, so nothing is dropped.
      const ballots: Ranks[] = Array.from({ length: 3 + Math.floor(u() * 12) }, () =>
        Array.from({ length: n }, (_, i) => (i === n - 1 ? n : 1 + Math.floor(u() * (n - 1)))),
      );
      const d = pairwiseMatrix(ballots, n);
      const debian = debianOutcome(d, { defaultOption: n - 1 });
      expect(debian.dropped).toEqual([]);
      expect(debian.winners).toEqual(schulze(d, { weights: 'winning' }).winners);
    }
  });
});
