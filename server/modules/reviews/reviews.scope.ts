import type { Db } from '../../db/database.ts';
import { type Actor, hasRole } from '../../shared/actor.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { requireWorkspace } from '../analysis/analysis.service.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { canReview, type ReviewAction } from './reviews.policy.ts';
import * as repo from './reviews.repository.ts';

export type ReviewConsultation = Awaited<ReturnType<typeof requireReadableConsultation>>;
export type Membership = NonNullable<Awaited<ReturnType<typeof repo.findMembership>>>;
export type ReviewScope = { consultation: ReviewConsultation; membership: Membership | null; staff: boolean };

/**
 * The consultation a review use case works in, and the actor's place in it. Staff read through the
 * analysis workspace's door (an analyst limited to their teams stays limited); a reviewer reads the
 * consultation as the public does (a draft is not found) and must be one of its reviewers (403).
 */
export async function requireReviewScope(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  action: ReviewAction,
): Promise<ReviewScope> {
  if (action === 'manage') {
    if (!canReview(actor, 'manage', { member: false })) throw forbidden();
    const consultation = await requireReadableConsultation(db, actor, idOrSlug);
    return { consultation, membership: null, staff: true };
  }
  if (action === 'read' && hasRole(actor, 'admin', 'analyst')) {
    const consultation = await requireWorkspace(db, actor, idOrSlug, 'read');
    const membership = (await repo.findMembership(db, consultation.id, actor!.id)) ?? null;
    return { consultation, membership, staff: true };
  }
  if (!actor || !hasRole(actor, 'reviewer')) throw forbidden();
  const consultation = await requireReadableConsultation(db, actor, idOrSlug);
  const membership = (await repo.findMembership(db, consultation.id, actor.id)) ?? null;
  if (!canReview(actor, action, { member: !!membership })) {
    throw new AppError('FORBIDDEN', 'You review only the consultations you were invited to', {
      reason: 'not_a_reviewer',
    });
  }
  return { consultation, membership, staff: false };
}
