import { type Actor, hasRole } from '../../shared/actor.ts';

export type AccountAction = 'list' | 'read' | 'create' | 'update';

/** Only admins manage accounts; anyone signed in may read their own. No I/O. */
export function canAccount(actor: Actor | null, action: AccountAction, targetId?: string): boolean {
  if (hasRole(actor, 'admin')) return true;
  return action === 'read' && !!actor && actor.id === targetId;
}
