import { describe, expect, it } from 'vitest';
import {
  checkSpan,
  quoteOf,
  relocate,
  segments,
  snapToWords,
  type Span,
} from '../../server/modules/analysis/spans.rules.ts';

/** The span of the first occurrence of `words` in `text`. */
const find = (text: string, words: string, from = 0): Span => {
  const start = text.indexOf(words, from);
  if (start === -1) throw new Error(`"${words}" not in text`);
  return { start, end: start + words.length };
};

const EMOJI = 'Godt 👍 arbejde'; // 👍 is two UTF-16 code units, at 5 and 6
const DANISH = 'Vi ønsker åbenhed om MitID-løsningen, og 1.000.000 borgere bør høres.';

describe('checkSpan', () => {
  it('accepts a span inside the text, in UTF-16 code units', () => {
    expect(checkSpan(DANISH, find(DANISH, 'åbenhed'))).toEqual({ ok: true });
    expect(checkSpan(EMOJI, { start: 5, end: 7 })).toEqual({ ok: true });
    expect(checkSpan(EMOJI, { start: 0, end: EMOJI.length })).toEqual({ ok: true });
  });

  it('refuses a span that splits a surrogate pair at either end', () => {
    expect(checkSpan(EMOJI, { start: 6, end: 10 })).toEqual({ ok: false, code: 'SPAN_SPLITS_CHARACTER' });
    expect(checkSpan(EMOJI, { start: 0, end: 6 })).toEqual({ ok: false, code: 'SPAN_SPLITS_CHARACTER' });
  });

  it('refuses empty, reversed, out-of-range and fractional spans with a code', () => {
    expect(checkSpan(DANISH, { start: 3, end: 3 })).toEqual({ ok: false, code: 'SPAN_EMPTY' });
    expect(checkSpan(DANISH, { start: 5, end: 2 })).toEqual({ ok: false, code: 'SPAN_EMPTY' });
    expect(checkSpan(DANISH, { start: -1, end: 2 })).toEqual({ ok: false, code: 'SPAN_OUT_OF_RANGE' });
    expect(checkSpan('abc', { start: 0, end: 4 })).toEqual({ ok: false, code: 'SPAN_OUT_OF_RANGE' });
    expect(checkSpan('abc', { start: 0.5, end: 2 })).toEqual({ ok: false, code: 'SPAN_NOT_INTEGER' });
    expect(checkSpan('abc', { start: 0, end: Number.NaN })).toEqual({ ok: false, code: 'SPAN_NOT_INTEGER' });
    expect(checkSpan('', { start: 0, end: 0 })).toEqual({ ok: false, code: 'SPAN_EMPTY' });
  });
});

describe('quoteOf', () => {
  it('returns the words a span points at, æøå and emoji whole', () => {
    expect(quoteOf(DANISH, { start: 3, end: 17 })).toBe('ønsker åbenhed');
    expect(quoteOf(EMOJI, { start: 5, end: 15 })).toBe('👍 arbejde');
  });
});

describe('segments', () => {
  const text = 'Borgerne ønsker én samlet løsning for alle.';
  const a = { id: 'a', ...find(text, 'Borgerne ønsker') };
  const b = { id: 'b', ...find(text, 'ønsker én samlet løsning') };
  const c = { id: 'c', ...find(text, 'samlet') };

  it('cuts the text at every boundary, each piece with the spans covering it', () => {
    const parts = segments(text, [a, b, c]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.map((p) => [p.text, p.spanIds])).toEqual([
      ['Borgerne ', ['a']],
      ['ønsker', ['a', 'b']],
      [' én ', ['b']],
      ['samlet', ['b', 'c']],
      [' løsning', ['b']],
      [' for alle.', []],
    ]);
    expect(parts[1]).toMatchObject({ start: 9, end: 15 });
  });

  it('keeps spans with the same bounds together and leaves invalid spans out', () => {
    const parts = segments(EMOJI, [
      { id: 'x', start: 5, end: 7 },
      { id: 'y', start: 5, end: 7 },
      { id: 'half', start: 6, end: 9 },
      { id: 'far', start: 2, end: 99 },
    ]);
    expect(parts.map((p) => [p.text, p.spanIds])).toEqual([
      ['Godt ', []],
      ['👍', ['x', 'y']],
      [' arbejde', []],
    ]);
  });

  it('gives the whole text as one plain segment without spans, and nothing for an empty text', () => {
    expect(segments(text, [])).toEqual([{ start: 0, end: text.length, text, spanIds: [] }]);
    expect(segments('', [{ id: 'a', start: 0, end: 1 }])).toEqual([]);
  });
});

describe('snapToWords', () => {
  const snapped = (text: string, start: number, end: number): string | null => {
    const span = snapToWords(text, start, end);
    return span && quoteOf(text, span);
  };

  it('widens a selection that lands mid-word to whole words with æ, ø and å', () => {
    const s = find(DANISH, 'nsker åbe');
    expect(snapped(DANISH, s.start, s.end)).toBe('ønsker åbenhed');
    const h = find(DANISH, 'hø');
    expect(snapped(DANISH, h.start + 1, h.end)).toBe('høres');
  });

  it('selects the word a caret is in or right after, and nothing between spaces', () => {
    const start = DANISH.indexOf('åbenhed');
    expect(snapped(DANISH, start + 2, start + 2)).toBe('åbenhed');
    expect(snapped(DANISH, start, start)).toBe('åbenhed');
    expect(snapped(DANISH, start + 7, start + 7)).toBe('åbenhed');
    expect(snapToWords('a  b', 2, 2)).toBeNull();
  });

  it('trims white space at the edges, accepts a backwards selection and clamps offsets', () => {
    const s = find(DANISH, ' ønsker ');
    expect(snapToWords(DANISH, s.end, s.start)).toEqual(find(DANISH, 'ønsker'));
    expect(snapped('  Hej  ', -5, 99)).toBe('Hej');
    expect(snapped('Hej med dig', Number.NaN, 1)).toBe('Hej');
  });

  it('keeps hyphenated compounds, apostrophes and grouped numbers as one word', () => {
    const s = find(DANISH, 'løs');
    expect(snapped(DANISH, s.start, s.end)).toBe('MitID-løsningen');
    const n = find(DANISH, '000', DANISH.indexOf('1.0') + 3);
    expect(snapped(DANISH, n.start, n.end)).toBe('1.000.000');
    expect(snapped('EU’s regler', 1, 2)).toBe('EU’s');
    expect(snapped('slut. Ny', 2, 3)).toBe('slut');
  });

  it('never cuts a surrogate pair: an emoji is not a word, a letter outside the BMP is', () => {
    expect(snapToWords(EMOJI, 6, 6)).toBeNull();
    expect(snapToWords(EMOJI, 5, 6)).toBeNull();
    expect(snapToWords(EMOJI, 3, 9)).toEqual({ start: 0, end: EMOJI.length });
    expect(snapToWords(EMOJI, 6, 9)).toEqual({ start: 5, end: EMOJI.length });
    const fraktur = 'se 𝔄𝔟𝔠 her'; // three letters of two code units each
    expect(snapped(fraktur, 6, 6)).toBe('𝔄𝔟𝔠');
  });

  it('gives null for a selection of only spaces or punctuation', () => {
    expect(snapToWords('Nej — tak', 4, 5)).toBeNull();
    expect(snapToWords('', 0, 0)).toBeNull();
  });
});

describe('relocate', () => {
  const old = 'Jeg er bekymret for privatlivet. Løsningen skal virke for alle 👍.';
  const span = find(old, 'privatlivet');

  it('keeps a span whose text did not change', () => {
    expect(relocate(old, old, span)).toEqual(span);
    expect(relocate(old, old.replace('alle', 'alle borgere'), span)).toEqual(span);
  });

  it('shifts a span by an edit before it, counting an emoji as two units', () => {
    const edited = `👍 Hej. ${old}`;
    expect(relocate(old, edited, span)).toEqual({ start: span.start + 8, end: span.end + 8 });
    const s = relocate(old, edited.replace('Jeg er', 'Jeg er meget'), span)!;
    expect(quoteOf(edited.replace('Jeg er', 'Jeg er meget'), s)).toBe('privatlivet');
  });

  it('finds the words again when the edit touches them, and gives null when they are gone', () => {
    const moved = 'Privatlivet? Jeg er bekymret for privatlivet og sikkerheden.';
    expect(relocate(old, moved, span)).toEqual(find(moved, 'privatlivet'));
    expect(relocate(old, 'Jeg er bekymret for privatliv.', span)).toBeNull();
    expect(relocate(old, '', span)).toBeNull();
  });

  it('takes the match nearest the old offset among several in the edited stretch', () => {
    // The edit rewrites both sides of "(ja)", so the words are searched for.
    expect(relocate('A: (ja) B.', 'A: nej ja, ja? B.', { start: 4, end: 6 })).toEqual({ start: 7, end: 9 });
    // An insertion right before the words only moves them, even with a nearer copy in the insertion.
    expect(relocate('A: ja. B.', 'A: nej, ja, ja. B.', { start: 3, end: 5 })).toEqual({ start: 12, end: 14 });
  });

  it('does not take another occurrence of the same words for the coded ones', () => {
    const text = 'ja ja ja ja';
    const third = { start: 6, end: 8 };
    expect(relocate(text, 'ja ja ja! ja', third)).toEqual(third);
    // The third "ja" became "nej": the others are the old first, second and fourth.
    expect(relocate(text, 'ja ja nej ja', third)).toBeNull();
  });

  it('prefers a match on word edges, as the old one was, over a nearer one inside a word', () => {
    const text = 'Det er godt for mig.';
    const edited = 'Det er fordi det er godt, mig for.';
    expect(relocate(text, edited, find(text, 'for'))).toEqual(find(edited, 'for', 25));
  });

  it('gives null for a span that was not valid in the old text', () => {
    expect(relocate(old, old, { start: 3, end: 2 })).toBeNull();
  });
});
