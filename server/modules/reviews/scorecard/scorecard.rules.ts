import type { StanceCounts } from './scorecard.schemas.ts';

/**
 * Pure rules of the scenario scorecard (issue 14 story 2): folding the grouped coding counts into
 * per-theme, per-stakeholder-type and per-campaign stance counts. No I/O.
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
