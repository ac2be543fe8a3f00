/**
 * Passages coded by character offsets (issue 11, story 4). Pure, no I/O. Offsets count UTF-16 code
 * units, as JavaScript strings and the DOM's Range index text, from 0; a span is [start, end).
 * Grapheme clusters (a letter with a combining mark, emoji joined by ZWJ) are not kept whole: only a
 * split surrogate pair, which would leave half a character, is refused.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
}

export type SpanError = 'SPAN_NOT_INTEGER' | 'SPAN_EMPTY' | 'SPAN_OUT_OF_RANGE' | 'SPAN_SPLITS_CHARACTER';
export type SpanCheck = { ok: true } | { ok: false; code: SpanError };

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;

/** True when offset i falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, i: number): boolean =>
  i > 0 && i < text.length && isHigh(text.charCodeAt(i - 1)) && isLow(text.charCodeAt(i));

/** Whether a span can be stored against a text: whole offsets, 0 ≤ start < end ≤ length, no half characters. */
export function checkSpan(text: string, span: Span): SpanCheck {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return { ok: false, code: 'SPAN_NOT_INTEGER' };
  if (start < 0 || end > text.length) return { ok: false, code: 'SPAN_OUT_OF_RANGE' };
  if (start >= end) return { ok: false, code: 'SPAN_EMPTY' };
  if (splitsPair(text, start) || splitsPair(text, end)) return { ok: false, code: 'SPAN_SPLITS_CHARACTER' };
  return { ok: true };
}

/** The words a span points at. */
export const quoteOf = (text: string, span: Span): string => text.slice(span.start, span.end);

export interface Segment extends Span {
  readonly text: string;
  /** Ids of the spans covering this segment, in the order the spans were given; empty for plain text. */
  readonly spanIds: string[];
}

/**
 * The text cut at every span boundary into consecutive segments that together are the whole text,
 * each with the spans covering it, so overlapping and nested highlights render in place.
 * Spans that fail checkSpan are left out rather than drawn at a wrong place.
 */
export function segments(text: string, spans: ReadonlyArray<Span & { readonly id: string }>): Segment[] {
  const valid = spans.filter((s) => checkSpan(text, s).ok);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const spanIds = valid.filter((s) => s.start <= start && s.end >= end).map((s) => s.id);
    out.push({ start, end, text: text.slice(start, end), spanIds });
  }
  return out;
}

const WORD = /^[\p{L}\p{M}\p{N}]$/u;
/** Inside a word when between word characters: "EU's", "MitID-løsningen", "d’Hondt". */
const JOINER = /^['’\-\u2010\u2011]$/u;
/** Inside a number when between digits: "1.000.000", "2,5". */
const NUMBER_JOINER = /^[.,]$/u;
const DIGIT = /^\p{N}$/u;
const SPACE = /^\s$/u;

/** The code point ending at offset i, or '' at the start of the text. */
function charBefore(text: string, i: number): string {
  if (i <= 0) return '';
  return i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2))
    ? text.slice(i - 2, i)
    : text.slice(i - 1, i);
}

/** The code point starting at offset i, or '' at the end of the text. */
function charAt(text: string, i: number): string {
  if (i < 0 || i >= text.length) return '';
  return isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? text.slice(i, i + 2) : text.slice(i, i + 1);
}

/** Whether the character starting at i belongs to a word, joiners judged by their neighbours. */
function inWord(text: string, i: number): boolean {
  const c = charAt(text, i);
  if (c === '') return false;
  if (WORD.test(c)) return true;
  const before = charBefore(text, i);
  const after = charAt(text, i + c.length);
  if (JOINER.test(c)) return WORD.test(before) && WORD.test(after);
  if (NUMBER_JOINER.test(c)) return DIGIT.test(before) && DIGIT.test(after);
  return false;
}

/**
 * A selection widened to whole words, for a keyboard or mouse selection that lands mid-word: white
 * space at either edge is trimmed, then each edge moves outwards to the edge of the word it is in.
 * A caret (start = end) inside or right after a word selects that word. Letters are Unicode letters
 * (æ, ø, å and the rest); an apostrophe or hyphen between letters and a point or comma between digits
 * stay inside the word. Offsets are clamped to the text and may be given in either order.
 * Null when the selection holds no word at all (only spaces or punctuation).
 */
export function snapToWords(text: string, start: number, end: number): Span | null {
  const clamp = (i: number) => Math.min(Math.max(Math.trunc(i) || 0, 0), text.length);
  let s = clamp(Math.min(start, end));
  let e = clamp(Math.max(start, end));
  if (splitsPair(text, s)) s--;
  if (splitsPair(text, e)) e++;
  while (s < e && SPACE.test(charAt(text, s))) s++;
  while (e > s && SPACE.test(charBefore(text, e))) e--;
  if (s === e && !inWord(text, s) && s > 0 && inWord(text, s - charBefore(text, s).length))
    s = e = s - charBefore(text, s).length;
  while (s > 0 && inWord(text, s - charBefore(text, s).length)) s -= charBefore(text, s).length;
  while (e < text.length && inWord(text, e)) e += charAt(text, e).length;
  if (s === e) return null;
  for (let i = s; i < e; i += charAt(text, i).length) if (inWord(text, i)) return { start: s, end: e };
  return null;
}

/** Whether a match at [start, end) begins and ends on word boundaries. */
const onWordEdges = (text: string, start: number, end: number): [boolean, boolean] => [
  start === 0 || !inWord(text, start - charBefore(text, start).length) || !inWord(text, start),
  end === text.length || !inWord(text, end) || !inWord(text, end - charBefore(text, end).length),
];

/** How many code units two texts share at their start and, after that, at their end. */
function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const shortest = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shortest && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shortest - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix))
    suffix++;
  return { prefix, suffix };
}

/**
 * Where a coded passage's words are in an edited text, or null when they are gone. When the edit
 * (the stretch between the texts' common start and common end) lies wholly before or after the span,
 * the words are where they were, shifted by the edit's length. Otherwise the span touches the edit,
 * and the nearest exact match to the old offset within the edited stretch is taken, preferring one
 * that sits on word edges as the old one did, so "for" is not moved into "fordi". Matches wholly in
 * the unchanged start or end are other occurrences of the same words, never the coded ones. The
 * caller compares the result with the old span to flag a coding for re-review.
 */
export function relocate(oldText: string, newText: string, span: Span): Span | null {
  if (!checkSpan(oldText, span).ok) return null;
  const quote = quoteOf(oldText, span);
  const length = span.end - span.start;
  const { prefix, suffix } = commonEnds(oldText, newText);
  if (span.end <= prefix) return { start: span.start, end: span.end };
  const shift = newText.length - oldText.length;
  if (span.start >= oldText.length - suffix) return { start: span.start + shift, end: span.end + shift };

  const wanted = onWordEdges(oldText, span.start, span.end);
  const editEnd = newText.length - suffix;
  let best: { start: number; rank: [number, number] } | null = null;
  for (let i = newText.indexOf(quote); i !== -1; i = newText.indexOf(quote, i + 1)) {
    // A match wholly in the unchanged start or end is another occurrence that was there before.
    if (i + length <= prefix || i >= editEnd) continue;
    const edges = onWordEdges(newText, i, i + length);
    const rank: [number, number] = [
      Number(edges[0] !== wanted[0]) + Number(edges[1] !== wanted[1]),
      Math.abs(i - span.start),
    ];
    if (!best || rank[0] < best.rank[0] || (rank[0] === best.rank[0] && rank[1] < best.rank[1]))
      best = { start: i, rank };
  }
  return best && { start: best.start, end: best.start + length };
}
