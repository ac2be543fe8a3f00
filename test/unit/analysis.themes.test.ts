import { describe, expect, it } from 'vitest';
import {
  candidateKs,
  kMeans,
  sampleIndexes,
  seededRandom,
  simplifiedSilhouette,
} from '../../server/modules/analysis/themes/themes.cluster.ts';
import { normalisedMutualInformation, purity } from '../../server/modules/analysis/themes/themes.metrics.ts';
import { quoteOf, suggestThemes, type ThemeItem } from '../../server/modules/analysis/themes/themes.rules.ts';
import { contentTerms, termKeys, tokenise } from '../../server/modules/analysis/themes/themes.text.ts';
import { buildCorpus } from '../../server/modules/analysis/themes/themes.vectors.ts';

const stems = (text: string, lang: 'danish' | 'english') => contentTerms(text, lang).map((t) => t.stem);

/** Three themes in two languages, plus one odd item: the shape of a small consultation's input. */
function corpus(): ThemeItem[] {
  const rand = seededRandom(99);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const themes = [
    {
      lang: 'danish' as const,
      words: ['privatlivet', 'overvågning', 'persondata', 'databeskyttelse', 'registrering', 'staten'],
      frame: (a: string, b: string) => `Jeg er bekymret for ${a} og ${b}. Hvad sker der med ${a}?`,
    },
    {
      lang: 'danish' as const,
      words: ['ældre', 'kodeviser', 'smartphone', 'hjælp', 'borgerservice', 'tilgængelighed'],
      frame: (a: string, b: string) => `Mange ${a} mangler ${b}. Tænk på ${a} uden ${b}.`,
    },
    {
      lang: 'english' as const,
      words: ['banks', 'costs', 'contract', 'partnership', 'prices', 'fees'],
      frame: (a: string, b: string) => `The ${a} will raise ${b}. Who pays the ${a} and ${b}?`,
    },
  ];
  const items: ThemeItem[] = [];
  for (let i = 0; i < 60; i++) {
    const t = themes[i % 3]!;
    items.push({ key: `${i % 3}-${i}`, text: t.frame(pick(t.words), pick(t.words)), language: t.lang });
  }
  items.push({ key: 'odd', text: 'Parkering ved rådhuset er dyr.', language: 'danish' });
  items.push({ key: 'empty', text: 'og det er så', language: 'danish' });
  return items;
}

describe('themes: text', () => {
  it('stems Danish and English in their own language and drops stop words', () => {
    expect(stems('Høringssvarene fra borgerne om digitaliseringen', 'danish')).toEqual([
      'høringssvar',
      'borg',
      'digitalisering',
    ]);
    expect(stems('The waiting times were far too long', 'english')).toEqual(['wait', 'time', 'far', 'long']);
  });

  it('normalises case, typographic apostrophes and leaves links out', () => {
    expect(tokenise('Staff’s CARE, see https://example.org/x and a@b.dk')).toEqual(["staff's", 'care', 'see', 'and']);
  });

  it('makes bigrams only of words that stood side by side', () => {
    const terms = contentTerms('long waiting time, and the parking', 'english');
    expect(termKeys(terms, true)).toEqual(['long', 'wait', 'time', 'park', 'long wait', 'wait time']);
  });
});

describe('themes: TF-IDF', () => {
  it('keeps terms in at least two items, with unit-length vectors and bigrams shown as written', () => {
    const c = buildCorpus([
      { text: 'long waiting times', language: 'english' },
      { text: 'long waiting lists', language: 'english' },
      { text: 'friendly staff', language: 'english' },
    ]);
    expect(c.labels).toEqual(['long', 'long waiting', 'waiting']);
    for (const v of c.vectors.slice(0, 2)) expect(v.val.reduce((s, x) => s + x * x, 0)).toBeCloseTo(1, 10);
    expect(c.vectors[2]!.idx).toHaveLength(0);
  });

  it('caps the vocabulary at the most frequent terms', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({
      text: `alpha beta ${i < 5 ? 'gamma' : 'delta'} ${i < 3 ? 'epsilon' : ''}`,
      language: 'english' as const,
    }));
    const c = buildCorpus(items, { minDf: 2, maxDfShare: 1, maxTerms: 3, bigrams: false });
    expect(c.labels).toEqual(['alpha', 'beta', 'delta']);
  });
});

describe('themes: clustering', () => {
  it('draws the same sample and the same numbers for the same seed', () => {
    expect(sampleIndexes(100, 5, seededRandom(1))).toEqual(sampleIndexes(100, 5, seededRandom(1)));
    expect(sampleIndexes(100, 5, seededRandom(1))).not.toEqual(sampleIndexes(100, 5, seededRandom(2)));
    expect(sampleIndexes(3, 5, seededRandom(1))).toEqual([0, 1, 2]);
  });

  it('tries k from 5 to 40 as far as the item count allows', () => {
    expect(candidateKs(3)).toEqual([1]);
    expect(candidateKs(10)).toEqual([2, 3]);
    expect(candidateKs(100)).toEqual([5, 6, 7, 8, 10]);
    expect(candidateKs(100_000).at(-1)).toBe(40);
  });

  it('separates two obvious groups', async () => {
    const c = buildCorpus(
      Array.from({ length: 20 }, (_, i) => ({
        text: i % 2 ? 'parking cars fees parking' : 'nurses kind caring nurses',
        language: 'english' as const,
      })),
    );
    const cl = await kMeans(c.vectors, c.labels.length, 2, seededRandom(3), { maxIterations: 10 });
    const a = [...cl.assign];
    expect(new Set(a.filter((_, i) => i % 2)).size).toBe(1);
    expect(new Set(a.filter((_, i) => i % 2 === 0)).size).toBe(1);
    expect(a[0]).not.toBe(a[1]);
    // Two tight groups far apart: a silhouette near 1; one group forced into two: far lower.
    expect(simplifiedSilhouette(c.vectors, cl)).toBeCloseTo(1, 5);
    const one = buildCorpus(
      Array.from({ length: 20 }, () => ({ text: 'nurses kind caring', language: 'english' as const })),
    );
    const split = await kMeans(one.vectors, one.labels.length, 2, seededRandom(3), { maxIterations: 10 });
    expect(simplifiedSilhouette(one.vectors, split)).toBeLessThan(0.5);
  });
});

describe('themes: the pipeline', () => {
  it('finds the themes, with top terms as written, central quotes and member counts', async () => {
    const items = corpus();
    const r = await suggestThemes(items, { seed: 7, k: 3 });
    expect(r.unclustered).toEqual(['empty']);
    const themes = r.candidates.filter((c) => !c.singleVoice);
    expect(themes).toHaveLength(3);
    for (const c of themes) {
      const groups = new Set(c.members.map((m) => m.key.split('-')[0]));
      expect(groups.size).toBe(1);
      expect(c.members).toHaveLength(20);
      expect(c.quotes).toHaveLength(3);
      expect(c.terms.length).toBeGreaterThan(0);
    }
    const english = themes.find((c) => c.members[0]!.key.startsWith('2-'))!;
    expect(english.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['banks', 'costs']));
    const voice = r.candidates.find((c) => c.singleVoice)!;
    expect(voice.kind).toBe('unmatched');
    expect(voice.members.map((m) => m.key)).toEqual(['odd']);
    expect(voice.quotes[0]!.quote).toBe('Parkering ved rådhuset er dyr.');
  });

  it('is deterministic for the same input and seed, and chooses k by silhouette', async () => {
    const items = corpus();
    const a = await suggestThemes(items, { seed: 11 });
    const b = await suggestThemes(items, { seed: 11 });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.silhouette.map((s) => s.k)).toEqual([5, 6, 7]);
    expect(a.k).toBe(a.silhouette.reduce((x, y) => (y.silhouette > x.silhouette ? y : x)).k);
    expect(a.candidates.reduce((n, c) => n + c.members.length, 0)).toBe(items.length - 1);
  });

  it('finds the same three themes whatever the order of the input (restarts keep one bad start out)', async () => {
    const items = corpus().slice(0, 60);
    for (let s = 0; s < 40; s++) {
      const rand = seededRandom(s);
      const shuffled = items
        .map((x) => [rand(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
      const r = await suggestThemes(shuffled, { seed: 7, k: 3 });
      expect(r.candidates.map((c) => new Set(c.members.map((m) => m.key[0])).size)).toEqual([1, 1, 1]);
    }
  });

  it('reports its progress by phase', async () => {
    const seen: string[] = [];
    await suggestThemes(corpus(), { seed: 1 }, (phase) => {
      if (seen.at(-1) !== phase) seen.push(phase);
    });
    expect(seen).toEqual(['vectorising', 'choosing_k', 'clustering', 'describing']);
  });

  it('quotes the sentence that names the most top terms, cut at a word', () => {
    const item: ThemeItem = {
      key: 'x',
      text: `Intro here. The parking fees are high, parking is scarce! ${'word '.repeat(100)}`,
      language: 'english',
    };
    expect(quoteOf(item, new Set(['parking', 'fees']))).toBe('The parking fees are high, parking is scarce!');
    expect(quoteOf({ ...item, text: 'word '.repeat(100) }, new Set(['word'])).length).toBeLessThanOrEqual(300);
  });
});

describe('themes: agreement with labels', () => {
  // Manning, Raghavan & Schütze (2008), Introduction to Information Retrieval, figure 16.4:
  // three clusters of 17 items: {x×5, o}, {x, o×4, ◇}, {x×2, ◇×3}; purity 12/17 ≈ 0.71, NMI ≈ 0.36.
  const clusters = [...Array(6).fill(1), ...Array(6).fill(2), ...Array(5).fill(3)];
  const labels = ['x', 'x', 'x', 'x', 'x', 'o', 'x', 'o', 'o', 'o', 'o', 'd', 'x', 'x', 'd', 'd', 'd'];

  it('purity of the textbook example', () => {
    expect(purity(clusters, labels)).toBeCloseTo(12 / 17, 10);
  });

  it('NMI of the textbook example', () => {
    expect(normalisedMutualInformation(clusters, labels)).toBeCloseTo(0.3646, 3);
  });

  it('is 1 for the same partition under other names and 0 for independent ones', () => {
    expect(normalisedMutualInformation([1, 1, 2, 2], ['a', 'a', 'b', 'b'])).toBeCloseTo(1, 10);
    expect(normalisedMutualInformation([1, 2, 1, 2], ['a', 'a', 'b', 'b'])).toBeCloseTo(0, 10);
    expect(purity([1, 1, 2, 2], ['a', 'a', 'b', 'b'])).toBe(1);
    expect(() => purity([1], [])).toThrow(RangeError);
  });
});
