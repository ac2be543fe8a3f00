import { type Actor, hasRole, isStaff } from '../../shared/actor.ts';
import { isPublicPhase } from './consultations.rules.ts';

export type ConsultationAction = 'read' | 'create' | 'update' | 'transition' | 'history';

/** Drafts are visible to staff only; only admins run consultations (DESIGN.md §1). No I/O. */
export function canConsultation(actor: Actor | null, action: ConsultationAction, c?: { phase: string }): boolean {
  switch (action) {
    case 'read':
      return !!c && (isPublicPhase(c.phase) || isStaff(actor));
    case 'history':
      return isStaff(actor);
    case 'create':
    case 'update':
    case 'transition':
      return hasRole(actor, 'admin');
  }
}
