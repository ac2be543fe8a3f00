import type { Results } from './rankings.schemas.ts';

/**
 * The results as one CSV table, a row per scenario (issue #5: "downloaded as CSV"). Text cells that
 * a spreadsheet would run as a formula (= + - @, tab, CR first) get a leading apostrophe
 * (OWASP "CSV injection"); numbers are written as numbers. RFC 4180 quoting, CRLF, UTF-8 with BOM
 * so spreadsheet programs read æ, ø, å.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

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
  return '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
