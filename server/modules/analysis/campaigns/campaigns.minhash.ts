/**
 * Word shingles, MinHash signatures and LSH banding for campaign detection (issue 12 story 1). Pure
 * and deterministic: 32-bit hashing with Math.imul (MurmurHash3's mixing), permutations derived
 * from a seed, so two runs (or the stored signatures of an earlier run) agree bit for bit.
 *
 * Parameters (../shared/FACTS-analysis.md §4): 5-word shingles, 128 permutations as 16 bands of 8
 * rows, whose S-curve threshold ≈ (1/16)^(1/8) ≈ 0.71 sits below the verified Jaccard of 0.8.
 */
export const SHINGLE = 5;
export const PERMS = 128;
export const BANDS = 16;
export const ROWS = PERMS / BANDS;
export const SEED = 0x5a3c_12e1;

/** MurmurHash3's 32-bit finaliser: a bijection on 32 bits that mixes every input bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A seeded 32-bit hash of a string (its UTF-16 code units, MurmurHash3-style). */
export function hashString(s: string, seed = SEED): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    let k = Math.imul(s.charCodeAt(i), 0xcc9e_2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b87_3593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe654_6b64) | 0;
  }
  return fmix32(h ^ s.length);
}

/** Combines hashes in order (the order matters: "a b" and "b a" differ). */
export function combine(h: number, v: number): number {
  let k = Math.imul(v, 0xcc9e_2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b87_3593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe654_6b64) | 0;
}

/**
 * The set of `k`-word shingles of a word list, hashed to 32 bits, sorted and without repeats. A text
 * shorter than `k` words is one shingle of all its words; an empty text has none.
 */
export function shingles(words: readonly string[], k = SHINGLE): Uint32Array {
  return shinglesOfHashes(
    words.map((w) => hashString(w)),
    k,
  );
}

/** The same, from the words' hashes (computed once for the exact hash and the shingles). */
export function shinglesOfHashes(wh: readonly number[], k = SHINGLE): Uint32Array {
  if (wh.length === 0) return new Uint32Array(0);
  const n = Math.max(1, wh.length - k + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = SEED;
    for (let j = i; j < Math.min(i + k, wh.length); j++) h = combine(h, wh[j]!);
    out[i] = fmix32(h);
  }
  out.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[m - 1]) out[m++] = out[i]!;
  return out.subarray(0, m);
}

/** The permutations' seeds, from the seed by a xorshift stream. */
function permutationSeeds(seed: number, count: number): Uint32Array {
  const out = new Uint32Array(count);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x >>> 0;
  }
  return out;
}
const SEEDS = permutationSeeds(SEED, PERMS);

/**
 * The MinHash signature of a shingle set: for each of the 128 permutations (xor with its seed, then
 * a multiply by an odd constant and a xorshift: each step a bijection on 32 bits) the least value.
 * An empty set's signature is all 0xffffffff.
 */
export function minhash(set: Uint32Array, out = new Uint32Array(PERMS)): Uint32Array {
  out.fill(0xffff_ffff);
  for (let s = 0; s < set.length; s++) {
    const base = fmix32(set[s]!);
    for (let p = 0; p < PERMS; p++) {
      let h = Math.imul(base ^ SEEDS[p]!, 0x9e37_79b1);
      h = (h ^ (h >>> 15)) >>> 0;
      if (h < out[p]!) out[p] = h;
    }
  }
  return out;
}

/** The share of permutations whose minima agree: an estimate of the sets' Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * The signature's band keys: one 32-bit hash per band of `ROWS` rows, with the band's number mixed
 * in, so the same key in two bands never collides (the keys of all bands can share one index).
 */
export function bandKeys(signature: Uint32Array, out = new Int32Array(BANDS)): Int32Array {
  for (let b = 0; b < BANDS; b++) {
    let h = combine(SEED, b + 1);
    for (let r = 0; r < ROWS; r++) h = combine(h, signature[b * ROWS + r]!);
    out[b] = fmix32(h) | 0;
  }
  return out;
}

/** |A ∩ B| of two sorted sets. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** Exact Jaccard similarity of two sorted sets (1 for two empty sets). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 1;
  const n = intersectionSize(a, b);
  return n / (a.length + b.length - n);
}

/** How much of `a` is in `b`: |A ∩ B| / |A| (0 when A is empty). */
export function containment(a: Uint32Array, b: Uint32Array): number {
  return a.length === 0 ? 0 : intersectionSize(a, b) / a.length;
}
