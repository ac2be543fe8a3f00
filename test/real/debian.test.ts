/**
 * Real-data check (issue #5): the Debian Project Leader ballots of 2006, 2007 and 2020 must give the
 * official orders stated in ../shared/data/debian-dpl-tallies/SOURCE.md, and Debian's own A.6 count
 * must elect the leader Debian elected. Prints the computed orders and pairwise matrices.
 */
import { describe, expect, it } from 'vitest';
import {
  bootstrapStability,
  condorcetWinner,
  type Matrix,
  pairwiseFromCounts,
  pairwiseMatrix,
  schulze,
} from '../../server/modules/rankings/rankings.rules.ts';
import { debianOutcome } from './helpers/debian-count.ts';
import { type DebianTally, loadDebianTally } from './helpers/debian-tally.ts';

interface Election {
  readonly year: number;
  readonly ballots: number;
  /** SOURCE.md's order, best first; "=" marks a tie. */
  readonly official: string;
  readonly leader: string;
  /** Candidates that did not beat "None Of The Above" (A.6.3) and so are out before the count. */
  readonly belowDefault: string[];
}

const ELECTIONS: Election[] = [
  {
    year: 2020,
    ballots: 339,
    official: 'Jonathan Carter > Sruthi Chandran > Brian Gupta > None Of The Above',
    leader: 'Jonathan Carter',
    belowDefault: [],
  },
  {
    year: 2007,
    ballots: 482,
    official:
      'Sam Hocevar > Steve McIntyre > Raphaël Hertzog > Wouter Verhelst > Anthony Towns > Gustavo Franco > ' +
      'None Of The Above > Simon Richter > Aigars Mahinovs',
    leader: 'Sam Hocevar',
    belowDefault: ['Aigars Mahinovs', 'Simon Richter'],
  },
  {
    year: 2006,
    ballots: 421,
    official:
      'Anthony Towns > Steve McIntyre > Andreas Schuldei = Jeroen van Wolffelaar > Bill Allombert > ' +
      'None of the Above > Ari Pollak > Jonathan aka Ted Walther',
    leader: 'Anthony Towns',
    belowDefault: ['Ari Pollak', 'Jonathan aka Ted Walther'],
  },
];

/** Tiers as sorted names, so a tie compares equal whatever order the options were listed in. */
const named = (order: number[][], options: string[]): string[][] =>
  order.map((tier) => tier.map((i) => options[i]!).sort());
const parseOrder = (text: string): string[][] => text.split(' > ').map((tier) => tier.split(' = ').sort());
const show = (order: number[][], options: string[]): string =>
  order.map((tier) => tier.map((i) => options[i]).join(' = ')).join(' > ');

function printMatrix(t: DebianTally, d: Matrix): string {
  const width = 5;
  const header = '    ' + t.options.map((_, j) => String(j + 1).padStart(width)).join('');
  const rows = d.map(
    (row, i) =>
      String(i + 1).padStart(3) + ' ' + row.map((v, j) => (i === j ? '-' : String(v)).padStart(width)).join(''),
  );
  const legend = t.options.map((o, i) => `${i + 1} = ${o}`).join(', ');
  return [header, ...rows, `    (row beats column; ${legend})`].join('\n');
}

describe.each(ELECTIONS)('Debian Project Leader election $year', (e) => {
  const t = loadDebianTally(e.year);
  const d = pairwiseMatrix(t.ballots, t.options.length);
  const nota = t.options.findIndex((o) => /^none of the above$/i.test(o));

  it('reads every ballot of the tally sheet', () => {
    expect(t.ballots).toHaveLength(e.ballots);
    expect(nota).toBe(t.options.length - 1);
  });

  it("gives SOURCE.md's official Schulze order (margins), unranked options tied below ranked ones", () => {
    const s = schulze(d);
    console.log(`\n${e.year} (${e.ballots} ballots), Schulze margins: ${show(s.order, t.options)}`);
    console.log(`official:                        ${e.official}`);
    console.log(printMatrix(t, d));
    expect(named(s.order, t.options)).toEqual(parseOrder(e.official));
    expect(t.options[s.winner!]).toBe(e.leader);
  });

  it('gives the same order with winning votes, and a Condorcet winner who is the leader', () => {
    expect(named(schulze(d, { weights: 'winning' }).order, t.options)).toEqual(parseOrder(e.official));
    expect(t.options[condorcetWinner(d)!]).toBe(e.leader);
  });

  it("elects the same leader by Debian's A.6 count, whatever the quorum of a plausible electorate", () => {
    // Quorum 3Q with Q = √developers / 2 (about 48 for the roughly thousand developers of these years).
    // The same candidates fall out and the same leader wins for any electorate up to 10,000; up to
    // 2,000 developers every candidate clears the quorum, and those out fail the majority over the default.
    for (const developers of [0, 1_000, 2_000, 10_000]) {
      const outcome = debianOutcome(d, { defaultOption: nota, quorum: 1.5 * Math.sqrt(developers) });
      expect(outcome.dropped.map((x) => t.options[x.option]).sort()).toEqual([...e.belowDefault].sort());
      if (developers <= 2_000) expect(outcome.dropped.every((x) => x.reason === 'majority')).toBe(true);
      expect(t.options[outcome.winner!]).toBe(e.leader);
    }
  });

  it('reports how stable the order is under bootstrap resampling', () => {
    const s = bootstrapStability(t.ballots, t.options.length, { resamples: 200, seed: e.year });
    const lines = s.rankShares.map(
      (row, i) => `  ${t.options[i]!.padEnd(26)} ${row.map((x) => (100 * x).toFixed(0).padStart(4)).join('')}`,
    );
    console.log(
      `${e.year} bootstrap (200 resamples): ${e.leader} stays first in ${(100 * s.winnerRetained!).toFixed(1)} %`,
    );
    console.log(`  share (%) of resamples at position 1 … ${t.options.length}:\n${lines.join('\n')}`);
    for (const row of s.rankShares) expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12);
    expect(t.options[s.winner!]).toBe(e.leader);
    expect(s.winnerRetained).toBeGreaterThan(0.5);
  });
});

describe('Debian 2006 with unranked options left out of each pair instead', () => {
  it("gives SOURCE.md's other order, which is not Debian's result: the unranked rule matters", () => {
    const t = loadDebianTally(2006);
    const n = t.options.length;
    const rows = t.ballots.flatMap((ranks) =>
      ranks.flatMap((ri, winner) =>
        ranks.flatMap((rj, loser) => (ri !== null && rj !== null && ri < rj ? [{ winner, loser, count: 1 }] : [])),
      ),
    );
    const s = schulze(pairwiseFromCounts(n, rows));
    console.log(`\n2006 with unranked options ignored: ${show(s.order, t.options)}`);
    expect(named(s.order, t.options)).toEqual(
      parseOrder(
        'Steve McIntyre > Anthony Towns > Jeroen van Wolffelaar > Andreas Schuldei > Bill Allombert > ' +
          'None of the Above > Ari Pollak > Jonathan aka Ted Walther',
      ),
    );
  });
});
