/** Opaque cursor: base64url of a JSON tuple. Invalid cursors are a 400, never a 500. */
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
  return !!m && !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().startsWith(m[1]!);
};

/**
 * A keyset cursor `[key, id]`: the key is a UTC timestamp (`'timestamp'`) or any string (`'text'`),
 * the id a UUID. Anything else is undefined, so a forged cursor is a 400 and never reaches SQL.
 * Timestamp keys carry microseconds (repositories select them with `to_char(… 'US')`): a key cut
 * to a JS Date's milliseconds would skip rows created in the same millisecond as a page's last row.
 */
export function decodeKeysetCursor(
  cursor: string | undefined,
  key: 'timestamp' | 'text',
): [string, string] | undefined {
  const parts = decodeCursor(cursor);
  if (!parts || parts.length !== 2) return undefined;
  const [k, id] = parts;
  if (typeof k !== 'string' || typeof id !== 'string' || !UUID.test(id)) return undefined;
  if (key === 'timestamp' && !isTimestamp(k)) return undefined;
  return [k, id];
}
