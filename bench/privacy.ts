/**
 * The personal-data scan at scale (issue 12, Measure: "personal-data scan ≤ 2 min per 1 M
 * responses"): the pure scanner of server/modules/analysis/privacy on BENCH_PRIVACY_ITEMS (default
 * 100,000) generated response texts of hearing-response length, Danish and English, with CPR
 * numbers (with a hyphen, a space or none; a share without the modulus-11 check), phone numbers and
 * e-mail addresses sprinkled into a few percent of them, and traps that must not be flagged in many
 * more (amounts, dates, CVR numbers, year ranges, case numbers). Prints the time, the rate and its
 * projection to a million, what was found of what was planted, false hits, and the peak RSS.
 * Run alone with `npx tsx bench/privacy.ts`, or with `BENCH_ONLY=privacy npm run bench`.
 */
import { scanText } from '../server/modules/analysis/privacy/privacy.rules.ts';
import { seededRandom } from '../server/modules/analysis/themes/themes.cluster.ts';

const WORDS = `borger borgere digital identitet løsning kodeviser app mobil smartphone sikkerhed adgang ældre
  handicap skærmlæser kommune stat myndighed virksomhed medarbejder signatur login adgangskode privatliv data
  beskyttelse tillid brugervenlig hjælp support borgerservice pas kørekort bank offentlig pris gratis sprog
  og at det er en for til på med ikke som der skal kan vil har af den de vi jeg men også eller så
  citizen security access privacy trust the and of to is that for we should`
  .split(/\s+/)
  .filter(Boolean);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export type PrivacyBench = {
  items: number;
  ms: number;
  perMillionSeconds: number;
  planted: number;
  found: number;
  falseHits: number;
  peakRssMb: number;
  pass: boolean;
};

export async function benchPrivacy(n = Number(process.env.BENCH_PRIVACY_ITEMS ?? 100_000)): Promise<PrivacyBench> {
  const rand = seededRandom(12);
  const int = (k: number) => Math.floor(rand() * k);
  const cpr = () => {
    const d = `${pad(1 + int(28))}${pad(1 + int(12))}${pad(int(100))}`;
    const sep = ['-', ' ', ''][int(3)];
    return `${d}${sep}${int(4)}${pad(int(1000), 3)}`;
  };
  const phone = () => {
    const digits = `${2 + int(8)}${pad(int(10_000_000), 7)}`;
    const form = int(3);
    if (form === 0) return `+45 ${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4, 6)} ${digits.slice(6)}`;
    if (form === 1) return `${digits.slice(0, 4)} ${digits.slice(4)}`;
    return `tlf. ${digits}`;
  };
  const email = () => `person${int(100_000)}@eksempel${int(50)}.dk`;
  const traps = [
    () => `${int(1000)}.${pad(int(1000), 3)}.${pad(int(1000), 3)} kr.`,
    () => `den ${pad(1 + int(28))}-${pad(1 + int(12))}-20${pad(int(30))}`,
    () => `CVR ${2 + int(8)}${pad(int(10_000_000), 7)}`,
    () => `i perioden 20${pad(int(30))}-20${pad(30 + int(20))}`,
    () => `sag nr. 2026-${pad(int(10_000), 4)}`,
  ];

  const texts: string[] = [];
  let planted = 0;
  for (let i = 0; i < n; i++) {
    const words: string[] = [];
    const len = 60 + int(80);
    for (let w = 0; w < len; w++) words.push(WORDS[int(WORDS.length)]!);
    if (rand() < 0.3) words.splice(int(words.length), 0, traps[int(traps.length)]!());
    const r = rand();
    if (r < 0.02) words.splice(int(words.length), 0, `CPR ${cpr()},`);
    else if (r < 0.04) words.splice(int(words.length), 0, `${phone()},`);
    else if (r < 0.06) words.splice(int(words.length), 0, email());
    if (r < 0.06) planted++;
    texts.push(`${words.join(' ')}.`);
  }

  let found = 0;
  let falseHits = 0;
  let peak = process.memoryUsage().rss;
  const t0 = performance.now();
  for (let i = 0; i < texts.length; i++) {
    const hits = scanText(texts[i]!);
    if (hits.length > 0) {
      found += Math.min(1, hits.length);
      falseHits += Math.max(0, hits.length - 1);
    }
    if ((i & 0x3fff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const ms = performance.now() - t0;
  peak = Math.max(peak, process.memoryUsage().rss);
  // Texts without a planted item that still had a hit are false hits too.
  falseHits += Math.max(0, found - planted);
  const perMillionSeconds = ((ms / n) * 1_000_000) / 1000;
  const out = {
    items: n,
    ms: Math.round(ms),
    perMillionSeconds: Math.round(perMillionSeconds * 10) / 10,
    planted,
    found: Math.min(found, planted),
    falseHits,
    peakRssMb: Math.round(peak / 1024 / 1024),
    pass: perMillionSeconds <= 120,
  };
  process.stdout.write(
    `  ${n.toLocaleString('en')} texts in ${out.ms} ms → ${out.perMillionSeconds} s per million (target ≤ 120 s) ` +
      `${out.pass ? 'PASS' : 'FAIL'}\n  planted ${planted}, found ${out.found}, false hits ${falseHits}, peak RSS ${out.peakRssMb} MB\n`,
  );
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write('\npersonal-data scan\n');
  await benchPrivacy();
}
