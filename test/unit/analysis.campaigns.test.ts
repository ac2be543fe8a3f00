import { describe, expect, it } from 'vitest';
import {
  BANDS,
  estimateJaccard,
  jaccard,
  minhash,
  shingles,
} from '../../server/modules/analysis/campaigns/campaigns.minhash.ts';
import {
  addedSpans,
  comparedWords,
  detectCampaigns,
  diffAgainstTemplate,
  exactHash,
  findBoilerplate,
  LshIndex,
  prepare,
  sentences,
  UnionFind,
  verified,
  words,
} from '../../server/modules/analysis/campaigns/campaigns.rules.ts';
import { campaignCorpus, pairScores } from '../helpers/campaigns-corpus.ts';

const LETTER =
  'Vi opfordrer ministeriet til at bevare NemID som et frivilligt alternativ. Mange ældre borgere har ingen smartphone. ' +
  'En kodeviser skal kunne fås gratis på ethvert borgerservice. Løsningen må ikke gøre borgerne afhængige af private banker. ' +
  'Vi beder om at fristen for overgangen forlænges med mindst et år. Borgere uden fast bopæl skal også kunne ' +
  'logge på. Det offentlige har et ansvar for at alle kan være med, også dem der ikke kan eller vil bruge en app.';

describe('campaigns: text and hashing', () => {
  it('normalises case, punctuation, spacing and HTML entities before the exact hash', () => {
    expect(words('Hej,  VERDEN!&amp; Staff’s')).toEqual(['hej', 'verden', "staff's"]);
    expect(exactHash('Hej verden. Det er mig')).toBe(exactHash('  hej, VERDEN!\nDet er mig…'));
    expect(exactHash('Hej verden')).not.toBe(exactHash('Hej verdenen'));
    expect(exactHash('x')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('shingles five words at a time, without repeats, and a short text as one shingle', () => {
    expect(shingles('a b c d e f g'.split(' '))).toHaveLength(3);
    expect(shingles('a b c d e a b c d e'.split(' '))).toHaveLength(5);
    expect(shingles(['kort', 'tekst'])).toHaveLength(1);
    expect(shingles([])).toHaveLength(0);
    const s = shingles(words(LETTER));
    expect([...s]).toEqual([...s].sort((a, b) => a - b));
  });

  it('is deterministic: the same text gives the same signature and band keys', () => {
    const a = prepare(LETTER)!;
    const b = prepare(LETTER)!;
    expect([...a.bands]).toEqual([...b.bands]);
    expect(a.bands).toHaveLength(BANDS);
    expect(prepare('For kort')).toBeNull();
  });

  it('estimates Jaccard similarity within 0.04 on average over many pairs', () => {
    const rand = (() => {
      let s = 7;
      return () => ((s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0), s / 2 ** 32);
    })();
    const vocab = Array.from({ length: 400 }, (_, i) => `w${i}`);
    let err = 0;
    const n = 300;
    for (let i = 0; i < n; i++) {
      const base = Array.from({ length: 60 + Math.floor(rand() * 100) }, () => vocab[Math.floor(rand() * 400)]!);
      // Change a random share of the words, so true similarities spread over 0…1.
      const share = rand();
      const other = base.map((w) => (rand() < share * 0.3 ? vocab[Math.floor(rand() * 400)]! : w));
      const a = shingles(base);
      const b = shingles(other);
      err += Math.abs(estimateJaccard(minhash(a), minhash(b)) - jaccard(a, b));
    }
    expect(err / n).toBeLessThanOrEqual(0.04);
  });
});

describe('campaigns: verification and clustering', () => {
  it('joins near-copies and "the letter plus my own paragraph", not unrelated texts', () => {
    const a = shingles(words(LETTER));
    const edited = shingles(words(LETTER.replace('ældre', 'gamle')));
    const plus = shingles(
      words(
        `${LETTER} Min mor på 91 år kan ikke bruge en app, og hun har ingen at spørge. Tænk på hende og de mange andre.`,
      ),
    );
    const other = shingles(words('Jeg synes at forslaget er godt, men fristen er for kort for kommunerne at nå.'));
    expect(verified(a, edited).ok).toBe(true);
    expect(jaccard(a, plus)).toBeLessThan(0.8);
    expect(verified(a, plus).ok).toBe(true);
    expect(verified(a, other).ok).toBe(false);
  });

  it('union-find joins transitively', () => {
    const uf = new UnionFind(5);
    uf.union(0, 1);
    uf.union(3, 4);
    uf.union(1, 4);
    expect(uf.find(0)).toBe(uf.find(3));
    expect(uf.find(2)).not.toBe(uf.find(0));
  });

  it('finds items sharing a band key through the index', () => {
    const texts = [
      LETTER,
      LETTER.replace('ældre', 'gamle'),
      'Noget helt andet om parkering ved rådhuset i byen i dag.',
    ];
    const bands = new Int32Array(texts.length * BANDS);
    texts.forEach((t, i) => bands.set(prepare(t)!.bands, i * BANDS));
    const index = new LshIndex(bands, texts.length);
    const hits = index.query(prepare(LETTER)!.bands);
    expect(hits.has(0)).toBe(true);
    expect(hits.has(2)).toBe(false);
  });

  it('groups exact copies and edits, chooses the most common text as template, leaves others out', () => {
    const texts = [
      'Jeg er imod forslaget, fordi det koster for meget for de små kommuner i landet.',
      LETTER,
      LETTER.toUpperCase(),
      LETTER,
      `${LETTER} Jeg bor på Lolland, og her er der ingen borgerservice.`,
      LETTER.replace('Mange ældre borgere har ingen smartphone.', 'Mange borgere har ingen smartphone.'),
      'Fint forslag, men husk tilgængeligheden for blinde og svagtseende brugere af løsningen.',
    ];
    const { clusters } = detectCampaigns({ count: texts.length, text: (i) => texts[i]! });
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.template).toBe(1);
    expect([...clusters[0]!.members].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(clusters[0]!.similarity[0]).toBe(1);
  });

  it('leaves a shared portal footer out, so unrelated comments are not glued together', () => {
    const footer = 'Re: Supplemental Nutrition Assistance Program: Requirements and Services for Able-Bodied Adults';
    const texts = [
      'Work for food stamps.',
      'I support this rule.',
      'Please do it now.',
      'No more welfare for able adults.',
      'Yes, reinstate them all.',
      'This is wrong and cruel.',
    ].map((t) => `${t}\n${footer}`);
    expect(findBoilerplate(texts)).toHaveLength(1);
    expect(comparedWords(texts[0]!, new Set(findBoilerplate(texts)))).toEqual(['work', 'for', 'food', 'stamps']);
    expect(detectCampaigns({ count: texts.length, text: (i) => texts[i]! }).clusters).toHaveLength(0);
  });

  it('finds seeded campaigns with edits at recall and precision ≥ 0.95', () => {
    const items = campaignCorpus({ n: 4000, campaigns: 20, share: 0.1, seed: 3 });
    const { clusters } = detectCampaigns({ count: items.length, text: (i) => items[i]!.text });
    const s = pairScores(items, clusters);
    const raw = pairScores(items, clusters, false);
    console.log(
      `campaigns quality (4,000 items, 20 campaigns): at Jaccard ≥ 0.8 precision ${s.precision.toFixed(4)}, ` +
        `recall ${s.recall.toFixed(4)}; every generated member: precision ${raw.precision.toFixed(4)}, recall ${raw.recall.toFixed(4)}`,
    );
    expect(s.recall).toBeGreaterThanOrEqual(0.95);
    expect(s.precision).toBeGreaterThanOrEqual(0.95);
  });
});

describe('campaigns: a member against its template', () => {
  it('splits sentences with their offsets', () => {
    const text = 'Første sætning. Anden!\nTredje uden punktum';
    expect(sentences(text).map((s) => text.slice(s.start, s.end))).toEqual([
      'Første sætning.',
      'Anden!',
      'Tredje uden punktum',
    ]);
  });

  it('marks added, changed and missing sentences; a reordered sentence is the same', () => {
    const template = 'Bevar NemID. Ældre har ingen smartphone. Kodeviseren skal være gratis. Forlæng fristen.';
    const member =
      'Ældre har ingen smartphone. Bevar NemID. Kodeviseren skal være helt gratis for alle. Min mor er 91 og kan ikke bruge en app.';
    const d = diffAgainstTemplate(template, member);
    expect(d.parts.map((p) => p.kind)).toEqual(['same', 'same', 'changed', 'added']);
    expect(d.missing).toEqual(['Forlæng fristen.']);
    const spans = addedSpans(d);
    expect(spans.map((s) => member.slice(s.start, s.end))).toEqual([
      'Kodeviseren skal være helt gratis for alle.',
      'Min mor er 91 og kan ikke bruge en app.',
    ]);
  });
});
