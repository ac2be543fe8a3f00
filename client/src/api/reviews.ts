import type { z } from 'zod';
import type {
  ApprovalBody,
  Decision as DecisionSchema,
  Evidence as EvidenceSchema,
  InviteReviewerBody,
  MyReviews as MyReviewsSchema,
  RecordDecisionBody,
  Review as ReviewSchema,
  Reviewer as ReviewerSchema,
  Round as RoundSchema,
  RoundDetail as RoundDetailSchema,
  WriteReviewBody,
} from '../../../server/modules/reviews/reviews.schemas.ts';
import type {
  ScenarioScorecard as ScenarioScorecardSchema,
  ScorecardComparison as ScorecardComparisonSchema,
} from '../../../server/modules/reviews/scorecard/scorecard.schemas.ts';
import { ApiError, request } from './http.ts';

/** Review by public authorities and the decision record (issue 14 stories 1, 3, 4). */
export type Reviewer = z.infer<typeof ReviewerSchema>;
export type Round = z.infer<typeof RoundSchema>;
export type RoundDetail = z.infer<typeof RoundDetailSchema>;
export type Review = z.infer<typeof ReviewSchema>;
export type MyReviews = z.infer<typeof MyReviewsSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type Position = Review['position'];
export type Outcome = Decision['outcomes'][number]['outcome'];
export type WriteReviewInput = z.input<typeof WriteReviewBody>;
export type InviteInput = z.input<typeof InviteReviewerBody>;
export type DecisionInput = z.input<typeof RecordDecisionBody>;
export type ApprovalInput = z.input<typeof ApprovalBody>;

export const POSITIONS: readonly Position[] = ['supports', 'supports_with_conditions', 'objects'];
export const OUTCOMES: readonly Outcome[] = ['selected', 'shortlisted', 'eliminated'];
export const EVIDENCE_KINDS: readonly Evidence['kind'][] = [
  'ranking',
  'theme',
  'review',
  'finding',
  'item',
  'document',
];

const c = (id: string) => `/api/consultations/${encodeURIComponent(id)}`;
const r = (id: string, roundId: string) => `${c(id)}/review-rounds/${encodeURIComponent(roundId)}`;

export const getReviewers = (id: string, signal?: AbortSignal) =>
  request<{ items: Reviewer[] }>(`${c(id)}/reviewers`, { signal });
export const inviteReviewer = (id: string, body: InviteInput) =>
  request<Reviewer & { created: boolean }>(`${c(id)}/reviewers`, { method: 'POST', body });
export const removeReviewer = (id: string, userId: string) =>
  request<void>(`${c(id)}/reviewers/${encodeURIComponent(userId)}`, { method: 'DELETE' });

export const getMyReviews = (signal?: AbortSignal) => request<MyReviews>('/api/me/reviews', { signal });
export const getRounds = (id: string, signal?: AbortSignal) =>
  request<{ items: Round[] }>(`${c(id)}/review-rounds`, { signal });
export const openRound = (id: string, body: { dueAt: string; scenarioIds?: string[] }) =>
  request<Round>(`${c(id)}/review-rounds`, { method: 'POST', body });
export const getRound = (id: string, roundId: string, signal?: AbortSignal) =>
  request<RoundDetail>(r(id, roundId), { signal });
export const closeRound = (id: string, roundId: string) =>
  request<Round>(`${r(id, roundId)}/close`, { method: 'POST' });
export const writeReview = (id: string, roundId: string, scenarioId: string, body: WriteReviewInput) =>
  request<Review>(`${r(id, roundId)}/scenarios/${encodeURIComponent(scenarioId)}/review`, { method: 'PUT', body });

export const getDecision = (id: string, roundId: string, signal?: AbortSignal) =>
  request<Decision>(`${r(id, roundId)}/decision`, { signal });
export const recordDecision = (id: string, roundId: string, body: DecisionInput) =>
  request<Decision>(`${r(id, roundId)}/decision`, { method: 'PUT', body });
export const recordApproval = (id: string, roundId: string, body: ApprovalInput) =>
  request<Decision>(`${r(id, roundId)}/approval`, { method: 'PUT', body });
/** The public decision of a consultation; null while there is none. */
export async function getPublicDecision(id: string, signal?: AbortSignal): Promise<Decision | null> {
  try {
    return await request<Decision>(`${c(id)}/decision`, { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

// Issue 14 story 2: the scenario scorecard and the comparison of every scenario.
export type ScenarioScorecard = z.infer<typeof ScenarioScorecardSchema>;
export type ScorecardComparison = z.infer<typeof ScorecardComparisonSchema>;
export const getScorecard = (id: string, scenarioId: string, signal?: AbortSignal) =>
  request<ScenarioScorecard>(`${c(id)}/scenarios/${encodeURIComponent(scenarioId)}/scorecard`, { signal });
export const getScorecardComparison = (id: string, signal?: AbortSignal) =>
  request<ScorecardComparison>(`${c(id)}/scorecard`, { signal });
