/**
 * Seeded randomness for the bootstrap (issue #5): the same seed gives the same published stability
 * figures on every run and machine. Pure given the generator; no Math.random, no dependencies.
 */

/** A uniform draw in the open interval (0, 1), so `Math.log(u)` is always finite. */
export type Uniform = () => number;

/** splitmix32 spreads a small integer seed over xoshiro's 128-bit state (Vigna's recommendation). */
function splitmix32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** xoshiro128** (Blackman & Vigna 2018): small, fast, good statistical quality, period 2^128 − 1. */
export function xoshiro128ss(seed: number): Uniform {
  const init = splitmix32(seed);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  const next = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  // 53 random bits, shifted by half a step so 0 and 1 never come out.
  return () => ((next() >>> 5) * 67108864 + (next() >>> 6) + 0.5) / 9007199254740992;
}

const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));

/** log(k!) − Stirling's approximation of it (Hörmann 1993), tabulated below 10. */
const FC = [
  0.08106146679532726, 0.04134069595540929, 0.02767792568499834, 0.02079067210376509, 0.01664469118982119,
  0.01387612882307075, 0.01189670994589177, 0.01041126526197209, 0.009255462182712733, 0.008330563433362871,
];
function stirlingTail(k: number): number {
  if (k < 10) return FC[k]!;
  const k1sq = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / k1sq) / k1sq) / (k + 1);
}

/** Inversion by sequential search: exact, and fast while the mean n·p is small. */
function binomialInversion(n: number, p: number, u: Uniform): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  let r = Math.exp(n * Math.log1p(-p));
  let v = u();
  let x = 0;
  while (v > r && x < n) {
    v -= r;
    x++;
    r *= a / x - s;
  }
  return x;
}

/**
 * BTRS, transformed rejection with squeeze (Hörmann 1993, "The generation of binomial random
 * variates"): exact, constant expected time for n·p ≥ 10. Requires p ≤ 0.5.
 */
function binomialBtrs(n: number, p: number, u: Uniform): number {
  const spq = Math.sqrt(n * p * (1 - p));
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const r = p / (1 - p);
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  const bound0 = (m + 0.5) * Math.log((m + 1) / (r * (n - m + 1))) + stirlingTail(m) + stirlingTail(n - m);
  for (;;) {
    const us0 = u() - 0.5;
    const v0 = u();
    const us = 0.5 - Math.abs(us0);
    const k = Math.floor(((2 * a) / us + b) * us0 + c);
    if (us >= 0.07 && v0 <= vr) return k;
    if (k < 0 || k > n) continue;
    const v = Math.log((v0 * alpha) / (a / (us * us) + b));
    const bound =
      bound0 +
      (n + 1) * Math.log((n - m + 1) / (n - k + 1)) +
      (k + 0.5) * Math.log((r * (n - k + 1)) / (k + 1)) -
      stirlingTail(k) -
      stirlingTail(n - k);
    if (v <= bound) return k;
  }
}

/** One Binomial(n, p) draw. */
export function binomial(n: number, p: number, u: Uniform): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(n, 1 - p, u);
  return n * p < 10 ? binomialInversion(n, p, u) : binomialBtrs(n, p, u);
}

/**
 * One Multinomial(total, weights / Σweights) draw by conditional binomials: category k gets
 * Binomial(left, w_k / w_left). Cost grows with the number of categories, not with `total`, which is
 * what lets the bootstrap resample a million ballots held as a few thousand distinct rankings.
 */
export function multinomial(total: number, weights: readonly number[], u: Uniform): number[] {
  const out = new Array<number>(weights.length).fill(0);
  let left = total;
  let weightLeft = weights.reduce((s, w) => s + w, 0);
  for (let k = 0; k < weights.length && left > 0; k++) {
    const w = weights[k]!;
    // The last category takes what is left, so rounding in the running weight never loses a ballot.
    const x = k === weights.length - 1 || w >= weightLeft ? left : binomial(left, w / weightLeft, u);
    out[k] = x;
    left -= x;
    weightLeft -= w;
  }
  return out;
}
