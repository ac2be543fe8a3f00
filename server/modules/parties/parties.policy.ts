import { type Actor, hasRole } from '../../shared/actor.ts';

/**
 * Who may do what with consulted parties (issue 13: "admins manage the directory, the list and the
 * mail"). Staff who register letters and code the inbox (analysts) read the status board, record
 * "no comments" and decide match proposals. Pure, no I/O.
 */
export type PartiesAction = 'manageDirectory' | 'manageList' | 'readBoard' | 'recordAnswers';

export function canParties(actor: Actor | null, action: PartiesAction): boolean {
  switch (action) {
    case 'manageDirectory':
    case 'manageList':
      return hasRole(actor, 'admin');
    case 'readBoard':
    case 'recordAnswers':
      return hasRole(actor, 'admin', 'analyst');
  }
}
