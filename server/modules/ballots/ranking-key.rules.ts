import type { RankEntry } from './ballots.schemas.ts';

/**
 * Pure rules for ballots (issue #5). A ballot is stored as `{ scenarioId: rank }` with dense ranks
 * (only the order matters: 1, 3 and 1, 2 say the same) and as a canonical text key, so equal
 * preferences group together in SQL. The key names scenarios by id, in id order, never by
 * position: reordering, adding or eliminating a scenario leaves every key valid. No I/O.
 */
export type RankMap = Record<string, number>;

/** Dense ranks: the distinct rank numbers renumbered 1, 2, 3 … in order, ties kept. */
export function normaliseRanks(entries: readonly RankEntry[]): RankMap {
  const levels = [...new Set(entries.map((e) => e.rank))].sort((a, b) => a - b);
  const out: RankMap = {};
  for (const e of entries) out[e.scenarioId] = levels.indexOf(e.rank) + 1;
  return out;
}

/** `<scenarioId>:<rank>` pairs in scenario-id order, comma-joined. */
export function rankingKey(ranks: RankMap): string {
  return Object.keys(ranks)
    .sort()
    .map((id) => `${id}:${ranks[id]}`)
    .join(',');
}

export function parseRankingKey(key: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const part of key.split(',')) {
    const at = part.lastIndexOf(':');
    const rank = Number(part.slice(at + 1));
    if (at <= 0 || !Number.isInteger(rank) || rank < 1) throw new RangeError(`Not a ranking key: ${key}`);
    out.set(part.slice(0, at), rank);
  }
  return out;
}

/**
 * A ranking key as a ranks vector over the counted scenarios (in their order): a scenario the
 * ballot did not rank is null; a ranked scenario no longer counted (eliminated) is left out.
 */
export function ranksVector(key: string, scenarioIds: readonly string[]): (number | null)[] {
  const parsed = parseRankingKey(key);
  return scenarioIds.map((id) => parsed.get(id) ?? null);
}

/** Scenario ids on a ballot that cannot be ranked (unknown to the consultation, or eliminated). */
export function unrankable(entries: readonly RankEntry[], rankable: ReadonlySet<string>): string[] {
  return entries.filter((e) => !rankable.has(e.scenarioId)).map((e) => e.scenarioId);
}

/** Ballot entries best first; ties in the scenarios' order (position, else id). */
export function orderedEntries(ranks: RankMap, positionOf: ReadonlyMap<string, number> = new Map()): RankEntry[] {
  const pos = (id: string) => positionOf.get(id) ?? Number.MAX_SAFE_INTEGER;
  return Object.entries(ranks)
    .map(([scenarioId, rank]) => ({ scenarioId, rank }))
    .sort((a, b) => a.rank - b.rank || pos(a.scenarioId) - pos(b.scenarioId) || (a.scenarioId < b.scenarioId ? -1 : 1));
}
