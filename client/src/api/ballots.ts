import type { z } from 'zod';
import type { Ballot as BallotSchema, RankEntry } from '../../../server/modules/ballots/ballots.schemas.ts';
import { ApiError, request } from './http.ts';

export type Ballot = z.infer<typeof BallotSchema>;
export type Rank = z.infer<typeof RankEntry>;

const path = (consultation: string) => `/api/consultations/${encodeURIComponent(consultation)}/ballot`;

/** Your ballot, or null when you have none (404). */
export async function getBallot(consultation: string, signal?: AbortSignal): Promise<Ballot | null> {
  try {
    return await request<Ballot>(path(consultation), { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404 && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

export const putBallot = (consultation: string, ranks: Rank[], idempotencyKey: string) =>
  request<Ballot>(path(consultation), {
    method: 'PUT',
    body: { ranks },
    headers: { 'idempotency-key': idempotencyKey },
  });

export const deleteBallot = (consultation: string) => request<void>(path(consultation), { method: 'DELETE' });
