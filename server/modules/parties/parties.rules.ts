import { parseCsv } from '../responses/import/import.parse.ts';
import { type ImportRow, PartyInput, type PartyKind, type EntryStatus } from './parties.schemas.ts';

/** Pure rules of consulted parties (issue 13): name keys, the acting-as mapping, statuses, CSV rows. No I/O. */

/**
 * The name as duplicates are found by: case, accents, punctuation and spacing folded, and "A/S",
 * "ApS" kept as letters ("Dansk Industri" = "dansk  industri" = "DANSK-INDUSTRI").
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** How a party responds through its personal link (the respond form's "acting as"). */
export function actingAsOf(kind: PartyKind): 'public_authority' | 'business' | 'ngo' | 'other' {
  switch (kind) {
    case 'ministry':
    case 'agency':
    case 'region':
    case 'municipality':
      return 'public_authority';
    case 'business':
      return 'business';
    case 'association':
    case 'ngo':
      return 'ngo';
    case 'other':
      return 'other';
  }
}

export function entryStatus(e: {
  invitedAt: Date | null;
  responseId: string | null;
  noCommentsAt: Date | null;
}): EntryStatus {
  if (e.responseId) return 'responded';
  if (e.noCommentsAt) return 'no_comments';
  return e.invitedAt ? 'invited' : 'not_invited';
}

/**
 * Webmail domains: an address there says nothing about the organisation, so it never proposes a
 * match (DESIGN.md §4 C7: "proposed by CVR or e-mail domain").
 */
const WEBMAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.dk',
  'outlook.com',
  'outlook.dk',
  'live.com',
  'live.dk',
  'msn.com',
  'yahoo.com',
  'yahoo.dk',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.net',
  'mail.dk',
  'jubii.dk',
  'ofir.dk',
  'sol.dk',
  'get2net.dk',
  'stofanet.dk',
  'youmail.dk',
  'post.tele.dk',
  'email.dk',
]);

/** The domain of an address, lower case, or null for a webmail domain (or no address). */
export function matchableDomain(email: string | null): string | null {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 0) return null;
  const domain = email
    .slice(at + 1)
    .trim()
    .toLowerCase();
  return domain === '' || WEBMAIL.has(domain) ? null : domain;
}

/** A response after the deadline (accepted by staff) is marked late. */
export const isLate = (respondedAt: Date, closesAt: Date | null): boolean =>
  closesAt !== null && respondedAt.getTime() > closesAt.getTime();

/** The reminder is due `days` before the deadline, while the consultation still takes input. */
export const reminderDue = (closesAt: Date, days: number, now: Date): boolean =>
  now.getTime() < closesAt.getTime() && now.getTime() >= closesAt.getTime() - days * 86_400_000;

const HEADERS: Record<string, keyof Omit<ImportRow, 'rowNo' | 'errors'>> = {
  name: 'name',
  navn: 'name',
  organisation: 'name',
  kind: 'kind',
  type: 'kind',
  cvr: 'cvr',
  emails: 'emails',
  email: 'emails',
  'e-mail': 'emails',
  locale: 'locale',
  language: 'locale',
  sprog: 'locale',
  note: 'note',
};

export type ParsedImport = { rows: ImportRow[]; valid: { rowNo: number; input: PartyInput }[]; headerError?: string };

/**
 * The rows of a directory CSV, each checked as the API checks a party, and against the other rows
 * of the file (same CVR, same name). Duplicates of the directory are found by the caller.
 */
export function parseImport(csv: string): ParsedImport {
  const table = parseCsv(csv).filter((r) => r.some((c) => c.trim() !== ''));
  const header = (table[0] ?? []).map((h) => HEADERS[h.trim().toLowerCase()]);
  if (!header.includes('name') || !header.includes('kind') || !header.includes('emails')) {
    return {
      rows: [],
      valid: [],
      headerError: 'The first line names the columns: name, kind, emails (cvr, locale, note)',
    };
  }
  const seenCvr = new Map<string, number>();
  const seenName = new Map<string, number>();
  const rows: ImportRow[] = [];
  const valid: ParsedImport['valid'] = [];
  table.slice(1).forEach((cells, i) => {
    const rowNo = i + 2;
    const get = (f: string) => (cells[header.indexOf(f as never)] ?? '').trim();
    const emails = get('emails')
      .split(/[;,\s]+/)
      .filter((e) => e !== '');
    const raw = { name: get('name'), kind: get('kind').toLowerCase(), cvr: get('cvr') || null, emails };
    const locale = get('locale').toLowerCase() || 'da';
    const row: ImportRow = { rowNo, ...raw, locale, note: get('note'), errors: [] };
    const parsed = PartyInput.safeParse({ ...raw, locale, note: row.note });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'row');
        const missing = field === 'name' ? raw.name === '' : field === 'emails' && emails.length === 0;
        row.errors.push({ field, code: missing ? 'missing' : 'invalid', message: issue.message });
      }
    } else {
      const p = parsed.data;
      row.cvr = p.cvr;
      row.name = p.name;
      const key = nameKey(p.name);
      if (p.cvr && seenCvr.has(p.cvr))
        row.errors.push({ field: 'cvr', code: 'duplicate_in_file', message: `Same CVR as line ${seenCvr.get(p.cvr)}` });
      if (seenName.has(key))
        row.errors.push({
          field: 'name',
          code: 'duplicate_in_file',
          message: `Same name as line ${seenName.get(key)}`,
        });
      if (p.cvr && !seenCvr.has(p.cvr)) seenCvr.set(p.cvr, rowNo);
      if (!seenName.has(key)) seenName.set(key, rowNo);
      if (row.errors.length === 0) valid.push({ rowNo, input: p });
    }
    rows.push(row);
  });
  return { rows, valid };
}
