import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { acceptsInput } from '../consultations/consultations.rules.ts';
import { getScenario } from '../scenarios/scenarios.service.ts';
import { canComment } from './comments.policy.ts';
import * as repo from './comments.repository.ts';
import { type CommentRecord, paragraphIdsOf, type ViewContext } from './comments.rules.ts';

/** What every comment use case loads first: the scenario, its consultation and the viewer's context. */

import type { Clock } from '../../shared/clock.ts';
type Row = repo.CommentRow;

export const closed = () => new AppError('CONSULTATION_CLOSED', 'The consultation no longer takes comments');
export const toRecord = (r: Row): CommentRecord => ({
  ...r,
  supportCount: Number(r.supportCount),
  supportedByMe: !!r.supportedByMe,
});

/** The scenario (404 when the actor may not read it), its consultation and the viewer's context. */
export async function loadContext(db: Db, actor: Actor | null, scenarioId: string, clock: Clock) {
  const scenario = await getScenario(db, actor, scenarioId);
  const consultation = await requireReadableConsultation(db, actor, scenario.consultationId);
  const ctx: ViewContext = {
    viewerId: actor?.id ?? null,
    moderator: canComment(actor, 'moderate'),
    acceptsInput: acceptsInput(consultation, clock()),
    currentParagraphIds: paragraphIdsOf(scenario.paragraphs),
  };
  return { scenario, consultation, ctx };
}

/** A comment that exists and is not deleted, in a consultation the actor may read; else 404. */
export async function loadComment(db: Db, actor: Actor | null, id: string, clock: Clock) {
  const row = await repo.findComment(db, id, actor?.id ?? null);
  if (!row || row.status === 'deleted') throw notFound('Comment');
  const { scenario, consultation, ctx } = await loadContext(db, actor, row.scenarioId, clock);
  return { row, scenario, consultation, ctx };
}
