/**
 * Real-data check (issue 11 story 8): suggested themes on 7,908 real NHS patient comments labelled
 * by analysts (../shared/data/nhs-patient-feedback-themes/SOURCE.md). Each comment's first label (in
 * the framework's column order) is its class; empty texts and "Labelling not possible" are left out.
 * The pipeline runs as the job runs it (k chosen by silhouette), and its clusters are compared with
 * the labels by NMI and purity, against a random clustering with the same cluster sizes (seeded).
 * Prints the figures; asserts only that the clusters beat chance by a clear margin.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../server/modules/analysis/themes/themes.cluster.ts';
import { normalisedMutualInformation, purity } from '../../server/modules/analysis/themes/themes.metrics.ts';
import { suggestThemes, type ThemeItem } from '../../server/modules/analysis/themes/themes.rules.ts';
import { parseCsv, usdaDataDir } from './helpers/regulations-gov.ts';

const FILE = path.join(path.dirname(usdaDataDir()), 'nhs-patient-feedback-themes', 'v6framework_230831.csv');
const FIRST_LABEL_COLUMN = 'Not assigned';
const UNLABELLABLE = 'Labelling not possible';

function loadComments(): { items: ThemeItem[]; labels: string[] } {
  const [header, ...rows] = parseCsv(readFileSync(FILE, 'utf8'));
  const text = header!.indexOf('FFT answer');
  const first = header!.indexOf(FIRST_LABEL_COLUMN);
  const items: ThemeItem[] = [];
  const labels: string[] = [];
  for (const row of rows) {
    const body = (row[text] ?? '').trim();
    if (body === '') continue;
    const label = header!.slice(first).find((_, j) => row[first + j]?.trim() === '1');
    if (!label || label === UNLABELLABLE) continue;
    items.push({ key: row[0]!, text: body, language: 'english' });
    labels.push(label);
  }
  return { items, labels };
}

/** The same cluster sizes, members drawn at random (Fisher–Yates with a seed). */
function randomClusters(sizes: readonly number[], seed: number): number[] {
  const out = sizes.flatMap((n, c) => Array<number>(n).fill(c));
  const rand = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('suggested themes on the NHS patient feedback', () => {
  it('agree with the analysts’ labels far better than chance', { timeout: 300_000 }, async () => {
    const { items, labels } = loadComments();
    expect(items.length).toBeGreaterThan(5000);
    const started = performance.now();
    const r = await suggestThemes(items, { seed: 1 });
    const ms = performance.now() - started;
    const clusterOf = new Map<string, number>();
    r.candidates.forEach((c, x) => c.members.forEach((m) => clusterOf.set(m.key, x)));
    const kept = items.flatMap((it, i) => (clusterOf.has(it.key) ? [i] : []));
    const clusters = kept.map((i) => clusterOf.get(items[i]!.key)!);
    const truth = kept.map((i) => labels[i]!);
    const sizes = r.candidates.map((c) => c.members.length);
    const nmi = normalisedMutualInformation(clusters, truth);
    const pur = purity(clusters, truth);
    const chance = [1, 2, 3, 4, 5].map((s) => {
      const rc = randomClusters(sizes, s);
      return { nmi: normalisedMutualInformation(rc, truth), purity: purity(rc, truth) };
    });
    const chanceNmi = Math.max(...chance.map((c) => c.nmi));
    const chancePurity = Math.max(...chance.map((c) => c.purity));
    console.log(
      [
        `NHS feedback: ${items.length} comments, ${new Set(labels).size} first labels, ${kept.length} clustered`,
        `k = ${r.k} (silhouette over ${r.silhouette.map((s) => `${s.k}:${s.silhouette.toFixed(3)}`).join(' ')})`,
        `${r.candidates.filter((c) => !c.singleVoice).length} themes, ${r.candidates.filter((c) => c.singleVoice).length} single-voice groups, vocabulary ${r.vocabulary}`,
        `NMI ${nmi.toFixed(3)} (random, same sizes: ≤ ${chanceNmi.toFixed(3)})`,
        `purity ${pur.toFixed(3)} (random, same sizes: ≤ ${chancePurity.toFixed(3)})`,
        `time ${(ms / 1000).toFixed(1)} s`,
        ...r.candidates.slice(0, 8).map((c) => `  ${c.members.length}: ${c.terms.map((t) => t.term).join(', ')}`),
      ].join('\n'),
    );
    expect(nmi).toBeGreaterThan(chanceNmi * 3);
    expect(pur).toBeGreaterThan(chancePurity + 0.05);
  });
});
