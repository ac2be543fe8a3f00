import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../shared/errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/cursor.ts';
import { PLATFORM_SCOPE } from '../audit/audit.repository.ts';
import type { JobQueue } from '../jobs/jobs.queue.ts';
import * as repo from './mail.repository.ts';
import { MailJob, type OutboxItem, type OutboxQuery } from './mail.schemas.ts';
import { type Locale, type MailTemplate, redactSecrets, renderMail } from './mail.templates.ts';
import type { MailTransport } from './mail.transport.ts';

/** Queue name of the delivery job; enqueued with the outbox row, in the caller's transaction. */
export const MAIL_JOB = 'mail.send';

export type RenderedOutgoingMail = {
  to: string;
  locale: Locale;
  kind: string;
  subject: string;
  text: string;
  html?: string | null;
  consultationId?: string | null;
  responseId?: string | null;
};

/**
 * Writes a mail to the outbox and enqueues its delivery, both inside the caller's transaction: the
 * mail exists if and only if the change that caused it committed, and delivery survives a restart.
 * For modules with their own wording; `queueMail` renders this module's templates.
 */
export async function enqueueMail(trx: Db, jobs: Pick<JobQueue, 'send'>, m: RenderedOutgoingMail): Promise<string> {
  const row = await repo.insertMail(trx, {
    consultationId: m.consultationId ?? PLATFORM_SCOPE,
    recipient: m.to,
    subject: m.subject,
    textBody: m.text,
    htmlBody: m.html ?? null,
    kind: m.kind,
    locale: m.locale,
    responseId: m.responseId ?? null,
  });
  await jobs.send(MAIL_JOB, { consultationId: row.consultationId, id: row.id }, { trx });
  return row.id;
}

/** Renders a template of this module (Danish or English) and enqueues it (see enqueueMail). */
export async function queueMail(
  trx: Db,
  jobs: Pick<JobQueue, 'send'>,
  m: { to: string; locale: Locale; consultationId: string | null; responseId: string | null; template: MailTemplate },
): Promise<string> {
  const rendered = renderMail(m.template, m.locale);
  return enqueueMail(trx, jobs, {
    ...m,
    kind: m.template.kind,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
  });
}

/**
 * The `mail.send` job. Without SMTP the mail stays in the outbox as 'outboxed' for an admin to read.
 * With SMTP: sent → 'sent' (and the stored copy loses its edit token); refused → 'failed' and
 * rethrown, so pg-boss retries it with backoff. A mail already sent is not sent again.
 */
export async function deliverMail(
  deps: { db: Db; transport: MailTransport | null; from: string; log: FastifyBaseLogger },
  data: unknown,
): Promise<void> {
  const job = MailJob.safeParse(data);
  if (!job.success) {
    deps.log.error({ data }, 'mail.send: malformed job');
    return;
  }
  const { consultationId, id } = job.data;
  const mail = await repo.findMail(deps.db, consultationId, id);
  if (!mail || mail.status === 'sent') return;
  if (!deps.transport) {
    await repo.markOutboxed(deps.db, consultationId, id);
    return;
  }
  try {
    await deps.transport.send({
      from: deps.from,
      to: mail.recipient,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
    });
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    deps.log.warn({ err, mailId: id }, 'mail delivery failed');
    await repo.markFailed(deps.db, consultationId, id, message);
    throw err;
  }
  await repo.markSent(deps.db, consultationId, id, {
    textBody: redactSecrets(mail.textBody),
    htmlBody: mail.htmlBody === null ? null : redactSecrets(mail.htmlBody),
  });
}

export async function listOutbox(db: Db, q: OutboxQuery): Promise<{ items: OutboxItem[]; nextCursor: string | null }> {
  const cur = decodeCursor(q.cursor);
  if (q.cursor && (!cur || cur.length !== 2 || Number.isNaN(Date.parse(String(cur[0]))))) {
    throw new AppError('BAD_REQUEST', 'Invalid cursor');
  }
  const rows = await repo.listOutbox(db, {
    status: q.status,
    to: q.to,
    before: cur ? { at: new Date(String(cur[0])), id: String(cur[1]) } : undefined,
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      consultationId: r.consultationId === PLATFORM_SCOPE ? null : r.consultationId,
      responseId: r.responseId,
      kind: r.kind,
      locale: r.locale,
      to: r.recipient,
      subject: r.subject,
      text: r.textBody,
      html: r.htmlBody,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
