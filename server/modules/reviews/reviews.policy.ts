import { type Actor, hasRole } from '../../shared/actor.ts';

export type ReviewAction = 'manage' | 'read' | 'write';

/**
 * Review by public authorities (issue 14 stories 1, 3, 4). Admins run it (reviewers, rounds, the
 * decision); admins and the consultation's analysts read every position; a reviewer reads and writes
 * only in the consultations they are a reviewer of (`member`). No I/O.
 */
export function canReview(actor: Actor | null, action: ReviewAction, ctx: { member: boolean }): boolean {
  switch (action) {
    case 'manage':
      return hasRole(actor, 'admin');
    case 'read':
      return hasRole(actor, 'admin', 'analyst') || (hasRole(actor, 'reviewer') && ctx.member);
    case 'write':
      return hasRole(actor, 'reviewer') && ctx.member;
  }
}

/**
 * Whether the reader sees the other reviewers' positions in a round. Staff always do. A reviewer sees
 * only their own until the admin closes the round, so each authority forms its view independently
 * (no anchoring on the first ministry to answer); after the close every position is shown to all
 * reviewers of the consultation, as the decision will cite them.
 */
export function seesOtherPositions(actor: Actor | null, round: { status: 'open' | 'closed' }): boolean {
  return hasRole(actor, 'admin', 'analyst') || round.status === 'closed';
}
