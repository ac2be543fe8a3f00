import type { z } from 'zod';
import type { Segment as SegmentSchema } from '../../../server/modules/ballots/ballots.schemas.ts';
import type {
  PublishState as PublishStateSchema,
  Results as ResultsSchema,
} from '../../../server/modules/rankings/rankings.schemas.ts';
import { request } from './http.ts';

export type Segment = z.infer<typeof SegmentSchema>;
export type Results = z.infer<typeof ResultsSchema>;
export type PublishState = z.infer<typeof PublishStateSchema>;

/** The segments offered on the results page ("other" is counted in "all" but has no choice of its own). */
export const SEGMENTS: readonly Segment[] = [
  'all',
  'citizen',
  'business',
  'ngo',
  'public_authority',
  'invited',
  'not_invited',
];

const base = (consultation: string) => `/api/consultations/${encodeURIComponent(consultation)}`;

export const getResults = (consultation: string, segment: Segment, signal?: AbortSignal) =>
  request<Results>(`${base(consultation)}/results`, { query: { segment }, signal });

export const resultsDownloadUrl = (consultation: string, segment: Segment, format: 'csv' | 'json') =>
  `${base(consultation)}/results.${format}?segment=${encodeURIComponent(segment)}`;

/** Publishing from fewer rankings than the minimum answers 409 RESULTS_TOO_FEW unless `confirmSmall`. */
export const setResultsPublished = (consultation: string, publish: boolean, confirmSmall = false) =>
  request<PublishState>(`${base(consultation)}/results/${publish ? 'publish' : 'unpublish'}`, {
    method: 'POST',
    ...(publish && confirmSmall ? { body: { confirmSmall: true } } : {}),
  });
