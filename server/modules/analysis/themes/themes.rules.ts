import { bestOfKMeans, chooseK } from './themes.cluster.ts';
import { contentTerms, sentences, type ThemeLanguage } from './themes.text.ts';
import { buildCorpus, type Corpus, VECTOR_DEFAULTS, type VectorOptions } from './themes.vectors.ts';

/**
 * Suggested themes (issue 11 story 8), the pure pipeline: TF-IDF vectors of each item's stems in
 * its own language, spherical k-means, and per cluster its top terms (c-TF-IDF, shown as written),
 * its three most central items with a quote each and its member count. Small clusters are kept and
 * marked as single voices rather than dropped (themefinder's point about minority themes,
 * FACTS-analysis §1.1). Deterministic for the same items in the same order and the same seed. No I/O.
 */
export type ThemeItem = { key: string; text: string; language: ThemeLanguage };

export type ThemePhase = 'vectorising' | 'choosing_k' | 'clustering' | 'describing';
export type Progress = (phase: ThemePhase, fraction: number) => void | Promise<void>;

export type ThemeOptions = {
  seed: number;
  /** A fixed number of clusters; chosen by silhouette when absent. */
  k?: number | undefined;
  vectors?: Partial<VectorOptions>;
  /** Items the silhouette is measured on, per candidate k. */
  sample?: number;
  maxIterations?: number;
  /** k-means runs from different starts; the best is kept (default: 5 up to 20,000 items, else 2). */
  restarts?: number;
  topTerms?: number;
  /** A cluster below max(this, 0.1 % of the items) is a single voice (themefinder's theme-set rule 2). */
  minThemeSize?: number;
};

export type ThemeQuote = { key: string; quote: string; similarity: number };
/**
 * A theme (a cluster big enough), a small cluster, or the items that share no term with any other
 * item ('unmatched'); the last two are single voices.
 */
export type CandidateKind = 'theme' | 'small' | 'unmatched';
export type ThemeCandidate = {
  kind: CandidateKind;
  terms: { term: string; weight: number }[];
  quotes: ThemeQuote[];
  members: { key: string; similarity: number }[];
  singleVoice: boolean;
};
export type ThemeResult = {
  k: number;
  silhouette: { k: number; silhouette: number }[];
  /** Items with no content word at all (only stop words, or no words): nothing to cluster. */
  unclustered: string[];
  vocabulary: number;
  candidates: ThemeCandidate[];
};

const QUOTE_MAX = 300;

export async function suggestThemes(
  items: readonly ThemeItem[],
  opts: ThemeOptions,
  progress: Progress = () => {},
): Promise<ThemeResult> {
  await progress('vectorising', 0);
  const corpus = buildCorpus(items, { ...VECTOR_DEFAULTS, ...opts.vectors });
  const live = items.flatMap((_, i) => (corpus.vectors[i]!.idx.length > 0 ? [i] : []));
  const unclustered = items.filter((_, i) => !corpus.contentful[i]).map((x) => x.key);
  const alone = items.filter((_, i) => corpus.contentful[i] && corpus.vectors[i]!.idx.length === 0);
  await progress('vectorising', 1);
  const vs = live.map((i) => corpus.vectors[i]!);
  const dim = corpus.labels.length;
  const unmatched = alone.length > 0 ? [unmatchedCandidate(alone)] : [];
  if (vs.length === 0) return { k: 0, silhouette: [], unclustered, vocabulary: dim, candidates: unmatched };

  const chosen = opts.k
    ? { k: Math.min(opts.k, vs.length), scores: [] }
    : await chooseK(vs, dim, opts.seed, {
        sample: opts.sample ?? 3000,
        onStep: (done, of) => progress('choosing_k', done / of),
      });
  const maxIterations = opts.maxIterations ?? 30;
  const restarts = opts.restarts ?? (vs.length <= 20_000 ? 5 : 2);
  const cl = await bestOfKMeans(vs, dim, chosen.k, opts.seed, restarts, {
    maxIterations,
    onIteration: (i) => progress('clustering', Math.min(1, (i + 1) / (maxIterations * restarts))),
  });
  await progress('describing', 0);

  const groups: number[][] = Array.from({ length: cl.k }, () => []);
  cl.assign.forEach((x, j) => groups[x]!.push(j));
  const minSize = Math.max(opts.minThemeSize ?? 5, Math.ceil(items.length * 0.001));
  const topTerms = opts.topTerms ?? 8;
  const weights = classTfIdf(corpus, vs, groups);
  const candidates = groups
    .map((g, x) => ({ g, x }))
    .filter(({ g }) => g.length > 0)
    .map(({ g, x }): ThemeCandidate => {
      const byCloseness = [...g].sort((a, b) => cl.sim[b]! - cl.sim[a]! || a - b);
      const terms = top(weights[x]!, topTerms).map((t) => ({
        term: corpus.labels[t]!,
        weight: round(weights[x]![t]!),
      }));
      const central = byCloseness.slice(0, 3).map((j) => {
        const item = items[live[j]!]!;
        return {
          key: item.key,
          quote: quoteOf(item, new Set(terms.map((t) => t.term))),
          similarity: round(cl.sim[j]!),
        };
      });
      const small = g.length < minSize;
      return {
        kind: small ? 'small' : 'theme',
        terms,
        quotes: central,
        members: byCloseness.map((j) => ({ key: items[live[j]!]!.key, similarity: round(cl.sim[j]!) })),
        singleVoice: small,
      };
    })
    // Themes first, the largest first; then single voices. Ties keep the order of their first member.
    .sort((a, b) => Number(a.singleVoice) - Number(b.singleVoice) || b.members.length - a.members.length);
  await progress('describing', 1);
  return {
    k: cl.k,
    silhouette: chosen.scores,
    unclustered,
    vocabulary: dim,
    candidates: [...candidates, ...unmatched],
  };
}

/** Items that share no term with any other: kept together as single voices, quoted from the first three. */
function unmatchedCandidate(alone: readonly ThemeItem[]): ThemeCandidate {
  return {
    kind: 'unmatched',
    terms: [],
    quotes: alone.slice(0, 3).map((item) => ({ key: item.key, quote: quoteOf(item, new Set()), similarity: 0 })),
    members: alone.map((item) => ({ key: item.key, similarity: 0 })),
    singleVoice: true,
  };
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * c-TF-IDF (Grootendorst 2022, BERTopic): a term's frequency in a cluster, as a share of the
 * cluster's terms, times log(1 + A / f_t), A the mean number of terms per cluster and f_t the
 * term's frequency over all clusters. One row of weights per cluster.
 */
export function classTfIdf(corpus: Corpus, vs: readonly { idx: Int32Array; cnt: Int32Array }[], groups: number[][]) {
  const dim = corpus.labels.length;
  const tf = groups.map((g) => {
    const row = new Float64Array(dim);
    for (const j of g) {
      const v = vs[j]!;
      for (let i = 0; i < v.idx.length; i++) row[v.idx[i]!] = row[v.idx[i]!]! + v.cnt[i]!;
    }
    return row;
  });
  const total = new Float64Array(dim);
  let all = 0;
  for (const row of tf) {
    for (let t = 0; t < dim; t++) {
      total[t] = total[t]! + row[t]!;
      all += row[t]!;
    }
  }
  const a = all / Math.max(1, groups.length);
  return tf.map((row) => {
    const size = row.reduce((s, x) => s + x, 0) || 1;
    return row.map((f, t) => (f > 0 ? (f / size) * Math.log(1 + a / total[t]!) : 0));
  });
}

/** Indexes of the `n` largest weights (ties: the lower index). */
function top(w: Float64Array, n: number): number[] {
  const idx: number[] = [];
  w.forEach((x, t) => x > 0 && idx.push(t));
  return idx.sort((a, b) => w[b]! - w[a]! || a - b).slice(0, n);
}

/**
 * The sentence of an item that names the most of its cluster's top terms (the first such
 * sentence), cut to 300 characters at a word.
 */
export function quoteOf(item: ThemeItem, terms: ReadonlySet<string>): string {
  const words = new Set([...terms].flatMap((t) => t.split(' ')));
  let best = '';
  let score = -1;
  for (const s of sentences(item.text)) {
    const n = contentTerms(s, item.language).filter((t) => words.has(t.surface)).length;
    if (n > score) [best, score] = [s, n];
  }
  if (best.length <= QUOTE_MAX) return best;
  return `${best.slice(0, QUOTE_MAX - 1).replace(/\s+\S*$/, '')}…`;
}
