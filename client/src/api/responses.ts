import type { z } from 'zod';
import type { PublicResponse as PublicResponseSchema } from '../../../server/modules/responses/public.schemas.ts';
import type { StaffResponse as StaffResponseSchema } from '../../../server/modules/responses/publication.schemas.ts';
import type {
  ActingAs as ActingAsSchema,
  Consent as ConsentSchema,
  EditBody,
  EditReceipt as EditReceiptSchema,
  LetterBody,
  OwnResponse as OwnResponseSchema,
  Receipt as ReceiptSchema,
  SubmissionBody,
} from '../../../server/modules/responses/responses.schemas.ts';
import { ApiError, request } from './http.ts';
import type { Page } from './types.ts';

export type ActingAs = z.infer<typeof ActingAsSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type Receipt = z.infer<typeof ReceiptSchema>;
export type EditReceipt = z.infer<typeof EditReceiptSchema>;
export type OwnResponse = z.infer<typeof OwnResponseSchema>;
export type PublicResponse = z.infer<typeof PublicResponseSchema>;
export type StaffResponse = z.infer<typeof StaffResponseSchema>;
export type SubmissionInput = z.input<typeof SubmissionBody>;
export type EditInput = z.input<typeof EditBody>;
export type LetterInput = z.input<typeof LetterBody>;
export type QueueStatus = 'pending' | 'approved' | 'rejected';

export const ACTING_AS: readonly ActingAs[] = ['citizen', 'business', 'ngo', 'public_authority', 'other'];
export const CONSENTS: readonly Consent[] = ['public_named', 'public_anonymous', 'not_public'];
export const QUEUE_STATUSES: readonly QueueStatus[] = ['pending', 'approved', 'rejected'];

/** An API error that says when to try again (429, 503 with Retry-After), in seconds. */
export class RetryLaterError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    override readonly retryAfter: number,
  ) {
    super(status, code, message);
    this.name = 'RetryLaterError';
  }
}

/** Reads Retry-After (seconds or an HTTP date); 5 s when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number {
  if (!value) return 5;
  const s = Number(value);
  if (Number.isFinite(s) && s >= 0) return Math.min(Math.ceil(s), 600);
  const date = Date.parse(value);
  if (Number.isFinite(date)) return Math.min(Math.max(0, Math.ceil((date - now) / 1000)), 600);
  return 5;
}

/** A JSON POST/PUT that honours Retry-After and sends an Idempotency-Key (fetch wrapper of its own for the headers). */
async function sendWithKey<T>(
  method: string,
  path: string,
  body: unknown,
  key?: string,
): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/json' };
  if (key) headers['idempotency-key'] = key;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  const text = await res.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  if (res.ok) return { status: res.status, data: payload as T };
  const e = (payload as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  const code = typeof e?.code === 'string' ? e.code : `HTTP_${res.status}`;
  const message = typeof e?.message === 'string' ? e.message : res.statusText;
  if (res.status === 429 || res.status === 503) {
    throw new RetryLaterError(res.status, code, message, parseRetryAfter(res.headers.get('retry-after')));
  }
  throw new ApiError(
    res.status,
    code,
    message,
    e?.details && typeof e.details === 'object' ? (e.details as Record<string, unknown>) : undefined,
  );
}

const c = (id: string) => `/api/consultations/${encodeURIComponent(id)}`;

export const submitResponse = (consultationId: string, body: SubmissionInput, idempotencyKey: string) =>
  sendWithKey<Receipt>('POST', `${c(consultationId)}/responses`, body, idempotencyKey);

export const registerLetter = (consultationId: string, body: LetterInput, idempotencyKey: string) =>
  sendWithKey<Receipt>('POST', `${c(consultationId)}/responses/letters`, body, idempotencyKey);

const byToken = (token: string) => `/api/responses/by-token/${encodeURIComponent(token)}`;

export const getOwnResponse = (token: string, signal?: AbortSignal) => request<OwnResponse>(byToken(token), { signal });

export const editOwnResponse = (token: string, body: EditInput) =>
  sendWithKey<EditReceipt>('PUT', byToken(token), body).then((r) => r.data);

/** A file of the respondent's own response, opened with the edit token (the public URL is 404 to them). */
export const ownAttachmentUrl = (token: string, attachmentId: string) =>
  `${byToken(token)}/attachments/${encodeURIComponent(attachmentId)}`;

export const withdrawOwnResponse = (token: string) =>
  request<{ id: string; receiptCode: string; status: string; withdrawnAt: string }>(byToken(token), {
    method: 'DELETE',
  });

export type PublicQuery = {
  q?: string | undefined;
  actingAs?: ActingAs | undefined;
  invited?: 'true' | 'false' | undefined;
  scenario?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  sort?: 'oldest' | 'relevance' | undefined;
  cursor?: string | null;
};

export const listPublished = (consultationId: string, q: PublicQuery, signal?: AbortSignal) =>
  request<Page<PublicResponse>>(`${c(consultationId)}/responses`, { query: q, signal });

export const exportUrl = (consultationId: string, format: 'csv' | 'json', lang: 'da' | 'en') =>
  `${c(consultationId)}/responses.${format}?lang=${lang}${format === 'csv' && lang === 'da' ? '&delimiter=semicolon' : ''}`;

export const listQueue = (
  consultationId: string,
  q: { status: QueueStatus; cursor?: string | null },
  signal?: AbortSignal,
) => request<Page<StaffResponse>>(`${c(consultationId)}/publication-queue`, { query: q, signal });

export const decidePublication = (responseId: string, body: { decision: 'approve' | 'reject'; reason?: string }) =>
  request<StaffResponse>(`/api/responses/${encodeURIComponent(responseId)}/publication`, { method: 'POST', body });
