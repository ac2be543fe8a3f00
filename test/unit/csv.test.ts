import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, neutralizeCell, UTF8_BOM } from '../../server/modules/responses/export/csv.rules.ts';

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

  it.each(['Hej', 'æøå', ' =1 (leading space is shown as text)', "'already quoted", '1+1', ''])(
    'leaves %j alone',
    (value) => {
      expect(neutralizeCell(value)).toBe(value);
    },
  );

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
    expect(csvCell(-4)).toBe("'-4");
    expect(csvCell(true)).toBe('true');
  });

  it('ends rows with CRLF; the file starts with a UTF-8 BOM for Excel', () => {
    expect(csvRow(['id', 'navn', '=cmd'])).toBe("id,navn,'=cmd\r\n");
    expect(csvRow(['a', 'b'], ';')).toBe('a;b\r\n');
    expect(Buffer.from(UTF8_BOM, 'utf8')).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
