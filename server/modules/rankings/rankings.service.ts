import type { Db } from '../../db/database.ts';
import { type Actor, hasRole } from '../../shared/actor.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ranksVector } from '../ballots/ranking-key.rules.ts';
import type { Segment } from '../ballots/ballots.schemas.ts';
import { countRankings, countSegments } from '../ballots/ballots.service.ts';
import { requireReadableConsultation, setResultsPublished } from '../consultations/consultations.service.ts';
import { listScenarios } from '../scenarios/scenarios.service.ts';
import { tally } from './rankings.rules.ts';
import { canReadResults, hiddenSegments, needsSmallConfirmation, visibleSegmentCounts } from './rankings.policy.ts';
import type { PublishState, Results } from './rankings.schemas.ts';

export async function getResults(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  segment: Segment,
  minSegment = 1,
) {
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  if (!canReadResults(actor, c)) {
    throw new AppError('RESULTS_NOT_PUBLISHED', 'The ranking results have not been published yet');
  }
  const segmentCounts = await countSegments(db, c.id);
  const hidden = hiddenSegments(actor, segmentCounts, minSegment);
  if (hidden.includes(segment)) {
    throw new AppError(
      'SEGMENT_TOO_SMALL',
      `Segments with fewer than ${minSegment} rankings are not shown, so no one's ranking can be singled out`,
      { minSegment },
    );
  }
  // Eliminated scenarios are not counted; a ballot's rank for one is simply left out.
  const scenarios = (await listScenarios(db, actor, c.id)).filter((s) => s.status !== 'eliminated');
  const ids = scenarios.map((s) => s.id);
  // Distinct rankings with counts, grouped in SQL: the count never loads every ballot.
  const rows = await countRankings(db, c.id, segment);
  const t = tally(
    rows.map((r) => ({ ranks: ranksVector(r.ranking, ids), count: r.count })),
    ids.length,
  );
  const idOf = (i: number | null) => (i === null ? null : ids[i]!);
  const results: Results = {
    consultationId: c.id,
    segment,
    publishedAt: c.resultsPublishedAt?.toISOString() ?? null,
    ballotCount: t.ballots,
    segmentCounts: visibleSegmentCounts(segmentCounts, hidden),
    minSegmentSize: minSegment,
    hiddenSegments: hidden,
    scenarios: scenarios.map((s) => ({ id: s.id, key: s.key, title: s.title })),
    firstPreference: {
      blank: t.firstPreference.blank,
      counts: t.firstPreference.counts,
      shares: t.firstPreference.shares,
    },
    borda: { points: t.borda.points, mean: t.borda.mean },
    pairwise: t.pairwise,
    condorcetWinner: idOf(t.condorcetWinner),
    schulze: {
      order: t.schulze.order.map((tier) => tier.map((i) => ids[i]!)),
      positions: t.schulze.positions,
      winner: idOf(t.schulze.winner),
      strength: t.schulze.strength,
    },
    stability: {
      resamples: t.stability!.resamples,
      seed: t.stability!.seed,
      rankShares: t.stability!.rankShares,
      winner: idOf(t.stability!.winner),
      winnerRetained: t.stability!.winnerRetained,
    },
  };
  return { results, slug: c.slug };
}

export async function setPublished(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  publish: boolean,
  opts: { minSegment?: number; confirmSmall?: boolean } = {},
): Promise<PublishState> {
  if (!hasRole(actor, 'admin')) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const minSegment = opts.minSegment ?? 1;
  if (publish && c.resultsPublishedAt === null && !opts.confirmSmall) {
    // Results from a handful of rankings can be read back to the people who cast them (issue #10 item 7).
    const { all } = await countSegments(db, c.id);
    if (needsSmallConfirmation(all, minSegment)) {
      throw new AppError(
        'RESULTS_TOO_FEW',
        `Only ${all} rankings, fewer than ${minSegment}: publish again with confirmSmall to publish anyway`,
        { rankings: all, minSegment },
      );
    }
  }
  const row = await db.transaction().execute(async (trx) => {
    const r = await setResultsPublished(trx, c.id, publish);
    await recordAudit(trx, actor, {
      action: publish ? 'results.publish' : 'results.unpublish',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
    });
    return r;
  });
  return { consultationId: row.id, resultsPublishedAt: row.resultsPublishedAt?.toISOString() ?? null };
}
