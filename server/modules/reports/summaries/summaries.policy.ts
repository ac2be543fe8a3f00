import { type Actor, hasRole } from '../../../shared/actor.ts';

export type SummaryAction = 'read' | 'write';

/**
 * Theme summaries and the agency's answers are the analysts' work (issue 14, Access: "summaries and
 * report drafts for analysts and admins"); reviewers read the published report, not the drafts.
 * No I/O.
 */
export function canSummaries(actor: Actor | null, action: SummaryAction): boolean {
  switch (action) {
    case 'read':
    case 'write':
      return hasRole(actor, 'admin', 'analyst');
  }
}
