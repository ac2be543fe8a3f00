import { describe, expect, it } from 'vitest';
import { canReview, seesOtherPositions } from '../../server/modules/reviews/reviews.policy.ts';
import type { Actor } from '../../server/shared/actor.ts';
import type { Role } from '../../server/shared/schemas.ts';

// Issue 14 stories 1 and 3: who runs, reads and writes review rounds.
const actor = (...roles: Role[]): Actor => ({ id: roles.join('-'), email: 'x@y.dk', displayName: 'X', roles });

describe('review policy', () => {
  it('admins manage; admins and analysts read; a reviewer reads and writes only as a reviewer of the consultation', () => {
    const cases: [Actor | null, boolean, { manage: boolean; read: boolean; write: boolean }][] = [
      [null, false, { manage: false, read: false, write: false }],
      [actor('participant'), true, { manage: false, read: false, write: false }],
      [actor('reviewer'), false, { manage: false, read: false, write: false }],
      [actor('reviewer'), true, { manage: false, read: true, write: true }],
      [actor('analyst'), false, { manage: false, read: true, write: false }],
      [actor('admin'), false, { manage: true, read: true, write: false }],
      [actor('admin'), true, { manage: true, read: true, write: false }],
    ];
    for (const [who, member, expected] of cases) {
      for (const action of ['manage', 'read', 'write'] as const) {
        expect(canReview(who, action, { member }), `${who?.id ?? 'anonymous'} ${action} member=${member}`).toBe(
          expected[action],
        );
      }
    }
  });

  it("a reviewer sees the other reviewers' positions only once the round is closed; staff always", () => {
    expect(seesOtherPositions(actor('reviewer'), { status: 'open' })).toBe(false);
    expect(seesOtherPositions(actor('reviewer'), { status: 'closed' })).toBe(true);
    expect(seesOtherPositions(actor('analyst'), { status: 'open' })).toBe(true);
    expect(seesOtherPositions(actor('admin'), { status: 'open' })).toBe(true);
  });
});
