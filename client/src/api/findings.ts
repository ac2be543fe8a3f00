import type { z } from 'zod';
import type {
  Evidence as EvidenceSchema,
  Finding as FindingSchema,
  FindingBody,
  FindingPage as FindingPageSchema,
  FindingsOverview as FindingsOverviewSchema,
  FindingSummary as FindingSummarySchema,
  SessionBody,
  SessionList as SessionListSchema,
  TestSession as TestSessionSchema,
} from '../../../server/modules/findings/findings.schemas.ts';
import type { FindingImport as FindingImportSchema } from '../../../server/modules/findings/import/import.schemas.ts';
import { uploadFileTo } from './attachments.ts';
import { request } from './http.ts';

/** User-test sessions and findings (issue 13 story 1): shapes from the server's zod contracts. */
export type TestSession = z.infer<typeof TestSessionSchema>;
export type SessionList = z.infer<typeof SessionListSchema>;
export type SessionInput = z.input<typeof SessionBody>;
export type Finding = z.infer<typeof FindingSchema>;
export type FindingSummary = z.infer<typeof FindingSummarySchema>;
export type FindingPage = z.infer<typeof FindingPageSchema>;
export type FindingInput = z.input<typeof FindingBody>;
export type FindingsOverview = z.infer<typeof FindingsOverviewSchema>;
export type Evidence = z.infer<typeof EvidenceSchema>;
export type FindingImport = z.infer<typeof FindingImportSchema>;

/** Evidence types the server accepts (it checks the content too, and answers 415 when it lies). */
export const EVIDENCE_ACCEPT =
  '.png,.jpg,.jpeg,.webp,.pdf,.mp3,.m4a,.mp4,.webm,image/png,image/jpeg,image/webp,application/pdf,audio/mpeg,audio/mp4,video/mp4,video/webm';

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}`;

export const listSessions = (consultationId: string, signal?: AbortSignal) =>
  request<SessionList>(`${base(consultationId)}/test-sessions`, { signal });
export const createSession = (consultationId: string, body: SessionInput) =>
  request<TestSession>(`${base(consultationId)}/test-sessions`, { method: 'POST', body });
export const updateSession = (consultationId: string, sessionId: string, body: SessionInput) =>
  request<TestSession>(`${base(consultationId)}/test-sessions/${encodeURIComponent(sessionId)}`, {
    method: 'PUT',
    body,
  });
export const deleteSession = (consultationId: string, sessionId: string) =>
  request<null>(`${base(consultationId)}/test-sessions/${encodeURIComponent(sessionId)}`, { method: 'DELETE' });

export const listFindings = (
  consultationId: string,
  query: { scenario?: string; severity?: string; status?: string; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
) =>
  request<FindingPage>(`${base(consultationId)}/findings`, {
    signal,
    query: { ...query, cursor: query.cursor ?? undefined },
  });
export const getFinding = (consultationId: string, findingId: string, signal?: AbortSignal) =>
  request<Finding>(`${base(consultationId)}/findings/${encodeURIComponent(findingId)}`, { signal });
export const createFinding = (consultationId: string, body: FindingInput) =>
  request<Finding>(`${base(consultationId)}/findings`, { method: 'POST', body });
export const updateFinding = (consultationId: string, findingId: string, body: FindingInput) =>
  request<Finding>(`${base(consultationId)}/findings/${encodeURIComponent(findingId)}`, { method: 'PUT', body });
export const deleteFinding = (consultationId: string, findingId: string) =>
  request<null>(`${base(consultationId)}/findings/${encodeURIComponent(findingId)}`, { method: 'DELETE' });

/** One evidence file with upload progress (0–1), as the respond page uploads attachments. */
export const uploadEvidence = (
  consultationId: string,
  findingId: string,
  file: File,
  onProgress: (fraction: number) => void,
) =>
  uploadFileTo<Evidence>(
    `${base(consultationId)}/findings/${encodeURIComponent(findingId)}/evidence`,
    file,
    onProgress,
  );
export const deleteEvidence = (consultationId: string, findingId: string, evidenceId: string) =>
  request<null>(
    `${base(consultationId)}/findings/${encodeURIComponent(findingId)}/evidence/${encodeURIComponent(evidenceId)}`,
    { method: 'DELETE' },
  );

export const getOverview = (consultationId: string, scenarioId: string, cursor: string | null, signal?: AbortSignal) =>
  request<FindingsOverview>(`${base(consultationId)}/scenarios/${encodeURIComponent(scenarioId)}/findings-overview`, {
    signal,
    query: { cursor: cursor ?? undefined },
  });

/** The CSV with upload progress; the answer is the preview. */
export const stageFindingImport = (consultationId: string, file: File, onProgress: (fraction: number) => void) =>
  uploadFileTo<FindingImport>(`${base(consultationId)}/finding-imports`, file, onProgress);
export const getFindingImport = (consultationId: string, importId: string, signal?: AbortSignal) =>
  request<FindingImport>(`${base(consultationId)}/finding-imports/${encodeURIComponent(importId)}`, { signal });
export const commitFindingImport = (consultationId: string, importId: string) =>
  request<FindingImport>(`${base(consultationId)}/finding-imports/${encodeURIComponent(importId)}/commit`, {
    method: 'POST',
  });
