import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { forbidden } from '../../shared/errors.ts';
import { findAccountById } from '../accounts/accounts.registration.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { moderationMail } from '../participants/participants.mail.ts';
import { loadComment, toRecord } from './comments.context.ts';
import { canComment } from './comments.policy.ts';
import * as repo from './comments.repository.ts';
import { presentComment } from './comments.rules.ts';
import type { Comment, ModerationInput } from './comments.schemas.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';

/**
 * Hides (with a reason shown to visitors) or restores a comment; audited, and the author is told by
 * mail in the same transaction. Moderation is not bound to the deadline.
 */
export async function moderateComment(
  db: Db,
  actor: Actor | null,
  id: string,
  input: ModerationInput,
  baseUrl: string,
  clock: Clock = systemClock,
): Promise<Comment> {
  if (!canComment(actor, 'moderate')) throw forbidden();
  const { row, scenario, ctx } = await loadComment(db, actor, id, clock);
  const author = await findAccountById(db, row.authorId);
  const hide = input.action === 'hide';
  const changed = hide ? row.status !== 'hidden' || row.hiddenReason !== input.reason : row.status !== 'visible';
  if (changed) {
    await db.transaction().execute(async (trx) => {
      await repo.setModeration(trx, row.consultationId, id, {
        status: hide ? 'hidden' : 'visible',
        hiddenReason: hide ? input.reason! : null,
        hiddenBy: hide ? actor!.id : null,
      });
      await recordAudit(trx, actor, {
        action: hide ? 'comment.hide' : 'comment.restore',
        itemType: 'comment',
        itemId: id,
        consultationId: row.consultationId,
        details: { reason: input.reason ?? null, before: row.status },
      });
      if (author && !author.disabled) {
        const link = `${baseUrl.replace(/\/+$/, '')}/scenarios/${scenario.id}#comment-${id}`;
        const mail = moderationMail(author.email, author.locale, {
          action: input.action,
          reason: input.reason ?? null,
          scenarioTitle: scenario.title[author.locale],
          link,
        });
        await enqueueMail(trx, { ...mail, consultationId: row.consultationId });
      }
    });
  }
  return presentComment(toRecord((await repo.findComment(db, id, actor!.id))!), ctx);
}
