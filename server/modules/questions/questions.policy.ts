import { type Actor, hasRole } from '../../shared/actor.ts';
import { canConsultation } from '../consultations/consultations.policy.ts';

export type QuestionAction = 'read' | 'create' | 'update' | 'delete' | 'reorder';

/** The questionnaire is as visible as its consultation; only admins build it (DESIGN.md §1). No I/O. */
export function canQuestion(actor: Actor | null, action: QuestionAction, consultation?: { phase: string }): boolean {
  if (action === 'read') return canConsultation(actor, 'read', consultation);
  return hasRole(actor, 'admin');
}
