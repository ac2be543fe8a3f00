import type { SparseVector } from './themes.vectors.ts';

/**
 * Spherical k-means (cosine similarity) over sparse unit vectors, with a seeded k-means++ start, and
 * k chosen by the simplified silhouette (distances to the centroids, Hruschka et al. 2004) over
 * 5–40 (FACTS-analysis §6) on a seeded sample. Hand-written because `ml-kmeans` wants dense rows:
 * 100,000 items × 12,000 terms would not fit. Deterministic for the same input and seed. No I/O.
 */
export type Random = () => number;

/** mulberry32: a small seeded generator, the same numbers on every machine. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `size` distinct indexes of 0…n−1 (all of them, in order, when size ≥ n). */
export function sampleIndexes(n: number, size: number, rand: Random): number[] {
  if (size >= n) return Array.from({ length: n }, (_, i) => i);
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rand() * (n - i));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, size).sort((x, y) => x - y);
}

export type Clustering = {
  k: number;
  assign: Int32Array;
  /** Each item's cosine similarity to its own centroid. */
  sim: Float64Array;
  /** Term-major: centroid c's weight of term t at t·k + c (unit length per centroid). */
  centroids: Float64Array;
  iterations: number;
};

/** Similarities of one item to every centroid, into `out`. */
function sims(v: SparseVector, c: Float64Array, k: number, out: Float64Array): void {
  out.fill(0);
  for (let j = 0; j < v.idx.length; j++) {
    const base = v.idx[j]! * k;
    const w = v.val[j]!;
    for (let x = 0; x < k; x++) out[x] = out[x]! + w * c[base + x]!;
  }
}

function dot(a: SparseVector, b: SparseVector): number {
  let s = 0;
  for (let i = 0, j = 0; i < a.idx.length && j < b.idx.length;) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) s += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** k-means++ seeding on cosine distance: each next centre drawn with probability ∝ distance². */
function seeds(vs: readonly SparseVector[], k: number, rand: Random): number[] {
  const n = vs.length;
  const best = new Float64Array(n).fill(-Infinity);
  const chosen = [Math.floor(rand() * n)];
  while (chosen.length < k) {
    const last = vs[chosen.at(-1)!]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      best[i] = Math.max(best[i]!, dot(vs[i]!, last));
      const d = Math.max(0, 1 - best[i]!);
      total += d * d;
    }
    let next = -1;
    if (total > 0) {
      let r = rand() * total;
      for (let i = 0; i < n && next < 0; i++) {
        const d = Math.max(0, 1 - best[i]!);
        r -= d * d;
        if (r <= 0 && d > 0) next = i;
      }
    }
    // Every item equals a centre already: take the first one not chosen.
    if (next < 0) next = Array.from({ length: n }, (_, i) => i).find((i) => !chosen.includes(i)) ?? 0;
    chosen.push(next);
  }
  return chosen;
}

function normaliseCentroids(c: Float64Array, k: number, dim: number): void {
  const norm = new Float64Array(k);
  for (let t = 0; t < dim; t++) for (let x = 0; x < k; x++) norm[x] = norm[x]! + c[t * k + x]! ** 2;
  for (let x = 0; x < k; x++) norm[x] = Math.sqrt(norm[x]!) || 1;
  for (let t = 0; t < dim; t++) for (let x = 0; x < k; x++) c[t * k + x] = c[t * k + x]! / norm[x]!;
}

export type KMeansOptions = { maxIterations: number; onIteration?: (i: number) => void | Promise<void> };

/** Spherical k-means of `vs` (unit vectors over `dim` terms) into k clusters. */
export async function kMeans(
  vs: readonly SparseVector[],
  dim: number,
  k: number,
  rand: Random,
  opts: KMeansOptions,
): Promise<Clustering> {
  const n = vs.length;
  k = Math.max(1, Math.min(k, n));
  const c = new Float64Array(dim * k);
  seeds(vs, k, rand).forEach((s, x) => {
    const v = vs[s]!;
    for (let j = 0; j < v.idx.length; j++) c[v.idx[j]! * k + x] = v.val[j]!;
  });
  const assign = new Int32Array(n).fill(-1);
  const sim = new Float64Array(n);
  const row = new Float64Array(k);
  let it = 0;
  for (; it < opts.maxIterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      sims(vs[i]!, c, k, row);
      let b = 0;
      for (let x = 1; x < k; x++) if (row[x]! > row[b]!) b = x;
      if (assign[i] !== b) moved++;
      assign[i] = b;
      sim[i] = row[b]!;
    }
    await opts.onIteration?.(it);
    if (it > 0 && moved <= n * 0.001) break;
    recompute(vs, assign, sim, c, k, dim);
  }
  return { k, assign, sim, centroids: c, iterations: it + 1 };
}

/**
 * The best of `restarts` k-means runs (seeds `seed`, `seed + 1`, …) by total similarity of the items
 * to their centroids: one unlucky start can merge two themes and split another.
 */
export async function bestOfKMeans(
  vs: readonly SparseVector[],
  dim: number,
  k: number,
  seed: number,
  restarts: number,
  opts: KMeansOptions,
): Promise<Clustering> {
  let best: { cl: Clustering; score: number } | null = null;
  for (let r = 0; r < Math.max(1, restarts); r++) {
    const cl = await kMeans(vs, dim, k, seededRandom(seed + r * 7919), {
      maxIterations: opts.maxIterations,
      onIteration: (i) => opts.onIteration?.(r * opts.maxIterations + i),
    });
    const score = cl.sim.reduce((a, b) => a + b, 0);
    if (!best || score > best.score + 1e-9) best = { cl, score };
  }
  return best!.cl;
}

/** New centroids: each cluster's mean direction; an empty cluster takes the item farthest from its own. */
function recompute(
  vs: readonly SparseVector[],
  assign: Int32Array,
  sim: Float64Array,
  c: Float64Array,
  k: number,
  dim: number,
) {
  c.fill(0);
  const size = new Int32Array(k);
  vs.forEach((v, i) => {
    const x = assign[i]!;
    size[x] = size[x]! + 1;
    for (let j = 0; j < v.idx.length; j++) c[v.idx[j]! * k + x] = c[v.idx[j]! * k + x]! + v.val[j]!;
  });
  for (let x = 0; x < k; x++) {
    if (size[x]! > 0) continue;
    let far = 0;
    for (let i = 1; i < vs.length; i++) if (sim[i]! < sim[far]!) far = i;
    const v = vs[far]!;
    for (let j = 0; j < v.idx.length; j++) c[v.idx[j]! * k + x] = v.val[j]!;
    sim[far] = 1;
  }
  normaliseCentroids(c, k, dim);
}

/**
 * The simplified silhouette: per item (b − a) / max(a, b) with a its distance to its own centroid
 * and b to the nearest other one; the mean over the items. Between −1 and 1, higher is better.
 */
export function simplifiedSilhouette(vs: readonly SparseVector[], cl: Clustering): number {
  if (cl.k < 2 || vs.length === 0) return 0;
  const row = new Float64Array(cl.k);
  let total = 0;
  vs.forEach((v, i) => {
    sims(v, cl.centroids, cl.k, row);
    const own = cl.assign[i]!;
    const a = 1 - row[own]!;
    let b = Infinity;
    for (let x = 0; x < cl.k; x++) if (x !== own) b = Math.min(b, 1 - row[x]!);
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  });
  return total / vs.length;
}

/** The k to try for n items: 5–40 as far as n allows (about √n at most), at least 2. */
export function candidateKs(n: number): number[] {
  const kMax = Math.max(2, Math.min(40, Math.floor(Math.sqrt(n))));
  const kMin = kMax < 5 ? 2 : 5;
  const steps = [2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 18, 20, 23, 26, 30, 35, 40];
  return n < 4 ? [1] : steps.filter((k) => k >= kMin && k <= kMax);
}

/** The k with the best simplified silhouette on a sample (ties: the smaller k), with each k's score. */
export async function chooseK(
  vs: readonly SparseVector[],
  dim: number,
  seed: number,
  opts: { sample: number; onStep?: (done: number, of: number) => void | Promise<void> },
): Promise<{ k: number; scores: { k: number; silhouette: number }[] }> {
  const ks = candidateKs(vs.length);
  if (ks.length === 1) return { k: ks[0]!, scores: [] };
  const sample = sampleIndexes(vs.length, opts.sample, seededRandom(seed ^ 0x5eed)).map((i) => vs[i]!);
  const scores: { k: number; silhouette: number }[] = [];
  for (const [step, k] of ks.entries()) {
    const cl = await kMeans(sample, dim, k, seededRandom(seed + k), { maxIterations: 15 });
    scores.push({ k, silhouette: simplifiedSilhouette(sample, cl) });
    await opts.onStep?.(step + 1, ks.length);
  }
  const best = scores.reduce((a, b) => (b.silhouette > a.silhouette + 1e-12 ? b : a));
  return { k: best.k, scores };
}
