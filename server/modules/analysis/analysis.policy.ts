import { type Actor, hasRole } from '../../shared/actor.ts';

export type AnalysisAction = 'read' | 'codebook' | 'code' | 'change_coding' | 'team';

/**
 * The analysis workspace is analysts' and admins' work (issue 11, Access; reviewers get their own
 * view later). A coding is its coder's: an analyst changes or removes their own codings, so a
 * coding never carries a tag its coder did not choose (coder agreement reads them); an admin may
 * change any. No I/O.
 */
export function canAnalysis(actor: Actor | null, action: AnalysisAction, coding?: { coderId: string }): boolean {
  switch (action) {
    case 'read':
    case 'codebook':
    case 'code':
      return hasRole(actor, 'admin', 'analyst');
    case 'team':
      return hasRole(actor, 'admin');
    case 'change_coding':
      return hasRole(actor, 'admin') || (hasRole(actor, 'analyst') && !!coding && coding.coderId === actor!.id);
  }
}
