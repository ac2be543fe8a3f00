import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { type AnalysisAction, canAnalysis } from './analysis.policy.ts';

/**
 * The consultation an analysis use case works in: the actor's role first (403), then the
 * consultation (404). The one place a later limit of analysts to their assigned consultations
 * (issue 11 story 5) will be asked.
 */
export async function requireWorkspace(db: Db, actor: Actor | null, idOrSlug: string, action: AnalysisAction) {
  if (!canAnalysis(actor, action)) throw forbidden();
  return requireReadableConsultation(db, actor, idOrSlug);
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
