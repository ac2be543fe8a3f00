import type { ActingAs } from '../db/schema.ts';
import {
  CLOSINGS,
  FIRST_NAMES,
  LAST_NAMES,
  OPENINGS,
  ORGANISATIONS,
  REJECTION_REASONS,
  SENTENCES,
  THEME_CONCERN,
  type Lang,
  type Theme,
} from './demo-phrases.ts';

/** Demo respondents and what they answer, from a seeded PRNG (issue 10 item 13). No I/O. */

export type Prng = () => number;

/** mulberry32: small, fast and the same on every machine. */
export function prng(seed: number): Prng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: Prng, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

/** A CVR number whose modulus-11 check holds (weights 2, 7, 6, 5, 4, 3, 2, 1). */
export function cvrFor(seed: number): string {
  const weights = [2, 7, 6, 5, 4, 3, 2];
  for (let n = 10_000_00 + ((seed * 7919) % 8_000_000); ; n++) {
    const digits = String(n).padStart(7, '0').slice(0, 7);
    const sum = [...digits].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return `${digits}${check}`;
  }
}

export type Person = {
  name: string;
  locale: Lang;
  actingAs: ActingAs;
  organisation: string | null;
  cvr: string | null;
};

export function makePerson(rand: Prng): Person {
  const locale: Lang = rand() < 0.78 ? 'da' : 'en';
  const name = `${pick(rand, FIRST_NAMES[locale])} ${pick(rand, LAST_NAMES[locale])}`;
  const r = rand();
  if (r < 0.22) {
    const i = Math.floor(rand() * ORGANISATIONS.length);
    const org = ORGANISATIONS[i]!;
    return { name, locale: 'da', actingAs: org.actingAs, organisation: org.name, cvr: cvrFor(i + 1) };
  }
  return { name, locale, actingAs: r < 0.26 ? 'other' : 'citizen', organisation: null, cvr: null };
}

export type ScenarioRef = { id: string; key: string; eliminated: boolean };
export type Questionnaire = { id: string; kind: string; options: { id: string }[] }[];

const THEMES: Theme[] = ['security', 'seniors', 'partnership', 'cost', 'app', 'privacy', 'lockin'];

export type DemoResponse = {
  locale: Lang;
  respondent: {
    name: string;
    email: string | null;
    actingAs: ActingAs;
    organisationName: string | null;
    cvr: string | null;
  };
  consent: 'public_named' | 'public_anonymous' | 'not_public';
  channel: 'web' | 'letter' | 'email';
  body: string;
  answers: { questionId: string; value: unknown }[];
  publicationStatus: 'pending' | 'approved' | 'rejected' | 'not_requested';
  reason: string | null;
};

const slugOf = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

/** The body: an opening, two to four sentences on one or two themes, a closing. */
function bodyOf(rand: Prng, locale: Lang, themes: Theme[]): string {
  const sentences = new Set<string>();
  const n = 2 + Math.floor(rand() * 3);
  for (let i = 0; i < n; i++) sentences.add(pick(rand, SENTENCES[themes[i % themes.length]!][locale]));
  const parts = [pick(rand, OPENINGS[locale]), ...sentences, pick(rand, CLOSINGS[locale])].filter(Boolean);
  return rand() < 0.3 ? parts.join('\n\n') : parts.join(' ');
}

/** Answers that agree with the themes; about one respondent in five leaves the questionnaire. */
function answersOf(rand: Prng, q: Questionnaire, scenarios: ScenarioRef[], themes: Theme[], locale: Lang) {
  if (q.length === 0 || rand() < 0.2) return [];
  const counted = scenarios.filter((s) => !s.eliminated);
  const favourite = counted.length ? counted[Math.floor(rand() ** 1.4 * counted.length)]! : null;
  const out: { questionId: string; value: unknown }[] = [];
  for (const question of q) {
    if (rand() < 0.15) continue;
    switch (question.kind) {
      case 'scenario_scale':
        out.push({
          questionId: question.id,
          value: Object.fromEntries(
            counted.map((s) => [s.id, s === favourite ? 4 + Math.floor(rand() * 2) : 1 + Math.floor(rand() * 4)]),
          ),
        });
        break;
      case 'single': {
        const ids = question.options.map((o) => o.id);
        const fav = favourite ? favourite.key.toLowerCase() : null;
        out.push({ questionId: question.id, value: fav && ids.includes(fav) && rand() < 0.9 ? fav : pick(rand, ids) });
        break;
      }
      case 'scale':
        out.push({
          questionId: question.id,
          value: themes.includes('partnership') ? 1 + Math.floor(rand() * 3) : 2 + Math.floor(rand() * 4),
        });
        break;
      case 'multi': {
        const ids = new Set(question.options.map((o) => o.id));
        const chosen = [...new Set(themes.map((t) => THEME_CONCERN[t]))].filter((id) => ids.has(id));
        if (chosen.length) out.push({ questionId: question.id, value: chosen.sort() });
        break;
      }
      case 'text':
        if (rand() < 0.35)
          out.push({ questionId: question.id, value: pick(rand, SENTENCES[pick(rand, themes)][locale]) });
        break;
    }
  }
  return out;
}

/**
 * One response. Web responses carry an e-mail; letters (about one in ten) are registered by staff;
 * a not-public response is never reviewed; the others are approved, pending (open hearing), or
 * rejected with a reason (three in all).
 */
export function makeResponse(
  rand: Prng,
  q: Questionnaire,
  scenarios: ScenarioRef[],
  opts: { decided: boolean; rejectedSoFar: number },
): DemoResponse {
  const person = makePerson(rand);
  const first = pick(rand, THEMES);
  const themes =
    rand() < 0.5
      ? [first]
      : [
          first,
          pick(
            rand,
            THEMES.filter((t) => t !== first),
          ),
        ];
  const c = rand();
  const channel = c < 0.1 ? 'letter' : c < 0.13 ? 'email' : 'web';
  const k = rand();
  const consent = k < 0.62 ? 'public_named' : k < 0.8 ? 'public_anonymous' : 'not_public';
  const d = rand();
  let publicationStatus: DemoResponse['publicationStatus'] = 'not_requested';
  let reason: string | null = null;
  if (consent !== 'not_public') {
    if (opts.rejectedSoFar < REJECTION_REASONS.length && d < 0.03) {
      publicationStatus = 'rejected';
      reason = REJECTION_REASONS[opts.rejectedSoFar]!;
    } else publicationStatus = opts.decided || d < 0.6 ? 'approved' : 'pending';
  }
  const domain = person.organisation ? `${slugOf(person.organisation).replace(/\./g, '')}.dk` : 'example.dk';
  const email = channel === 'letter' ? null : `${slugOf(person.name)}@${domain}`;
  return {
    locale: person.locale,
    respondent: {
      name: person.name,
      email,
      actingAs: person.actingAs,
      organisationName: person.organisation,
      cvr: person.cvr,
    },
    consent,
    channel,
    body: bodyOf(rand, person.locale, themes),
    answers: answersOf(rand, q, scenarios, themes, person.locale),
    publicationStatus,
    reason,
  };
}
