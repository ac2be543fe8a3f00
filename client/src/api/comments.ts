import type { z } from 'zod';
import type {
  Comment as CommentSchema,
  CommentList as CommentListSchema,
  SupportState as SupportStateSchema,
  Thread as ThreadSchema,
} from '../../../server/modules/comments/comments.schemas.ts';
import { request } from './http.ts';

export type Comment = z.infer<typeof CommentSchema>;
export type Thread = z.infer<typeof ThreadSchema>;
export type CommentList = z.infer<typeof CommentListSchema>;
export type SupportState = z.infer<typeof SupportStateSchema>;

const enc = encodeURIComponent;

/** All of a scenario's threads (the server pages them 100 at a time; a page of a scenario has few). */
export async function listAllComments(scenarioId: string, signal?: AbortSignal): Promise<CommentList> {
  let cursor: string | undefined;
  let first: CommentList | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await request<CommentList>(`/api/scenarios/${enc(scenarioId)}/comments`, {
      query: { limit: 100, cursor },
      signal,
    });
    if (!first) first = page;
    else first.items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { ...first!, nextCursor: null };
}

/** Posts a comment or a reply; `idempotencyKey` is kept by the caller and reused on a retry. */
export const createComment = (
  scenarioId: string,
  body: { body: string; paragraphId?: string; parentId?: string },
  idempotencyKey: string,
) =>
  request<Comment>(`/api/scenarios/${enc(scenarioId)}/comments`, {
    method: 'POST',
    body,
    headers: { 'idempotency-key': idempotencyKey },
  });

export const editComment = (id: string, body: string) =>
  request<Comment>(`/api/comments/${enc(id)}`, { method: 'PATCH', body: { body } });

export const deleteComment = (id: string) => request<void>(`/api/comments/${enc(id)}`, { method: 'DELETE' });

export const setSupport = (id: string, on: boolean) =>
  request<SupportState>(`/api/comments/${enc(id)}/support`, { method: on ? 'PUT' : 'DELETE' });

export const moderateComment = (id: string, action: 'hide' | 'restore', reason?: string) =>
  request<Comment>(`/api/comments/${enc(id)}/moderation`, { method: 'POST', body: { action, reason } });
