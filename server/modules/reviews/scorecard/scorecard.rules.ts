import type { SegmentStanding } from '../../rankings/rankings.service.ts';
import type { StanceCounts } from './scorecard.schemas.ts';

/**
 * Pure rules of the scenario scorecard (issue 14 story 2): folding the grouped coding counts into
 * per-theme, per-stakeholder-type and per-campaign stance counts, the finding counts into severity
 * and frequency, and the segments' standings into one scenario's places. No I/O.
 */
export type CountRow = {
  scenarioId: string;
  themeId: string;
  stance: 'for' | 'against' | 'neutral' | 'mixed' | null;
  actingAs: string | null;
  campaign: boolean;
  items: number;
};

export const noStances = (): StanceCounts => ({ for: 0, against: 0, neutral: 0, mixed: 0, none: 0 });

const add = (s: StanceCounts, stance: CountRow['stance'], n: number) => {
  s[stance ?? 'none'] += n;
};

export const stanceTotal = (s: StanceCounts): number => s.for + s.against + s.neutral + s.mixed + s.none;

export type ThemeFold = {
  themeId: string;
  stances: StanceCounts;
  campaign: StanceCounts;
  byActingAs: Map<string, StanceCounts>;
};

/** One scenario's rows folded per top-level theme, most coded theme first (ties by the codebook's order). */
export function foldThemes(rows: readonly CountRow[], scenarioId: string, themeOrder: readonly string[]): ThemeFold[] {
  const byTheme = new Map<string, ThemeFold>();
  for (const r of rows) {
    if (r.scenarioId !== scenarioId) continue;
    let t = byTheme.get(r.themeId);
    if (!t) {
      t = { themeId: r.themeId, stances: noStances(), campaign: noStances(), byActingAs: new Map() };
      byTheme.set(r.themeId, t);
    }
    add(t.stances, r.stance, r.items);
    if (r.campaign) add(t.campaign, r.stance, r.items);
    const who = r.actingAs ?? 'unknown';
    const s = t.byActingAs.get(who) ?? noStances();
    add(s, r.stance, r.items);
    t.byActingAs.set(who, s);
  }
  const rank = (id: string) => {
    const i = themeOrder.indexOf(id);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  return [...byTheme.values()].sort(
    (a, b) => stanceTotal(b.stances) - stanceTotal(a.stances) || rank(a.themeId) - rank(b.themeId),
  );
}

/** Per scenario: the stance counts summed over its themes, and how many of them are campaign members. */
export function foldScenarios(rows: readonly CountRow[]): Map<string, { stances: StanceCounts; campaign: number }> {
  const out = new Map<string, { stances: StanceCounts; campaign: number }>();
  for (const r of rows) {
    const s = out.get(r.scenarioId) ?? { stances: noStances(), campaign: 0 };
    add(s.stances, r.stance, r.items);
    if (r.campaign) s.campaign += r.items;
    out.set(r.scenarioId, s);
  }
  return out;
}

const SEVERITIES = ['critical', 'major', 'minor', 'cosmetic'] as const;
type Severity = (typeof SEVERITIES)[number];

/** One scenario's finding counts by severity (in severity order) and by participants affected (most first). */
export function foldFindings(
  cells: readonly { scenarioId: string; severity: Severity; participantsAffected: number; count: number }[],
  scenarioId: string,
) {
  const mine = cells.filter((x) => x.scenarioId === scenarioId);
  const frequency = new Map<number, number>();
  for (const x of mine) frequency.set(x.participantsAffected, (frequency.get(x.participantsAffected) ?? 0) + x.count);
  return {
    total: mine.reduce((n, x) => n + x.count, 0),
    bySeverity: SEVERITIES.map((severity) => ({
      severity,
      count: mine.filter((x) => x.severity === severity).reduce((n, x) => n + x.count, 0),
    })),
    byFrequency: [...frequency]
      .sort((a, b) => b[0] - a[0])
      .map(([participantsAffected, count]) => ({ participantsAffected, count })),
  };
}

/** One scenario's place in every segment's standings, with the segment's weakest link. */
export function placesOf(standings: { scenarioIds: string[]; segments: SegmentStanding[] }, scenarioId: string) {
  return standings.segments.map((s) => {
    const place = s.places.find((p) => p.scenarioId === scenarioId);
    return {
      segment: s.segment,
      ballots: s.ballots,
      hidden: s.hidden,
      position: place?.position ?? null,
      of: standings.scenarioIds.length,
      tied: place?.tied ?? false,
      firstShare: place?.firstShare ?? null,
      up: place?.up ?? null,
      down: place?.down ?? null,
      closest: s.closest && {
        above: s.closest.above,
        scenarioId: s.closest.below,
        margin: s.closest.margin,
        ballotsToReverse: s.closest.ballotsToReverse,
      },
    };
  });
}
