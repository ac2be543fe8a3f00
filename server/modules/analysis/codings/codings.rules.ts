/**
 * Pure rules for a coded passage (issue 11 story 4). Offsets count Unicode code points, as
 * PostgreSQL's `substr` and `char_length` do, so a passage never splits a character and the
 * database can cut the same words. No I/O.
 */
export type SpanCheck =
  | { ok: true; quote: string }
  | { ok: false; reason: 'not_text' | 'span_out_of_range'; message: string; length?: number };

export const codePoints = (text: string): string[] => Array.from(text);

/** A passage of a field's text: 0 ≤ start < end ≤ length; the coded words are copied as the quote. */
export function checkSpan(text: string | null, start: number, end: number): SpanCheck {
  if (text === null) {
    return { ok: false, reason: 'not_text', message: 'Only a text can be coded in part; code the whole field' };
  }
  const chars = codePoints(text);
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= chars.length)) {
    return {
      ok: false,
      reason: 'span_out_of_range',
      message: `The passage must lie within the text (0 to ${chars.length} characters)`,
      length: chars.length,
    };
  }
  return { ok: true, quote: chars.slice(start, end).join('') };
}
