/**
 * A ballot being edited, as pure functions: `tiers` are the ranks best first (scenarios in one
 * tier are tied), `unranked` the rest. Every operation returns a new ballot; none throws.
 */
export type BallotModel = { readonly tiers: readonly (readonly string[])[]; readonly unranked: readonly string[] };
export type RankEntry = { scenarioId: string; rank: number };

/** From saved ranks (any integers; equal ranks are ties) and the scenarios in their order. */
export function fromRanks(order: readonly string[], ranks: readonly RankEntry[]): BallotModel {
  const known = new Set(order);
  const byRank = new Map<number, string[]>();
  for (const r of [...ranks].sort(
    (a, b) => a.rank - b.rank || order.indexOf(a.scenarioId) - order.indexOf(b.scenarioId),
  )) {
    if (!known.has(r.scenarioId)) continue;
    byRank.set(r.rank, [...(byRank.get(r.rank) ?? []), r.scenarioId]);
  }
  const tiers = [...byRank.entries()].sort(([a], [b]) => a - b).map(([, ids]) => ids);
  const ranked = new Set(tiers.flat());
  return { tiers, unranked: order.filter((id) => !ranked.has(id)) };
}

/** Dense ranks, 1 first; unranked scenarios are left out. */
export const toRanks = (m: BallotModel): RankEntry[] =>
  m.tiers.flatMap((tier, i) => tier.map((scenarioId) => ({ scenarioId, rank: i + 1 })));

/** The rank (1-based) of a scenario, or null when unranked. */
export function rankOf(m: BallotModel, id: string): number | null {
  const k = m.tiers.findIndex((t) => t.includes(id));
  return k < 0 ? null : k + 1;
}

/** Whether the scenario shares its rank with the one listed just above it. */
export function tiedWithAbove(m: BallotModel, id: string): boolean {
  const tier = m.tiers.find((t) => t.includes(id));
  return !!tier && tier.indexOf(id) > 0;
}

/** The other scenarios sharing a scenario's rank. */
export const tiedWith = (m: BallotModel, id: string): string[] =>
  (m.tiers.find((t) => t.includes(id)) ?? []).filter((x) => x !== id);

function without(m: BallotModel, id: string): { tiers: string[][]; unranked: string[] } {
  return {
    tiers: m.tiers.map((t) => t.filter((x) => x !== id)).filter((t) => t.length > 0),
    unranked: m.unranked.filter((x) => x !== id),
  };
}

const sortUnranked = (unranked: string[], order: readonly string[]) =>
  [...unranked].sort((a, b) => order.indexOf(a) - order.indexOf(b));

/** Up one place: out of a tie to just above it, else above the rank above; an unranked one is ranked last. */
export function moveUp(m: BallotModel, id: string): BallotModel {
  const k = m.tiers.findIndex((t) => t.includes(id));
  if (k < 0) {
    if (!m.unranked.includes(id)) return m;
    const r = without(m, id);
    return { tiers: [...r.tiers, [id]], unranked: r.unranked };
  }
  const tiers = m.tiers.map((t) => [...t]);
  if (tiers[k]!.length > 1) {
    tiers[k] = tiers[k]!.filter((x) => x !== id);
    tiers.splice(k, 0, [id]);
  } else if (k > 0) {
    [tiers[k - 1], tiers[k]] = [tiers[k]!, tiers[k - 1]!];
  } else return m;
  return { tiers, unranked: [...m.unranked] };
}

/** Down one place: out of a tie to just below it, else below the rank below; from the last rank to "not ranked". */
export function moveDown(m: BallotModel, id: string, order: readonly string[]): BallotModel {
  const k = m.tiers.findIndex((t) => t.includes(id));
  if (k < 0) return m;
  const tiers = m.tiers.map((t) => [...t]);
  if (tiers[k]!.length > 1) {
    tiers[k] = tiers[k]!.filter((x) => x !== id);
    tiers.splice(k + 1, 0, [id]);
  } else if (k < tiers.length - 1) {
    [tiers[k], tiers[k + 1]] = [tiers[k + 1]!, tiers[k]!];
  } else {
    tiers.splice(k, 1);
    return { tiers, unranked: sortUnranked([...m.unranked, id], order) };
  }
  return { tiers, unranked: [...m.unranked] };
}

/** To rank `rank` on its own (others move down), or to "not ranked" with null. */
export function moveToRank(m: BallotModel, id: string, rank: number | null, order: readonly string[]): BallotModel {
  const r = without(m, id);
  if (rank === null) return { tiers: r.tiers, unranked: sortUnranked([...r.unranked, id], order) };
  const at = Math.max(0, Math.min(rank - 1, r.tiers.length));
  r.tiers.splice(at, 0, [id]);
  return r;
}

/** Ties a scenario with the one above it (joins that rank), or unties it (just below its old rank). */
export function setTied(m: BallotModel, id: string, tied: boolean): BallotModel {
  const k = m.tiers.findIndex((t) => t.includes(id));
  if (k < 0) return m;
  const tiers = m.tiers.map((t) => [...t]);
  if (tied) {
    if (tiedWithAbove(m, id) || k === 0) return m;
    tiers[k] = tiers[k]!.filter((x) => x !== id);
    tiers[k - 1]!.push(id);
    return { tiers: tiers.filter((t) => t.length > 0), unranked: [...m.unranked] };
  }
  if (!tiedWithAbove(m, id)) return m;
  tiers[k] = tiers[k]!.filter((x) => x !== id);
  tiers.splice(k + 1, 0, [id]);
  return { tiers, unranked: [...m.unranked] };
}

/**
 * A drop (drag and drop): onto a ranked scenario takes its place on a rank of its own (above it
 * when coming from below, below it when coming from above); `null` target ranks it last;
 * `'unranked'` moves it to "not ranked".
 */
export function dropOn(
  m: BallotModel,
  id: string,
  target: string | null | 'unranked',
  order: readonly string[],
): BallotModel {
  if (target === id) return m;
  if (target === 'unranked') return moveToRank(m, id, null, order);
  const r = without(m, id);
  if (target === null || m.unranked.includes(target)) {
    if (target !== null) return moveToRank(m, id, null, order);
    return { tiers: [...r.tiers, [id]], unranked: r.unranked };
  }
  const flat = m.tiers.flat();
  const from = flat.indexOf(id);
  const to = flat.indexOf(target);
  const j = r.tiers.findIndex((t) => t.includes(target));
  if (j < 0) return m;
  const comingFromBelow = from < 0 || from > to;
  r.tiers.splice(comingFromBelow ? j : j + 1, 0, [id]);
  return r;
}
