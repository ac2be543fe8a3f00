import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { type Clock, systemClock } from '../../../shared/clock.ts';
import { findAccountById } from '../../accounts/accounts.registration.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { enqueueMail } from '../../mail/mail.service.ts';
import { mailLink } from '../../participants/participants.rules.ts';
import { reminderMail } from '../reviews.mail.ts';
import * as repo from './reminders.repository.ts';

export const REMINDER_JOB = 'review.reminders';
const DAY_MS = 86_400_000;

/**
 * Reminds the reviewers of open rounds who have not signed off every scenario, `days` before the
 * due date (issue 14 story 3). Each reminder is a row (round, reviewer, reminder) inserted in the
 * transaction that writes its outbox mail, so a mail exists if and only if its row does: a run
 * interrupted by a restart, a second run, or another instance running at the same time sends
 * nothing twice, and the outbox relay delivers each mail once. Returns how many were written.
 */
export async function sweepReminders(
  db: Db,
  opts: { baseUrl: string; days: number },
  clock: Clock = systemClock,
): Promise<number> {
  if (opts.days <= 0) return 0;
  const reminder = `due-${opts.days}d`;
  const now = clock();
  let sent = 0;
  for (const due of await repo.dueReminders(db, now, opts.days * DAY_MS, reminder)) {
    if (due.missing === 0) continue;
    const [account, consultation] = await Promise.all([
      findAccountById(db, due.reviewerId),
      requireReadableConsultation(db, null, due.consultationId).catch(() => null),
    ]);
    if (!account || account.disabled || !consultation) continue;
    const key = { consultationId: due.consultationId, roundId: due.roundId, reviewerId: due.reviewerId, reminder };
    const wrote = await db.transaction().execute(async (trx) => {
      if (!(await repo.claimReminder(trx, key))) return false;
      const mail = reminderMail(account.email, account.locale, {
        consultationTitle: consultation.title[account.locale] || consultation.title.da,
        roundNumber: due.number,
        dueAt: due.dueAt,
        missing: due.missing,
        link: mailLink(opts.baseUrl, `/reviews/${consultation.id}/rounds/${due.roundId}`),
      });
      const mailId = await enqueueMail(trx, { ...mail, consultationId: due.consultationId });
      await repo.setReminderMail(trx, key, mailId);
      return true;
    });
    if (wrote) sent++;
  }
  return sent;
}

/** The scheduled sweep (every 15 minutes, one schedule across instances); none when reminders are off. */
export async function registerReminders(app: FastifyInstance, opts: { baseUrl: string; days: number }): Promise<void> {
  if (opts.days <= 0) return;
  await app.jobs.work<unknown>(REMINDER_JOB, async () => {
    const sent = await sweepReminders(app.db, opts);
    if (sent > 0) app.log.info({ sent }, 'review reminders written');
  });
  await app.jobs.schedule(REMINDER_JOB, '*/15 * * * *');
}
