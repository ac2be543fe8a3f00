/**
 * The personal-data scanner (issue 12, story 2). Pure, no I/O. It finds CPR numbers, e-mail
 * addresses, Danish phone numbers and, when the respondent chose to be anonymous, their own name and
 * e-mail in a text. Offsets count Unicode code points, as coded passages do (codings.rules.ts) and as
 * PostgreSQL's `substr` does, so the database can cut the same characters; a hit is [start, end).
 *
 * CPR numbers (CPR-loven § 54, stk. 3; databeskyttelsesloven § 11, stk. 3): DDMMYY-SSSS, with a
 * hyphen, a space or nothing between the two parts, whose date is a real one in the century the 7th
 * digit names. The modulus-11 check is never used to clear a number: numbers without it have been
 * issued since 2007. Replacement numbers (erstatningspersonnumre, day + 60) are flagged too.
 */

export type FindingKind = 'cpr' | 'email' | 'phone' | 'own_name' | 'own_email';

export interface Finding {
  readonly kind: FindingKind;
  /** Code points from the start of the text. */
  readonly start: number;
  readonly end: number;
  /** The characters found (personal data: staff only). */
  readonly quote: string;
}

/** What the scanner knows of the respondent: their name and e-mail are looked for when anonymous. */
export interface Respondent {
  readonly anonymous: boolean;
  readonly name?: string | null | undefined;
  readonly email?: string | null | undefined;
}

/** The year a CPR number's date falls in, by the century rule of its 7th digit (the first of the serial). */
export function cprYear(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether ten digits (separators removed) are CPR-shaped: a real date in the century the 7th digit names. */
export function isCprShaped(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let dd = Number(digits.slice(0, 2));
  const mm = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const seventh = Number(digits[6]);
  if (dd > 60) dd -= 60; // an erstatningspersonnummer
  if (mm < 1 || mm > 12 || dd < 1) return false;
  const year = cprYear(yy, seventh);
  const max = mm === 2 && isLeap(year) ? 29 : DAYS[mm - 1]!;
  return dd <= max;
}

/** The modulus-11 check, for information only: it never clears a number (see above). */
export function passesModulus11(digits: string): boolean {
  const w = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * w[i]!;
  return sum % 11 === 0;
}

// Not inside a longer number or word: no letter or digit next to it, nor a digit behind a joiner
// ("1.010190-1234", "0101901234-5"), so account numbers and amounts are not cut into a CPR number.
const BEFORE = String.raw`(?<![\p{L}\p{N}]|\p{N}[.,/-])`;
const AFTER = String.raw`(?![\p{L}\p{N}]|[.,/-]\p{N})`;

const CPR = new RegExp(String.raw`${BEFORE}(\d{6})[- \u00a0\u2010\u2011]?(\d{4})${AFTER}`, 'gu');

const EMAIL =
  /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/gu;

// Danish numbers are eight digits, the first 2–9. With the country code (+45, 0045, (+45)) in any
// grouping; without it in the usual groupings (12 34 56 78, 12-34-56-78, 1234 5678); eight bare digits
// only after a word that announces a phone number, so a CVR number or an amount is never taken for one.
const SEP = String.raw`[ \u00a0.-]?`;
const PREFIXED = new RegExp(
  String.raw`(?<![\p{L}\p{N}+])(?:\+45|0045|\(\+45\)|\(0045\))[ \u00a0]?[2-9]\d${SEP}\d\d${SEP}\d\d${SEP}\d\d${AFTER}`,
  'gu',
);
// Groups are not read out of a longer run of groups ("+45 12 34 56 78" is not "45 12 34 56").
const BEFORE_GROUP = String.raw`(?<![\p{L}\p{N}+]|\p{N}[.,/ \u00a0-])`;
const AFTER_GROUP = String.raw`(?![\p{L}\p{N}]|[.,/ \u00a0-]\p{N})`;
const GROUPED = new RegExp(
  String.raw`${BEFORE_GROUP}(?:[2-9]\d([ \u00a0.-])\d\d\1\d\d\1\d\d|[2-9]\d{3}[ \u00a0]\d{4})${AFTER_GROUP}`,
  'gu',
);
const CUED = new RegExp(
  String.raw`(?<=\b(?:tlf|telefon|telefonnummer|telefonnr|mobil|mobilnummer|mob|tel|phone|mobile|ring|sms)\.?:?[ \u00a0]*(?:nr\.?[ \u00a0]*)?)[2-9]\d{7}${AFTER}`,
  'giu',
);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The respondent's own name as they may write it: in full, and first + last when there are middle names. */
function nameForms(name: string): string[] {
  const parts = name
    .trim()
    .split(/\s+/u)
    .filter((p) => p !== '');
  if (parts.length < 2 || parts.some((p) => p.length < 2))
    return parts.length === 1 && parts[0]!.length >= 4 ? parts : [];
  const forms = [parts.join(' ')];
  if (parts.length > 2) forms.push(`${parts[0]} ${parts.at(-1)}`);
  return forms;
}

/** A converter from UTF-16 offsets to code points (identity when the text has no surrogate pairs). */
function codePointIndex(text: string): (i: number) => number {
  if (!/[\ud800-\udfff]/.test(text)) return (i) => i;
  return (i) => {
    let n = 0;
    for (let k = 0; k < i; k++) {
      const c = text.charCodeAt(k);
      if (!(
        c >= 0xdc00 &&
        c <= 0xdfff &&
        k > 0 &&
        text.charCodeAt(k - 1) >= 0xd800 &&
        text.charCodeAt(k - 1) <= 0xdbff
      ))
        n++;
    }
    return n;
  };
}

/**
 * Every finding in the text, in order of start; overlapping findings keep the longest (a CPR
 * number is not also a phone number). Cheap when there is nothing: a text without '@' or a digit
 * run is not searched by the patterns that need them.
 */
export function scanText(text: string, respondent?: Respondent): Finding[] {
  const raw: { kind: FindingKind; start: number; end: number }[] = [];
  const add = (kind: FindingKind, re: RegExp, keep: (m: RegExpExecArray) => boolean = () => true) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (keep(m)) raw.push({ kind, start: m.index, end: m.index + m[0].length });
    }
  };
  const hasDigits = /\d{2}/.test(text);
  if (hasDigits) {
    add('cpr', CPR, (m) => isCprShaped(m[1]! + m[2]!));
    add('phone', PREFIXED);
    add('phone', GROUPED);
    add('phone', CUED);
  }
  if (text.includes('@')) add('email', EMAIL);
  if (respondent?.anonymous) {
    const lower = text.toLocaleLowerCase('da');
    for (const form of respondent.name ? nameForms(respondent.name) : []) {
      add(
        'own_name',
        new RegExp(
          String.raw`(?<![\p{L}\p{N}])${escapeRe(form).replace(/ /g, String.raw`\s+`)}(?![\p{L}\p{N}])`,
          'giu',
        ),
      );
    }
    const email = respondent.email?.trim().toLocaleLowerCase('da');
    if (email && email.includes('@')) {
      for (let i = lower.indexOf(email); i !== -1; i = lower.indexOf(email, i + email.length)) {
        raw.push({ kind: 'own_email', start: i, end: i + email.length });
      }
    }
  }
  if (raw.length === 0) return [];
  // Longest first at each start, then drop whatever overlaps a kept one; an own e-mail outranks an e-mail.
  const rank = (k: FindingKind) => (k === 'own_email' || k === 'own_name' ? 0 : 1);
  raw.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || rank(a.kind) - rank(b.kind));
  const kept: typeof raw = [];
  for (const f of raw) {
    const prev = kept.at(-1);
    if (prev && f.start < prev.end) {
      if (f.end - f.start > prev.end - prev.start) kept[kept.length - 1] = f;
      continue;
    }
    kept.push(f);
  }
  const cp = codePointIndex(text);
  return kept.map((f) => ({ kind: f.kind, start: cp(f.start), end: cp(f.end), quote: text.slice(f.start, f.end) }));
}

export interface Cut {
  readonly start: number;
  readonly end: number;
}

/** What replaces a redacted passage where the public can see it. */
export const REDACTED = '[…]';

/**
 * The text with the cuts replaced by REDACTED (code-point offsets; overlapping cuts merge; cuts
 * outside the text are clipped). The same rule as the database's samraad_redact.
 */
export function redact(text: string, cuts: readonly Cut[]): string {
  if (cuts.length === 0) return text;
  const chars = Array.from(text);
  const sorted = [...cuts]
    .map((c) => ({ start: Math.max(0, c.start), end: Math.min(chars.length, c.end) }))
    .filter((c) => c.start < c.end)
    .sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const c of sorted) {
    if (c.end <= at) continue;
    if (c.start < at && out !== '') {
      at = c.end; // overlaps the cut just made: that one grows
      continue;
    }
    out += chars.slice(at, c.start).join('') + REDACTED;
    at = c.end;
  }
  return out + chars.slice(at).join('');
}

/** A few words around a passage for the queue (code-point offsets), so staff see what they decide on. */
export function contextOf(text: string, start: number, end: number, width = 60) {
  const chars = Array.from(text);
  const from = Math.max(0, start - width);
  const to = Math.min(chars.length, end + width);
  return {
    before: (from > 0 ? '…' : '') + chars.slice(from, start).join(''),
    quote: chars.slice(start, end).join(''),
    after: chars.slice(end, to).join('') + (to < chars.length ? '…' : ''),
  };
}

/**
 * The cuts of a field that fall inside a quoted passage [start, end) of it, shifted into the quote's
 * own offsets (a coded quote shown to a reader who is not staff: issue 14 story 2).
 */
export function cutsWithin(cuts: readonly Cut[], start: number, end: number): Cut[] {
  return cuts
    .filter((c) => c.start < end && c.end > start)
    .map((c) => ({ start: Math.max(0, c.start - start), end: Math.min(end, c.end) - start }));
}
