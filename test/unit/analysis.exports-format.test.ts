import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ExportRow, xlsxWriter } from '../../server/modules/analysis/exports/exports.format.ts';

const row = (n: number, excerpt: string): ExportRow =>
  ({
    item: {
      kind: 'response',
      id: `id-${n}`,
      receivedAt: '2026-11-02T10:00:00.000Z',
      author: `Afsender ${n}`,
      actingAs: null,
      invited: false,
      channel: 'letter',
      sourceStatus: 'submitted',
      status: 'new',
      assigneeId: null,
      needsReview: false,
      hasAttachments: n % 2 === 0,
      excerpt,
    },
    codings: [],
  }) as unknown as ExportRow;

async function sheetOf(batches: ExportRow[][]): Promise<string> {
  const w = xlsxWriter('da');
  const parts: Buffer[] = [];
  for (const b of batches) parts.push(await w.rows(b));
  parts.push(await w.end());
  // unzipSync checks each entry's CRC and size against the bytes.
  const files = unzipSync(new Uint8Array(Buffer.concat(parts)));
  expect(Object.keys(files)).toContain('xl/workbook.xml');
  return strFromU8(files['xl/worksheets/sheet1.xml']!);
}

describe('XLSX writer (issue 12 story 4)', () => {
  it('writes every batch as inline-string rows, escaped, in one valid sheet', async () => {
    const sheet = await sheetOf([
      [row(1, 'A & B <c> "d" \u0001e'), row(2, 'plain text, æøå 😀')],
      [row(3, '=SUM(A1:A2)')],
    ]);
    expect(sheet.match(/<row>/g)).toHaveLength(4); // the header and three rows
    expect(sheet).toContain('<t xml:space="preserve">A &amp; B &lt;c&gt; &quot;d&quot; e</t>');
    expect(sheet).toContain('<t xml:space="preserve">plain text, æøå 😀</t>');
    expect(sheet).toContain(`<t xml:space="preserve">'=SUM(A1:A2)</t>`);
    expect(sheet).toContain('<c t="b"><v>1</v></c>');
    expect(sheet).not.toContain('sharedStrings');
    expect(sheet.endsWith('</sheetData></worksheet>')).toBe(true);
  });

  it('cuts a text past the cell limit to 32,767 characters, whole code points', async () => {
    const sheet = await sheetOf([[row(1, '😀'.repeat(40_000))]]);
    const cell = /<t xml:space="preserve">(😀+)<\/t>/u.exec(sheet)![1]!;
    expect([...cell]).toHaveLength(32_767);
  });

  it('stays valid over many batches (the deflate stream is flushed per batch, not restarted)', async () => {
    const batches = Array.from({ length: 20 }, (_, b) =>
      Array.from({ length: 500 }, (_, i) => row(b * 500 + i, `tekst ${b * 500 + i}`)),
    );
    const sheet = await sheetOf(batches);
    expect(sheet.match(/<row>/g)).toHaveLength(10_001);
    expect(sheet).toContain('<t xml:space="preserve">tekst 9999</t>');
  });
});
