import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { notFound } from '../../../shared/errors.ts';
import {
  quoteTexts,
  redactScenarioQuotes,
  type ScenarioQuote,
  scenarioQuotes,
  scenarioThemeNames,
  scenarioThemeRows,
} from '../../analysis/codings/scenario-themes.service.ts';
import { countRankingsBySegment } from '../../ballots/ballots.service.ts';
import { findingCountsByScenario, topFindingsOf } from '../../findings/findings.service.ts';
import { partyAnswers } from '../../parties/parties.service.ts';
import { segmentStandings } from '../../rankings/rankings.service.ts';
import { listScenarios, statusHistories } from '../../scenarios/scenarios.service.ts';
import { seesOtherPositions } from '../reviews.policy.ts';
import { requireReviewScope, type ReviewConsultation } from '../reviews.scope.ts';
import * as rounds from '../rounds/rounds.repository.ts';
import { type Counted, storedCount } from './scorecard.counts.ts';
import { foldFindings, foldScenarios, foldThemes, noStances, placesOf } from './scorecard.rules.ts';
import type { Quote, ScenarioScorecard, ScorecardComparison } from './scorecard.schemas.ts';

/**
 * The scenario scorecard (issue 14 story 2) for the consultation's reviewers, its analysts and the
 * admins. Each part is read through its owning module's service with one grouped query for every
 * scenario at once (the comparison reads the same), so the page costs a handful of statements
 * whatever the number of responses. Quotes have their personal-data passages cut out for everyone.
 * The counts over every ballot and coding, and which codings each scenario's quotes are, are stored
 * and recounted in the background when older than 30 s (scorecard.counts.ts): a page never waits
 * for a count but the first of a consultation. Positions, findings, parties, the status history,
 * the themes' names and the quotes' words are read live.
 */
const QUOTES_PER_THEME = 3;

type Log = Parameters<typeof storedCount>[4];

/** The stored aggregates of a consultation: ballots by ranking and segment, codings by scenario and theme. */
const rankingsOf = (db: Db, consultationId: string, log?: Log) =>
  storedCount(db, consultationId, 'ballots', () => countRankingsBySegment(db, consultationId), log);
/** The stored rankings as segmentStandings loads them, keeping when they were counted. */
function storedRankings(log?: Log) {
  let counted: Counted<unknown> | undefined;
  return {
    load: async (db: Db, consultationId: string) => {
      const r = await rankingsOf(db, consultationId, log);
      counted = r;
      return r.value;
    },
    counted: () => counted!,
  };
}
const themesOf = (db: Db, consultationId: string, log?: Log) =>
  storedCount(db, consultationId, 'themes', () => scenarioThemeRows(db, consultationId), log);
type StoredQuote = Omit<ScenarioQuote, 'quote'>;
const chosenQuotes = (db: Db, consultationId: string, staff: boolean, log?: Log) =>
  storedCount(
    db,
    consultationId,
    staff ? 'quotes:staff' : 'quotes:public',
    async (): Promise<StoredQuote[]> =>
      (await scenarioQuotes(db, consultationId, { perTheme: QUOTES_PER_THEME, staff })).map(
        ({ quote: _quote, ...rest }) => rest,
      ),
    log,
  );

/** The quotes chosen for each scenario and theme (stored without their words), of one scenario, with their words. */
async function quotesOf(db: Db, consultationId: string, staff: boolean, scenarioId: string, log?: Log) {
  const chosen = await chosenQuotes(db, consultationId, staff, log);
  const mine = chosen.value.filter((q) => q.scenarioId === scenarioId);
  const words = await quoteTexts(
    db,
    consultationId,
    mine.map((q) => q.codingId),
  );
  return mine.flatMap((q): ScenarioQuote[] => {
    const quote = words.get(q.codingId);
    return quote === undefined ? [] : [{ ...q, quote }];
  });
}

/**
 * Starts counting a consultation's stored parts in the background (a review round opens: its
 * reviewers' first pages then find the counts made). A part already stored is left to its reader's
 * recount.
 */
export function countAhead(db: Db, consultationId: string, log?: Log): void {
  for (const part of [
    rankingsOf(db, consultationId, log),
    themesOf(db, consultationId, log),
    chosenQuotes(db, consultationId, true, log),
    chosenQuotes(db, consultationId, false, log),
  ])
    part.catch((err: unknown) => log?.warn({ err, consultationId }, 'scorecard count failed'));
}

/** When the counts shown were made: the older of the two. */
const countedAt = (...parts: Counted<unknown>[]) =>
  new Date(Math.min(...parts.map((p) => p.countedAt.getTime()))).toISOString();

const consultationRef = (c: ReviewConsultation) => ({ id: c.id, slug: c.slug, title: c.title, phase: c.phase });

/** The current round (the open one, else the latest) and the positions this reader sees in it. */
async function currentPositions(db: Db, actor: Actor | null, consultationId: string) {
  const all = await rounds.listRounds(db, consultationId);
  const round = all.find((r) => r.status === 'open') ?? all[0] ?? null;
  if (!round) return { round: null, othersVisible: false, reviews: [] };
  const othersVisible = seesOtherPositions(actor, round);
  const reviews = await rounds.listReviews(db, consultationId, round.id, othersVisible ? undefined : actor!.id);
  return {
    round: { id: round.id, number: round.number, status: round.status, dueAt: round.dueAt.toISOString() },
    othersVisible,
    reviews,
  };
}

const positionCounts = (reviews: readonly { position: keyof ReturnType<typeof noPositions> }[]) => {
  const out = noPositions();
  for (const r of reviews) out[r.position] += 1;
  return out;
};
const noPositions = () => ({ supports: 0, supports_with_conditions: 0, objects: 0 });

function toQuote(c: ReviewConsultation, staff: boolean, q: ScenarioQuote): Quote {
  return {
    codingId: q.codingId,
    stance: q.stance ?? 'none',
    actingAs: q.actingAs,
    campaign: q.campaign,
    quote: q.quote,
    source: {
      kind: q.itemKind,
      id: q.itemId,
      href: staff ? `/admin/consultations/${c.slug}/inbox/${q.itemKind}/${q.itemId}` : null,
    },
  };
}

export async function scenarioScorecard(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  scenarioId: string,
  minSegment: number,
  log?: Log,
): Promise<ScenarioScorecard> {
  const { consultation: c, staff } = await requireReviewScope(db, actor, idOrSlug, 'read');
  const all = await listScenarios(db, actor, c.id);
  const scenario = all.find((s) => s.id === scenarioId);
  if (!scenario) throw notFound('Scenario');
  const ballots = storedRankings(log);
  const [standings, coded, names, quotes, findingCells, top, parties, history, current] = await Promise.all([
    segmentStandings(db, actor, c.id, minSegment, ballots.load),
    themesOf(db, c.id, log),
    scenarioThemeNames(db, c.id),
    quotesOf(db, c.id, staff, scenarioId, log).then((mine) => redactScenarioQuotes(db, c.id, mine)),
    findingCountsByScenario(db, c.id),
    topFindingsOf(db, c.id, scenarioId, 5),
    partyAnswers(db, c.id),
    statusHistories(db, [scenarioId]),
    currentPositions(db, actor, c.id),
  ]);
  const answers = parties.flatMap((p) => (p.responseId ? [p.responseId] : []));
  const partyQuotes = await redactScenarioQuotes(
    db,
    c.id,
    await scenarioQuotes(db, c.id, { perTheme: 1000, staff, scenarioId, items: answers }),
  );
  const nameOf = new Map(names.map((t) => [t.id, t.name]));
  const reviews = current.reviews.filter((r) => r.scenarioId === scenarioId);
  return {
    consultation: consultationRef(c),
    scenario: { id: scenario.id, key: scenario.key, title: scenario.title, status: scenario.status },
    scenarios: all.map((s) => ({ id: s.id, key: s.key, title: s.title, status: s.status })),
    minSegmentSize: minSegment,
    countedAt: countedAt(ballots.counted(), coded),
    ranking: placesOf(standings, scenarioId),
    themes: foldThemes(
      coded.value,
      scenarioId,
      names.map((t) => t.id),
    ).map((t) => ({
      themeId: t.themeId,
      name: nameOf.get(t.themeId) ?? { da: '', en: '' },
      stances: t.stances,
      campaign: t.campaign,
      byActingAs: [...t.byActingAs].map(([actingAs, stances]) => ({ actingAs, stances })),
      quotes: quotes.filter((q) => q.themeId === t.themeId).map((q) => toQuote(c, staff, q)),
    })),
    findings: {
      ...foldFindings(findingCells, scenarioId),
      top: top.map((f) => ({
        id: f.id,
        severity: f.severity,
        participantsAffected: f.participantsAffected,
        task: f.task,
        observation: f.observation,
      })),
    },
    parties: parties.map((p) => {
      const own = partyQuotes.filter((q) => p.responseId !== null && q.itemId === p.responseId);
      const stances = noStances();
      for (const q of own) stances[q.stance ?? 'none'] += 1;
      return {
        partyId: p.partyId,
        name: p.name,
        kind: p.kind,
        invited: p.invited,
        answered: p.responseId !== null,
        noComments: p.noComments,
        stances,
        quotes: own.slice(0, QUOTES_PER_THEME).map((q) => toQuote(c, staff, q)),
      };
    }),
    statusHistory: history.get(scenarioId) ?? [],
    reviews: {
      round: current.round,
      othersVisible: current.othersVisible,
      counts: positionCounts(reviews),
      positions: reviews.map((r) => ({
        reviewerName: r.reviewerName ?? '',
        authority: r.authority,
        position: r.position,
        conditions: r.conditions as unknown as string[],
        reasons: r.reasons,
        updatedAt: r.updatedAt.toISOString(),
      })),
    },
  };
}

/** Every scenario side by side on the scorecard's measures. */
export async function compareScenarios(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  minSegment: number,
  log?: Log,
): Promise<ScorecardComparison> {
  const { consultation: c } = await requireReviewScope(db, actor, idOrSlug, 'read');
  const scenarios = await listScenarios(db, actor, c.id);
  const ballots = storedRankings(log);
  const [standings, coded, findingCells, history, current] = await Promise.all([
    segmentStandings(db, actor, c.id, minSegment, ballots.load),
    themesOf(db, c.id, log),
    findingCountsByScenario(db, c.id),
    statusHistories(
      db,
      scenarios.map((s) => s.id),
    ),
    currentPositions(db, actor, c.id),
  ]);
  const folded = foldScenarios(coded.value);
  return {
    consultation: consultationRef(c),
    minSegmentSize: minSegment,
    countedAt: countedAt(ballots.counted(), coded),
    segments: standings.segments.map((s) => ({ segment: s.segment, ballots: s.ballots, hidden: s.hidden })),
    round: current.round,
    othersVisible: current.othersVisible,
    scenarios: scenarios.map((s) => {
      const findings = { critical: 0, major: 0, minor: 0, cosmetic: 0 };
      for (const x of findingCells) if (x.scenarioId === s.id) findings[x.severity] += x.count;
      const last = history.get(s.id)?.at(-1);
      return {
        id: s.id,
        key: s.key,
        title: s.title,
        status: s.status,
        places: standings.segments.map((seg) => {
          const place = seg.places.find((p) => p.scenarioId === s.id);
          return { segment: seg.segment, position: place?.position ?? null, tied: place?.tied ?? false };
        }),
        stances: folded.get(s.id)?.stances ?? noStances(),
        campaign: folded.get(s.id)?.campaign ?? 0,
        findings,
        reviews: positionCounts(current.reviews.filter((r) => r.scenarioId === s.id)),
        lastChange: last ? { to: last.to, at: last.at } : null,
      };
    }),
  };
}
