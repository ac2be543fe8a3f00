import { describe, expect, it } from 'vitest';
import {
  type AgreementSample,
  coincidences,
  cohenKappa,
  krippendorffAlpha,
  percentAgreement,
  perTagAgreement,
  readAlpha,
  type Value,
} from '../../server/modules/analysis/agreement.rules.ts';

/** Rows of a printed reliability data matrix (coders × units, '.' = missing) turned into units × coders. */
const fromCoderRows = (rows: string[]): Array<Array<number | null>> => {
  const cells = rows.map((r) => r.trim().split(/\s+/));
  return cells[0]!.map((_, u) => cells.map((row) => (row[u] === '.' ? null : Number(row[u]))));
};

/** A 2 × 2 (or k × k) contingency table of two coders turned into units: table[i][j] units with (i, j). */
const fromTable = <V extends Value>(labels: V[], table: number[][]): Array<[V, V]> =>
  table.flatMap((row, i) =>
    row.flatMap((count, j) => Array.from({ length: count }, () => [labels[i]!, labels[j]!] as [V, V])),
  );

// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: nominal data, any number of
// observers, missing data. Published: α_nominal = 0.743.
const KRIPPENDORFF_2011 = fromCoderRows([
  '1 2 3 3 2 1 4 1 2 . . .',
  '1 2 3 3 2 2 4 1 2 5 . 3',
  '. 3 3 3 2 3 4 2 2 5 1 .',
  '1 2 3 3 2 4 4 1 2 5 1 .',
]);

// Wikipedia, "Krippendorff's alpha", a computational example: 3 coders × 15 units, '.' missing.
// Published: α_nominal = 0.691 (the interval α of the same data, 0.811, is not computed here).
const WIKIPEDIA_ALPHA = fromCoderRows([
  '. . . . . 3 4 1 2 1 1 3 3 . 3',
  '1 . 2 1 3 3 4 3 . . . . . . .',
  '. . 2 1 3 4 4 . 2 1 1 3 3 . 4',
]);

describe('Krippendorff’s alpha (nominal)', () => {
  it('reproduces Krippendorff’s own worked example with missing data: α = 0.743', () => {
    expect(krippendorffAlpha(KRIPPENDORFF_2011)).toBeCloseTo(0.743, 3);
  });

  it('builds the example’s coincidence matrix, dropping the unit only one observer coded', () => {
    const { values, totals, n, matrix } = coincidences(KRIPPENDORFF_2011);
    // Published marginals: n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3, n = 40 (unit 12 is not pairable).
    expect(values).toEqual([1, 2, 3, 4, 5]);
    expect(totals.map((t) => Number(t.toFixed(3)))).toEqual([9, 13, 10, 5, 3]);
    expect(n).toBeCloseTo(40, 9);
    expect(matrix[0]![0]).toBeCloseTo(7, 9);
    expect(matrix[0]![1]).toBeCloseTo(4 / 3, 9);
    expect(matrix[1]![0]).toBeCloseTo(matrix[0]![1]!, 9);
  });

  it('reproduces the Wikipedia computational example: α = 0.691', () => {
    expect(krippendorffAlpha(WIKIPEDIA_ALPHA)).toBeCloseTo(0.691, 3);
  });

  it('reproduces Krippendorff’s binary two-observer example: α = 0.095', () => {
    // Krippendorff (2011) §A: 10 units, observer A 0100000010, observer B 1110010000.
    const a = '0100000010';
    const b = '1110010000';
    const units = [...a].map((x, i) => [Number(x), Number(b[i])]);
    expect(krippendorffAlpha(units)).toBeCloseTo(0.095, 3);
  });

  it('gives 1 for perfect agreement with variation, whatever is missing', () => {
    expect(
      krippendorffAlpha([
        ['x', 'x', null],
        ['y', null, 'y'],
        [null, 'z', 'z'],
      ]),
    ).toBe(1);
  });

  it('is undefined (null) without variation, without pairable units and for empty input', () => {
    expect(
      krippendorffAlpha([
        ['x', 'x'],
        ['x', 'x'],
      ]),
    ).toBeNull();
    expect(krippendorffAlpha([['x'], ['y'], ['z']])).toBeNull(); // a single coder
    expect(
      krippendorffAlpha([
        ['x', null],
        [null, 'y'],
      ]),
    ).toBeNull();
    expect(krippendorffAlpha([])).toBeNull();
  });

  it('falls below zero when coders disagree systematically', () => {
    expect(
      krippendorffAlpha([
        [0, 1],
        [1, 0],
      ]),
    ).toBeCloseTo(-0.5, 3);
  });
});

describe('Cohen’s kappa', () => {
  it('reproduces the Wikipedia grant-proposal example: 50 items → κ = 0.4', () => {
    // Yes/yes 20, A yes B no 5, A no B yes 10, no/no 15: p_o = 0.7, p_e = 0.5.
    const units = fromTable(
      ['yes', 'no'],
      [
        [20, 5],
        [10, 15],
      ],
    );
    expect(units).toHaveLength(50);
    expect(cohenKappa(units)).toBeCloseTo(0.4, 3);
    expect(percentAgreement(units)).toBeCloseTo(0.7, 3);
  });

  it('reproduces Wikipedia’s “same percentages, different kappa” pair: 0.1304 and 0.2593', () => {
    const first = fromTable(
      ['yes', 'no'],
      [
        [45, 15],
        [25, 15],
      ],
    );
    const second = fromTable(
      ['yes', 'no'],
      [
        [25, 35],
        [5, 35],
      ],
    );
    expect(percentAgreement(first)).toBeCloseTo(0.6, 3);
    expect(percentAgreement(second)).toBeCloseTo(0.6, 3);
    expect(cohenKappa(first)).toBeCloseTo(0.1304, 4);
    expect(cohenKappa(second)).toBeCloseTo(0.2593, 4);
  });

  it('drops units one coder left out, gives 1 for perfect agreement and null when undefined', () => {
    expect(
      cohenKappa([
        ['a', 'a'],
        ['b', 'b'],
        ['a', null],
        [null, 'b'],
      ]),
    ).toBe(1);
    expect(
      cohenKappa([
        ['a', 'a'],
        ['a', 'a'],
      ]),
    ).toBeNull(); // p_e = 1
    expect(cohenKappa([['a', null]])).toBeNull();
    expect(cohenKappa([])).toBeNull();
  });

  it('is 0 when two constant coders never agree', () => {
    expect(
      cohenKappa([
        ['a', 'b'],
        ['a', 'b'],
      ]),
    ).toBe(0);
  });
});

describe('percentage agreement', () => {
  it('reproduces NVivo’s worked example: 1,000 characters, 50 coded by both, 150 by one → 85 %', () => {
    const units = fromTable(
      [true, false],
      [
        [50, 75],
        [75, 800],
      ],
    );
    expect(percentAgreement(units)).toBeCloseTo(0.85, 3);
  });

  it('pools pairs of coders over the units they both coded', () => {
    // Unit 1: three pairs, one agreeing; unit 2: one pair, agreeing; unit 3: not pairable.
    expect(
      percentAgreement([
        ['a', 'a', 'b'],
        ['c', null, 'c'],
        [null, null, 'a'],
      ]),
    ).toBeCloseTo(0.5, 3);
    expect(percentAgreement([['a'], ['b']])).toBeNull();
    expect(percentAgreement([])).toBeNull();
  });
});

describe('readAlpha', () => {
  it('reads α with Krippendorff’s thresholds .800 and .667', () => {
    expect(readAlpha(1)).toBe('reliable');
    expect(readAlpha(0.8)).toBe('reliable');
    expect(readAlpha(0.1 + 0.7)).toBe('reliable');
    expect(readAlpha(0.7999)).toBe('tentative');
    expect(readAlpha(0.667)).toBe('tentative');
    expect(readAlpha(0.6669)).toBe('unreliable');
    expect(readAlpha(-0.5)).toBe('unreliable');
    expect(readAlpha(null)).toBe('undetermined');
    expect(readAlpha(krippendorffAlpha(KRIPPENDORFF_2011))).toBe('tentative');
  });
});

describe('perTagAgreement', () => {
  const sample = (over: Partial<AgreementSample> = {}): AgreementSample => ({
    unitIds: ['u1', 'u2', 'u3', 'u4'],
    coderIds: ['ann', 'bo'],
    coded: ['u1', 'u2', 'u3', 'u4'].flatMap((unitId) => [
      { unitId, coderId: 'ann' },
      { unitId, coderId: 'bo' },
    ]),
    applied: [
      { unitId: 'u1', coderId: 'ann', tagId: 'cost' },
      { unitId: 'u1', coderId: 'bo', tagId: 'cost' },
      { unitId: 'u2', coderId: 'ann', tagId: 'cost' },
      { unitId: 'u3', coderId: 'bo', tagId: 'privacy' },
      { unitId: 'u3', coderId: 'ann', tagId: 'privacy' },
    ],
    ...over,
  });

  it('turns applied tags into present/absent per coder and reports each tag', () => {
    const [cost, privacy, unused] = perTagAgreement(sample(), ['cost', 'privacy', 'unused']);
    // cost: (1,1) (1,0) (0,0) (0,0) → 3 of 4 agree; κ = (4·3 − (2·1 + 2·3)) / (16 − 8) = 0.5.
    expect(cost).toMatchObject({ tagId: 'cost', units: 4, kappa: 0.5, disagreements: ['u2'] });
    expect(cost!.percentAgreement).toBeCloseTo(0.75, 3);
    // α = 1 − 7 · 2 / (64 − (3² + 5²)) = 1 − 14/30.
    expect(cost!.alpha).toBeCloseTo(0.533, 3);
    expect(cost!.reading).toBe('unreliable');
    expect(privacy).toMatchObject({ kappa: 1, alpha: 1, percentAgreement: 1, reading: 'reliable', disagreements: [] });
    // Nobody used the tag: full agreement, but no variation to judge it by.
    expect(unused).toMatchObject({ percentAgreement: 1, kappa: null, alpha: null, reading: 'undetermined' });
  });

  it('treats a unit a coder did not code as missing, not as absent', () => {
    const coded = sample().coded.filter((r) => !(r.unitId === 'u2' && r.coderId === 'bo'));
    const [cost] = perTagAgreement(sample({ coded }), ['cost']);
    expect(cost).toMatchObject({ units: 3, disagreements: [], percentAgreement: 1, kappa: 1, alpha: 1 });
  });

  it('counts an applied tag as coding, and ignores rows outside the sample', () => {
    const applied = [
      ...sample().applied,
      { unitId: 'u9', coderId: 'ann', tagId: 'cost' },
      { unitId: 'u4', coderId: 'eve', tagId: 'cost' },
    ];
    const [cost] = perTagAgreement(sample({ coded: [], applied }), ['cost']);
    // Only (u1, ann), (u1, bo), (u2, ann), (u3, *) are known to be coded: u1 and u3 pair.
    expect(cost).toMatchObject({ units: 2, disagreements: [], kappa: 1, alpha: 1 });
  });

  it('gives kappa only for two coders, alpha for any number', () => {
    const unitIds = KRIPPENDORFF_2011.map((_, u) => `u${u + 1}`);
    const coderIds = ['A', 'B', 'C', 'D'];
    const coded: Array<{ unitId: string; coderId: string }> = [];
    const applied: Array<{ unitId: string; coderId: string; tagId: string }> = [];
    KRIPPENDORFF_2011.forEach((row, u) =>
      row.forEach((v, c) => {
        if (v === null) return;
        coded.push({ unitId: unitIds[u]!, coderId: coderIds[c]! });
        applied.push({ unitId: unitIds[u]!, coderId: coderIds[c]!, tagId: `value-${v}` });
      }),
    );
    const [one] = perTagAgreement({ unitIds, coderIds, coded, applied }, ['value-1']);
    expect(one!.kappa).toBeNull();
    expect(one!.units).toBe(11);
    expect(one!.disagreements).toEqual(['u6', 'u8']);
    // "Value 1 or not" over the same data, checked by hand through the generic function.
    const binary = KRIPPENDORFF_2011.map((row) => row.map((v) => (v === null ? null : v === 1)));
    expect(one!.alpha).toBeCloseTo(krippendorffAlpha(binary)!, 9);
    // By hand: n = 40, n_1 = 9, units 6 and 8 each add (16 − 10)/3 = 2; α = 1 − 39 · 4 / (1600 − 81 − 961).
    expect(one!.alpha).toBeCloseTo(0.72, 3);
  });

  it('returns null figures for a single coder and an empty sample', () => {
    const [cost] = perTagAgreement(
      sample({ coderIds: ['ann'], coded: sample().coded.filter((r) => r.coderId === 'ann') }),
      ['cost'],
    );
    expect(cost).toMatchObject({ units: 0, percentAgreement: null, kappa: null, alpha: null, reading: 'undetermined' });
    expect(perTagAgreement({ unitIds: [], coderIds: [], coded: [], applied: [] }, ['cost'])).toEqual([
      {
        tagId: 'cost',
        units: 0,
        percentAgreement: null,
        kappa: null,
        alpha: null,
        reading: 'undetermined',
        disagreements: [],
      },
    ]);
    expect(perTagAgreement(sample(), [])).toEqual([]);
  });
});
