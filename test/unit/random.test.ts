import { describe, expect, it } from 'vitest';
import { secureRandomBytes } from '../../server/shared/random.ts';

describe('secureRandomBytes', () => {
  it('hands out every byte once, also across refills of its pool', () => {
    const seen = new Set<string>();
    // 3,000 × 12 bytes crosses the 8 KiB pool several times.
    for (let i = 0; i < 3000; i++) {
      const b = secureRandomBytes(12);
      expect(b).toHaveLength(12);
      seen.add(b.toString('hex'));
    }
    expect(seen.size).toBe(3000);
  });

  it('returns copies: changing one changes nothing else', () => {
    const a = secureRandomBytes(32);
    const copy = Buffer.from(a);
    a.fill(0);
    const b = secureRandomBytes(32);
    expect(b.equals(Buffer.alloc(32))).toBe(false);
    expect(copy.equals(Buffer.alloc(32))).toBe(false);
  });

  it('looks uniform: every byte value turns up in 64 KiB', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 8; i++) for (const v of secureRandomBytes(8192)) counts[v]!++;
    expect(Math.min(...counts)).toBeGreaterThan(100); // expected 256 each
  });

  it('refuses sizes it cannot give', () => {
    expect(() => secureRandomBytes(-1)).toThrow(RangeError);
    expect(() => secureRandomBytes(8193)).toThrow(RangeError);
    expect(secureRandomBytes(0)).toHaveLength(0);
  });
});
