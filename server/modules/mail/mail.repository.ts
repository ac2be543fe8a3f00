import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { OutboxStatus } from '../../db/schema.ts';
import { type MailTemplate, storedTemplate } from './mail.templates.ts';

export async function insertMail(
  db: Db,
  v: {
    consultationId: string;
    recipient: string;
    kind: string;
    locale: 'da' | 'en';
    responseId: string | null;
    status?: 'pending' | 'outboxed';
  } & ({ subject: string; textBody: string; htmlBody: string | null } | { template: MailTemplate }),
) {
  const values = 'template' in v ? { ...v, template: storedTemplate(v.template) } : v;
  return db
    .insertInto('mailOutbox')
    .values({ ...values, createdAt: new Date() })
    .returning(['consultationId', 'id'])
    .executeTakeFirstOrThrow();
}

/**
 * Claims up to `limit` due mails (pending, or failed with attempts left) for this relay: each claim
 * counts an attempt and leases the row for `leaseSeconds`; SKIP LOCKED keeps concurrent relays apart.
 */
export async function claimDue(db: Db, f: { limit: number; maxAttempts: number; leaseSeconds: number }) {
  const r = await sql<{
    consultationId: string;
    id: string;
    recipient: string;
    subject: string | null;
    textBody: string | null;
    htmlBody: string | null;
    template: unknown;
    locale: 'da' | 'en';
    attempts: number;
  }>`
    update mail_outbox m
       set attempts = m.attempts + 1,
           next_attempt_at = now() + make_interval(secs => ${f.leaseSeconds})
      from (select consultation_id, id from mail_outbox
             where status in ('pending', 'failed') and next_attempt_at <= now() and attempts < ${f.maxAttempts}
             order by next_attempt_at
             limit ${f.limit}
             for update skip locked) due
     where m.consultation_id = due.consultation_id and m.id = due.id
    returning m.consultation_id, m.id, m.recipient, m.subject, m.text_body, m.html_body, m.template, m.locale,
              m.attempts`.execute(db);
  return r.rows;
}

/** Without SMTP: due mail is kept for admins ('outboxed'), up to `limit` rows in one statement. */
export async function outboxDue(db: Db, limit: number): Promise<number> {
  const r = await sql`
    update mail_outbox m set status = 'outboxed'
      from (select consultation_id, id from mail_outbox
             where status = 'pending' and next_attempt_at <= now()
             order by next_attempt_at
             limit ${limit}
             for update skip locked) due
     where m.consultation_id = due.consultation_id and m.id = due.id`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

export async function markSent(
  db: Db,
  consultationId: string,
  id: string,
  v: { subject: string; textBody: string; htmlBody: string | null },
) {
  // What was sent is kept as text; a template (and the secret in its data) is not kept.
  await db
    .updateTable('mailOutbox')
    .set({ ...v, template: null, status: 'sent', sentAt: new Date(), lastError: null })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

/** Refused: kept with the reason, due again after `retryInSeconds` (the relay's backoff). */
export async function markFailed(db: Db, consultationId: string, id: string, error: string, retryInSeconds: number) {
  await db
    .updateTable('mailOutbox')
    .set({
      status: 'failed',
      lastError: error,
      nextAttemptAt: sql<Date>`now() + make_interval(secs => ${retryInSeconds})`,
    })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function listOutbox(
  db: Db,
  f: {
    status?: OutboxStatus | undefined;
    to?: string | undefined;
    before?: { at: Date; id: string } | undefined;
    limit: number;
  },
) {
  let q = db.selectFrom('mailOutbox').selectAll();
  if (f.status) q = q.where('status', '=', f.status);
  if (f.to) q = q.where('recipient', '=', f.to);
  if (f.before) q = q.where(sql<boolean>`(created_at, id) < (${f.before.at}::timestamptz, ${f.before.id}::uuid)`);
  return q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}
