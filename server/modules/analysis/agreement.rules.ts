/**
 * Coder agreement over a double-coded sample (issue 11, story 7; FACTS-analysis.md §2). Pure, no I/O:
 * the service reads the sample's codings and passes them here.
 *
 * The generic functions take reliability data as units × coders: `units[u][c]` is the value coder c
 * gave unit u, or null where c did not code u (missing data). Values are nominal: only equality counts.
 */

export type Value = string | number | boolean;
/** One row per unit, one column per coder; null = that coder did not code that unit. */
export type Units<V extends Value = Value> = ReadonlyArray<ReadonlyArray<V | null>>;

const present = <V extends Value>(row: ReadonlyArray<V | null>): V[] => row.filter((v): v is V => v !== null);

/** How often each value occurs among the given values. */
function countValues<V extends Value>(values: readonly V[]): Map<V, number> {
  const counts = new Map<V, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const sumOfSquares = (counts: Iterable<number>): number => {
  let s = 0;
  for (const c of counts) s += c * c;
  return s;
};

/**
 * Pairwise percentage agreement, as a proportion from 0 to 1 (the page shows it as a percentage):
 * of all pairs of coders who both coded the same unit, the share that gave it the same value.
 * Pairs are pooled over units, so with two coders this is the share of units both coded on which
 * they agree (NVivo's figure). Null when no unit was coded by two coders.
 */
export function percentAgreement(units: Units): number | null {
  let pairs = 0;
  let agreeing = 0;
  for (const row of units) {
    const values = present(row);
    const m = values.length;
    pairs += (m * (m - 1)) / 2;
    for (const c of countValues(values).values()) agreeing += (c * (c - 1)) / 2;
  }
  return pairs === 0 ? null : agreeing / pairs;
}

/**
 * Cohen's kappa for exactly two coders, nominal: κ = (p_o − p_e) / (1 − p_e), over the units both
 * coded (a unit one of them left out is dropped). Null when no unit was coded by both, or when chance
 * agreement is certain (p_e = 1: both coders gave every unit one and the same value), where κ is 0/0.
 */
export function cohenKappa(units: ReadonlyArray<readonly [Value | null, Value | null]>): number | null {
  const a = new Map<Value, number>();
  const b = new Map<Value, number>();
  let n = 0;
  let agree = 0;
  for (const [x, y] of units) {
    if (x === null || y === null) continue;
    n++;
    if (x === y) agree++;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  // In whole counts, κ = (n·agree − Σ a_c·b_c) / (n² − Σ a_c·b_c): exact, so p_e = 1 is a plain zero test.
  let chance = 0;
  for (const [v, ca] of a) chance += ca * (b.get(v) ?? 0);
  const denominator = n * n - chance;
  return n === 0 || denominator === 0 ? null : (n * agree - chance) / denominator;
}

export interface Coincidences<V extends Value = Value> {
  /** The values that occur in pairable units, in order of first appearance. */
  readonly values: V[];
  /** o[c][k]: coincidences of values[c] with values[k]; symmetric, each unit adds m_u pairable values. */
  readonly matrix: number[][];
  /** n_c: row sums, how often each value occurs in pairable units. */
  readonly totals: number[];
  /** n: all pairable values. */
  readonly n: number;
}

/**
 * Krippendorff's coincidence matrix: within each unit with m_u ≥ 2 values, every ordered pair of
 * values from different coders adds 1/(m_u − 1). Units with fewer than two values are not pairable
 * and are dropped (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §C).
 */
export function coincidences<V extends Value>(units: Units<V>): Coincidences<V> {
  const index = new Map<V, number>();
  const values: V[] = [];
  const rows: number[][] = [];
  for (const row of units) {
    const counts = countValues(present(row));
    const m = [...counts.values()].reduce((s, c) => s + c, 0);
    if (m < 2) continue;
    for (const v of counts.keys()) {
      if (index.has(v)) continue;
      index.set(v, values.length);
      values.push(v);
      rows.forEach((r) => r.push(0));
      rows.push(new Array<number>(values.length).fill(0));
    }
    for (const [c, nc] of counts)
      for (const [k, nk] of counts)
        rows[index.get(c)!]![index.get(k)!]! += (c === k ? nc * (nc - 1) : nc * nk) / (m - 1);
  }
  const totals = rows.map((r) => r.reduce((s, x) => s + x, 0));
  return { values, matrix: rows, totals, n: totals.reduce((s, x) => s + x, 0) };
}

/**
 * Krippendorff's alpha for nominal data, any number of coders, missing data allowed:
 * α = 1 − D_o / D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k.
 * Null when it is undefined: no pairable unit, or only one value in all pairable units (D_e = 0),
 * e.g. when no coder ever applied a tag. Krippendorff leaves that case undefined rather than
 * calling it perfect, because data without variation cannot show that coders can tell values apart.
 */
export function krippendorffAlpha(units: Units): number | null {
  // Computed from per-unit counts instead of the full matrix: Σ_{c≠k} o_ck = Σ_u (m_u² − Σ_c m_uc²) / (m_u − 1).
  const totals = new Map<Value, number>();
  let n = 0;
  let disagreement = 0;
  for (const row of units) {
    const values = present(row);
    const m = values.length;
    if (m < 2) continue;
    const counts = countValues(values);
    disagreement += (m * m - sumOfSquares(counts.values())) / (m - 1);
    for (const [v, c] of counts) totals.set(v, (totals.get(v) ?? 0) + c);
    n += m;
  }
  const expected = n * n - sumOfSquares(totals.values());
  return expected === 0 ? null : 1 - ((n - 1) * disagreement) / expected;
}

/** Krippendorff's reading of α; `undetermined` when α is undefined (no variation, or nothing pairable). */
export type AlphaReading = 'reliable' | 'tentative' | 'unreliable' | 'undetermined';

/** Rounding noise must not push an α of exactly .800 or .667 below its threshold. */
const EPSILON = 1e-9;

/**
 * α ≥ .800: reliable; α ≥ .667: only tentative conclusions; below: unreliable
 * (Krippendorff, Content Analysis, ch. 12; Hayes & Krippendorff 2007).
 */
export function readAlpha(alpha: number | null): AlphaReading {
  if (alpha === null) return 'undetermined';
  if (alpha >= 0.8 - EPSILON) return 'reliable';
  if (alpha >= 0.667 - EPSILON) return 'tentative';
  return 'unreliable';
}

export interface AgreementSample {
  readonly unitIds: readonly string[];
  readonly coderIds: readonly string[];
  /** Coder X applied tag T to unit U (whole item or any passage of it). */
  readonly applied: ReadonlyArray<{ unitId: string; coderId: string; tagId: string }>;
  /** Coder X finished coding unit U: a tag X did not apply to U is then absent, not missing. */
  readonly coded: ReadonlyArray<{ unitId: string; coderId: string }>;
}

export interface TagAgreement {
  readonly tagId: string;
  /** Units coded by at least two coders: the pairable units the figures rest on. */
  readonly units: number;
  readonly percentAgreement: number | null;
  /** Cohen's kappa when the sample has exactly two coders, else null. */
  readonly kappa: number | null;
  readonly alpha: number | null;
  readonly reading: AlphaReading;
  /** Units (in sample order) where the coders who coded them disagree on whether the tag applies. */
  readonly disagreements: string[];
}

const key = (unitId: string, coderId: string): string => `${unitId}\u0000${coderId}`;

/**
 * Agreement per tag: each tag becomes a binary variable per unit and coder — present where the
 * coder applied it, absent where the coder coded the unit without applying it, missing where the
 * coder did not code the unit. A coder who applied a tag to a unit has coded it, even if `coded`
 * leaves the pair out. Rows for units or coders outside the sample are ignored. Sub-tags are not
 * folded into their parents here: the caller expands `applied` if a parent should count its children.
 */
export function perTagAgreement(sample: AgreementSample, tagIds: readonly string[]): TagAgreement[] {
  const units = new Set(sample.unitIds);
  const coders = new Set(sample.coderIds);
  const inSample = (r: { unitId: string; coderId: string }) => units.has(r.unitId) && coders.has(r.coderId);
  const coded = new Set(sample.coded.filter(inSample).map((r) => key(r.unitId, r.coderId)));
  const appliedByTag = new Map<string, Set<string>>();
  for (const r of sample.applied.filter(inSample)) {
    coded.add(key(r.unitId, r.coderId));
    const set = appliedByTag.get(r.tagId) ?? new Set<string>();
    set.add(key(r.unitId, r.coderId));
    appliedByTag.set(r.tagId, set);
  }
  const twoCoders = sample.coderIds.length === 2;
  return tagIds.map((tagId) => {
    const applied = appliedByTag.get(tagId) ?? new Set<string>();
    const data = sample.unitIds.map((u) =>
      sample.coderIds.map((c) => (coded.has(key(u, c)) ? applied.has(key(u, c)) : null)),
    );
    const alpha = krippendorffAlpha(data);
    return {
      tagId,
      units: data.filter((row) => present(row).length >= 2).length,
      percentAgreement: percentAgreement(data),
      kappa: twoCoders ? cohenKappa(data as Array<[boolean | null, boolean | null]>) : null,
      alpha,
      reading: readAlpha(alpha),
      disagreements: sample.unitIds.filter((_, i) => new Set(present(data[i]!)).size > 1),
    };
  });
}
