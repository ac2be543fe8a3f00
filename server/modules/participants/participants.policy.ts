import { type Actor, hasRole } from '../../shared/actor.ts';

export type ParticipantAction = 'readOwnProfile' | 'updateOwnProfile' | 'setInvited' | 'manageProfiles';

/**
 * Everyone signed in keeps their own profile; whether a party is invited (on the høringsliste) is
 * the agency's fact, so only an admin sets it, and only an admin edits someone else's segment. No I/O.
 */
export function canParticipant(actor: Actor | null, action: ParticipantAction): boolean {
  switch (action) {
    case 'readOwnProfile':
    case 'updateOwnProfile':
      return !!actor;
    case 'setInvited':
    case 'manageProfiles':
      return hasRole(actor, 'admin');
  }
}
