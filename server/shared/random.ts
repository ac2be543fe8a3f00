import { randomFillSync } from 'node:crypto';

/**
 * Random bytes from the OS's CSPRNG, drawn from a buffer refilled 8 KiB at a time — what Node's own
 * `randomUUID` does. Each call to `crypto.randomBytes` is a system call, and a submission needs three
 * (receipt code, edit token, sealing IV); measured under the bench they cost more than the hashing.
 * Every byte is handed out once and copied, so no two callers share or alias one.
 */
const POOL_SIZE = 8192;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

export function secureRandomBytes(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > POOL_SIZE) throw new RangeError(`Cannot draw ${n} random bytes`);
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + n));
  pool.fill(0, offset, offset + n);
  offset += n;
  return out;
}
