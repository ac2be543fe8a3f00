import { describe, expect, it } from 'vitest';
import type { Segment } from '../../server/modules/ballots/ballots.schemas.ts';
import {
  hiddenSegments,
  needsSmallConfirmation,
  SEGMENT_PARTITIONS,
  suppressedSegments,
  visibleSegmentCounts,
} from '../../server/modules/rankings/rankings.policy.ts';
import type { Actor } from '../../server/shared/actor.ts';

const K = 5;
/** Counts from the stakeholder split; invited / not invited as given (default: nobody invited). */
function counts(types: Partial<Record<Segment, number>>, invited = 0): Record<Segment, number> {
  const by = { citizen: 0, business: 0, ngo: 0, public_authority: 0, other: 0, ...types };
  const all = by.citizen + by.business + by.ngo + by.public_authority + by.other;
  return { all, ...by, invited, not_invited: all - invited };
}

/**
 * What a visitor can rebuild by subtraction: in each partition, "all" minus the shown counts is the
 * sum of the hidden segments. It must be 0, at least K, or the whole.
 */
function assertNoSmallRemainder(c: Record<Segment, number>, hidden: readonly Segment[]) {
  for (const partition of SEGMENT_PARTITIONS) {
    const shown = partition.filter((s) => !hidden.includes(s)).reduce((sum, s) => sum + c[s], 0);
    const rebuilt = c.all - shown;
    const hiddenNonEmpty = partition.filter((s) => hidden.includes(s) && c[s] > 0);
    expect(rebuilt === 0 || rebuilt >= K || rebuilt === c.all, `${JSON.stringify(c)} → ${hidden}`).toBe(true);
    // Never exactly one non-empty hidden segment beside shown ones: its figures would be all − the rest.
    if (rebuilt !== c.all) expect(hiddenNonEmpty.length === 0 || hiddenNonEmpty.length >= 2).toBe(true);
  }
}

describe('rankings policy: small segments (issue #10 item 7)', () => {
  it('hides a small segment and the complement that would reveal it ("all 7, citizen 6")', () => {
    const c = counts({ citizen: 6, business: 1 });
    const hidden = suppressedSegments(c, K);
    expect(hidden).toEqual(['business', 'citizen']);
    assertNoSmallRemainder(c, hidden);
  });

  it('hides every segment of a whole below the threshold ("citizen: 2 of 2") and withholds their counts', () => {
    const c = counts({ citizen: 2 });
    const hidden = suppressedSegments(c, K);
    expect(hidden).toEqual(['citizen', 'not_invited']);
    expect(visibleSegmentCounts(c, hidden)).toMatchObject({ all: 2, citizen: null, not_invited: null, business: 0 });
  });

  it('hides a second segment when exactly one would be hidden (complementary suppression)', () => {
    // business 2 is small; citizen 10 and ngo 6 are not, nor are their complements (8 and 12).
    const c = counts({ citizen: 10, ngo: 6, business: 2 });
    const hidden = suppressedSegments(c, K);
    expect(hidden).toEqual(['business', 'ngo']);
    assertNoSmallRemainder(c, hidden);
  });

  it('keeps hiding until the hidden segments together are not small', () => {
    // business 1 + ngo 1 hidden would still leave 2 rebuildable: the next smallest goes too.
    const c = counts({ citizen: 20, ngo: 1, business: 1, public_authority: 6 });
    const hidden = suppressedSegments(c, K);
    expect(hidden).toEqual(['business', 'ngo', 'public_authority']);
    assertNoSmallRemainder(c, hidden);
  });

  it('shows everything when every non-empty segment and its complement are large enough', () => {
    const c = counts({ citizen: 10, business: 5 }, 7);
    expect(suppressedSegments(c, K)).toEqual([]);
    // An empty segment reveals nothing; a segment that is the whole has an empty complement.
    expect(suppressedSegments(counts({ citizen: 7 }), K)).toEqual([]);
  });

  it('protects the invited split on its own', () => {
    const c = counts({ citizen: 10, business: 10 }, 3);
    expect(suppressedSegments(c, K)).toEqual(['invited', 'not_invited']);
  });

  it('leaves no small remainder for any split of up to 12 rankings', () => {
    for (let citizen = 0; citizen <= 12; citizen++)
      for (let business = 0; citizen + business <= 12; business++)
        for (let ngo = 0; citizen + business + ngo <= 12; ngo++)
          for (let invited = 0; invited <= citizen + business + ngo; invited += 3) {
            const c = counts({ citizen, business, ngo }, invited);
            assertNoSmallRemainder(c, suppressedSegments(c, K));
          }
  });

  it('hides nothing from staff', () => {
    const staff: Actor = { id: 'x', email: 'a@example.test', displayName: 'A', roles: ['analyst'] };
    expect(hiddenSegments(staff, counts({ citizen: 1 }), K)).toEqual([]);
    expect(hiddenSegments(null, counts({ citizen: 1 }), K)).toEqual(['citizen', 'not_invited']);
  });

  it('asks for confirmation below the threshold only', () => {
    expect(needsSmallConfirmation(2, K)).toBe(true);
    expect(needsSmallConfirmation(0, K)).toBe(true);
    expect(needsSmallConfirmation(5, K)).toBe(false);
  });
});
