import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  newEditToken,
  newReceiptCode,
  sealToken,
  sha256Hex,
  unsealToken,
} from '../../server/modules/responses/responses.crypto.ts';
import {
  CROCKFORD_ALPHABET,
  normalizeReceiptCode,
  RECEIPT_CODE_PATTERN,
  receiptCodeFromBytes,
} from '../../server/modules/responses/receipt.rules.ts';

describe('receipt codes', () => {
  it('are 10 Crockford base32 symbols grouped XXXX-XXXX-XX, without I, L, O or U', () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    expect(CROCKFORD_ALPHABET).not.toMatch(/[ILOU]/);
    for (let i = 0; i < 1000; i++) {
      const code = newReceiptCode();
      expect(code).toMatch(RECEIPT_CODE_PATTERN);
      expect(code).not.toMatch(/[ILOU]/);
    }
  });

  it('maps each byte’s low five bits to a symbol, so every symbol is equally likely', () => {
    expect(receiptCodeFromBytes(Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe('0123-4567-89');
    expect(receiptCodeFromBytes(Uint8Array.from([31, 63, 255, 32, 10, 17, 18, 20, 21, 27]))).toBe('ZZZ0-AHJM-NV');
    expect(() => receiptCodeFromBytes(new Uint8Array(9))).toThrow(RangeError);
    const counts = new Map<string, number>();
    for (let i = 0; i < 3200; i++)
      for (const ch of newReceiptCode().replace(/-/g, '')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    // 32,000 symbols: 1,000 expected each; a biased generator would be far off.
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
  });

  it('are unique in practice (50 bits); the database’s unique index catches the rest', () => {
    const seen = new Set(Array.from({ length: 20_000 }, () => newReceiptCode()));
    expect(seen.size).toBe(20_000);
  });

  it('read back what a person types: any case, spaces, O for 0, I and L for 1', () => {
    expect(normalizeReceiptCode('abcd efgh jk')).toBe('ABCD-EFGH-JK');
    expect(normalizeReceiptCode('0o1i-L234-56')).toBe('0011-1234-56');
    expect(normalizeReceiptCode('ABCD-EFGH-J')).toBeNull();
    expect(normalizeReceiptCode('ABCD-EFGH-JU')).toBeNull();
  });
});

describe('edit tokens', () => {
  it('carry 256 random bits as base64url and are stored as SHA-256 only', () => {
    const { token, hash } = newEditToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toBe(sha256Hex(token));
    expect(newEditToken().token).not.toBe(token);
  });

  it('sealed for a retry, open only with the same Idempotency-Key and response', () => {
    const { token } = newEditToken();
    const key = crypto.randomUUID();
    const id = crypto.randomUUID();
    const sealed = sealToken(token, key, id);
    expect(sealed.toString('utf8')).not.toContain(token);
    expect(unsealToken(sealed, key, id)).toBe(token);
    expect(unsealToken(sealed, crypto.randomUUID(), id)).toBeNull();
    expect(unsealToken(sealed, key, crypto.randomUUID())).toBeNull();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(unsealToken(tampered, key, id)).toBeNull();
    expect(unsealToken(randomBytes(10), key, id)).toBeNull();
  });

  it('opens a token sealed under the key from node:crypto HKDF (what stored rows were sealed with)', () => {
    const { token } = newEditToken();
    const key = crypto.randomUUID();
    const id = crypto.randomUUID();
    const hkdfKey = Buffer.from(hkdfSync('sha256', Buffer.from(key), Buffer.from(id), 'samraad/edit-token/v1', 32));
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', hkdfKey, iv);
    cipher.setAAD(Buffer.from(id, 'utf8'));
    const ct = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), ct]);
    expect(unsealToken(sealed, key, id)).toBe(token);
    expect(unsealToken(sealToken(token, key, id), key, id)).toBe(token);
  });
});
