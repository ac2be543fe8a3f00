import { describe, expect, it } from 'vitest';
import { canAgreement } from '../../server/modules/analysis/agreement/agreement.policy.ts';
import { computeResults, type SampleUnit } from '../../server/modules/analysis/agreement/agreement.results.ts';
import type { Actor } from '../../server/shared/actor.ts';

const unit = (itemId: string): SampleUnit => ({ itemId, itemKind: 'response', excerpt: `Text ${itemId}` });
const row = (itemId: string, coderId: string, tagId: string, quotes: string[] | null = null) => ({
  itemId,
  coderId,
  tagId,
  quotes,
});

describe('the results of a sample (issue 11 story 7)', () => {
  it('treats an item a coder has not coded as missing, not as "tag absent"', () => {
    // Three coders; c3 has not coded u2. Tag T: u1 (1, 1, 1), u2 (1, 0, –), u3 (0, 0, 0) where every
    // coder coded u3 with another tag S.
    const r = computeResults(
      [unit('u1'), unit('u2'), unit('u3')],
      ['c1', 'c2', 'c3'],
      [
        row('u1', 'c1', 'T'),
        row('u1', 'c2', 'T'),
        row('u1', 'c3', 'T'),
        row('u2', 'c1', 'T', ['the words']),
        row('u2', 'c2', 'S'),
        row('u3', 'c1', 'S'),
        row('u3', 'c2', 'S'),
        row('u3', 'c3', 'S'),
      ],
    );
    expect([...r.done]).toEqual([
      ['c1', 3],
      ['c2', 3],
      ['c3', 2],
    ]);
    const t = r.tags.find((g) => g.tagId === 'T')!;
    expect(t.units).toBe(3);
    expect(t.kappa).toBeNull(); // three coders
    // Pairs: u1 3 agreeing, u2 1 disagreeing, u3 3 agreeing → 6 / 7.
    expect(t.percentAgreement).toBeCloseTo(6 / 7, 9);
    expect(r.disagreements).toEqual([
      {
        ...unit('u2'),
        tagId: 'T',
        applied: [{ coderId: 'c1', quotes: ['the words'] }],
        notApplied: ['c2'],
      },
      { ...unit('u2'), tagId: 'S', applied: [{ coderId: 'c2', quotes: [] }], notApplied: ['c1'] },
    ]);
    expect(r.overall.units).toBe(6);
  });

  it('gives undefined figures, not perfect ones, when nobody has coded anything', () => {
    const r = computeResults([unit('u1')], ['c1', 'c2'], []);
    expect(r.tags).toEqual([]);
    expect(r.overall).toEqual({
      units: 0,
      percentAgreement: null,
      kappa: null,
      alpha: null,
      reading: 'undetermined',
    });
  });
});

describe('who may do what with a sample', () => {
  const actor = (id: string, ...roles: Actor['roles'][number][]): Actor => ({
    id,
    email: `${id}@x`,
    displayName: id,
    roles,
  });
  const open = { status: 'open' as const, coderIds: ['a1', 'a2'] };
  it('lets only an admin draw and close; hides an open sample’s results from its coders who are not admins', () => {
    expect(canAgreement(actor('ad', 'admin'), 'draw')).toBe(true);
    expect(canAgreement(actor('a1', 'analyst'), 'draw')).toBe(false);
    expect(canAgreement(actor('a1', 'analyst'), 'close')).toBe(false);
    expect(canAgreement(actor('r', 'reviewer'), 'read')).toBe(false);
    expect(canAgreement(null, 'read')).toBe(false);
    expect(canAgreement(actor('a1', 'analyst'), 'results', open)).toBe(false);
    expect(canAgreement(actor('a3', 'analyst'), 'results', open)).toBe(true);
    expect(canAgreement(actor('a1', 'analyst'), 'results', { ...open, status: 'closed' })).toBe(true);
    expect(canAgreement(actor('a1', 'analyst', 'admin'), 'results', open)).toBe(true);
  });
});
