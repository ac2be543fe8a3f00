import { describe, expect, it } from 'vitest';
import { ballotsToReverse, neighbourMargins, orderStability } from '../../server/modules/rankings/margins.rules.ts';
import { pairwiseMatrix, schulze, type WeightedRanking } from '../../server/modules/rankings/rankings.rules.ts';
import { foldScenarios, foldThemes, type CountRow } from '../../server/modules/reviews/scorecard/scorecard.rules.ts';

// Issue 14 story 2: the scorecard's stability measure and its folding of coding counts.

describe('ballots to reverse a head-to-head margin', () => {
  it('is ⌊m / 2⌋ + 1 for a win (one switched ballot narrows it by two), 0 for no win', () => {
    expect([0, 1, 2, 3, 4, 9, -3].map(ballotsToReverse)).toEqual([0, 1, 2, 2, 3, 5, 0]);
  });

  it('reverses the pair once that many ballots switch, and not one fewer', () => {
    for (const [forA, forB] of [
      [7, 3],
      [6, 5],
      [10, 4],
    ] as const) {
      const k = ballotsToReverse(forA - forB);
      expect(forB + k).toBeGreaterThan(forA - k);
      expect(forB + (k - 1)).toBeLessThanOrEqual(forA - (k - 1));
    }
  });
});

describe('the order’s margins', () => {
  // A over B over C: 4 × ABC, 1 × CBA, 1 × BCA.
  const ballots: WeightedRanking[] = [
    { ranks: [1, 2, 3], count: 4 },
    { ranks: [3, 2, 1], count: 1 },
    { ranks: [3, 1, 2], count: 1 },
  ];
  const d = pairwiseMatrix(ballots, 3);
  const order = schulze(d).order;

  it('takes the closest pair between neighbouring tiers', () => {
    expect(order).toEqual([[0], [1], [2]]);
    expect(neighbourMargins(d, order)).toEqual([
      { above: 0, below: 1, margin: 4 - 2, ballotsToReverse: 2 },
      { above: 1, below: 2, margin: 5 - 1, ballotsToReverse: 3 },
    ]);
  });

  it('gives each scenario its margin up and down, and the weakest link', () => {
    const st = orderStability(d, order);
    expect(st.closest).toEqual({ above: 0, below: 1, margin: 2, ballotsToReverse: 2 });
    expect(st.up).toEqual([null, { above: 0, below: 1, margin: 2, ballotsToReverse: 2 }, st.down[1]]);
    expect(st.down[2]).toBeNull();
  });

  it('has no margin inside a tie, and none with a single tier', () => {
    const tied = pairwiseMatrix([{ ranks: [1, 1], count: 3 }], 2);
    const o = schulze(tied).order;
    expect(o).toEqual([[0, 1]]);
    expect(orderStability(tied, o)).toEqual({ closest: null, up: [null, null], down: [null, null] });
  });
});

describe('folding the coding counts', () => {
  const rows: CountRow[] = [
    { scenarioId: 'A', themeId: 'cost', stance: 'for', actingAs: 'citizen', campaign: false, items: 1 },
    { scenarioId: 'A', themeId: 'cost', stance: 'against', actingAs: 'business', campaign: true, items: 5 },
    { scenarioId: 'A', themeId: 'access', stance: null, actingAs: null, campaign: false, items: 2 },
    { scenarioId: 'B', themeId: 'access', stance: 'for', actingAs: 'ngo', campaign: false, items: 3 },
  ];

  it('per theme of one scenario, most coded first, with stakeholder types and campaign members', () => {
    const [cost, access] = foldThemes(rows, 'A', ['access', 'cost']);
    expect(cost!.themeId).toBe('cost');
    expect(cost!.stances).toEqual({ for: 1, against: 5, neutral: 0, mixed: 0, none: 0 });
    expect(cost!.campaign).toEqual({ for: 0, against: 5, neutral: 0, mixed: 0, none: 0 });
    expect([...cost!.byActingAs.keys()]).toEqual(['citizen', 'business']);
    expect(access!.byActingAs.get('unknown')).toEqual({ for: 0, against: 0, neutral: 0, mixed: 0, none: 2 });
  });

  it('per scenario, summed over themes', () => {
    const by = foldScenarios(rows);
    expect(by.get('A')).toEqual({ stances: { for: 1, against: 5, neutral: 0, mixed: 0, none: 2 }, campaign: 5 });
    expect(by.get('B')!.stances.for).toBe(3);
  });
});
