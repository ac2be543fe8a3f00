import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { scenarioTitles } from '../../scenarios/scenarios.service.ts';
import { requireRound } from '../rounds/rounds.service.ts';
import type { ApprovalInput, Decision, RecordDecisionInput } from '../reviews.schemas.ts';
import { requireReviewScope } from '../reviews.scope.ts';
import * as repo from './decisions.repository.ts';
import { invalidEvidence } from './evidence.ts';

/**
 * The decision record (issue 14 story 4): per round, the admin records each scenario's outcome with
 * its reasons and the evidence they cite, then the political approval (by whom, when, the decision
 * document). Audited. The record does not change the scenarios' own status (the admin sets that on
 * the scenario, whose rules govern the moves); the public sees the record once the round is closed.
 */
async function decisionOf(db: Db, consultationId: string, roundId: string): Promise<Decision> {
  const round = await requireRound(db, consultationId, roundId);
  const [rows, approval] = await Promise.all([
    repo.listOutcomes(db, consultationId, roundId),
    repo.findApproval(db, consultationId, roundId),
  ]);
  const titles = await scenarioTitles(
    db,
    rows.map((r) => r.scenarioId),
  );
  const outcomes = rows
    .map((r) => ({
      scenarioId: r.scenarioId,
      key: titles.get(r.scenarioId)?.key ?? '',
      title: titles.get(r.scenarioId)?.title ?? { da: '', en: '' },
      outcome: r.outcome,
      reasons: r.reasons,
      evidence: r.evidence as unknown as Decision['outcomes'][number]['evidence'],
      decidedAt: r.decidedAt.toISOString(),
    }))
    .sort((a, b) => a.key.localeCompare(b.key, 'da', { numeric: true }));
  return {
    roundId,
    roundNumber: round.number,
    roundStatus: round.status,
    outcomes,
    approval: approval
      ? {
          approvedBy: approval.approvedBy,
          approvedAt: approval.approvedAt.toISOString(),
          documentRef: approval.documentRef,
          recordedAt: approval.recordedAt.toISOString(),
        }
      : null,
  };
}

const frozen = () => new AppError('RULE_VIOLATION', 'A concluded consultation is frozen', { reason: 'concluded' });

/** For staff (admins, the consultation's analysts): a round's decision as recorded so far. */
export async function getDecision(db: Db, actor: Actor | null, idOrSlug: string, roundId: string): Promise<Decision> {
  const { consultation: c, staff } = await requireReviewScope(db, actor, idOrSlug, 'read');
  if (!staff) throw new AppError('FORBIDDEN', 'The decision is read on the consultation page once it is public');
  return decisionOf(db, c.id, roundId);
}

/** Records (or replaces) a round's decision: one outcome for each of its scenarios, at most one selected. */
export async function recordDecision(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  roundId: string,
  input: RecordDecisionInput,
): Promise<Decision> {
  const { consultation: c } = await requireReviewScope(db, actor, idOrSlug, 'manage');
  if (c.phase === 'concluded') throw frozen();
  const round = await requireRound(db, c.id, roundId);
  const ids = input.outcomes.map((o) => o.scenarioId);
  if (
    new Set(ids).size !== ids.length ||
    ids.length !== round.scenarioIds.length ||
    ids.some((id) => !round.scenarioIds.includes(id))
  ) {
    throw new AppError('RULE_VIOLATION', "Give one outcome for each of the round's scenarios", {
      reason: 'scenarios',
      expected: round.scenarioIds,
    });
  }
  if (input.outcomes.filter((o) => o.outcome === 'selected').length > 1) {
    throw new AppError('RULE_VIOLATION', 'At most one scenario is selected', { reason: 'one_selected' });
  }
  const refs = input.outcomes.flatMap((o, i) =>
    o.evidence.map((ref, j) => ({ path: `outcomes.${i}.evidence.${j}`, ref })),
  );
  const bad = await invalidEvidence(db, actor, c, refs);
  if (bad.length > 0)
    throw new AppError('RULE_VIOLATION', 'Some evidence does not exist in this consultation', {
      reason: 'evidence',
      invalid: bad,
    });
  await db.transaction().execute(async (trx) => {
    await requireRound(trx, c.id, roundId, true);
    if (await repo.findApproval(trx, c.id, roundId)) {
      throw new AppError('CONFLICT', 'The decision is approved; it can no longer change', { reason: 'approved' });
    }
    const before = await repo.listOutcomes(trx, c.id, roundId);
    await repo.replaceOutcomes(trx, { consultationId: c.id, roundId, decidedBy: actor!.id }, input.outcomes);
    await recordAudit(trx, actor, {
      action: 'decision.record',
      itemType: 'review_round',
      itemId: roundId,
      consultationId: c.id,
      details: {
        outcomes: input.outcomes.map((o) => ({
          scenarioId: o.scenarioId,
          outcome: o.outcome,
          evidence: o.evidence.length,
        })),
        before: before.map((o) => ({ scenarioId: o.scenarioId, outcome: o.outcome })),
      },
    });
  });
  return decisionOf(db, c.id, roundId);
}

/** Records the political approval of a round's decision (it must be recorded first). */
export async function recordApproval(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  roundId: string,
  input: ApprovalInput,
): Promise<Decision> {
  const { consultation: c } = await requireReviewScope(db, actor, idOrSlug, 'manage');
  if (c.phase === 'concluded') throw frozen();
  await db.transaction().execute(async (trx) => {
    await requireRound(trx, c.id, roundId, true);
    if ((await repo.listOutcomes(trx, c.id, roundId)).length === 0) {
      throw new AppError('RULE_VIOLATION', 'Record the decision before its approval', { reason: 'no_decision' });
    }
    const approvedAt = new Date(input.approvedAt);
    await repo.upsertApproval(trx, { consultationId: c.id, roundId, ...input, approvedAt, recordedBy: actor!.id });
    await recordAudit(trx, actor, {
      action: 'decision.approve',
      itemType: 'review_round',
      itemId: roundId,
      consultationId: c.id,
      details: { approvedBy: input.approvedBy, approvedAt: approvedAt.toISOString(), documentRef: input.documentRef },
    });
  });
  return decisionOf(db, c.id, roundId);
}

/** For everyone: the newest decision of a closed round, with its approval (404 when there is none yet). */
export async function publicDecision(db: Db, actor: Actor | null, idOrSlug: string): Promise<Decision> {
  const c = await requireReadableConsultation(db, actor, idOrSlug);
  const round = await repo.latestDecidedRound(db, c.id);
  if (!round) throw notFound('Decision');
  return decisionOf(db, c.id, round.id);
}

/**
 * For the høringsnotat (issue 14 story 6, its background job): the newest decision of a closed
 * round with its approval, as the public sees it; null when there is none yet.
 */
export async function decisionForReport(db: Db, consultationId: string): Promise<Decision | null> {
  const round = await repo.latestDecidedRound(db, consultationId);
  return round ? decisionOf(db, consultationId, round.id) : null;
}
