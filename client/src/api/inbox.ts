import type { z } from 'zod';
import type { Codebook as CodebookSchema } from '../../../server/modules/analysis/codebook/codebook.schemas.ts';
import type {
  InboxFacets as InboxFacetsSchema,
  InboxItem as InboxItemSchema,
  InboxPage as InboxPageSchema,
  InboxProgress as InboxProgressSchema,
} from '../../../server/modules/analysis/inbox/inbox.schemas.ts';
import { inboxParams, inboxQueryRecord, type InboxFilters } from '../data/inbox-filter.ts';
import { request } from './http.ts';

/** The analysts' inbox (issue 11 stories 1 and 5). */
export type InboxItem = z.infer<typeof InboxItemSchema>;
export type InboxPage = z.infer<typeof InboxPageSchema>;
export type InboxFacets = z.infer<typeof InboxFacetsSchema>;
export type InboxProgress = z.infer<typeof InboxProgressSchema>;
export type CodebookTagRef = Pick<z.infer<typeof CodebookSchema>['tags'][number], 'id' | 'name' | 'depth'>;

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}`;

/** The view's parameters (repeatable ones repeated), plus the page's own. */
function withView(path: string, f: InboxFilters, extra: Record<string, string> = {}): string {
  const p = inboxParams(f);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}

export const listInbox = (consultationId: string, f: InboxFilters, cursor: string | null, signal?: AbortSignal) =>
  request<InboxPage>(withView(`${base(consultationId)}/inbox`, f, cursor ? { cursor } : {}), { signal });

export const inboxFacets = (consultationId: string, f: InboxFilters, signal?: AbortSignal) =>
  request<InboxFacets>(withView(`${base(consultationId)}/inbox/facets`, f), { signal });

export const inboxProgress = (consultationId: string, signal?: AbortSignal) =>
  request<InboxProgress>(`${base(consultationId)}/inbox/progress`, { signal });

/** Sets the status and/or the assignee of items (`assigneeId: null` unassigns). */
export const updateWorkflow = (
  consultationId: string,
  body: { itemIds: string[]; status?: InboxItem['status']; assigneeId?: string | null },
) => request<{ updated: string[] }>(`${base(consultationId)}/inbox/workflow`, { method: 'POST', body });

/** Splits the view evenly among analysts. */
export const splitView = (consultationId: string, analystIds: string[], f: InboxFilters) =>
  request<{ assigned: { assigneeId: string; items: number }[] }>(`${base(consultationId)}/inbox/split`, {
    method: 'POST',
    body: { analystIds, query: inboxQueryRecord(f) },
  });

/** The active tags, depth-first, for the tag filter. */
export const codebookTags = async (consultationId: string, signal?: AbortSignal): Promise<CodebookTagRef[]> =>
  (await request<{ tags: CodebookTagRef[] }>(`${base(consultationId)}/codebook`, { signal })).tags;
