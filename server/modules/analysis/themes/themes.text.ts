import { createRequire } from 'node:module';
import { stemmer as danishStemmer } from '@orama/stemmers/danish';
import { stemmer as englishStemmer } from '@orama/stemmers/english';

/**
 * Text to terms for suggested themes (issue 11 story 8): normalise, tokenise, drop stop words, stem
 * in the item's own language (Snowball stemmers from `@orama/stemmers`, stop words from `stopword`).
 * No I/O: the lists are bundled with the packages, nothing is downloaded.
 */
export type ThemeLanguage = 'danish' | 'english';

// `stopword` ships CommonJS without types; only its two word lists are used.
const lists = createRequire(import.meta.url)('stopword') as { dan: string[]; eng: string[] };

/**
 * Words too common in input to tell themes apart, beyond the general lists: the words of the
 * consultation setting itself and fillers the lists leave in.
 */
const EXTRA: Record<ThemeLanguage, readonly string[]> = {
  danish: ['ved', 'samt', 'bør', 'vil', 'kan', 'skal', 'også', 'mv', 'fx', 'dvs', 'osv', 'hvilket'],
  english: ['also', 'would', 'could', 'should', 'may', 'might', 'must', 'will', 'can', 'shall', 'etc'],
};

export const STOP_WORDS: Record<ThemeLanguage, ReadonlySet<string>> = {
  danish: new Set([...lists.dan, ...EXTRA.danish]),
  english: new Set([...lists.eng, ...EXTRA.english, "i'm", "it's", "don't", "didn't", "can't", "won't"]),
};

const STEMMERS: Record<ThemeLanguage, (w: string) => string> = {
  danish: danishStemmer,
  english: englishStemmer,
};

/** Lower case, one form per character (NFKC), typographic apostrophes as ASCII. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'");
}

// Letters (with marks), optionally joined by an apostrophe or a hyphen inside the word.
const WORD = /\p{L}[\p{L}\p{M}]*(?:['-]\p{L}[\p{L}\p{M}]*)*/gu;
const URLISH = /\b(?:https?:\/\/|www\.)\S+|\S+@\S+\.\S+/g;

/** The words of a text in order, normalised; links and e-mail addresses are left out. */
export function tokenise(text: string): string[] {
  return normalise(text).replace(URLISH, ' ').match(WORD) ?? [];
}

export type Term = { stem: string; surface: string; position: number };

/**
 * The content words of a text: each word with its stem and where it stood (for bigrams of words
 * that stood side by side). Stop words and one-letter words are dropped; a word is stemmed in the
 * text's language.
 */
export function contentTerms(text: string, language: ThemeLanguage): Term[] {
  const stop = STOP_WORDS[language];
  const stem = STEMMERS[language];
  const out: Term[] = [];
  const words = tokenise(text);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.length < 2 || w.length > 40 || stop.has(w)) continue;
    const s = stem(w);
    if (s.length < 2) continue;
    out.push({ stem: s, surface: w, position: i });
  }
  return out;
}

/** Unigram stems and, for words that stood next to each other, bigram stems ("stem1 stem2"). */
export function termKeys(terms: readonly Term[], bigrams: boolean): string[] {
  const keys = terms.map((t) => t.stem);
  if (!bigrams) return keys;
  for (let i = 1; i < terms.length; i++) {
    const a = terms[i - 1]!;
    const b = terms[i]!;
    if (b.position === a.position + 1 && a.stem !== b.stem) keys.push(`${a.stem} ${b.stem}`);
  }
  return keys;
}

/** The sentences of a text (for a quote): split after . ! ? or a line break. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 0);
}
