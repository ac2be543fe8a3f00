import { type Actor, hasRole } from '../../shared/actor.ts';

export type UploadSource = 'upload' | 'letter';

/** Staff who may upload outside the participation window and register letters (DESIGN.md §1, §2). */
export const canRegisterLetters = (actor: Actor | null): boolean => hasRole(actor, 'admin', 'analyst');

/**
 * Uploading (no I/O): anyone, without an account, while the consultation accepts input; admins and
 * analysts at any time (a letter that arrived by post is registered after the deadline too).
 * Only they may mark a file as a letter (`source: 'letter'`).
 */
export function canUploadAttachment(actor: Actor | null, c: { acceptsInput: boolean }, source: UploadSource): boolean {
  if (source === 'letter') return canRegisterLetters(actor);
  return c.acceptsInput || canRegisterLetters(actor);
}

/**
 * Downloading (no I/O): admins and analysts always; everyone else, reviewers included, only a file
 * claimed by a response that is published (`isPublic`, which the responses module decides). An
 * unclaimed upload is never public. Reviewers read only what is public until they get a scoped view
 * of their own (issue 10 item 8).
 */
export function canDownloadAttachment(
  actor: Actor | null,
  a: { responseId: string | null },
  isPublic: boolean,
): boolean {
  if (canRegisterLetters(actor)) return true;
  return a.responseId !== null && isPublic;
}
