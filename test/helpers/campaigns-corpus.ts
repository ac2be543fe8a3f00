/**
 * A synthetic consultation for campaign detection (issue 12): organic responses plus form-letter
 * campaigns whose members are edited copies of their template — exact copies, synonym swaps,
 * reordered sentences, a personal sentence or paragraph added, a sentence left out — as the FCC
 * and regulations.gov dockets show them. Deterministic from the seed. Used by the unit test and
 * bench/campaigns.ts.
 */
import { shingles } from '../../server/modules/analysis/campaigns/campaigns.minhash.ts';
import { verified, words } from '../../server/modules/analysis/campaigns/campaigns.rules.ts';

/**
 * `nearCopy`: a campaign member still within the threshold of its template (Jaccard ≥ 0.8, or
 * the template ≥ 0.9 contained in it); a member edited beyond that is no near-copy by definition.
 */
export type CorpusItem = { text: string; campaign: number | null; nearCopy: boolean };

function seeded(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const FILLER = ['og', 'det', 'er', 'ikke', 'at', 'med', 'for', 'til', 'som', 'en', 'vi', 'jeg', 'på', 'der', 'har'];

export function campaignCorpus(opts: {
  n: number;
  campaigns?: number;
  share?: number;
  seed?: number;
  /** Numbering of the generated words, so a later batch (incremental run) draws fresh organic text. */
  offset?: number;
}): CorpusItem[] {
  const rand = seeded(opts.seed ?? 12);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const campaigns = opts.campaigns ?? 50;
  const share = opts.share ?? 0.05;
  // A vocabulary with a common head and a long tail, so organic texts share words but not phrases.
  const vocab = Array.from({ length: 30_000 }, (_, i) => `o${(i * 7919).toString(36)}d`);
  const word = () => (rand() < 0.35 ? pick(FILLER) : vocab[Math.floor(rand() ** 2 * vocab.length)]!);
  const sentence = (min = 7, spread = 8) => {
    const n = min + Math.floor(rand() * spread);
    const ws = Array.from({ length: n }, word);
    return `${ws[0]!.charAt(0).toUpperCase()}${ws.join(' ').slice(1)}.`;
  };
  // Campaign templates: 10–15 sentences of 12–19 words (150–250 words, a form letter's length).
  const templates = Array.from({ length: campaigns }, () =>
    Array.from({ length: 10 + Math.floor(rand() * 6) }, () => sentence(12, 8)),
  );
  const edit = (template: string[]): string => {
    let ss = [...template];
    const r = rand();
    if (r < 0.3) return ss.join(' ');
    const edits = rand() < 0.75 ? 1 : 2;
    for (let e = 0; e < edits; e++) {
      const kind = rand();
      if (kind < 0.3) {
        // Synonym swap: one word of one sentence for another word.
        const i = Math.floor(rand() * ss.length);
        const ws = ss[i]!.slice(0, -1).split(' ');
        ws[1 + Math.floor(rand() * (ws.length - 1))] = `syn${Math.floor(rand() * 1000)}`;
        ss[i] = `${ws.join(' ')}.`;
      } else if (kind < 0.55) {
        // Two sentences change places.
        const i = Math.floor(rand() * ss.length);
        const j = Math.floor(rand() * ss.length);
        [ss[i], ss[j]] = [ss[j]!, ss[i]!];
      } else if (kind < 0.9) {
        // A personal sentence or a short paragraph, at the start or the end.
        const added = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => sentence());
        ss = rand() < 0.5 ? [...added, ...ss] : [...ss, ...added];
      } else if (ss.length > 6) {
        ss.splice(Math.floor(rand() * ss.length), 1);
      }
    }
    return ss.join(' ');
  };
  const out: CorpusItem[] = [];
  for (let i = 0; i < opts.n; i++) {
    if (rand() < share) {
      const c = Math.floor(rand() * campaigns);
      const text = edit(templates[c]!);
      const nearCopy = verified(shingles(words(text)), shingles(words(templates[c]!.join(' ')))).ok;
      out.push({ text, campaign: c, nearCopy });
    } else {
      const n = 2 + Math.floor(rand() * 9);
      out.push({ text: Array.from({ length: n }, () => sentence()).join(' '), campaign: null, nearCopy: false });
    }
  }
  return out;
}

/**
 * Pairwise precision and recall of detected clusters against the generated campaigns (each pair
 * of items put together is right when both are in the same campaign), from the contingency table.
 * `atThreshold`: members edited beyond the threshold (not near-copies) are left out of the count.
 */
export function pairScores(
  all: readonly CorpusItem[],
  found: readonly { members: readonly number[] }[],
  atThreshold = true,
) {
  const skip = (x: CorpusItem) => atThreshold && x.campaign !== null && !x.nearCopy;
  const items = all.map((x) => (skip(x) ? null : x));
  const clusters = found.map((c) => ({ members: c.members.filter((m) => items[m] !== null) }));
  const pairs = (k: number) => (k * (k - 1)) / 2;
  const truth = new Map<number, number>();
  for (const x of items) if (x && x.campaign !== null) truth.set(x.campaign, (truth.get(x.campaign) ?? 0) + 1);
  let predicted = 0;
  let correct = 0;
  for (const c of clusters) {
    predicted += pairs(c.members.length);
    const by = new Map<number, number>();
    for (const m of c.members) {
      const t = items[m]!.campaign;
      if (t !== null) by.set(t, (by.get(t) ?? 0) + 1);
    }
    for (const k of by.values()) correct += pairs(k);
  }
  let truePairs = 0;
  for (const k of truth.values()) truePairs += pairs(k);
  return { precision: predicted === 0 ? 1 : correct / predicted, recall: truePairs === 0 ? 1 : correct / truePairs };
}
