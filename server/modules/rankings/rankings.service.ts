import type { Db } from '../../db/database.ts';
import { type Actor, hasRole } from '../../shared/actor.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ranksVector } from '../ballots/ballots.rules.ts';
import type { Segment } from '../ballots/ballots.schemas.ts';
import { countRankings, countSegments } from '../ballots/ballots.service.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { listScenarios } from '../scenarios/scenarios.service.ts';
import { tally } from './rankings.rules.ts';
import * as repo from './rankings.repository.ts';
import type { PublishState, Results } from './rankings.schemas.ts';

/**
 * Ranking results (issue #5 story 6). Admins and analysts always see them; everyone else once an admin has
 * published them (403 RESULTS_NOT_PUBLISHED before, 404 when the consultation itself is not public).
 */
export const canReadResults = (actor: Actor | null, c: { resultsPublishedAt: Date | null }): boolean =>
  seesUnpublished(actor) || c.resultsPublishedAt !== null;

/** Admins and analysts; reviewers read only what is public until they get a scoped view (issue 10 item 8). */
function seesUnpublished(actor: Actor | null): boolean {
  return hasRole(actor, 'admin', 'analyst');
}

/**
 * Segments (stakeholder type, invited or not) with fewer rankings than `minSegment` are shown to
 * staff only: published per segment, one organisation's or a few people's rankings could be read
 * off. An empty segment reveals nothing and is shown.
 */
export function hiddenSegments(actor: Actor | null, counts: Record<Segment, number>, minSegment: number): Segment[] {
  if (seesUnpublished(actor)) return [];
  return (Object.keys(counts) as Segment[]).filter((s) => s !== 'all' && counts[s] > 0 && counts[s] < minSegment);
}

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
    segmentCounts,
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
): Promise<PublishState> {
  if (!hasRole(actor, 'admin')) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const row = await db.transaction().execute(async (trx) => {
    const r = await repo.setResultsPublished(trx, c.id, publish);
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
