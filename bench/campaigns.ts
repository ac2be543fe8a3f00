/**
 * Campaign detection at scale (issue 12, Measure: "campaign detection over 1 M responses ≤ 3 min,
 * peak RSS reported; an incremental run for 1,000 new responses ≤ 5 s"): the pure pipeline of
 * server/modules/analysis/campaigns on BENCH_CAMPAIGNS_ITEMS (default 100,000) synthetic responses,
 * 5 % of them in 50 campaigns of edited copies (synonym swaps, reordered, added and left-out
 * sentences), then 1,000 new ones against the first run's index. Prints the time per phase, pairs
 * checked, precision and recall, and the peak resident set size. Run alone with
 * `npx tsx bench/campaigns.ts`, or `BENCH_ONLY=campaigns npm run bench`.
 */
import {
  detectCampaigns,
  detectIncremental,
  type DetectPhase,
} from '../server/modules/analysis/campaigns/campaigns.rules.ts';
import { campaignCorpus, pairScores } from '../test/helpers/campaigns-corpus.ts';

export async function benchCampaigns(n = Number(process.env.BENCH_CAMPAIGNS_ITEMS ?? 100_000)) {
  const items = campaignCorpus({ n, campaigns: 50, share: 0.05, seed: 2026 });
  const phases = new Map<DetectPhase, number>();
  const started = performance.now();
  let last = started;
  let current: DetectPhase | null = null;
  const result = detectCampaigns(
    { count: n, text: (i) => items[i]!.text },
    {
      progress: (phase) => {
        if (phase === current) return;
        const now = performance.now();
        if (current) phases.set(current, (phases.get(current) ?? 0) + now - last);
        [current, last] = [phase, now];
      },
    },
  );
  const total = performance.now() - started;
  if (current) phases.set(current, (phases.get(current) ?? 0) + performance.now() - last);
  const scores = pairScores(items, result.clusters);
  const raw = pairScores(items, result.clusters, false);

  // 1,000 new responses, drawn like the first ones (so about 50 join campaigns).
  const more = campaignCorpus({ n: n + 1000, campaigns: 50, share: 0.05, seed: 2026 }).slice(n);
  const t0 = performance.now();
  const links = detectIncremental(
    result.state,
    (i) => items[i]!.text,
    more.map((x, k) => ({ item: n + k, text: x.text })),
  );
  const incremental = performance.now() - t0;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  const figures = {
    items: n,
    seconds: Math.round(total) / 1000,
    phases: Object.fromEntries([...phases].map(([p, ms]) => [p, Math.round(ms) / 1000])),
    clusters: result.clusters.length,
    pairsChecked: result.pairsChecked,
    precision: scores.precision,
    recall: scores.recall,
    precisionAllMembers: raw.precision,
    recallAllMembers: raw.recall,
    incremental: { items: more.length, seconds: Math.round(incremental) / 1000, links: links.length },
    peakRssMb: Math.round(rssMb),
  };
  console.log(`campaign detection: ${n.toLocaleString('en')} responses, ${result.clusters.length} campaigns found`);
  console.log(
    `  total ${figures.seconds.toFixed(1)} s; ${[...phases].map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s`).join(', ')}; ${result.pairsChecked} candidate pairs`,
  );
  console.log(
    `  at Jaccard ≥ 0.8: precision ${scores.precision.toFixed(4)}, recall ${scores.recall.toFixed(4)}` +
      ` (every generated member: ${raw.precision.toFixed(4)} / ${raw.recall.toFixed(4)})`,
  );
  console.log(`  incremental: 1,000 new responses in ${(incremental / 1000).toFixed(2)} s, ${links.length} joined`);
  console.log(`  peak RSS ${rssMb.toFixed(0)} MB`);
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCampaigns();
