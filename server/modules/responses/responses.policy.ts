import { type Actor, hasRole } from '../../shared/actor.ts';

export type ResponseAction = 'register_letter' | 'review' | 'read_private';

/**
 * Submitting, and everything done with an edit token, needs no account (the token is the
 * credential). Reading non-public responses, deciding publication and registering letters is
 * analysts' and admins' work (DESIGN.md §1). No I/O.
 */
export function canResponse(actor: Actor | null, action: ResponseAction): boolean {
  switch (action) {
    case 'register_letter':
    case 'review':
    case 'read_private':
      return hasRole(actor, 'admin', 'analyst');
  }
}
