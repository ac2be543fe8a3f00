/**
 * Receipt codes: 10 symbols of Crockford's base32 (no I, L, O, U: nothing to misread when a code is
 * read aloud or typed from paper), shown as XXXX-XXXX-XX. 50 bits from the OS's CSPRNG: a collision
 * is caught by the unique index and the submission is retried with a new code. No I/O: the caller
 * passes the random bytes.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_CODE_BYTES = 10;
export const RECEIPT_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{2}$/;

const group = (s: string) => `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 10)}`;

/** Each byte's low five bits pick a symbol: 256 is a multiple of 32, so every symbol is equally likely. */
export function receiptCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECEIPT_CODE_BYTES) throw new RangeError(`Need ${RECEIPT_CODE_BYTES} random bytes`);
  let s = '';
  for (let i = 0; i < RECEIPT_CODE_BYTES; i++) s += CROCKFORD_ALPHABET[bytes[i]! & 31];
  return group(s);
}

/** What a person types back (any case, spaces or dashes, O for 0, I or L for 1) → the canonical code, or null. */
export function normalizeReceiptCode(input: string): string | null {
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (s.length !== 10 || [...s].some((ch) => !CROCKFORD_ALPHABET.includes(ch))) return null;
  return group(s);
}
