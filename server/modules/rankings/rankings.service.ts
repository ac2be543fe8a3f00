import type { Db } from '../../db/database.ts';
import { type Actor, hasRole } from '../../shared/actor.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { ranksVector } from '../ballots/ranking-key.rules.ts';
import { Segment } from '../ballots/ballots.schemas.ts';
import { countRankings, countRankingsBySegment, countSegments } from '../ballots/ballots.service.ts';
import { requireReadableConsultation, setResultsPublished } from '../consultations/consultations.service.ts';
import { listScenarios } from '../scenarios/scenarios.service.ts';
import { orderStability } from './margins.rules.ts';
import { tally, type WeightedRanking } from './rankings.rules.ts';
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

export type SegmentStanding = {
  segment: Segment;
  /** Ballots in the segment; null when it is hidden from this reader (small-segment suppression). */
  ballots: number | null;
  hidden: boolean;
  /** The closest head-to-head margin between neighbouring places, and the ballots to reverse it. */
  closest: { above: string; below: string; margin: number; ballotsToReverse: number } | null;
  /** Per counted scenario: its Schulze place, first-preference share, and margins to the places around it. */
  places: {
    scenarioId: string;
    position: number;
    tied: boolean;
    firstShare: number;
    up: { scenarioId: string; margin: number; ballotsToReverse: number } | null;
    down: { scenarioId: string; margin: number; ballotsToReverse: number } | null;
  }[];
};

const inSegment = (segment: Segment, r: { actingAs: string | null; invited: boolean }): boolean => {
  switch (segment) {
    case 'all':
      return true;
    case 'invited':
      return r.invited;
    case 'not_invited':
      return !r.invited;
    case 'citizen':
    case 'business':
    case 'ngo':
    case 'public_authority':
    case 'other':
      return r.actingAs === segment;
  }
};

/**
 * The ranking standings of every segment at once, for the scenario scorecard (issue 14 story 2): one
 * grouped read of the ballots (distinct rankings by acting-as and invited), then per segment the
 * pairwise matrix, the Schulze order and its margins (no resampling, so it stays fast on a million
 * ballots). The caller has checked that the reader may review this consultation; a reader who is not
 * staff gets the same small-segment suppression as the public results (RESULTS_MIN_SEGMENT).
 * `loadRankings` lets the caller keep the grouped read (the scorecard memoises it briefly).
 */
export async function segmentStandings(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  minSegment: number,
  loadRankings: typeof countRankingsBySegment = countRankingsBySegment,
): Promise<{ scenarioIds: string[]; segments: SegmentStanding[] }> {
  const [all, rows] = await Promise.all([listScenarios(db, actor, consultationId), loadRankings(db, consultationId)]);
  const ids = all.filter((s) => s.status !== 'eliminated').map((s) => s.id);
  const counts = Object.fromEntries(Segment.options.map((s) => [s, 0])) as Record<Segment, number>;
  const ranked = rows.map((r) => ({ ...r, ranks: ranksVector(r.ranking, ids) }));
  for (const r of ranked) for (const s of Segment.options) if (inSegment(s, r)) counts[s] += r.count;
  const hidden = hiddenSegments(actor, counts, minSegment);
  const segments = Segment.options.map((segment): SegmentStanding => {
    if (hidden.includes(segment)) return { segment, ballots: null, hidden: true, closest: null, places: [] };
    if (counts[segment] === 0 || ids.length === 0)
      return { segment, ballots: counts[segment], hidden: false, closest: null, places: [] };
    const ballots: WeightedRanking[] = ranked
      .filter((r) => inSegment(segment, r))
      .map((r) => ({ ranks: r.ranks, count: r.count }));
    const t = tally(ballots, ids.length, { bootstrap: false });
    const st = orderStability(t.pairwise, t.schulze.order);
    const near = (m: { above: number; below: number; margin: number; ballotsToReverse: number } | null, up: boolean) =>
      m && { scenarioId: ids[up ? m.above : m.below]!, margin: m.margin, ballotsToReverse: m.ballotsToReverse };
    const tierSize = (i: number) => t.schulze.order.find((tier) => tier.includes(i))!.length;
    return {
      segment,
      ballots: counts[segment],
      hidden: false,
      closest: st.closest && {
        above: ids[st.closest.above]!,
        below: ids[st.closest.below]!,
        margin: st.closest.margin,
        ballotsToReverse: st.closest.ballotsToReverse,
      },
      places: ids.map((scenarioId, i) => ({
        scenarioId,
        position: t.schulze.positions[i]!,
        tied: tierSize(i) > 1,
        firstShare: t.firstPreference.shares[i]!,
        up: near(st.up[i]!, true),
        down: near(st.down[i]!, false),
      })),
    };
  });
  return { scenarioIds: ids, segments };
}
