import type { Db } from '../../db/database.ts';
import { type Actor, hasRole } from '../../shared/actor.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { type AnalysisAction, canAnalysis } from './analysis.policy.ts';
import { shutOut } from './team/team.repository.ts';

/**
 * The consultation an analysis use case works in: the actor's role first (403), then the
 * consultation (404), then, for an analyst an admin has limited to the consultations whose team
 * they are on, that team (403, `details.reason = 'not_on_team'`). Every analysis use case starts here.
 */
export async function requireWorkspace(db: Db, actor: Actor | null, idOrSlug: string, action: AnalysisAction) {
  if (!canAnalysis(actor, action)) throw forbidden();
  const c = await requireReadableConsultation(db, actor, idOrSlug);
  if (!hasRole(actor, 'admin') && (await shutOut(db, c.id, [actor!.id])).size > 0) {
    throw new AppError('FORBIDDEN', 'You work only on the consultations whose team you are on', {
      reason: 'not_on_team',
    });
  }
  return c;
}

/** A refusal with the reason a client can act on in `details.reason` (400 unless the code says otherwise). */
export function refused(
  code: 'BAD_REQUEST' | 'CONFLICT' | 'RULE_VIOLATION',
  reason: string,
  message: string,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError(code, message, { reason, ...details });
}
