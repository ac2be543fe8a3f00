/**
 * The one Idempotency-Key maker (issue 9 item 3): a fresh random key per submission attempt,
 * kept and sent again when the same attempt is retried, so the server stores it once.
 * crypto.randomUUID where there is one (secure contexts), else 16 random bytes in hex.
 */
export function newIdempotencyKey(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const b = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}
