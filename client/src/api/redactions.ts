import type { z } from 'zod';
import type {
  Finding as FindingSchema,
  FindingPage as FindingPageSchema,
} from '../../../server/modules/analysis/privacy/privacy.schemas.ts';
import { request } from './http.ts';

/** The redaction queue: personal data found before anything is published (issue 12 story 2). */
export type Finding = z.infer<typeof FindingSchema>;
export type FindingPage = z.infer<typeof FindingPageSchema>;
export type FindingStatus = Finding['status'];

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}/redactions`;

export const listRedactions = (
  consultationId: string,
  q: { status?: FindingStatus | undefined; responseId?: string | undefined; cursor?: string | undefined },
  signal?: AbortSignal,
) => request<FindingPage>(base(consultationId), { query: q, signal });

/** Accept (redact where the public can see it) or reject (not personal data), with a reason. */
export const decideRedaction = (
  consultationId: string,
  findingId: string,
  decision: 'accept' | 'reject',
  reason: string,
) =>
  request<Finding>(`${base(consultationId)}/${encodeURIComponent(findingId)}/decision`, {
    method: 'POST',
    body: { decision, reason },
  });

/** Scans new and changed input now. */
export const scanNow = (consultationId: string) =>
  request<{ scanned: number; findings: number; busy: boolean }>(`${base(consultationId)}/scan`, { method: 'POST' });

/** Publishes a file's redacted text in its place (every finding in it decided), or takes it back. */
export const setTextVersion = (consultationId: string, attachmentId: string, publish: boolean) =>
  request<{ attachmentId: string; published: boolean }>(
    `${base(consultationId)}/attachments/${encodeURIComponent(attachmentId)}/text-version`,
    { method: 'PUT', body: { publish } },
  );

/** Marks a passage by hand (code points into the field's text): redacted at once, with a reason. */
export const markPassage = (
  consultationId: string,
  body: {
    itemKind: 'response' | 'comment';
    itemId: string;
    field: string;
    start: number;
    end: number;
    reason: string;
  },
) => request<Finding>(base(consultationId), { method: 'POST', body });
