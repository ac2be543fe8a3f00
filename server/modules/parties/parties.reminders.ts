import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { kickRelay, type MailStatus, queuePartyMails } from './parties.mail.ts';
import * as repo from './parties.repository.ts';

/**
 * Reminders (issue 13 story 3): a scheduled pg-boss job (`parties.reminders`, every 10 minutes; the
 * schedule lives in Postgres, so it survives restarts) mails the parties that have neither
 * responded nor said "no comments", `reminder_days` before the deadline. Each batch claims its
 * parties' reminder rows (unique per consultation, party and reminder) in the transaction that
 * queues their mails, so a run repeated after a crash, or by a second instance, sends nothing twice.
 */
export const REMINDERS_JOB = 'parties.reminders';
export const REMINDERS_CRON = '*/10 * * * *';

export type RemindersDeps = {
  db: Db;
  publicUrl: string;
  mailStatus: MailStatus;
  defaultReminderDays: number;
  log?: FastifyBaseLogger;
};

/** One batch: returns how many parties were reminded (0 when nothing is due). */
export async function remindBatch(deps: RemindersDeps, clock: Clock = systemClock, limit = 200): Promise<number> {
  const now = clock();
  const due = await repo.dueReminders(deps.db, { now, defaultDays: deps.defaultReminderDays, limit });
  if (due.length === 0) return 0;
  const reminded = await deps.db.transaction().execute(async (trx) => {
    const claimed = await repo.claimReminders(trx, due);
    const mine = new Set(claimed.map((c) => `${c.consultationId}/${c.partyId}`));
    const rows = due.filter((d) => mine.has(`${d.consultationId}/${d.partyId}`));
    await queuePartyMails(
      trx,
      'reminder',
      rows.map((r) => ({
        consultationId: r.consultationId,
        slug: r.slug,
        title: r.title,
        closesAt: r.closesAt === null ? null : new Date(r.closesAt),
        partyId: r.partyId,
        partyName: r.name,
        emails: r.emails,
        locale: r.locale,
      })),
      { publicUrl: deps.publicUrl, status: deps.mailStatus },
    );
    for (const consultationId of new Set(rows.map((r) => r.consultationId))) {
      await recordAudit(trx, null, {
        action: 'party_list.remind',
        itemType: 'consultation',
        itemId: consultationId,
        consultationId,
        details: { partyIds: rows.filter((r) => r.consultationId === consultationId).map((r) => r.partyId) },
      });
    }
    return rows.length;
  });
  kickRelay(deps.mailStatus);
  return reminded;
}

/** The job: batches until nothing is due. */
export async function runReminders(deps: RemindersDeps, clock: Clock = systemClock): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await remindBatch(deps, clock);
    total += n;
    if (n === 0) break;
  }
  if (total > 0) deps.log?.info({ reminded: total }, 'party reminders queued');
  return total;
}
