import { redactPublicComments } from '../analysis/privacy/privacy.service.ts';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { pageOf, readCursor } from '../../shared/cursor.ts';
import { AppError, forbidden } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { getScenario } from '../scenarios/scenarios.service.ts';
import { closed, loadComment, loadContext, toRecord } from './comments.context.ts';
import { canComment } from './comments.policy.ts';
import * as feed from './analysis-feed.repository.ts';
import * as repo from './comments.repository.ts';
import { checkReplyParent, findParagraph, presentComment } from './comments.rules.ts';
import type {
  Comment,
  CommentList,
  CommentListQuery,
  CreateCommentInput,
  OwnComment,
  SupportState,
} from './comments.schemas.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';

export async function listComments(
  db: Db,
  actor: Actor | null,
  scenarioId: string,
  q: CommentListQuery,
  clock: Clock = systemClock,
): Promise<CommentList> {
  const { scenario, ctx } = await loadContext(db, actor, scenarioId, clock);
  const publicText = <T extends { id: string; body: string | null }>(list: T[]) =>
    ctx.moderator ? Promise.resolve(list) : redactPublicComments(db, scenario.consultationId, list);
  const cur = readCursor(q.cursor, 'timestamp');
  const viewerId = actor?.id ?? null;
  const rows = await repo.listThreads(db, {
    consultationId: scenario.consultationId,
    scenarioId,
    viewerId,
    paragraph: q.paragraph,
    ...(cur ? { after: cur } : {}),
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.cursorAt, last.id]);
  const replies = await repo.listReplies(
    db,
    scenario.consultationId,
    page.rows.map((r) => r.id),
    viewerId,
  );
  const counts = await repo.countVisibleByParagraph(db, scenario.consultationId, scenarioId);
  const paragraphCounts: Record<string, number> = {};
  for (const c of counts) if (c.paragraphId !== null) paragraphCounts[c.paragraphId] = Number(c.n);
  return {
    scenarioId,
    currentVersion: scenario.version,
    acceptsInput: ctx.acceptsInput,
    canModerate: ctx.moderator,
    total: counts.reduce((s, c) => s + Number(c.n), 0),
    paragraphCounts,
    // Issue 12 story 2: what the redaction queue redacted is cut from what the public reads; moderators see the original.
    items: await Promise.all(
      page.rows.map(async (t) => {
        const [item] = await publicText([presentComment(toRecord(t), ctx)]);
        return {
          ...item!,
          replies: await publicText(
            replies.filter((r) => r.parentId === t.id).map((r) => presentComment(toRecord(r), ctx)),
          ),
        };
      }),
    ),
    nextCursor: page.nextCursor,
  };
}

/** Where a new comment is anchored: its parent's paragraph for a reply, else the chosen paragraph. */
async function anchorFor(db: Db, scenario: Awaited<ReturnType<typeof getScenario>>, input: CreateCommentInput) {
  if (input.parentId) {
    const parent = await repo.findComment(db, input.parentId);
    const check = checkReplyParent(
      parent && parent.consultationId === scenario.consultationId ? parent : undefined,
      scenario.id,
    );
    if (!check.ok) throw new AppError('RULE_VIOLATION', check.reason);
    if (input.paragraphId !== undefined && input.paragraphId !== parent!.paragraphId) {
      throw new AppError('RULE_VIOLATION', 'A reply belongs to the paragraph of the comment it answers');
    }
    return {
      parentId: parent!.id,
      paragraphId: parent!.paragraphId,
      paragraphText: parent!.paragraphText,
      scenarioVersion: parent!.paragraphId ? parent!.scenarioVersion : scenario.version,
    };
  }
  if (input.paragraphId === undefined) {
    return {
      parentId: null,
      paragraphId: null,
      paragraphText: null,
      scenarioVersion: scenario.version,
    };
  }
  const p = findParagraph(scenario.paragraphs, input.paragraphId);
  if (!p) throw new AppError('RULE_VIOLATION', 'No such paragraph in the current version of the scenario');
  // The paragraph's text is kept with the comment, so it still shows what was commented on
  // after the description changes (issue #5 story 3).
  return {
    parentId: null,
    paragraphId: input.paragraphId,
    paragraphText: p,
    scenarioVersion: scenario.version,
  };
}

/**
 * Adds a comment or a reply. With an Idempotency-Key the same key returns the first comment
 * (`created: false`), also after the deadline, and never creates a second.
 */
export async function createComment(
  db: Db,
  actor: Actor | null,
  scenarioId: string,
  input: CreateCommentInput,
  idempotencyKey: string | undefined,
  clock: Clock = systemClock,
): Promise<{ comment: Comment; created: boolean }> {
  if (!actor || !canComment(actor, 'create')) throw forbidden();
  const { scenario, consultation, ctx } = await loadContext(db, actor, scenarioId, clock);
  if (idempotencyKey) {
    const first = await repo.findByIdempotencyKey(db, consultation.id, actor.id, idempotencyKey);
    if (first) return { comment: presentComment(toRecord(first), ctx), created: false };
  }
  if (!ctx.acceptsInput) throw closed();
  const anchor = await anchorFor(db, scenario, input);
  const inserted = await db.transaction().execute(async (trx) => {
    const row = await repo.insertComment(trx, {
      consultationId: consultation.id,
      scenarioId,
      authorId: actor.id,
      body: input.body,
      idempotencyKey: idempotencyKey ?? null,
      ...anchor,
    });
    if (row) {
      await recordAudit(trx, actor, {
        action: 'comment.create',
        itemType: 'comment',
        itemId: row.id,
        consultationId: consultation.id,
        details: { scenarioId, parentId: anchor.parentId, paragraphId: anchor.paragraphId },
      });
    }
    return row;
  });
  const saved = inserted
    ? await repo.findComment(db, inserted.id, actor.id)
    : await repo.findByIdempotencyKey(db, consultation.id, actor.id, idempotencyKey!);
  return { comment: presentComment(toRecord(saved!), ctx), created: !!inserted };
}

/** The author may change or delete a visible comment until the deadline. */
async function loadOwnEditable(db: Db, actor: Actor | null, id: string, action: 'edit' | 'delete', clock: Clock) {
  const loaded = await loadComment(db, actor, id, clock);
  if (!canComment(actor, action, loaded.row)) throw forbidden('Only the author can change a comment');
  if (loaded.row.status === 'hidden') throw new AppError('RULE_VIOLATION', 'A moderator has hidden this comment');
  if (!loaded.ctx.acceptsInput) throw closed();
  return loaded;
}

export async function editComment(db: Db, actor: Actor | null, id: string, body: string, clock: Clock = systemClock) {
  const { row, ctx } = await loadOwnEditable(db, actor, id, 'edit', clock);
  await db.transaction().execute(async (trx) => {
    await repo.updateBody(trx, row.consultationId, id, body);
    await recordAudit(trx, actor, {
      action: 'comment.edit',
      itemType: 'comment',
      itemId: id,
      consultationId: row.consultationId,
    });
  });
  return presentComment(toRecord((await repo.findComment(db, id, actor!.id))!), ctx);
}

export async function deleteComment(
  db: Db,
  actor: Actor | null,
  id: string,
  clock: Clock = systemClock,
): Promise<void> {
  const { row } = await loadOwnEditable(db, actor, id, 'delete', clock);
  await db.transaction().execute(async (trx) => {
    await repo.markDeleted(trx, row.consultationId, id);
    await recordAudit(trx, actor, {
      action: 'comment.delete',
      itemType: 'comment',
      itemId: id,
      consultationId: row.consultationId,
    });
  });
}

/** +1 once, or take it back; idempotent either way; not on one's own comment; until the deadline. */
export async function setSupport(
  db: Db,
  actor: Actor | null,
  id: string,
  on: boolean,
  clock: Clock = systemClock,
): Promise<SupportState> {
  const { row, ctx } = await loadComment(db, actor, id, clock);
  if (!actor) throw forbidden();
  if (!canComment(actor, 'support', row)) throw new AppError('RULE_VIOLATION', 'You cannot support your own comment');
  if (row.status !== 'visible') throw new AppError('RULE_VIOLATION', 'A hidden comment cannot be supported');
  if (!ctx.acceptsInput) throw closed();
  if (on) await repo.addSupport(db, row.consultationId, id, actor.id);
  else await repo.removeSupport(db, row.consultationId, id, actor.id);
  const after = (await repo.findComment(db, id, actor.id))!;
  return { commentId: id, supportCount: Number(after.supportCount), supportedByMe: !!after.supportedByMe };
}

/** The author's own comments, newest first (for the activity page); deleted ones are left out. */
export async function listOwnComments(db: Db, authorId: string, limit = 200): Promise<OwnComment[]> {
  const rows = await repo.listByAuthor(db, authorId, limit);
  return rows.map((r) => ({
    id: r.id,
    consultation: { id: r.consultationId, slug: r.consultationSlug, title: r.consultationTitle },
    scenario: { id: r.scenarioId, key: r.scenarioKey, title: r.scenarioTitle },
    parentId: r.parentId,
    paragraphId: r.paragraphId,
    body: r.body,
    status: r.status === 'hidden' ? 'hidden' : 'visible',
    hiddenReason: r.status === 'hidden' ? r.hiddenReason : null,
    supportCount: Number(r.supportCount),
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
  }));
}

export type { CommentForAnalysis, CommentKey } from './analysis-feed.repository.ts';

/** For the analysis inbox: what it indexes of these comments, in any moderation state (staff only). */
export const commentsForAnalysis = feed.commentsForAnalysis;

/** For the analysis inbox's first run: every comment's key, in key order after `after`. */
export const commentKeysAfter = feed.commentKeysAfter;

/**
 * For the analysis module (issue 11 story 4): a comment's text by id, hidden ones too, deleted ones
 * not (their text is gone). Callers check their own role first: this reads what staff may read.
 */
export async function commentText(
  db: Db,
  id: string,
): Promise<{ id: string; consultationId: string; body: string } | undefined> {
  const row = await repo.findComment(db, id);
  if (!row || row.status === 'deleted') return undefined;
  return { id: row.id, consultationId: row.consultationId, body: row.body };
}

// Issue 14 story 7 (reports module, "how your input was used").

/** A participant's own comments in one consultation (not deleted), oldest first; for their own eyes. */
export async function ownCommentsIn(
  db: Db,
  consultationId: string,
  authorId: string,
): Promise<{ id: string; body: string; scenarioKey: string | null; createdAt: Date }[]> {
  const rows = await repo.listByAuthorIn(db, consultationId, authorId);
  return rows.map((r) => ({ id: r.id, body: r.body, scenarioKey: r.scenarioKey ?? null, createdAt: r.createdAt }));
}

/** The user ids of a consultation's commenters, in id order after `afterId` (a keyset page of `limit`). */
export async function commentAuthorsAfter(
  db: Db,
  consultationId: string,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  return (await repo.authorsAfter(db, consultationId, afterId, limit)).map((r) => r.authorId);
}
