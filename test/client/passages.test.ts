import { describe, expect, it } from 'vitest';
import {
  cpLength,
  cpToUtf16,
  domToCp,
  nextWordEdge,
  previousWordEdge,
  runs,
  sliceCp,
  snapToWords,
  utf16ToCp,
} from '../../client/src/data/passages.ts';

// Coding offsets count Unicode code points (as the server stores them); the DOM counts UTF-16.
describe('passages: code points and UTF-16', () => {
  const text = 'Blåbær 🙂 på øen 👩‍👩‍👧 æøå';

  it('counts code points, not UTF-16 units', () => {
    expect(cpLength('æøå')).toBe(3);
    expect(cpLength('🙂')).toBe(1);
    expect('🙂'.length).toBe(2);
    expect(cpLength(text)).toBe(Array.from(text).length);
  });

  it('converts both ways, Danish letters one unit each and an emoji two', () => {
    // "Blåbær " is 7 code points and 7 units; the emoji then takes 2 units.
    expect(cpToUtf16(text, 7)).toBe(7);
    expect(cpToUtf16(text, 8)).toBe(9);
    expect(utf16ToCp(text, 9)).toBe(8);
    for (let cp = 0; cp <= cpLength(text); cp++) expect(utf16ToCp(text, cpToUtf16(text, cp))).toBe(cp);
  });

  it('counts an offset inside a surrogate pair as after the whole character, and clamps', () => {
    expect(utf16ToCp(text, 8)).toBe(8);
    expect(utf16ToCp(text, 999)).toBe(cpLength(text));
    expect(cpToUtf16(text, 999)).toBe(text.length);
    expect(utf16ToCp(text, -3)).toBe(0);
  });

  it('slices by code points', () => {
    expect(sliceCp(text, 9, 11)).toBe('på');
    expect(sliceCp(text, 7, 8)).toBe('🙂');
    expect(sliceCp('x 👩‍👩‍👧 æøå', 8, 11)).toBe('æøå');
  });

  it('maps a DOM position in a run to the text’s code points', () => {
    // A run starting at code point 7 ("🙂 på"): UTF-16 offset 3 in it is after "🙂 ".
    expect(domToCp(7, '🙂 på', 3)).toBe(9);
    expect(domToCp(0, 'æøå', 2)).toBe(2);
  });
});

describe('passages: whole words', () => {
  const text = 'Vi er imod vindmøller, ikke 🙂 solceller.';

  it('widens a selection to whole words and trims spaces and punctuation', () => {
    // "ndmøl" inside "vindmøller"
    expect(snapToWords(text, { start: 13, end: 18 })).toEqual({ start: 11, end: 21 });
    const s = snapToWords(text, { start: 10, end: 23 })!;
    expect(sliceCp(text, s.start, s.end)).toBe('vindmøller');
    const back = snapToWords(text, { start: 23, end: 10 })!;
    expect(back).toEqual(s);
  });

  it('makes a caret the word it touches, and a selection of no word nothing', () => {
    const w = snapToWords(text, { start: 3, end: 3 })!;
    expect(sliceCp(text, w.start, w.end)).toBe('er');
    const end = snapToWords(text, { start: 5, end: 5 })!;
    expect(sliceCp(text, end.start, end.end)).toBe('er');
    expect(snapToWords(text, { start: 27, end: 30 })).toBeNull();
    expect(snapToWords('', { start: 0, end: 0 })).toBeNull();
  });

  it('counts words past an emoji in code points', () => {
    const at = Array.from(text).indexOf('s');
    const w = snapToWords(text, { start: at + 2, end: at + 2 })!;
    expect(w.start).toBe(at);
    expect(sliceCp(text, w.start, w.end)).toBe('solceller');
  });

  it('moves a caret word by word', () => {
    expect(nextWordEdge(text, 0)).toBe(3);
    expect(nextWordEdge(text, 3)).toBe(6);
    expect(previousWordEdge(text, 6)).toBe(3);
    expect(previousWordEdge(text, 5)).toBe(3);
    expect(previousWordEdge(text, 0)).toBe(0);
    expect(nextWordEdge(text, cpLength(text))).toBe(cpLength(text));
  });
});

describe('passages: runs for overlapping codings', () => {
  const text = 'æøå abc 🙂 def';

  it('cuts the text into runs covered by sets of passages, overlapping and nested', () => {
    const r = runs(text, [
      { id: 'a', start: 0, end: 7 },
      { id: 'b', start: 4, end: 9 },
      { id: 'c', start: 5, end: 6 },
    ]);
    expect(r.map((x) => [x.text, x.ids])).toEqual([
      ['æøå ', ['a']],
      ['a', ['a', 'b']],
      ['b', ['a', 'b', 'c']],
      ['c', ['a', 'b']],
      [' 🙂', ['b']],
      [' def', []],
    ]);
    expect(r.map((x) => x.text).join('')).toBe(text);
    expect(r.at(-1)).toMatchObject({ start: 9, end: 13 });
  });

  it('adds extra cuts (the selection), and leaves out passages that do not fit the text', () => {
    const r = runs(
      text,
      [
        { id: 'out', start: 10, end: 99 },
        { id: 'empty', start: 3, end: 3 },
      ],
      [2, 0, 99],
    );
    expect(r.map((x) => x.text)).toEqual(['æø', 'å abc 🙂 def']);
    expect(r.every((x) => x.ids.length === 0)).toBe(true);
    expect(runs('', [{ id: 'a', start: 0, end: 1 }])).toEqual([]);
  });
});
