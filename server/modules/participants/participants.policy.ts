import { type Actor, hasRole } from '../../shared/actor.ts';

export type ParticipantAction = 'readOwnProfile' | 'updateOwnProfile' | 'manageProfiles';

/**
 * Everyone signed in keeps their own profile; only an admin edits someone else's segment. Whether a
 * person is invited is not edited at all: it follows the høringsliste (server/modules/parties). No I/O.
 */
export function canParticipant(actor: Actor | null, action: ParticipantAction): boolean {
  switch (action) {
    case 'readOwnProfile':
    case 'updateOwnProfile':
      return !!actor;
    case 'manageProfiles':
      return hasRole(actor, 'admin');
  }
}
