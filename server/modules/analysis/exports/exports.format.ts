import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import { csvRow, neutralizeCell, UTF8_BOM } from '../../../shared/csv.ts';
import type { ExportedCoding } from '../codings/codings.service.ts';
import type { InboxItem } from '../inbox/inbox.schemas.ts';

/**
 * The rows of an inbox export (issue 12 story 4) as CSV, JSONL and XLSX, written batch by batch so
 * no format ever holds the whole result. Every text cell is formula-safe (server/shared/csv.ts
 * neutralizeCell: a leading = + - @ tab or CR gets an apostrophe) in all three formats, since a
 * JSONL file is also opened in spreadsheets after a conversion. No I/O.
 */
export type ExportFormat = 'csv' | 'jsonl' | 'xlsx';
export type ExportRow = { item: InboxItem; codings: readonly ExportedCoding[] };

export const HEADER = [
  'kind',
  'id',
  'received_at',
  'author',
  'acting_as',
  'invited',
  'channel',
  'source_status',
  'status',
  'assignee_id',
  'needs_review',
  'has_attachments',
  'excerpt',
  'tags',
  'codings',
] as const;

const codingText = (c: ExportedCoding, lang: 'da' | 'en') =>
  `${c.tag[lang]}${c.stance ? ` [${c.stance}]` : ''}${c.quote ? `: ${c.quote}` : ''}`;

export function cells(r: ExportRow, lang: 'da' | 'en'): (string | number | boolean | null)[] {
  const i = r.item;
  return [
    i.kind,
    i.id,
    i.receivedAt,
    i.author,
    i.actingAs,
    i.invited,
    i.channel,
    i.sourceStatus,
    i.status,
    i.assigneeId,
    i.needsReview,
    i.hasAttachments,
    i.excerpt,
    [...new Set(r.codings.map((c) => c.tag[lang]))].join('; '),
    r.codings.map((c) => codingText(c, lang)).join(' | '),
  ];
}

export const csvHeader = () => UTF8_BOM + csvRow([...HEADER]);
export const csvLine = (r: ExportRow, lang: 'da' | 'en') => csvRow(cells(r, lang));

const safe = (v: string | null) => (v === null ? null : neutralizeCell(v));
export function jsonLine(r: ExportRow): string {
  const i = r.item;
  return `${JSON.stringify({
    kind: i.kind,
    id: i.id,
    receivedAt: i.receivedAt,
    author: safe(i.author),
    actingAs: i.actingAs,
    invited: i.invited,
    channel: i.channel,
    sourceStatus: i.sourceStatus,
    status: i.status,
    assigneeId: i.assigneeId,
    needsReview: i.needsReview,
    hasAttachments: i.hasAttachments,
    excerpt: safe(i.excerpt),
    codings: r.codings.map((c) => ({
      tag: { da: safe(c.tag.da), en: safe(c.tag.en) },
      stance: c.stance,
      quote: safe(c.quote),
      field: c.field,
      status: c.status,
      coder: safe(c.coder),
    })),
  })}\n`;
}

// XML 1.0 allows tab, LF, CR and everything from U+0020 except the surrogates and U+FFFE/U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XLSX_CELL_MAX = 32_767;
const xml = (s: string) =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function xlsxCell(v: string | number | boolean | null): string {
  if (v === null || v === undefined) return '<c/>';
  if (typeof v === 'number') return `<c><v>${v}</v></c>`;
  if (typeof v === 'boolean') return `<c t="b"><v>${v ? 1 : 0}</v></c>`;
  const text = [...neutralizeCell(v)].slice(0, XLSX_CELL_MAX).join('');
  return `<c t="inlineStr"><is><t xml:space="preserve">${xml(text)}</t></is></c>`;
}
const xlsxRow = (values: readonly (string | number | boolean | null)[]) =>
  `<row>${values.map(xlsxCell).join('')}</row>`;

const STATIC: Record<string, string> = {
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  'xl/workbook.xml':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Inbox" sheetId="1" r:id="rId1"/></sheets></workbook>',
  'xl/_rels/workbook.xml.rels':
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
};

/**
 * A minimal XLSX (SpreadsheetML: one sheet of inline strings) written through fflate's streaming
 * zip: `rows` adds a batch and returns the compressed bytes produced so far, `end` closes the
 * sheet and the archive. Memory holds one batch and the deflater's window, whatever the size.
 */
export function xlsxWriter(lang: 'da' | 'en') {
  let out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  for (const [name, body] of Object.entries(STATIC)) {
    const f = new ZipPassThrough(name);
    zip.add(f);
    f.push(strToU8(body), true);
  }
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  sheet.push(
    strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${xlsxRow([...HEADER])}`,
    ),
  );
  const take = () => {
    const b = Buffer.concat(out);
    out = [];
    return b;
  };
  return {
    rows(batch: readonly ExportRow[]): Buffer {
      sheet.push(strToU8(batch.map((r) => xlsxRow(cells(r, lang))).join('')));
      return take();
    },
    end(): Buffer {
      sheet.push(strToU8('</sheetData></worksheet>'), true);
      zip.end();
      return take();
    },
  };
}
