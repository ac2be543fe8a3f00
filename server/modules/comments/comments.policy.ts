import { type Actor, hasRole } from '../../shared/actor.ts';

export type CommentAction = 'create' | 'edit' | 'delete' | 'support' | 'moderate' | 'readHidden';

/**
 * Who may do what with a comment (issue #5, DESIGN.md §1). Anyone signed in comments; only the
 * author edits or deletes; support (+1) is for others' comments (a self-+1 would only inflate the
 * count); analysts and admins moderate and, with the author, still read a hidden comment. No I/O.
 */
export function canComment(actor: Actor | null, action: CommentAction, comment?: { authorId: string }): boolean {
  if (!actor) return false;
  switch (action) {
    case 'create':
      return true;
    case 'edit':
    case 'delete':
      return !!comment && comment.authorId === actor.id;
    case 'support':
      return !!comment && comment.authorId !== actor.id;
    case 'moderate':
      return hasRole(actor, 'admin', 'analyst');
    case 'readHidden':
      return hasRole(actor, 'admin', 'analyst') || (!!comment && comment.authorId === actor.id);
  }
}
