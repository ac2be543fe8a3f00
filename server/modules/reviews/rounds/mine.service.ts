import type { Db } from '../../../db/database.ts';
import { type Actor, hasRole } from '../../../shared/actor.ts';
import { forbidden } from '../../../shared/errors.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import * as shared from '../reviews.repository.ts';
import type { MyReviews } from '../reviews.schemas.ts';
import * as repo from './rounds.repository.ts';

/**
 * "My reviews" (issue 14 story 3): the consultations the signed-in reviewer reviews, each with its
 * rounds and how many of a round's scenarios they have taken a position on. A consultation still in
 * draft is left out (a reviewer reads consultations as the public does).
 */
export async function myReviews(db: Db, actor: Actor | null): Promise<MyReviews> {
  if (!actor || !hasRole(actor, 'reviewer')) throw forbidden();
  const memberships = await shared.membershipsOf(db, actor.id);
  const consultations = [];
  for (const m of memberships) {
    const c = await requireReadableConsultation(db, actor, m.consultationId).catch(() => null);
    if (c) consultations.push({ c, authority: m.authority });
  }
  const rounds = await repo.roundsWithProgress(
    db,
    consultations.map(({ c }) => c.id),
    actor.id,
  );
  return {
    items: consultations.map(({ c, authority }) => ({
      consultation: { id: c.id, slug: c.slug, title: c.title, phase: c.phase },
      authority,
      rounds: rounds
        .filter((r) => r.consultationId === c.id)
        .map((r) => ({
          id: r.id,
          number: r.number,
          status: r.status,
          dueAt: r.dueAt.toISOString(),
          scenarios: r.scenarios,
          signed: r.signed,
        })),
    })),
  };
}
