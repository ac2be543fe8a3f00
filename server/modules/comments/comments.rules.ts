import type { Comment, CommentStatus } from './comments.schemas.ts';

/** Pure rules for comment threads and what a viewer sees of them (issue #5). No I/O. */

export type CommentRecord = {
  id: string;
  scenarioId: string;
  authorId: string;
  authorName: string;
  parentId: string | null;
  paragraphId: string | null;
  paragraphText: { da: string | null; en: string | null } | null;
  scenarioVersion: number;
  body: string;
  status: CommentStatus;
  hiddenReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
  supportCount: number;
  supportedByMe: boolean;
};

export type ViewContext = {
  viewerId: string | null;
  /** Analyst or admin: sees a hidden comment's text and author. */
  moderator: boolean;
  acceptsInput: boolean;
  /** Paragraph ids of the current description version, both languages. */
  currentParagraphIds: ReadonlySet<string>;
};

/**
 * What a viewer sees of one comment. A hidden comment shows only that it was removed and why,
 * except to moderators and its author; a deleted one shows as removed, with nothing of its text.
 * Supports of a comment that is not visible are not shown.
 */
export function presentComment(r: CommentRecord, ctx: ViewContext): Comment {
  const mine = ctx.viewerId !== null && r.authorId === ctx.viewerId;
  const visible = r.status === 'visible';
  const revealed = visible || (r.status === 'hidden' && (ctx.moderator || mine));
  return {
    id: r.id,
    scenarioId: r.scenarioId,
    parentId: r.parentId,
    anchor:
      r.paragraphId === null
        ? null
        : {
            paragraphId: r.paragraphId,
            version: r.scenarioVersion,
            text: r.paragraphText ?? { da: null, en: null },
            outdated: !ctx.currentParagraphIds.has(r.paragraphId),
          },
    scenarioVersion: r.scenarioVersion,
    status: r.status,
    hiddenReason: r.status === 'hidden' ? r.hiddenReason : null,
    body: revealed ? r.body : null,
    author: revealed ? { displayName: r.authorName } : null,
    mine: mine && r.status !== 'deleted',
    supportCount: revealed ? r.supportCount : 0,
    supportedByMe: visible && r.supportedByMe,
    canEdit: mine && visible && ctx.acceptsInput,
    canSupport: ctx.viewerId !== null && !mine && visible && ctx.acceptsInput,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
  };
}

export type ReplyCheck = { ok: true } | { ok: false; reason: string };

/** Replies go one level deep, in the same scenario, under a comment that is visible. */
export function checkReplyParent(
  parent: { scenarioId: string; parentId: string | null; status: CommentStatus } | undefined,
  scenarioId: string,
): ReplyCheck {
  if (!parent || parent.status === 'deleted') return { ok: false, reason: 'The comment you reply to does not exist' };
  if (parent.scenarioId !== scenarioId)
    return { ok: false, reason: 'A reply must be on the same scenario as its comment' };
  if (parent.parentId !== null) return { ok: false, reason: 'Replies go one level deep: reply to the top comment' };
  if (parent.status !== 'visible') return { ok: false, reason: 'You cannot reply to a hidden comment' };
  return { ok: true };
}

type Paragraph = { id: string; text: string };

/**
 * A paragraph's text in each language of a description version. Paragraph ids are shared by the
 * two languages when their blocks line up (a translation), so one id usually has both texts.
 */
export function findParagraph(
  paragraphs: { da: readonly Paragraph[]; en: readonly Paragraph[] },
  id: string,
): { da: string | null; en: string | null } | undefined {
  const da = paragraphs.da.find((x) => x.id === id)?.text ?? null;
  const en = paragraphs.en.find((x) => x.id === id)?.text ?? null;
  return da === null && en === null ? undefined : { da, en };
}

export const paragraphIdsOf = (paragraphs: { da: readonly Paragraph[]; en: readonly Paragraph[] }): Set<string> =>
  new Set([...paragraphs.da, ...paragraphs.en].map((p) => p.id));
