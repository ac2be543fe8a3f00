import {
  BANDS,
  bandKeys,
  combine,
  containment,
  fmix32,
  hashString,
  jaccard,
  minhash,
  PERMS,
  shingles,
  shinglesOfHashes,
} from './campaigns.minhash.ts';

/**
 * Campaign detection's rules (issue 12 story 1), no I/O: normalisation and the exact hash, the
 * boiler-plate lines left out of the comparison, candidate pairs from LSH bands, their
 * verification (Jaccard ≥ 0.8 on the exact shingle sets, or the smaller text ≥ 0.9 contained in
 * the larger: "the form letter plus my own paragraph"), union-find clustering, the template
 * (the most common text, else the medoid) and each member's sentence-level differences.
 */
export const JACCARD_MIN = 0.8;
export const CONTAINMENT_MIN = 0.9;
/** A text must have this many shingles (about 12 words) before containment alone joins it to another. */
export const CONTAINED_MIN_SHINGLES = 8;
/** A first or last line shared by this many different texts is boiler-plate (a portal's footer), not a letter. */
export const BOILERPLATE_MIN_TEXTS = 5;
export const BOILERPLATE_MIN_WORDS = 5;
/** Texts of fewer compared words ("Ok", "See attached file(s)") are never grouped, not even identical ones. */
export const MIN_WORDS = 5;

const NON_ASCII = /[^\x00-\x7f]/;
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['-][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

/** The words of a text: NFKC, lower case, typographic apostrophes as ASCII, HTML's `&amp;` decoded. */
export function words(text: string): string[] {
  // NFKC only where it can change anything (most input is ASCII or already composed Danish).
  const flat = (NON_ASCII.test(text) ? text.normalize('NFKC') : text)
    .toLowerCase()
    .replace(/&(amp|quot|apos|lt|gt|nbsp);/g, ' ')
    .replace(/[’‘`´]/g, "'");
  return flat.match(WORD) ?? [];
}

/** The normalised text: its words joined by single spaces (case, punctuation and spacing do not count). */
export const normalisedText = (text: string): string => words(text).join(' ');

/** The exact hash: 64 bits (two seeded 32-bit hashes) of the normalised text, as 16 hex digits. */
export function exactHash(text: string): string {
  return exactOfHashes(words(text).map((w) => hashString(w)));
}

/** The exact hash from the words' hashes: two seeded 32-bit folds, in order, with the word count. */
export function exactOfHashes(wh: readonly number[]): string {
  let a = 0x9747_b28c;
  let b = 0x1b87_3593;
  for (const h of wh) {
    a = combine(a, h);
    b = combine(b, h ^ 0x5bd1_e995);
  }
  const x = fmix32(a ^ wh.length);
  const y = fmix32(b ^ Math.imul(wh.length, 0x27d4_eb2f));
  return x.toString(16).padStart(8, '0') + y.toString(16).padStart(8, '0');
}

const lines = (text: string) => text.split(/\r?\n/).filter((l) => l.trim() !== '');

/**
 * Boiler-plate lines: a first or last line (normalised, at least five words) that ends or starts
 * this many different texts, such as a portal's "Re: <docket title>" footer. They are left out of
 * the comparison, so unrelated comments are not glued together by what the portal added.
 */
export function findBoilerplate(texts: Iterable<string>, minTexts = BOILERPLATE_MIN_TEXTS): string[] {
  const count = new Map<string, number>();
  // Texts told apart by their raw hash (exact copies count once; spacing variants rarely matter here).
  const seenTexts = new Set<number>();
  for (const text of texts) {
    const nl = text.indexOf('\n');
    if (nl < 0) continue;
    const key = hashString(text);
    if (seenTexts.has(key)) continue;
    seenTexts.add(key);
    const ls = lines(text);
    if (ls.length < 2) continue;
    for (const l of new Set([ls[0]!, ls.at(-1)!])) {
      const n = normalisedText(l);
      if (n.split(' ').length >= BOILERPLATE_MIN_WORDS) count.set(n, (count.get(n) ?? 0) + 1);
    }
  }
  return [...count].filter(([, c]) => c >= minTexts).map(([l]) => l);
}

/** The words compared: the text without its boiler-plate first and last lines. */
export function comparedWords(text: string, boilerplate: ReadonlySet<string>): string[] {
  if (boilerplate.size === 0) return words(text);
  const ls = lines(text);
  if (ls.length >= 2 && boilerplate.has(normalisedText(ls.at(-1)!))) ls.pop();
  if (ls.length >= 2 && boilerplate.has(normalisedText(ls[0]!))) ls.shift();
  return words(ls.join('\n'));
}

export type Prepared = { exact: string; shingles: Uint32Array; bands: Int32Array };

/**
 * What is stored per item: its exact hash, shingle set and LSH band keys; null for a text too short
 * to be grouped.
 */
export function prepare(text: string, boilerplate: ReadonlySet<string> = new Set()): Prepared | null {
  const compared = comparedWords(text, boilerplate);
  if (compared.length < MIN_WORDS) return null;
  const set = shingles(compared);
  return { exact: exactHash(text), shingles: set, bands: bandKeys(minhash(set, scratch)) };
}
const scratch = new Uint32Array(PERMS);

/** Two texts are near-copies: Jaccard ≥ 0.8, or the smaller (not too short) ≥ 0.9 inside the larger. */
export function verified(a: Uint32Array, b: Uint32Array): { ok: boolean; similarity: number } {
  const j = jaccard(a, b);
  if (j >= JACCARD_MIN) return { ok: true, similarity: j };
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  if (small.length >= CONTAINED_MIN_SHINGLES && containment(small, large) >= CONTAINMENT_MIN)
    return { ok: true, similarity: j };
  return { ok: false, similarity: j };
}

/** Union-find over 0…n-1 with path halving and union by size. */
export class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    this.size = new Int32Array(n).fill(1);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    while (p[x] !== x) {
      p[x] = p[p[x]!]!;
      x = p[x]!;
    }
    return x;
  }
  union(a: number, b: number): boolean {
    let x = this.find(a);
    let y = this.find(b);
    if (x === y) return false;
    if (this.size[x]! < this.size[y]!) [x, y] = [y, x];
    this.parent[y] = x;
    this.size[x] = this.size[x]! + this.size[y]!;
    return true;
  }
}

/**
 * An LSH index over band keys: per band, the keys sorted with the item each came from. Items are
 * numbered 0…n-1; `bands` holds n × 16 keys. About 8 bytes per item and band.
 */
const RUN_HEADS = 4;

export class LshIndex {
  private readonly keys: Int32Array[] = [];
  private readonly items: Int32Array[] = [];
  constructor(bands: Int32Array, n: number) {
    const order = new Float64Array(n);
    for (let b = 0; b < BANDS; b++) {
      // key (shifted to be non-negative) × 2^21 + item: one exact float, one native numeric sort.
      for (let i = 0; i < n; i++) order[i] = (bands[i * BANDS + b]! + 2 ** 31) * 2 ** 21 + i;
      order.sort();
      const keys = new Int32Array(n);
      const items = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = order[i]!;
        const item = v % 2 ** 21;
        keys[i] = (v - item) / 2 ** 21 - 2 ** 31;
        items[i] = item;
      }
      this.keys.push(keys);
      this.items.push(items);
    }
  }

  /**
   * Candidate pairs within the index: in each band's run of equal keys, each item with the run's
   * first four and with the one before it (union-find closes the rest), so a run of m items gives
   * at most 5m pairs, not m²/2.
   */
  pairs(visit: (a: number, b: number) => void): void {
    for (let b = 0; b < BANDS; b++) {
      const keys = this.keys[b]!;
      const items = this.items[b]!;
      let start = 0;
      for (let i = 1; i <= keys.length; i++) {
        if (i < keys.length && keys[i] === keys[start]) {
          for (let j = start; j < Math.min(i, start + RUN_HEADS); j++) visit(items[j]!, items[i]!);
          if (i - 1 >= start + RUN_HEADS) visit(items[i - 1]!, items[i]!);
          continue;
        }
        start = i;
      }
    }
  }

  /** The items sharing at least one band key with these band keys (at most `limit` per band). */
  query(bands: Int32Array, limit = 64): Set<number> {
    const out = new Set<number>();
    for (let b = 0; b < BANDS; b++) {
      const keys = this.keys[b]!;
      const key = bands[b]!;
      let lo = 0;
      let hi = keys.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid]! < key) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo, n = 0; i < keys.length && keys[i] === key && n < limit; i++, n++) out.add(this.items[b]![i]!);
    }
    return out;
  }
}

export type Cluster = {
  /** Item numbers, the template first. */
  members: number[];
  template: number;
  /** Per member (same order): Jaccard similarity to the template's shingles. */
  similarity: number[];
};

export type DetectResult = {
  clusters: Cluster[];
  pairsChecked: number;
  boilerplate: string[];
  /** What an incremental run needs: the band index of the distinct texts and the exact hashes seen. */
  state: DetectState;
};
export type DetectState = {
  index: LshIndex;
  /** Item number of each distinct text in the index. */
  distinct: number[];
  /** Exact hash → first item with it (−1: too short to group). */
  byExact: Map<string, number>;
  boilerplate: ReadonlySet<string>;
};

export type DetectSource = {
  count: number;
  /** The item's text (read again for verification: only the candidates' shingle sets are kept). */
  text: (i: number) => string;
};

export type DetectPhase = 'hashing' | 'banding' | 'verifying' | 'clustering';

/**
 * Campaigns in a set of texts. Exact copies are joined by their hash; each distinct text gets a
 * MinHash signature (kept only as its 16 band keys); candidate pairs from the bands are verified on
 * their exact shingle sets; clusters of two or more become campaigns with a template. Memory: 64
 * bytes of band keys per distinct text plus the shingle sets of the candidates.
 */
export function detectCampaigns(
  source: DetectSource,
  opts: { boilerplate?: readonly string[]; minSize?: number; progress?: (phase: DetectPhase, f: number) => void } = {},
): DetectResult {
  const n = source.count;
  const boilerplate =
    opts.boilerplate ??
    findBoilerplate({
      *[Symbol.iterator]() {
        for (let i = 0; i < n; i++) yield source.text(i);
      },
    });
  const bp = new Set(boilerplate);
  const progress = opts.progress ?? (() => {});
  const uf = new UnionFind(n);
  const byExact = new Map<string, number>();
  const exactOf: string[] = new Array<string>(n);
  // Distinct texts get a dense number for the band index.
  const distinct: number[] = [];
  const bands = new Int32Array(n * BANDS);
  const cache = new Map<number, Uint32Array>();
  for (let i = 0; i < n; i++) {
    if ((i & 4095) === 0) progress('hashing', i / n);
    const text = source.text(i);
    const ws = words(text);
    const wh = ws.map((w) => hashString(w));
    const exact = exactOfHashes(wh);
    exactOf[i] = exact;
    const first = byExact.get(exact);
    if (first !== undefined) {
      if (first >= 0) uf.union(first, i);
      continue;
    }
    // Only a text of several lines can carry a boiler-plate line.
    const compared = bp.size > 0 && text.includes('\n') ? comparedWords(text, bp).map((w) => hashString(w)) : wh;
    if (compared.length < MIN_WORDS) {
      byExact.set(exact, -1);
      continue;
    }
    byExact.set(exact, i);
    bands.set(bandKeys(minhash(shinglesOfHashes(compared), scratch)), distinct.length * BANDS);
    distinct.push(i);
  }
  progress('banding', 0);
  const index = new LshIndex(bands.subarray(0, distinct.length * BANDS), distinct.length);
  const seenPairs = new Set<number>();
  const pairs: number[] = [];
  index.pairs((a, b) => {
    const [x, y] = a < b ? [a, b] : [b, a];
    const key = x * 2 ** 21 + y;
    if (seenPairs.has(key)) return;
    seenPairs.add(key);
    pairs.push(x, y);
  });
  seenPairs.clear();
  const shinglesOf = (d: number) => {
    let s = cache.get(d);
    if (!s) {
      s = shingles(comparedWords(source.text(distinct[d]!), bp));
      cache.set(d, s);
    }
    return s;
  };
  for (let p = 0; p < pairs.length; p += 2) {
    const a = pairs[p]!;
    const b = pairs[p + 1]!;
    const ia = distinct[a]!;
    const ib = distinct[b]!;
    if (uf.find(ia) === uf.find(ib)) continue;
    if (verified(shinglesOf(a), shinglesOf(b)).ok) uf.union(ia, ib);
    if ((p & 8191) === 0) progress('verifying', p / pairs.length);
  }
  progress('clustering', 0);
  const denseOf = new Map<number, number>();
  distinct.forEach((i, d) => denseOf.set(i, d));
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    if (uf.size[uf.find(i)]! < (opts.minSize ?? 2)) continue;
    const r = uf.find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  }
  const setOf = (i: number) => {
    const d = denseOf.get(i) ?? denseOf.get(byExact.get(exactOf[i]!) ?? -1);
    return d === undefined ? new Uint32Array(0) : shinglesOf(d);
  };
  const clusters = [...groups.values()].map((members) => clusterOf(members, (i) => exactOf[i]!, setOf));
  clusters.sort((a, b) => b.members.length - a.members.length || a.template - b.template);
  cache.clear();
  return {
    clusters,
    pairsChecked: pairs.length / 2,
    boilerplate: [...boilerplate],
    state: { index, distinct, byExact, boilerplate: bp },
  };
}

/**
 * New items against an earlier run (an incremental run): each joins the item it copies exactly,
 * or the verified near-copy among its LSH candidates in the earlier index or among the other new
 * items. Returns links [new item, earlier or new item it joins]; the caller unions them with its
 * clusters. Only the new items' signatures are computed.
 */
export function detectIncremental(
  state: DetectState,
  earlierText: (i: number) => string,
  fresh: readonly { item: number; text: string }[],
): [number, number][] {
  const links: [number, number][] = [];
  const prepared: { item: number; p: Prepared }[] = [];
  for (const { item, text } of fresh) {
    const exact = exactHash(text);
    const first = state.byExact.get(exact);
    if (first !== undefined) {
      if (first >= 0) links.push([item, first]);
      continue;
    }
    const p = prepare(text, state.boilerplate);
    state.byExact.set(exact, p ? item : -1);
    if (p) prepared.push({ item, p });
  }
  for (const { item, p } of prepared) {
    for (const d of state.index.query(p.bands)) {
      const other = state.distinct[d]!;
      if (verified(p.shingles, shingles(comparedWords(earlierText(other), state.boilerplate))).ok) {
        links.push([item, other]);
        break;
      }
    }
  }
  const bands = new Int32Array(prepared.length * BANDS);
  prepared.forEach(({ p }, k) => bands.set(p.bands, k * BANDS));
  new LshIndex(bands, prepared.length).pairs((a, b) => {
    if (verified(prepared[a]!.p.shingles, prepared[b]!.p.shingles).ok)
      links.push([prepared[a]!.item, prepared[b]!.item]);
  });
  return links;
}

/**
 * The template of a cluster: the text most members share exactly, or, when every text is its own,
 * the medoid (the member most similar to the others, over a sample of at most 40).
 */
export function chooseTemplate(
  members: readonly number[],
  exactOf: (i: number) => string,
  setOf: (i: number) => Uint32Array,
): number {
  const counts = new Map<string, { n: number; first: number }>();
  for (const m of members) {
    const e = exactOf(m);
    const c = counts.get(e);
    if (c) c.n++;
    else counts.set(e, { n: 1, first: m });
  }
  let best = { n: 0, first: members[0]! };
  for (const c of counts.values()) if (c.n > best.n || (c.n === best.n && c.first < best.first)) best = c;
  if (best.n > 1) return best.first;
  const sample = members.length <= 40 ? [...members] : sampleOf(members, 40);
  let medoid = sample[0]!;
  let bestSum = -1;
  for (const a of sample) {
    let sum = 0;
    for (const b of sample) if (a !== b) sum += jaccard(setOf(a), setOf(b));
    if (sum > bestSum) {
      bestSum = sum;
      medoid = a;
    }
  }
  return medoid;
}

/** An evenly spread, deterministic sample. */
function sampleOf<T>(xs: readonly T[], k: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < k; i++) out.push(xs[Math.floor((i * xs.length) / k)]!);
  return out;
}

function clusterOf(members: number[], exactOf: (i: number) => string, setOf: (i: number) => Uint32Array): Cluster {
  const template = chooseTemplate(members, exactOf, setOf);
  const t = setOf(template);
  const ordered = [template, ...members.filter((m) => m !== template)];
  return {
    members: ordered,
    template,
    similarity: ordered.map((m) => (exactOf(m) === exactOf(template) ? 1 : round(jaccard(setOf(m), t)))),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** A 32-bit fingerprint of a text's band keys, for tests. */
export const bandsFingerprint = (b: Int32Array) => b.reduce((h, x) => fmix32(h ^ x), 0);

// ---------------------------------------------------------------------------------------------
// Sentence-level differences of a member against its template ("personal additions").

export type Sentence = { text: string; start: number; end: number };

/** The sentences of a text with their offsets: split after . ! ? or at a line break. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^.!?\n]+(?:[.!?]+["'”’)]*|$|(?=\n))/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (words(trimmed).length === 0) continue;
    const start = m.index + lead;
    out.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return out;
}

export type DiffPart = { kind: 'same' | 'changed' | 'added'; text: string; start: number; end: number };
export type MemberDiff = { parts: DiffPart[]; missing: string[] };

const wordSet = (s: string) => new Set(words(s));
function wordJaccard(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  const u = a.size + b.size - n;
  return u === 0 ? 1 : n / u;
}

/**
 * A member's sentences against the template's: the same sentence (normalised), a changed one
 * (≥ half its words shared with a template sentence not yet matched), or an added one; the
 * template's sentences the member lacks are missing. Order does not matter (reordered is same).
 */
export function diffAgainstTemplate(template: string, member: string): MemberDiff {
  const ts = sentences(template).map((s) => ({ norm: normalisedText(s.text), words: wordSet(s.text), text: s.text }));
  const used = new Array<boolean>(ts.length).fill(false);
  const ms = sentences(member);
  const kinds: DiffPart['kind'][] = ms.map(() => 'added');
  // Exact sentences first, so a changed sentence never takes the place of one that is there whole.
  ms.forEach((s, i) => {
    const norm = normalisedText(s.text);
    const j = ts.findIndex((t, k) => !used[k] && t.norm === norm);
    if (j >= 0) {
      used[j] = true;
      kinds[i] = 'same';
    }
  });
  ms.forEach((s, i) => {
    if (kinds[i] !== 'added') return;
    const w = wordSet(s.text);
    let best = -1;
    let bestScore = 0.5;
    ts.forEach((t, k) => {
      if (used[k]) return;
      const score = wordJaccard(w, t.words);
      if (score >= bestScore) {
        bestScore = score;
        best = k;
      }
    });
    if (best >= 0) {
      used[best] = true;
      kinds[i] = 'changed';
    }
  });
  return {
    parts: ms.map((s, i) => ({ kind: kinds[i]!, text: s.text, start: s.start, end: s.end })),
    missing: ts.filter((_, k) => !used[k]).map((t) => t.text),
  };
}

/** The spans a member added or changed, merged where they touch: what is stored and highlighted. */
export function addedSpans(diff: MemberDiff): { start: number; end: number; kind: 'added' | 'changed' }[] {
  return diff.parts
    .filter((p): p is DiffPart & { kind: 'added' | 'changed' } => p.kind !== 'same')
    .map((p) => ({ start: p.start, end: p.end, kind: p.kind }));
}
