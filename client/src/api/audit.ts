import { request } from './http.ts';
import type { AuditEvent, Page } from './types.ts';

/** The audit log's filters (server/modules/audit/audit.schemas.ts AuditQuery); absent means "any". */
export type AuditFilters = {
  q?: string;
  actor?: string;
  actorId?: string;
  action?: string;
  itemType?: string;
  itemId?: string;
  consultationId?: string;
  /** ISO date-times: from inclusive, to exclusive. */
  from?: string;
  to?: string;
};

export const listAudit = (q: AuditFilters & { cursor?: string | null; limit?: number } = {}, signal?: AbortSignal) =>
  request<Page<AuditEvent>>('/api/audit', { query: q, signal });
