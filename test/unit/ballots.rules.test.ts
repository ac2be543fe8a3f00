import { describe, expect, it } from 'vitest';
import { canCastBallot } from '../../server/modules/ballots/ballots.policy.ts';
import {
  normaliseRanks,
  orderedEntries,
  parseRankingKey,
  rankingKey,
  ranksVector,
  unrankable,
} from '../../server/modules/ballots/ranking-key.rules.ts';
import { BallotBody } from '../../server/modules/ballots/ballots.schemas.ts';
import { resultsToCsv } from '../../server/modules/rankings/rankings.csv.ts';
import { csvCell } from '../../server/shared/csv.ts';
import type { Results } from '../../server/modules/rankings/rankings.schemas.ts';
import type { Actor } from '../../server/shared/actor.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

describe('ballot rules', () => {
  it('makes ranks dense and keeps ties', () => {
    expect(
      normaliseRanks([
        { scenarioId: A, rank: 3 },
        { scenarioId: B, rank: 3 },
        { scenarioId: C, rank: 10 },
      ]),
    ).toEqual({ [A]: 1, [B]: 1, [C]: 2 });
    expect(normaliseRanks([{ scenarioId: C, rank: 1 }])).toEqual({ [C]: 1 });
  });

  it('writes one key per preference, whatever the order or numbering it was given in', () => {
    const k1 = rankingKey(
      normaliseRanks([
        { scenarioId: B, rank: 1 },
        { scenarioId: A, rank: 5 },
      ]),
    );
    const k2 = rankingKey(
      normaliseRanks([
        { scenarioId: A, rank: 2 },
        { scenarioId: B, rank: 1 },
      ]),
    );
    expect(k1).toBe(`${A}:2,${B}:1`);
    expect(k2).toBe(k1);
    expect(parseRankingKey(k1)).toEqual(
      new Map([
        [A, 2],
        [B, 1],
      ]),
    );
  });

  it('reads a key as a ranks vector over the counted scenarios: unranked is null, uncounted is dropped', () => {
    const key = rankingKey({ [A]: 1, [C]: 2 });
    expect(ranksVector(key, [A, B, C])).toEqual([1, null, 2]);
    expect(ranksVector(key, [C, B])).toEqual([2, null]);
    expect(ranksVector(key, [])).toEqual([]);
  });

  it('refuses a malformed key', () => {
    for (const bad of ['', 'abc', `${A}:0`, `${A}:x`, ':1']) expect(() => parseRankingKey(bad)).toThrow(RangeError);
  });

  it('lists scenarios that cannot be ranked', () => {
    expect(
      unrankable(
        [
          { scenarioId: A, rank: 1 },
          { scenarioId: B, rank: 2 },
        ],
        new Set([A]),
      ),
    ).toEqual([B]);
    expect(unrankable([{ scenarioId: A, rank: 1 }], new Set([A, B]))).toEqual([]);
  });

  it('orders entries best first, ties by scenario position', () => {
    const ranks = { [A]: 2, [B]: 1, [C]: 1 };
    expect(
      orderedEntries(
        ranks,
        new Map([
          [A, 0],
          [B, 2],
          [C, 1],
        ]),
      ),
    ).toEqual([
      { scenarioId: C, rank: 1 },
      { scenarioId: B, rank: 1 },
      { scenarioId: A, rank: 2 },
    ]);
    expect(orderedEntries(ranks).map((e) => e.scenarioId)).toEqual([B, C, A]);
  });

  it('lets only participants cast ballots', () => {
    const a = (roles: Actor['roles']): Actor => ({ id: 'x', email: 'x@x.example', displayName: 'x', roles });
    expect(canCastBallot(null)).toBe(false);
    expect(canCastBallot(a(['participant']))).toBe(true);
    expect(canCastBallot(a(['admin']))).toBe(false);
    expect(canCastBallot(a(['analyst', 'participant']))).toBe(true);
  });

  it('validates a ballot body: whole ranks from 1, each scenario once, at least one', () => {
    expect(
      BallotBody.safeParse({
        ranks: [
          { scenarioId: A, rank: 1 },
          { scenarioId: B, rank: 1 },
        ],
      }).success,
    ).toBe(true);
    for (const ranks of [
      [],
      [{ scenarioId: A, rank: 0 }],
      [{ scenarioId: A, rank: 1.5 }],
      [
        { scenarioId: A, rank: 1 },
        { scenarioId: A, rank: 2 },
      ],
    ]) {
      expect(BallotBody.safeParse({ ranks }).success).toBe(false);
    }
  });
});

describe('results CSV', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+45 1234', "'+45 1234"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
  ])('neutralises and quotes %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });

  it('writes numbers, booleans and nulls as such', () => {
    expect([csvCell(-1), csvCell(0.5), csvCell(true), csvCell(null)]).toEqual(['-1', '0.5', 'true', '']);
  });

  it('writes a row per scenario with the pairwise columns, BOM and CRLF', () => {
    const r: Results = {
      consultationId: A,
      segment: 'all',
      publishedAt: null,
      ballotCount: 2,
      segmentCounts: {
        all: 2,
        citizen: 0,
        business: 0,
        ngo: 0,
        public_authority: 0,
        other: 0,
        invited: 0,
        not_invited: 2,
      },
      minSegmentSize: 5,
      hiddenSegments: [],
      scenarios: [
        { id: A, key: 'S1', title: { da: 'Én', en: 'One' } },
        { id: B, key: 'S2', title: { da: 'To', en: 'Two' } },
      ],
      firstPreference: { blank: 0, counts: [1.5, 0.5], shares: [0.75, 0.25] },
      borda: { points: [1.5, 0.5], mean: [0.75, 0.25] },
      pairwise: [
        [0, 1],
        [0, 0],
      ],
      condorcetWinner: A,
      schulze: {
        order: [[A], [B]],
        positions: [1, 2],
        winner: A,
        strength: [
          [0, 1],
          [0, 0],
        ],
      },
      stability: {
        resamples: 10,
        seed: 1,
        rankShares: [
          [0.9, 0.1],
          [0.1, 0.9],
        ],
        winner: A,
        winnerRetained: 0.9,
      },
    };
    const csv = resultsToCsv(r);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'segment,ballots,scenario_id,key,title_da,title_en,schulze_position,first_preferences,first_preference_share,borda_points,borda_mean,condorcet_winner,preferred_to_S1,preferred_to_S2,place_1_share,place_2_share,winner_retained',
      `all,2,${A},S1,Én,One,1,1.5,0.75,1.5,0.75,true,,1,0.9,0.1,0.9`,
      `all,2,${B},S2,To,Two,2,0.5,0.25,0.5,0.25,false,0,,0.1,0.9,`,
      '',
    ]);
  });
});
