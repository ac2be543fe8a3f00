import { crc32, createDeflateRaw, constants as zlibConstants } from 'node:zlib';
import { type AsyncFlateStreamHandler, type FlateError, Zip, type ZipInputFile, ZipPassThrough, strToU8 } from 'fflate';
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
// What needs work in a cell's text: a character XML cannot hold, or one to escape. Most cells have none.
const XML_WORK = /[^\t\n\r\u0020\u0021\u0023-\u0025\u0027-\u003B\u003D\u003F-\uD7FF\uE000-\uFFFD]/;
const XML_ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const XLSX_CELL_MAX = 32_767;
const xml = (s: string) => (XML_WORK.test(s) ? s.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => XML_ESCAPE[c]!) : s);

/** At most XLSX_CELL_MAX characters (code points); only a long text is split into them. */
const clip = (s: string) => (s.length <= XLSX_CELL_MAX ? s : [...s].slice(0, XLSX_CELL_MAX).join(''));

function xlsxCell(v: string | number | boolean | null): string {
  if (v === null || v === undefined) return '<c/>';
  if (typeof v === 'number') return `<c><v>${v}</v></c>`;
  if (typeof v === 'boolean') return v ? '<c t="b"><v>1</v></c>' : '<c t="b"><v>0</v></c>';
  return `<c t="inlineStr"><is><t xml:space="preserve">${xml(clip(neutralizeCell(v)))}</t></is></c>`;
}
function xlsxRow(values: readonly (string | number | boolean | null)[]): string {
  let s = '<row>';
  for (const v of values) s += xlsxCell(v);
  return `${s}</row>`;
}

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
 * The sheet's DEFLATE entry for fflate's Zip, compressed by Node's zlib (native, on the thread pool:
 * about ten times fflate's JavaScript deflater, which took most of a large XLSX export's time) at
 * level 1, and its CRC by zlib.crc32. `flush` resolves once everything pushed so far is compressed
 * (a sync flush: the output so far is whole bytes; the window is kept, so little ratio is lost).
 */
type ZipChunk = Parameters<AsyncFlateStreamHandler>[1];
class SheetDeflate implements ZipInputFile {
  size = 0;
  crc = 0;
  compression = 8;
  flag = 2; // "fast" (APPNOTE 4.4.4)
  ondata: AsyncFlateStreamHandler = () => undefined;
  private readonly z = createDeflateRaw({ level: 1, memLevel: 8 });
  constructor(readonly filename: string) {
    this.z.on('data', (d: Buffer) => this.ondata(null, d as ZipChunk, false));
    this.z.on('end', () => this.ondata(null, new Uint8Array(0), true));
    this.z.on('error', (e: Error) => this.ondata(e as FlateError, null as unknown as ZipChunk, true));
  }
  push(chunk: Uint8Array, final = false): void {
    this.crc = crc32(chunk, this.crc);
    this.size += chunk.length;
    this.z.write(chunk);
    if (final) this.z.end();
  }
  flush(): Promise<void> {
    return new Promise((resolve) => this.z.flush(zlibConstants.Z_SYNC_FLUSH, () => resolve()));
  }
}

/**
 * A minimal XLSX (SpreadsheetML: one sheet of inline strings, no shared-strings table) written
 * through fflate's streaming zip: `rows` adds a batch and resolves to the compressed bytes produced
 * so far, `end` closes the sheet and the archive. Memory holds one batch and the deflater's window,
 * whatever the size.
 */
export function xlsxWriter(lang: 'da' | 'en') {
  let out: Uint8Array[] = [];
  let failed: Error | null = null;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const zip = new Zip((err, chunk, final) => {
    if (err) failed = err;
    else out.push(chunk);
    if (final || err) finished();
  });
  for (const [name, body] of Object.entries(STATIC)) {
    const f = new ZipPassThrough(name);
    zip.add(f);
    f.push(strToU8(body), true);
  }
  const sheet = new SheetDeflate('xl/worksheets/sheet1.xml');
  zip.add(sheet);
  sheet.push(
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${xlsxRow([...HEADER])}`,
    ),
  );
  const take = () => {
    if (failed) throw failed;
    const b = Buffer.concat(out);
    out = [];
    return b;
  };
  return {
    async rows(batch: readonly ExportRow[]): Promise<Buffer> {
      let xmlRows = '';
      for (const r of batch) xmlRows += xlsxRow(cells(r, lang));
      sheet.push(Buffer.from(xmlRows, 'utf8'));
      await sheet.flush();
      return take();
    },
    async end(): Promise<Buffer> {
      sheet.push(Buffer.from('</sheetData></worksheet>'), true);
      zip.end();
      await done;
      return take();
    },
  };
}
