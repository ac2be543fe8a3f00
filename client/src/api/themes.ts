import type { z } from 'zod';
import type {
  AcceptBody,
  DecideResult as DecideResultSchema,
  ProposedCoding as ProposedCodingSchema,
  StartRunBody,
  ThemeCandidate as ThemeCandidateSchema,
  ThemeRun as ThemeRunSchema,
  ThemeRunDetail as ThemeRunDetailSchema,
  ThemeRunList as ThemeRunListSchema,
} from '../../../server/modules/analysis/themes/themes.schemas.ts';
import { request } from './http.ts';

/** Suggested themes (issue 11 story 8): shapes from the server's zod contracts. */
export type ThemeRun = z.infer<typeof ThemeRunSchema>;
export type ThemeRunList = z.infer<typeof ThemeRunListSchema>;
export type ThemeRunDetail = z.infer<typeof ThemeRunDetailSchema>;
export type ThemeCandidate = z.infer<typeof ThemeCandidateSchema>;
export type ProposedCoding = z.infer<typeof ProposedCodingSchema>;
export type DecideResult = z.infer<typeof DecideResultSchema>;
export type StartRunInput = z.input<typeof StartRunBody>;
export type AcceptInput = z.input<typeof AcceptBody>;
export type Decision = { codingIds: string[] } | { tagId: string };

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}`;
const runPath = (consultationId: string, runId: string) =>
  `${base(consultationId)}/theme-suggestions/${encodeURIComponent(runId)}`;
const candidatePath = (consultationId: string, runId: string, candidateId: string) =>
  `${runPath(consultationId, runId)}/candidates/${encodeURIComponent(candidateId)}`;

export const startThemeRun = (consultationId: string, body: StartRunInput) =>
  request<ThemeRun>(`${base(consultationId)}/theme-suggestions`, { method: 'POST', body });

export const listThemeRuns = (consultationId: string, signal?: AbortSignal) =>
  request<ThemeRunList>(`${base(consultationId)}/theme-suggestions`, { signal });

export const getThemeRun = (consultationId: string, runId: string, signal?: AbortSignal) =>
  request<ThemeRunDetail>(runPath(consultationId, runId), { signal });

export const acceptCandidate = (consultationId: string, runId: string, candidateId: string, body: AcceptInput) =>
  request<ThemeCandidate>(`${candidatePath(consultationId, runId, candidateId)}/accept`, { method: 'POST', body });

export const dismissCandidate = (consultationId: string, runId: string, candidateId: string) =>
  request<ThemeCandidate>(`${candidatePath(consultationId, runId, candidateId)}/dismiss`, { method: 'POST' });

export const listProposed = (
  consultationId: string,
  q: { tagId?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
) =>
  request<{ items: ProposedCoding[]; nextCursor: string | null }>(`${base(consultationId)}/proposed-codings`, {
    query: q,
    signal,
  });

export const confirmProposed = (consultationId: string, body: Decision) =>
  request<DecideResult>(`${base(consultationId)}/proposed-codings/confirm`, { method: 'POST', body });

export const rejectProposed = (consultationId: string, body: Decision) =>
  request<DecideResult>(`${base(consultationId)}/proposed-codings/reject`, { method: 'POST', body });
