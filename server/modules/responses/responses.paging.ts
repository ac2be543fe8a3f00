import { AppError } from '../../shared/errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import type { Keyset } from './listing.repository.ts';

/** The `(submitted_at, id)` cursor of the public list and the publication queue. */
export function parseKeyset(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  const cur = decodeCursor(cursor);
  const at = cur && cur.length === 2 ? new Date(String(cur[0])) : undefined;
  if (!cur || !at || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(String(cur[1]))) {
    throw new AppError('BAD_REQUEST', 'Invalid cursor');
  }
  return { at, id: String(cur[1]) };
}

export const keysetCursor = (last: { submittedAt: Date; id: string } | undefined, more: boolean): string | null =>
  more && last ? encodeCursor([last.submittedAt.toISOString(), last.id]) : null;
