import { contentTerms, type ThemeLanguage } from './themes.text.ts';

/**
 * TF-IDF vectors of unigram and bigram stems (issue 11 story 8), sparse and L2-normalised, over a
 * capped vocabulary: terms in at least `minDf` items and at most `maxDfShare` of them, the most
 * frequent `maxTerms` first. Written by hand (FACTS-analysis §6: `natural` pulls database drivers).
 * No I/O. Three passes keep memory to the items' stem sequences, so 100,000 items fit: stems and
 * their document frequency; bigrams only of stems that made the cut; then the vectors.
 */
export type TextItem = { text: string; language: ThemeLanguage };

/** Term indexes ascending, their TF-IDF weights (unit length) and raw counts. */
export type SparseVector = { idx: Int32Array; val: Float64Array; cnt: Int32Array };

export type VectorOptions = { minDf: number; maxDfShare: number; maxTerms: number; bigrams: boolean };
export const VECTOR_DEFAULTS: VectorOptions = { minDf: 2, maxDfShare: 0.6, maxTerms: 12_000, bigrams: true };

export type Corpus = {
  /** Each term's words as written most often ("waiting time"), by term index. */
  labels: string[];
  df: Int32Array;
  idf: Float64Array;
  vectors: SparseVector[];
  /** Whether each item had a content word at all (an empty vector then means: no word shared). */
  contentful: Uint8Array;
};

const GAP = -1;
// A bigram's key: two stem ids in one safe integer (stem ids stay far below 2^21).
const pairKey = (a: number, b: number) => a * 2_097_152 + b;

type Pass1 = { seqs: Int32Array[]; stems: string[]; df: number[]; surfaces: Map<string, number>[] };

function stemPass(items: readonly TextItem[]): Pass1 {
  const ids = new Map<string, number>();
  const stems: string[] = [];
  const df: number[] = [];
  const surfaces: Map<string, number>[] = [];
  const seqs: Int32Array[] = [];
  for (const item of items) {
    const terms = contentTerms(item.text, item.language);
    const seq: number[] = [];
    const seen = new Set<number>();
    let last = -2;
    for (const t of terms) {
      let id = ids.get(t.stem);
      if (id === undefined) {
        id = stems.length;
        ids.set(t.stem, id);
        stems.push(t.stem);
        df.push(0);
        surfaces.push(new Map());
      }
      if (t.position !== last + 1 && seq.length > 0) seq.push(GAP);
      seq.push(id);
      last = t.position;
      if (!seen.has(id)) {
        seen.add(id);
        df[id] = df[id]! + 1;
      }
      const s = surfaces[id]!;
      s.set(t.surface, (s.get(t.surface) ?? 0) + 1);
    }
    seqs.push(Int32Array.from(seq));
  }
  return { seqs, stems, df, surfaces };
}

/** The form a stem was written in most often (ties: the first in alphabetical order). */
function surfaceOf(forms: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [form, c] of forms) if (c > n || (c === n && form < best)) [best, n] = [form, c];
  return best;
}

function bigramDf(seqs: readonly Int32Array[], keep: Uint8Array): Map<number, number> {
  const df = new Map<number, number>();
  for (const seq of seqs) {
    const seen = new Set<number>();
    for (let i = 1; i < seq.length; i++) {
      const a = seq[i - 1]!;
      const b = seq[i]!;
      if (a === GAP || b === GAP || a === b || !keep[a] || !keep[b]) continue;
      const key = pairKey(a, b);
      if (seen.has(key)) continue;
      seen.add(key);
      df.set(key, (df.get(key) ?? 0) + 1);
    }
  }
  return df;
}

export function buildCorpus(items: readonly TextItem[], opts: VectorOptions = VECTOR_DEFAULTS): Corpus {
  const n = items.length;
  const p1 = stemPass(items);
  const maxDf = n >= 20 ? Math.floor(n * opts.maxDfShare) : n;
  const ok = (df: number) => df >= opts.minDf && df <= maxDf;
  const keep = Uint8Array.from(p1.df, (d) => (ok(d) ? 1 : 0));
  const pairs = opts.bigrams ? bigramDf(p1.seqs, keep) : new Map<number, number>();

  // Candidates: [df, label, unigram id or bigram key, is bigram]; the most frequent first, then by label.
  const words = p1.surfaces.map(surfaceOf);
  const cands: { df: number; label: string; key: number; pair: boolean }[] = [];
  p1.df.forEach((d, id) => keep[id] && cands.push({ df: d, label: words[id]!, key: id, pair: false }));
  for (const [key, d] of pairs) {
    if (!ok(d)) continue;
    const a = Math.floor(key / 2_097_152);
    cands.push({ df: d, label: `${words[a]} ${words[key - a * 2_097_152]}`, key, pair: true });
  }
  cands.sort((x, y) => y.df - x.df || (x.label < y.label ? -1 : x.label > y.label ? 1 : x.key - y.key));
  const chosen = cands.slice(0, opts.maxTerms);
  const uni = new Map<number, number>();
  const bi = new Map<number, number>();
  chosen.forEach((c, i) => (c.pair ? bi : uni).set(c.key, i));

  const df = Int32Array.from(chosen, (c) => c.df);
  const idf = Float64Array.from(chosen, (c) => Math.log((1 + n) / (1 + c.df)) + 1);
  const vectors = p1.seqs.map((seq) => vectorOf(seq, uni, bi, idf));
  const contentful = Uint8Array.from(p1.seqs, (s) => (s.length > 0 ? 1 : 0));
  return { labels: chosen.map((c) => c.label), df, idf, vectors, contentful };
}

function vectorOf(
  seq: Int32Array,
  uni: ReadonlyMap<number, number>,
  bi: ReadonlyMap<number, number>,
  idf: Float64Array,
): SparseVector {
  const counts = new Map<number, number>();
  const add = (t: number | undefined) => t !== undefined && counts.set(t, (counts.get(t) ?? 0) + 1);
  for (let i = 0; i < seq.length; i++) {
    const b = seq[i]!;
    if (b === GAP) continue;
    add(uni.get(b));
    const a = i > 0 ? seq[i - 1]! : GAP;
    if (a !== GAP && a !== b) add(bi.get(pairKey(a, b)));
  }
  const idx = Int32Array.from([...counts.keys()].sort((x, y) => x - y));
  const cnt = Int32Array.from(idx, (t) => counts.get(t)!);
  const val = Float64Array.from(idx, (t, i) => (1 + Math.log(cnt[i]!)) * idf[t]!);
  let norm = 0;
  for (const v of val) norm += v * v;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < val.length; i++) val[i] = val[i]! / norm;
  return { idx, val, cnt };
}
