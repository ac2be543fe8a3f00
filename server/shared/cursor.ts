import { AppError } from './errors.ts';
import { isStorableText } from './text.ts';

/**
 * The one cursor codec and page builder (issue 9 item 3). A cursor is opaque: base64url of a JSON
 * tuple. A list reads `readCursor(q.cursor, key)` (one 400 for every cursor that is not exactly what
 * this API wrote), fetches `limit + 1` rows, and answers `pageOf(rows, limit, keyOf)`.
 */
export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}
export function decodeCursor(cursor: string | undefined): (string | number)[] | undefined {
  if (!cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.every((p) => typeof p === 'string' || typeof p === 'number'))
      return parsed as (string | number)[];
  } catch {
    /* fall through */
  }
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,6})?Z$/;

const isTimestamp = (s: string): boolean => {
  const m = TIMESTAMP.exec(s);
  // The round trip refuses impossible dates (2026-02-30) that PostgreSQL would reject with a 500.
  // Year 0000 does not exist in PostgreSQL; the regular expression already refuses +275760.
  return !!m && !s.startsWith('0000') && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(m[1]!);
};

// A relevance rank as PostgreSQL prints a `real`: non-negative, finite (`0.0607927`, `1e-20`).
const RANK = /^\d+(\.\d+)?(e-?\d+)?$/;

/**
 * A keyset cursor `[key, id]`: the key is a UTC timestamp (`'timestamp'`), a relevance rank
 * (`'rank'`, see RANK) or any string (`'text'`),
 * the id a UUID. Anything else is undefined, so a forged cursor is a 400 and never reaches SQL.
 * Timestamp keys carry microseconds (repositories select them with `to_char(… 'US')`): a key cut
 * to a JS Date's milliseconds would skip rows created in the same millisecond as a page's last row.
 */
export function decodeKeysetCursor(cursor: string | undefined, key: CursorKey): [string, string] | undefined {
  const parts = decodeCursor(cursor);
  if (!parts || parts.length !== 2) return undefined;
  const [k, id] = parts;
  if (typeof k !== 'string' || typeof id !== 'string' || !UUID.test(id) || !isStorableText(k)) return undefined;
  if (key === 'timestamp' && !isTimestamp(k)) return undefined;
  if (key === 'rank' && !(RANK.test(k) && Number.isFinite(Number(k)))) return undefined;
  return [k, id];
}

export type Keyset = [key: string, id: string];
export type CursorKey = 'timestamp' | 'rank' | 'text';

/** The keyset of `?cursor=`: undefined when none was sent, else exactly a cursor this API wrote, else 400. */
export function readCursor(cursor: string | undefined, key: CursorKey): Keyset | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const keyset = decodeKeysetCursor(cursor, key);
  if (!keyset) throw new AppError('BAD_REQUEST', 'Invalid cursor');
  return keyset;
}

/** One page of rows fetched with `limit + 1`: the first `limit` rows, and a cursor after the last when more exist. */
export function pageOf<R>(
  rows: readonly R[],
  limit: number,
  keyOf: (last: R) => Keyset,
): { rows: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
