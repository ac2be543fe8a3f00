import { describe, expect, it } from 'vitest';
import {
  addBallotToPairwise,
  borda,
  bordaFromPairwise,
  collapseBallots,
  condorcetWinner,
  emptyMatrix,
  firstPreference,
  pairwiseFromCounts,
  pairwiseMatrix,
  type Ranks,
  schulze,
  tally,
  type WeightedRanking,
  xoshiro128ss,
} from '../../server/modules/rankings/rankings.rules.ts';

/** "ACB" → A first, C second, B third; letters left out are unranked. */
const ranking = (order: string, n: number): (number | null)[] => {
  const ranks = new Array<number | null>(n).fill(null);
  [...order].forEach((c, pos) => (ranks[c.charCodeAt(0) - 65] = pos + 1));
  return ranks;
};

// Wikipedia, "Schulze method", the 45-voter example: E > A > C > B > D.
const WIKIPEDIA: WeightedRanking[] = (
  [
    [5, 'ACBED'],
    [5, 'ADECB'],
    [8, 'BEDAC'],
    [3, 'CABED'],
    [7, 'CAEBD'],
    [2, 'CBADE'],
    [7, 'DCEBA'],
    [8, 'EBADC'],
  ] as const
).map(([count, order]) => ({ count, ranks: ranking(order, 5) }));

const [A, B, C, D, E] = [0, 1, 2, 3, 4];

describe('pairwise matrix', () => {
  it('counts the ballots preferring each option over each other one', () => {
    expect(pairwiseMatrix(WIKIPEDIA, 5)).toEqual([
      [0, 20, 26, 30, 22],
      [25, 0, 16, 33, 18],
      [19, 29, 0, 17, 24],
      [15, 12, 28, 0, 14],
      [23, 27, 21, 31, 0],
    ]);
  });

  it('counts neither side of a tie on a ballot', () => {
    expect(pairwiseMatrix([[1, 1, 2]], 3)).toEqual([
      [0, 0, 1],
      [0, 0, 1],
      [0, 0, 0],
    ]);
  });

  it('puts unranked options below every ranked one and ties them with each other', () => {
    expect(pairwiseMatrix([[1, null, null, 2]], 4)).toEqual([
      [0, 1, 1, 1],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 1, 1, 0],
    ]);
  });

  it('reads only the order of the ranks, so gaps in the numbering change nothing', () => {
    expect(pairwiseMatrix([[1, 5, 9]], 3)).toEqual(pairwiseMatrix([[1, 2, 3]], 3));
  });

  it('adds ballots one at a time to the same matrix as the batch count', () => {
    const m = emptyMatrix(5);
    for (const b of WIKIPEDIA) addBallotToPairwise(m, b.ranks, b.count);
    expect(m).toEqual(pairwiseMatrix(WIKIPEDIA, 5));
  });

  it('builds the same matrix from SQL pair counts, summing partial aggregates and bigint strings', () => {
    const d = pairwiseMatrix(WIKIPEDIA, 5);
    const rows = d.flatMap((row, winner) =>
      row.flatMap((count, loser) =>
        winner === loser
          ? []
          : [
              { winner, loser, count: String(count - 1) },
              { winner, loser, count: 1n },
            ],
      ),
    );
    expect(pairwiseFromCounts(5, rows)).toEqual(d);
  });

  it('rejects malformed ballots instead of counting them silently', () => {
    expect(() => pairwiseMatrix([[1, 2]], 3)).toThrow(RangeError);
    expect(() => pairwiseMatrix([[0, 1, 2]], 3)).toThrow(RangeError);
    expect(() => pairwiseMatrix([[1.5, 1, 2]], 3)).toThrow(RangeError);
    expect(() => pairwiseMatrix([{ ranks: [1, 2, 3], count: -1 }], 3)).toThrow(RangeError);
    expect(() => pairwiseFromCounts(3, [{ winner: 0, loser: 0, count: 1 }])).toThrow(RangeError);
    expect(() => pairwiseFromCounts(3, [{ winner: 0, loser: 3, count: 1 }])).toThrow(RangeError);
  });
});

describe('first preference', () => {
  it('splits a tie at the top evenly and leaves blank ballots out of the shares', () => {
    const fp = firstPreference(
      [
        [1, 1, 2],
        [2, 1, null],
        [null, null, null],
      ],
      3,
    );
    expect(fp.ballots).toBe(3);
    expect(fp.blank).toBe(1);
    expect(fp.counts).toEqual([0.5, 1.5, 0]);
    expect(fp.shares).toEqual([0.25, 0.75, 0]);
  });

  it('counts the Wikipedia example per first choice', () => {
    expect(firstPreference(WIKIPEDIA, 5).counts).toEqual([10, 8, 12, 7, 8]);
  });
});

describe('borda', () => {
  it('gives a point per option beaten and half a point per tie, unranked options tying among themselves', () => {
    expect(borda([[1, null, null, 2]], 4).points).toEqual([3, 0.5, 0.5, 2]);
    expect(borda([[1, 1, 2]], 3).points).toEqual([1.5, 1.5, 0]);
  });

  it('hands out the same n(n − 1)/2 points for a partial, a blank and a full ballot', () => {
    for (const ranks of [
      [1, null, null, 2],
      [null, null, null, null],
      [4, 3, 2, 1],
    ]) {
      expect(borda([ranks], 4).points.reduce((s, p) => s + p, 0)).toBe(6);
    }
  });

  it('equals the score derived from the pairwise matrix and the ballot count', () => {
    const ballots: Ranks[] = [
      [1, null, null, 2],
      [1, 1, 2, null],
      [null, null, null, null],
      [2, 3, 1, 4],
    ];
    const b = borda(ballots, 4);
    expect(bordaFromPairwise(pairwiseMatrix(ballots, 4), 4)).toEqual(b);
    expect(b.mean).toEqual(b.points.map((p) => p / 4));
  });
});

describe('Condorcet winner', () => {
  it('is the option that beats every other head to head', () => {
    expect(condorcetWinner(pairwiseMatrix([[2, 1, 3]], 3))).toBe(1);
  });

  it('does not exist in a rock-paper-scissors cycle', () => {
    const cycle = [ranking('ABC', 3), ranking('BCA', 3), ranking('CAB', 3)];
    expect(condorcetWinner(pairwiseMatrix(cycle, 3))).toBeNull();
  });

  it('needs a strict win: a tied pair has no Condorcet winner', () => {
    expect(condorcetWinner(pairwiseMatrix([ranking('AB', 2), ranking('BA', 2)], 2))).toBeNull();
  });
});

describe('Schulze', () => {
  it('reproduces the Wikipedia example: strongest paths and E > A > C > B > D', () => {
    const d = pairwiseMatrix(WIKIPEDIA, 5);
    const s = schulze(d, { weights: 'winning' });
    expect(s.strength).toEqual([
      [0, 28, 28, 30, 24],
      [25, 0, 28, 33, 24],
      [25, 29, 0, 29, 24],
      [25, 28, 28, 0, 24],
      [25, 28, 28, 31, 0],
    ]);
    expect(s.order).toEqual([[E], [A], [C], [B], [D]]);
    expect(schulze(d).order).toEqual([[E], [A], [C], [B], [D]]);
    expect(schulze(d).winner).toBe(E);
    expect(condorcetWinner(d)).toBeNull();
  });

  it('resolves a rock-paper-scissors cycle by dropping its weakest defeat', () => {
    // A beats B 6:3, B beats C 7:2, C beats A 5:4: the 5:4 defeat is the weakest, so A > B > C.
    const ballots: WeightedRanking[] = [
      { ranks: ranking('ABC', 3), count: 4 },
      { ranks: ranking('BCA', 3), count: 3 },
      { ranks: ranking('CAB', 3), count: 2 },
    ];
    const s = schulze(pairwiseMatrix(ballots, 3));
    expect(s.order).toEqual([[0], [1], [2]]);
    expect(s.positions).toEqual([1, 2, 3]);
    expect(s.strength).toEqual([
      [0, 3, 3],
      [1, 0, 5],
      [1, 1, 0],
    ]);
  });

  it('keeps a perfectly symmetric cycle as one tie with no single winner', () => {
    const s = schulze(pairwiseMatrix([ranking('ABC', 3), ranking('BCA', 3), ranking('CAB', 3)], 3));
    expect(s.order).toEqual([[0, 1, 2]]);
    expect(s.positions).toEqual([1, 1, 1]);
    expect(s.winners).toEqual([0, 1, 2]);
    expect(s.winner).toBeNull();
  });

  it('ties options that every ballot ties, and counts positions past the tie', () => {
    const s = schulze(pairwiseMatrix([[2, 1, 1, 3]], 4));
    expect(s.order).toEqual([[1, 2], [0], [3]]);
    expect(s.positions).toEqual([3, 1, 1, 4]);
    expect(s.winners).toEqual([1, 2]);
    expect(s.winner).toBeNull();
  });

  it('ranks unranked options last, tied with each other', () => {
    expect(schulze(pairwiseMatrix([[null, 2, null, 1]], 4)).order).toEqual([[3], [1], [0, 2]]);
  });

  it('rejects a matrix that is not square or has negative counts', () => {
    expect(() => schulze([[0, 1]])).toThrow(RangeError);
    expect(() =>
      schulze([
        [0, -1],
        [1, 0],
      ]),
    ).toThrow(RangeError);
  });
});

describe('tally', () => {
  it('counts a single ballot', () => {
    const t = tally([[2, 1, 3]], 3, { bootstrap: { resamples: 20, seed: 1 } });
    expect(t.ballots).toBe(1);
    expect(t.firstPreference.shares).toEqual([0, 1, 0]);
    expect(t.borda.points).toEqual([1, 2, 0]);
    expect(t.condorcetWinner).toBe(1);
    expect(t.schulze.order).toEqual([[1], [0], [2]]);
    expect(t.stability?.rankShares).toEqual([
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 1],
    ]);
    expect(t.stability?.winnerRetained).toBe(1);
  });

  it('returns zeros and no winner for no ballots, without dividing by zero', () => {
    const t = tally([], 3);
    expect(t.ballots).toBe(0);
    expect(t.firstPreference).toEqual({ ballots: 0, blank: 0, counts: [0, 0, 0], shares: [0, 0, 0] });
    expect(t.borda).toEqual({ ballots: 0, points: [0, 0, 0], mean: [0, 0, 0] });
    expect(t.pairwise).toEqual(emptyMatrix(3));
    expect(t.condorcetWinner).toBeNull();
    expect(t.schulze.order).toEqual([[0, 1, 2]]);
    expect(t.schulze.winners).toEqual([]);
    expect(t.schulze.winner).toBeNull();
    expect(t.stability).toMatchObject({ resamples: 0, winner: null, winnerRetained: null });
    expect(t.stability?.rankShares).toEqual(emptyMatrix(3));
  });

  it('returns empty results for a consultation without scenarios', () => {
    const t = tally([], 0);
    expect(t.pairwise).toEqual([]);
    expect(t.schulze.order).toEqual([]);
    expect(t.stability?.rankShares).toEqual([]);
  });

  it('gives only blank ballots no winner and no shares', () => {
    const t = tally(
      [
        [null, null],
        [null, null],
      ],
      2,
      { bootstrap: false },
    );
    expect(t.firstPreference).toMatchObject({ ballots: 2, blank: 2, shares: [0, 0] });
    expect(t.schulze.winner).toBeNull();
    expect(t.stability).toBeNull();
  });

  it('gives the same results for distinct rankings with counts as for the expanded ballots', () => {
    const u = xoshiro128ss(7);
    const ballots: Ranks[] = Array.from({ length: 400 }, () =>
      Array.from({ length: 5 }, () => (u() < 0.2 ? null : 1 + Math.floor(u() * 4))),
    );
    const distinct = collapseBallots(ballots, 5);
    expect(distinct.length).toBeLessThan(ballots.length);
    const options = { bootstrap: { resamples: 30, seed: 3 } };
    const fromBallots = tally(ballots, 5, options);
    const fromDistinct = tally(distinct, 5, options);
    expect(fromDistinct).toEqual(fromBallots);
    expect(tally([...distinct].reverse(), 5, options).stability).toEqual(fromBallots.stability);
  });
});
