import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../server/shared/cursor.ts';

describe('cursor', () => {
  it('round-trips strings and numbers', () => {
    const parts = ['2026-11-25T12:00:00.123456Z', 'a1b2c3d4-0000-4000-8000-000000000000', 42];
    const c = encodeCursor(parts);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c)).toEqual(parts);
  });

  it('is undefined when absent', () => {
    expect(decodeCursor(undefined)).toBeUndefined();
    expect(decodeCursor('')).toBeUndefined();
  });

  const b64 = (s: string) => Buffer.from(s).toString('base64url');
  it.each([
    ['not base64 at all', '!!!***'],
    ['base64 of plain text', b64('hello')],
    ['base64 of a JSON object', b64('{"a":1}')],
    ['base64 of a JSON string', b64('"x"')],
    ['base64 of a number', b64('12')],
    ['base64 of null', b64('null')],
    ['an array holding an object', b64('[{"a":1}]')],
    ['an array holding null', b64('["x",null]')],
    ['an array holding a nested array', b64('[["x"]]')],
    ['truncated JSON', b64('["x", "y"')],
  ])('garbage (%s) → undefined', (_name, cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});
