/**
 * Passages of a text for coding (issue 11 story 4). Pure, no DOM. The server counts a coding's
 * offsets in Unicode code points (`Array.from(text)` indices) while JavaScript strings and the
 * DOM's Range count UTF-16 code units: the conversions live here, with the text cut into runs
 * covered by sets of codings (overlaps and nesting), and a selection snapped to whole words.
 * A passage is [start, end) in code points.
 */

export interface Passage {
  readonly start: number;
  readonly end: number;
}

/** The text's length in code points. */
export const cpLength = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

/** A UTF-16 offset as a code-point offset; an offset inside a surrogate pair counts the whole character. */
export function utf16ToCp(text: string, utf16: number): number {
  const stop = Math.max(0, Math.min(utf16, text.length));
  let cp = 0;
  for (let i = 0; i < stop;) {
    const c = text.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    cp++;
  }
  return cp;
}

/** A code-point offset as a UTF-16 offset (clamped to the text). */
export function cpToUtf16(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

/** The words between two code-point offsets. */
export const sliceCp = (text: string, start: number, end: number): string =>
  text.slice(cpToUtf16(text, start), cpToUtf16(text, end));

const WORD = /^[\p{L}\p{M}\p{N}_'’-]$/u;
const isWordChar = (ch: string | undefined): boolean => ch !== undefined && WORD.test(ch);

/**
 * A selection widened to whole words and trimmed of the spaces and punctuation at its ends, so a
 * passage picked roughly by mouse or keyboard codes whole words. A collapsed selection inside a
 * word becomes that word; one that covers no word at all comes back as null.
 */
export function snapToWords(text: string, p: Passage): Passage | null {
  const chars = Array.from(text);
  let start = Math.max(0, Math.min(p.start, p.end, chars.length));
  let end = Math.min(chars.length, Math.max(p.start, p.end, 0));
  if (start === end) {
    // A caret: the word it touches (the one after it first).
    if (isWordChar(chars[start])) end = start + 1;
    else if (isWordChar(chars[start - 1])) start = start - 1;
    else return null;
  }
  // Trim what is not a word at either end.
  while (start < end && !isWordChar(chars[start])) start++;
  while (end > start && !isWordChar(chars[end - 1])) end--;
  if (start === end) return null;
  // Widen to the words' edges.
  while (start > 0 && isWordChar(chars[start - 1])) start--;
  while (end < chars.length && isWordChar(chars[end])) end++;
  return { start, end };
}

/** The start of the next word after a caret (or the end of the text): Ctrl+Right. */
export function nextWordEdge(text: string, at: number): number {
  const chars = Array.from(text);
  let i = Math.max(0, at);
  while (i < chars.length && isWordChar(chars[i])) i++;
  while (i < chars.length && !isWordChar(chars[i])) i++;
  return Math.min(i, chars.length);
}

/** The start of the word before a caret (or 0): Ctrl+Left. */
export function previousWordEdge(text: string, at: number): number {
  const chars = Array.from(text);
  let i = Math.min(at, chars.length);
  while (i > 0 && !isWordChar(chars[i - 1])) i--;
  while (i > 0 && isWordChar(chars[i - 1])) i--;
  return i;
}

export interface Run {
  /** Code points, [start, end). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The ids of the passages covering the run, in the order they were given; empty for plain text. */
  readonly ids: string[];
}

/**
 * The text cut at every passage boundary (and at any extra cut, e.g. the edges of the current
 * selection) into consecutive runs that together are the whole text, each with the passages that
 * cover it. Passages outside the text or empty are left out rather than drawn at a wrong place.
 */
export function runs(
  text: string,
  passages: ReadonlyArray<Passage & { readonly id: string }>,
  extraCuts: readonly number[] = [],
): Run[] {
  const chars = Array.from(text);
  const n = chars.length;
  const valid = passages.filter(
    (p) => Number.isInteger(p.start) && Number.isInteger(p.end) && 0 <= p.start && p.start < p.end && p.end <= n,
  );
  const cuts = [
    ...new Set([0, n, ...valid.flatMap((p) => [p.start, p.end]), ...extraCuts.filter((c) => c > 0 && c < n)]),
  ].sort((a, b) => a - b);
  const out: Run[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    out.push({
      start,
      end,
      text: chars.slice(start, end).join(''),
      ids: valid.filter((p) => p.start <= start && p.end >= end).map((p) => p.id),
    });
  }
  return out;
}

/** Where a DOM position lies: in a run (its code-point start and the text node's own UTF-16 offset). */
export const domToCp = (runStart: number, runText: string, utf16InRun: number): number =>
  runStart + utf16ToCp(runText, utf16InRun);
