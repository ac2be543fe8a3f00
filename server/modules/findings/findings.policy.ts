import { type Actor, hasRole } from '../../shared/actor.ts';

export type FindingsAction = 'read' | 'write';

/**
 * User-test sessions and findings are analysts' work (issue 13, Access: "Analysts record findings and
 * inputs"), and admins'. Reviewers read findings later through their scorecard, not here. No I/O;
 * an analyst limited to their team is refused where the workspace is opened (requireWorkspace).
 */
export function canFindings(actor: Actor | null, action: FindingsAction): boolean {
  switch (action) {
    case 'read':
    case 'write':
      return hasRole(actor, 'admin', 'analyst');
  }
}
