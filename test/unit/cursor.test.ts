import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeKeysetCursor, encodeCursor } from '../../server/shared/cursor.ts';

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

describe('keyset cursor [key, uuid]', () => {
  const id = 'a1b2c3d4-0000-4000-8000-000000000000';

  it('accepts a UTC timestamp with up to microseconds', () => {
    for (const at of ['2026-11-25T12:00:00Z', '2026-11-25T12:00:00.123Z', '2026-11-25T12:00:00.123456Z']) {
      expect(decodeKeysetCursor(encodeCursor([at, id]), 'timestamp')).toEqual([at, id]);
    }
  });

  it('accepts any text key for text cursors', () => {
    expect(decodeKeysetCursor(encodeCursor(['anne@x.example', id]), 'text')).toEqual(['anne@x.example', id]);
  });

  it.each([
    ['a non-uuid id', ['2026-11-25T12:00:00Z', 'nobody']],
    ['a number as id', ['2026-11-25T12:00:00Z', 7]],
    ['a key that is not a time', ['yesterday', id]],
    ['an impossible date', ['2026-02-30T12:00:00Z', id]],
    ['a time with an offset', ['2026-11-25T12:00:00+01:00', id]],
    ['seven fractional digits', ['2026-11-25T12:00:00.1234567Z', id]],
    ['a number as key', [1_700_000_000, id]],
    ['three parts', ['2026-11-25T12:00:00Z', id, id]],
    ['one part', [id]],
  ])('refuses %s', (_name, parts) => {
    expect(decodeKeysetCursor(encodeCursor(parts as (string | number)[]), 'timestamp')).toBeUndefined();
  });

  it('refuses garbage and a missing cursor', () => {
    expect(decodeKeysetCursor('garbage', 'text')).toBeUndefined();
    expect(decodeKeysetCursor(undefined, 'text')).toBeUndefined();
    expect(decodeKeysetCursor(encodeCursor([42, id]), 'text')).toBeUndefined();
  });
});
