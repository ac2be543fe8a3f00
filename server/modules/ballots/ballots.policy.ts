import { type Actor, hasRole } from '../../shared/actor.ts';

/**
 * Ballots are cast by participants (a self-registered account is one; staff accounts are not,
 * unless an admin gives them the participant role), so the agency's own staff do not rank its
 * scenarios by default. Only one's own ballot is ever read or changed. No I/O.
 */
export function canCastBallot(actor: Actor | null): boolean {
  return hasRole(actor, 'participant');
}
