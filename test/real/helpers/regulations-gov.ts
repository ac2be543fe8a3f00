/**
 * Reads the regulations.gov docket USDA-2017-0002 sample (../shared/data/regulations-gov-usda-2017-0002/SOURCE.md):
 * the text comments (Document ID, Text Comment; multi-line quoted cells, HTML entities left in) and the
 * docket export (a docket header, blank rows, then the document table with the submitters).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The shared data folder sits beside the clone; SAMRAAD_SHARED_DIR points elsewhere when it does not. */
export function usdaDataDir(): string {
  const shared = process.env.SAMRAAD_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
  return path.join(shared, 'data', 'regulations-gov-usda-2017-0002');
}

/**
 * RFC 4180: fields separated by commas, records by CRLF or LF; a quoted field may hold commas, line
 * breaks and doubled quotes. A trailing line break does not make an empty record.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && text[i + 1] === '\n') {
      endRow();
      i++;
    } else if (ch === '\n' || ch === '\r') endRow();
    else field += ch;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** The HTML entities regulations.gov leaves in its export: the five XML ones, &nbsp; and numeric references. */
export const decodeEntities = (s: string): string =>
  s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref.toLowerCase()] ?? whole;
  });

export interface TextComment {
  readonly documentId: string;
  /** Entities decoded, line breaks as they were. */
  readonly text: string;
}

export function loadTextComments(dir = usdaDataDir()): TextComment[] {
  const rows = parseCsv(readFileSync(path.join(dir, 'text-comments-example.csv'), 'utf8'));
  const [header, ...body] = rows;
  if (header?.[0] !== 'Document ID' || header[1] !== 'Text Comment') throw new Error(`unexpected header ${header}`);
  return body
    .filter((r) => r.some((c) => c.trim() !== ''))
    .map((r) => {
      if (r.length !== 2) throw new Error(`expected 2 cells, got ${r.length} in ${r[0]}`);
      return { documentId: r[0]!.trim(), text: decodeEntities(r[1]!) };
    });
}

export interface Submitter {
  readonly documentId: string;
  readonly firstName: string | null;
  readonly lastName: string | null;
  readonly organisation: string | null;
  readonly title: string;
  /** "Received Date" (M/D/YYYY) as an ISO date, or null. */
  readonly receivedDate: string | null;
}

const usDate = (s: string | null): string | null => {
  const m = s ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s) : null;
  return m ? `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}` : null;
};

const value = (s: string | undefined): string | null => {
  const v = decodeEntities(s ?? '').trim();
  return v === '' || v === 'N/A' ? null : v;
};

/**
 * The docket export: the document table starts at the row whose cells include "Document ID"; rows
 * before it (docket header, blank rows) and blank rows after it are skipped. Keyed by Document ID.
 */
export function loadDocket(dir = usdaDataDir()): Map<string, Submitter> {
  const rows = parseCsv(readFileSync(path.join(dir, 'docket-example.csv'), 'utf8'));
  const at = rows.findIndex((r) => r.includes('Document ID') && r.includes('Submitter Last Name'));
  if (at < 0) throw new Error('no document table in docket-example.csv');
  const header = rows[at]!;
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name}`);
    return i;
  };
  const [id, last, first, org, title, received] = [
    col('Document ID'),
    col('Submitter Last Name'),
    col('Submitter First Name'),
    col('Organization'),
    col('Document Title'),
    col('Received Date'),
  ];
  const out = new Map<string, Submitter>();
  for (const r of rows.slice(at + 1)) {
    const documentId = value(r[id]);
    if (!documentId) continue;
    out.set(documentId, {
      documentId,
      firstName: value(r[first]),
      lastName: value(r[last]),
      organisation: value(r[org]),
      title: value(r[title]) ?? '',
      receivedDate: usDate(value(r[received])),
    });
  }
  return out;
}

export interface AttachmentFile {
  readonly filename: string;
  readonly path: string;
  /** USDA-2017-0002-0028_1.pdf → USDA-2017-0002-0028. */
  readonly documentId: string;
  readonly extension: string;
}

export function listAttachmentFiles(dir = usdaDataDir()): AttachmentFile[] {
  return readdirSync(path.join(dir, 'attachments'))
    .sort()
    .map((filename) => {
      const m = /^(.+?)_\d+\.([a-z0-9]+)$/i.exec(filename);
      if (!m) throw new Error(`unexpected attachment name ${filename}`);
      return {
        filename,
        path: path.join(dir, 'attachments', filename),
        documentId: m[1]!,
        extension: m[2]!.toLowerCase(),
      };
    });
}
