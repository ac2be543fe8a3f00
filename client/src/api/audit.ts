import { request } from './http.ts';
import type { AuditEvent, Page } from './types.ts';

export const listAudit = (
  q: { cursor?: string | null; limit?: number; consultationId?: string; itemType?: string; action?: string } = {},
  signal?: AbortSignal,
) => request<Page<AuditEvent>>('/api/audit', { query: q, signal });
