import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { notFound } from '../../../shared/errors.ts';
import { ensureAccountWithRole } from '../../accounts/accounts.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { enqueueMail } from '../../mail/mail.service.ts';
import { issuePasswordLink, type MailContext } from '../../participants/participants.service.ts';
import { mailLink } from '../../participants/participants.rules.ts';
import { invitationMail, reviewerAddedMail } from '../reviews.mail.ts';
import type { InviteReviewerInput, Reviewer, ReviewerList } from '../reviews.schemas.ts';
import { requireReviewScope } from '../reviews.scope.ts';
import * as repo from './reviewers.repository.ts';

/**
 * A consultation's reviewers (issue 14 story 1): an admin invites a public authority's people by
 * e-mail. An existing account gets the reviewer role (if it lacks it) and a notice; a new person gets
 * an account without a password and an invitation with a single-use link to choose one (a
 * password-reset token: only its hash is stored, the outbox shows it masked). Audited.
 */
export type InviteContext = MailContext & { inviteDays: number };

type Row = Awaited<ReturnType<typeof repo.listReviewers>>[number];
const toReviewer = (r: Row): Reviewer => ({
  userId: r.userId,
  displayName: r.displayName ?? '',
  email: r.email ?? '',
  authority: r.authority,
  organisationId: r.organisationId,
  invitedAt: r.invitedAt.toISOString(),
  hasPassword: r.hasPassword,
});

export async function listReviewers(db: Db, actor: Actor | null, idOrSlug: string): Promise<ReviewerList> {
  const { consultation } = await requireReviewScope(db, actor, idOrSlug, 'manage');
  return { items: (await repo.listReviewers(db, consultation.id)).map(toReviewer) };
}

export async function inviteReviewer(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  input: InviteReviewerInput,
  ctx: InviteContext,
): Promise<Reviewer & { created: boolean }> {
  const { consultation: c } = await requireReviewScope(db, actor, idOrSlug, 'manage');
  const { userId, created } = await db.transaction().execute(async (trx) => {
    const account = await ensureAccountWithRole(
      trx,
      actor,
      { email: input.email, displayName: input.displayName ?? input.email, locale: input.locale },
      'reviewer',
    );
    const added = await repo.upsertReviewer(trx, {
      consultationId: c.id,
      userId: account.id,
      authority: input.authority,
      organisationId: input.organisationId ?? null,
      invitedBy: actor!.id,
    });
    await recordAudit(trx, actor, {
      action: added ? 'review.reviewer_add' : 'review.reviewer_update',
      itemType: 'account',
      itemId: account.id,
      consultationId: c.id,
      details: {
        authority: input.authority,
        organisationId: input.organisationId ?? null,
        newAccount: account.created,
      },
    });
    const title = c.title[account.locale] || c.title.da;
    const reviewsLink = mailLink(ctx.baseUrl, '/reviews');
    if (account.created) {
      const link = await issuePasswordLink(trx, ctx, account.id, ctx.inviteDays * 86_400_000);
      const mail = invitationMail(account.email, account.locale, {
        consultationTitle: title,
        authority: input.authority,
        setPasswordLink: link,
        reviewsLink,
        days: ctx.inviteDays,
      });
      await enqueueMail(trx, { ...mail, consultationId: c.id });
    } else if (added) {
      const mail = reviewerAddedMail(account.email, account.locale, {
        consultationTitle: title,
        authority: input.authority,
        reviewsLink,
      });
      await enqueueMail(trx, { ...mail, consultationId: c.id });
    }
    return { userId: account.id, created: account.created };
  });
  const row = (await repo.listReviewers(db, c.id)).find((r) => r.userId === userId)!;
  return { ...toReviewer(row), created };
}

/** Removes a reviewer from a consultation; the positions they wrote stay (with their authority). */
export async function removeReviewer(db: Db, actor: Actor | null, idOrSlug: string, userId: string): Promise<void> {
  const { consultation: c } = await requireReviewScope(db, actor, idOrSlug, 'manage');
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteReviewer(trx, c.id, userId))) throw notFound('Reviewer');
    await recordAudit(trx, actor, {
      action: 'review.reviewer_remove',
      itemType: 'account',
      itemId: userId,
      consultationId: c.id,
      details: {},
    });
  });
}
