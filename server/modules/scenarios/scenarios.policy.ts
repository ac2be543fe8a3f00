import { type Actor, hasRole } from '../../shared/actor.ts';
import { canConsultation } from '../consultations/consultations.policy.ts';

export type ScenarioAction = 'read' | 'create' | 'update' | 'status' | 'reorder';

/** A scenario is as visible as its consultation; only admins change scenarios. No I/O. */
export function canScenario(actor: Actor | null, action: ScenarioAction, consultation?: { phase: string }): boolean {
  if (action === 'read') return canConsultation(actor, 'read', consultation);
  return hasRole(actor, 'admin');
}
