/**
 * Text PostgreSQL can store: no NUL character and no lone UTF-16 surrogate. PostgreSQL refuses
 * both (`invalid byte sequence`), so without this check they reach the database and answer 500
 * (issue 10 item 5). Every string the API accepts passes here, in the request plugin and in the
 * cursor decoder.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const isStorableText = (s: string): boolean => !UNSTORABLE.test(s);

/** The path (`/a/0/b`) of the first string or key in a parsed value that is not storable text. */
export function findUnstorableText(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path || '/';
  if (value === null || typeof value !== 'object') return undefined;
  if (Buffer.isBuffer(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (!isStorableText(key)) return `${path}/${key.replace(UNSTORABLE, '?')}`;
    const found = findUnstorableText(item, `${path}/${key}`);
    if (found) return found;
  }
  return undefined;
}
