import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { secureRandomBytes } from '../../shared/random.ts';
import { canonicalJson, type CanonicalSubmission } from './fingerprint.rules.ts';
import { RECEIPT_CODE_BYTES, receiptCodeFromBytes } from './receipt.rules.ts';

/** The secrets and digests of a response (issue 4, story 3). */
export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const fingerprintOf = (s: CanonicalSubmission): string => sha256Hex(canonicalJson(s));

export const newReceiptCode = (): string => receiptCodeFromBytes(secureRandomBytes(RECEIPT_CODE_BYTES));

/** 256 random bits, base64url (43 characters); only its SHA-256 is stored. */
export function newEditToken(): { token: string; hash: string } {
  const token = secureRandomBytes(32).toString('base64url');
  return { token, hash: sha256Hex(token) };
}

export const EDIT_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The edit token, sealed for a retry of the same submission (DESIGN.md §5: "the same key returns the
 * first result"). AES-256-GCM under a key derived (HKDF-SHA256) from the client's Idempotency-Key,
 * salted with the response id. The database stores only the key's SHA-256, so the sealed token is
 * useless without the key itself, which only the submitting client holds.
 */
const SEALING_INFO = Buffer.from('samraad/edit-token/v1\x01', 'latin1');

/**
 * HKDF-SHA256 (RFC 5869) for one 32-byte block, written as its two HMACs: the same key as
 * `hkdfSync('sha256', key, responseId, 'samraad/edit-token/v1', 32)` (a unit test holds them
 * equal), at half the cost.
 */
function sealingKey(idempotencyKey: string, responseId: string): Buffer {
  const prk = createHmac('sha256', responseId).update(idempotencyKey, 'utf8').digest();
  return createHmac('sha256', prk).update(SEALING_INFO).digest();
}

export function sealToken(token: string, idempotencyKey: string, responseId: string): Buffer {
  const iv = secureRandomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey, responseId), iv);
  cipher.setAAD(Buffer.from(responseId, 'utf8'));
  const ct = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

export function unsealToken(sealed: Buffer, idempotencyKey: string, responseId: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealingKey(idempotencyKey, responseId), sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(responseId, 'utf8'));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
