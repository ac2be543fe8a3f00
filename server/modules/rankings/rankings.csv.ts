import { csvRow, UTF8_BOM } from '../../shared/csv.ts';
import type { Results } from './rankings.schemas.ts';

/**
 * The results as one CSV table, a row per scenario (issue #5: "downloaded as CSV"), written with the
 * shared formula-safe cell writer.
 */
export function resultsToCsv(r: Results): string {
  const keys = r.scenarios.map((s) => s.key);
  const places = r.scenarios.map((_, k) => `place_${k + 1}_share`);
  const header = [
    'segment',
    'ballots',
    'scenario_id',
    'key',
    'title_da',
    'title_en',
    'schulze_position',
    'first_preferences',
    'first_preference_share',
    'borda_points',
    'borda_mean',
    'condorcet_winner',
    ...keys.map((k) => `preferred_to_${k}`),
    ...places,
    'winner_retained',
  ];
  const rows = r.scenarios.map((s, i) => [
    r.segment,
    r.ballotCount,
    s.id,
    s.key,
    s.title.da,
    s.title.en,
    r.schulze.positions[i] ?? null,
    r.firstPreference.counts[i] ?? 0,
    r.firstPreference.shares[i] ?? 0,
    r.borda.points[i] ?? 0,
    r.borda.mean[i] ?? 0,
    r.condorcetWinner === s.id,
    ...r.scenarios.map((_, j) => (i === j ? null : (r.pairwise[i]?.[j] ?? 0))),
    ...r.scenarios.map((_, k) => r.stability.rankShares[i]?.[k] ?? 0),
    r.stability.winner === s.id ? r.stability.winnerRetained : null,
  ]);
  return UTF8_BOM + [header, ...rows].map((row) => csvRow(row)).join('');
}
