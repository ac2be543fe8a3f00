import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { type Clock, systemClock } from '../../../shared/clock.ts';
import { AppError, notFound, pgErrorCode } from '../../../shared/errors.ts';
import { renderMarkdown } from '../../../shared/markdown.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { listScenarios } from '../../scenarios/scenarios.service.ts';
import * as reviewersRepo from '../reviewers/reviewers.repository.ts';
import { canReview, seesOtherPositions } from '../reviews.policy.ts';
import type { OpenRoundInput, Review, Round, RoundDetail, WriteReviewInput } from '../reviews.schemas.ts';
import { requireReviewScope } from '../reviews.scope.ts';
import * as repo from './rounds.repository.ts';

/**
 * Review rounds and positions (issue 14 story 3). An admin opens a round (due date, the scenarios
 * under review: default all) and closes it; until then each reviewer writes, per scenario, a note
 * and a position, and may revise it: every revision is kept and audited.
 */
export const toRound = (r: repo.RoundRow): Round => ({
  id: r.id,
  consultationId: r.consultationId,
  number: r.number,
  status: r.status,
  dueAt: r.dueAt.toISOString(),
  openedAt: r.openedAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
  scenarioIds: r.scenarioIds,
});

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A note as HTML: Markdown through the shared sanitiser, plain text escaped, paragraph by paragraph. */
export function noteHtml(note: string, format: 'markdown' | 'text'): string {
  if (format === 'markdown') return renderMarkdown(note);
  return note
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export const toReview = (r: repo.ReviewRow): Review => ({
  id: r.id,
  roundId: r.roundId,
  scenarioId: r.scenarioId,
  reviewerId: r.reviewerId,
  reviewerName: r.reviewerName ?? '',
  authority: r.authority,
  position: r.position,
  conditions: r.conditions as unknown as string[],
  reasons: r.reasons,
  note: r.note,
  noteFormat: r.noteFormat,
  noteHtml: noteHtml(r.note, r.noteFormat),
  revision: r.revision,
  updatedAt: r.updatedAt.toISOString(),
});

export async function requireRound(db: Db, consultationId: string, roundId: string, forUpdate = false) {
  const round = await repo.findRound(db, consultationId, roundId, { forUpdate });
  if (!round) throw notFound('Review round');
  return round;
}

export async function listRounds(db: Db, actor: Actor | null, idOrSlug: string): Promise<{ items: Round[] }> {
  const { consultation } = await requireReviewScope(db, actor, idOrSlug, 'read');
  return { items: (await repo.listRounds(db, consultation.id)).map(toRound) };
}

export async function openRound(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  input: OpenRoundInput,
  clock: Clock = systemClock,
): Promise<Round> {
  const { consultation: c } = await requireReviewScope(db, actor, idOrSlug, 'manage');
  if (c.phase === 'draft' || c.phase === 'concluded') {
    throw new AppError('RULE_VIOLATION', `A review round cannot be opened on a ${c.phase} consultation`, {
      reason: 'phase',
    });
  }
  const dueAt = new Date(input.dueAt);
  if (dueAt.getTime() <= clock().getTime()) {
    throw new AppError('RULE_VIOLATION', 'The due date must be in the future', { reason: 'due_in_past' });
  }
  const all = (await listScenarios(db, actor, c.id)).map((s) => s.id);
  const chosen = input.scenarioIds ? [...new Set(input.scenarioIds)] : all;
  const foreign = chosen.filter((id) => !all.includes(id));
  if (foreign.length > 0) throw new AppError('RULE_VIOLATION', 'Not a scenario of this consultation', { foreign });
  if (chosen.length === 0) throw new AppError('RULE_VIOLATION', 'The consultation has no scenarios to review');
  try {
    const id = await db.transaction().execute(async (trx) => {
      const roundId = await repo.insertRound(trx, {
        consultationId: c.id,
        dueAt,
        openedBy: actor!.id,
        scenarioIds: chosen,
      });
      await recordAudit(trx, actor, {
        action: 'review.round_open',
        itemType: 'review_round',
        itemId: roundId,
        consultationId: c.id,
        details: { dueAt: dueAt.toISOString(), scenarioIds: chosen },
      });
      return roundId;
    });
    return toRound(await requireRound(db, c.id, id));
  } catch (err) {
    if (pgErrorCode(err) === '23505') {
      throw new AppError('CONFLICT', 'A review round is already open; close it first', { reason: 'round_open' });
    }
    throw err;
  }
}

export async function closeRound(db: Db, actor: Actor | null, idOrSlug: string, roundId: string): Promise<Round> {
  const { consultation: c } = await requireReviewScope(db, actor, idOrSlug, 'manage');
  await db.transaction().execute(async (trx) => {
    const round = await requireRound(trx, c.id, roundId, true);
    if (round.status === 'closed') throw new AppError('CONFLICT', 'The round is closed', { reason: 'round_closed' });
    await repo.closeRound(trx, c.id, roundId, actor!.id);
    await recordAudit(trx, actor, {
      action: 'review.round_close',
      itemType: 'review_round',
      itemId: roundId,
      consultationId: c.id,
      details: { number: round.number },
    });
  });
  return toRound(await requireRound(db, c.id, roundId));
}

export async function getRound(db: Db, actor: Actor | null, idOrSlug: string, roundId: string): Promise<RoundDetail> {
  const { consultation: c, membership, staff } = await requireReviewScope(db, actor, idOrSlug, 'read');
  const round = await requireRound(db, c.id, roundId);
  const others = seesOtherPositions(actor, round);
  const [scenarios, reviewers, reviews] = await Promise.all([
    listScenarios(db, actor, c.id),
    reviewersRepo.listReviewers(db, c.id),
    repo.listReviews(db, c.id, roundId, others ? undefined : actor!.id),
  ]);
  return {
    round: toRound(round),
    consultation: { id: c.id, slug: c.slug, title: c.title, phase: c.phase },
    scenarios: scenarios
      .filter((s) => round.scenarioIds.includes(s.id))
      .map((s) => ({ id: s.id, key: s.key, title: s.title, status: s.status })),
    reviewers: (staff || others ? reviewers : reviewers.filter((r) => r.userId === actor!.id)).map((r) => ({
      userId: r.userId,
      displayName: r.displayName ?? '',
      authority: r.authority,
    })),
    reviews: reviews.map(toReview),
    othersVisible: others,
    canWrite: round.status === 'open' && c.phase !== 'concluded' && canReview(actor, 'write', { member: !!membership }),
    canManage: canReview(actor, 'manage', { member: false }),
  };
}

/** A reviewer's position on one scenario of an open round: a new revision, audited. */
export async function writeReview(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  roundId: string,
  scenarioId: string,
  input: WriteReviewInput,
): Promise<Review> {
  const { consultation: c, membership } = await requireReviewScope(db, actor, idOrSlug, 'write');
  await db.transaction().execute(async (trx) => {
    const round = await requireRound(trx, c.id, roundId, true);
    if (!round.scenarioIds.includes(scenarioId)) throw notFound('Scenario in this round');
    if (round.status !== 'open' || c.phase === 'concluded') {
      throw new AppError('CONFLICT', 'The review round is closed', { reason: 'round_closed' });
    }
    const values: repo.ReviewValues = {
      position: input.position,
      conditions: input.position === 'supports_with_conditions' ? input.conditions : [],
      reasons: input.reasons?.trim() ? input.reasons.trim() : null,
      note: input.note,
      noteFormat: input.noteFormat,
    };
    const written = await repo.writeReview(
      trx,
      { consultationId: c.id, roundId, scenarioId, reviewerId: actor!.id, authority: membership!.authority },
      values,
    );
    await recordAudit(trx, actor, {
      action: 'review.write',
      itemType: 'review',
      itemId: written.id,
      consultationId: c.id,
      details: { roundId, scenarioId, revision: written.revision, position: values.position },
    });
  });
  const own = await repo.listReviews(db, c.id, roundId, actor!.id);
  return toReview(own.find((r) => r.scenarioId === scenarioId)!);
}

/** A review's revisions, newest first: a reviewer reads their own, and the others' once the round closed. */
export async function listRevisions(db: Db, actor: Actor | null, idOrSlug: string, reviewId: string) {
  const { consultation: c } = await requireReviewScope(db, actor, idOrSlug, 'read');
  const review = await repo.findReviewById(db, c.id, reviewId);
  if (!review) throw notFound('Review');
  if (review.reviewerId !== actor!.id && !seesOtherPositions(actor, { status: review.roundStatus })) {
    throw notFound('Review');
  }
  const rows = await repo.listRevisions(db, c.id, reviewId);
  return {
    items: rows.map((r) => ({
      revision: r.revision,
      position: r.position,
      conditions: r.conditions as unknown as string[],
      reasons: r.reasons,
      note: r.note,
      noteFormat: r.noteFormat,
      writtenAt: r.writtenAt.toISOString(),
    })),
  };
}
