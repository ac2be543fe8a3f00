import type { Comment, CommentList, SupportState } from '../../api/comments.ts';

/**
 * What the debate components do on the server, passed in by the page (components do no I/O):
 * the page builds it from `api/comments.ts` and threads it down as the `comments` property.
 */
export interface CommentOps {
  /** All of a scenario's threads. */
  list(scenarioId: string, signal?: AbortSignal): Promise<CommentList>;
  /** Posts a comment or a reply; `idempotencyKey` is reused on a retry of the same text. */
  create(
    scenarioId: string,
    body: { body: string; paragraphId?: string; parentId?: string },
    idempotencyKey: string,
  ): Promise<Comment>;
  edit(id: string, body: string): Promise<unknown>;
  remove(id: string): Promise<unknown>;
  moderate(id: string, action: 'hide' | 'restore', reason?: string): Promise<unknown>;
  support(id: string, on: boolean): Promise<SupportState>;
}
