import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, neutralizeCell, UTF8_BOM } from '../../server/shared/csv.ts';

describe('CSV cells (OWASP CSV injection)', () => {
  it.each([
    '=1+1',
    '=HYPERLINK("http://evil.example","klik")',
    '+45 12 34 56 78',
    '-2+3',
    '@SUM(A1:A2)',
    '\t=1',
    '\r=1',
  ])('prefixes %j with an apostrophe', (value) => {
    expect(neutralizeCell(value)).toBe(`'${value}`);
  });

  it.each(['Hej', 'æøå', "'already quoted", '1+1', '', ' 1 + 1', '"citat"', 'e-mail@x', 'a＝b (mid-text)'])(
    'leaves %j alone',
    (value) => {
      expect(neutralizeCell(value)).toBe(value);
    },
  );

  // Issue 10 item 9: each trigger, also full-width, at the start or after leading whitespace or quotes.
  const triggers = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
  const leads = ['', ' ', '  ', '\u00a0', '\u3000', '\n', '"', "'", '＂', '＇', ' "', '" ', "' ", '"\''];
  const variants = leads.flatMap((lead) =>
    triggers.map((trigger) => `${lead}${trigger}HYPERLINK("http://evil.example")`),
  );
  it(`neutralises all ${variants.length} variants of a leading formula`, () => {
    expect(variants.length).toBeGreaterThanOrEqual(24);
    for (const value of variants) {
      expect(neutralizeCell(value), JSON.stringify(value)).toBe(`'${value}`);
      expect(csvCell(value).replace(/^"/, ''), JSON.stringify(value)).toMatch(/^'/);
    }
  });

  it('quotes RFC 4180 style only when needed, after neutralising', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('sagde "nej"')).toBe('"sagde ""nej"""');
    expect(csvCell('linje 1\nlinje 2')).toBe('"linje 1\nlinje 2"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(4)).toBe('4');
    expect(csvCell(-4)).toBe('-4'); // a number is written as a number, never run as a formula
    expect(csvCell(true)).toBe('true');
  });

  it('ends rows with CRLF; the file starts with a UTF-8 BOM for Excel', () => {
    expect(csvRow(['id', 'navn', '=cmd'])).toBe("id,navn,'=cmd\r\n");
    expect(csvRow(['a', 'b'], ';')).toBe('a;b\r\n');
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
