/**
 * Suggested themes at scale (issue 11, Measure: "suggested themes over 100,000 items ≤ 5 min with
 * peak RSS reported"): the pure pipeline of server/modules/analysis/themes on BENCH_THEMES_ITEMS
 * (default 100,000) synthetic items of hearing-response length, four in five Danish, the rest
 * English, each drawn from one of 20 themes plus a long tail of rarer words and misspellings.
 * Prints the time per phase, the k chosen, and the peak resident set size. Run alone:
 * `npx tsx bench/themes.ts` (not part of `npm run bench`, which measures the HTTP routes).
 */
import { seededRandom } from '../server/modules/analysis/themes/themes.cluster.ts';
import { suggestThemes, type ThemeItem, type ThemePhase } from '../server/modules/analysis/themes/themes.rules.ts';

const N = Number(process.env.BENCH_THEMES_ITEMS ?? 100_000);
const rand = seededRandom(2026);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const DA_COMMON = ['løsningen', 'borgerne', 'digital', 'forslaget', 'staten', 'kommunerne', 'sikkerhed', 'adgang'];
const EN_COMMON = ['solution', 'citizens', 'digital', 'proposal', 'state', 'councils', 'security', 'access'];
const DA_FRAME = [
  'Vi mener at',
  'Det er vigtigt at',
  'Jeg er bekymret for at',
  'Vi foreslår at',
  'Efter vores vurdering vil',
];
const EN_FRAME = ['We believe that', 'It is important that', 'I am worried that', 'We propose that', 'In our view'];
// A long tail: pseudo-words that recur rarely, as names, places and misspellings do in real input.
const TAIL = Array.from({ length: 40_000 }, (_, i) => `ord${(i * 7919).toString(36)}`);

/** 20 themes of 25 words each, in a Danish and an English flavour. */
const THEMES = Array.from({ length: 20 }, (_, t) => ({
  da: Array.from({ length: 25 }, (_, w) => `tema${t}ord${w}ing`),
  en: Array.from({ length: 25 }, (_, w) => `theme${t}word${w}ing`),
}));

function sentence(lang: 'da' | 'en', theme: (typeof THEMES)[number]): string {
  const words = [pick(lang === 'da' ? DA_FRAME : EN_FRAME)];
  for (let i = 0; i < 10; i++) {
    const r = rand();
    if (r < 0.45) words.push(pick(theme[lang]));
    else if (r < 0.75) words.push(pick(lang === 'da' ? DA_COMMON : EN_COMMON));
    else if (r < 0.9)
      words.push(lang === 'da' ? pick(['og', 'det', 'er', 'ikke', 'med']) : pick(['and', 'the', 'is', 'not', 'with']));
    else words.push(pick(TAIL));
  }
  return `${words.join(' ')}.`;
}

const items: ThemeItem[] = Array.from({ length: N }, (_, i) => {
  const lang = rand() < 0.8 ? ('da' as const) : ('en' as const);
  const theme = pick(THEMES);
  const n = 5 + Math.floor(rand() * 10);
  const text = Array.from({ length: n }, () => sentence(lang, theme)).join(' ');
  return { key: String(i), text, language: lang === 'da' ? 'danish' : 'english' };
});

const words = items.reduce((s, x) => s + x.text.split(' ').length, 0);
const phases = new Map<ThemePhase, number>();
const started = performance.now();
let last = started;
let current: ThemePhase | null = null;
const result = await suggestThemes(items, { seed: 1 }, (phase) => {
  if (phase === current) return;
  const now = performance.now();
  if (current) phases.set(current, (phases.get(current) ?? 0) + now - last);
  [current, last] = [phase, now];
});
const total = performance.now() - started;
if (current) phases.set(current, (phases.get(current) ?? 0) + performance.now() - last);
const rssMb = process.resourceUsage().maxRSS / 1024;
console.log(`suggested themes: ${N} items, ${(words / N).toFixed(0)} words each on average`);
console.log(
  `  total ${(total / 1000).toFixed(1)} s; ${[...phases].map(([p, ms]) => `${p} ${(ms / 1000).toFixed(1)} s`).join(', ')}`,
);
console.log(`  k = ${result.k}, vocabulary ${result.vocabulary}, ${result.candidates.length} candidates`);
console.log(`  peak RSS ${rssMb.toFixed(0)} MB`);
