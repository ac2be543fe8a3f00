import type { Db } from '../../db/database.ts';
import { pageOf, readCursor } from '../../shared/cursor.ts';
import { PLATFORM_SCOPE } from '../audit/audit.service.ts';
import { mailQueued } from './mail.relay.ts';
import * as repo from './mail.repository.ts';
import type { OutboxItem, OutboxQuery } from './mail.schemas.ts';
import { type Locale, type MailTemplate, maskSecrets, renderedOf } from './mail.templates.ts';

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
 * The outbox row of a rendered mail. `status`: 'pending' for the relay to deliver, or 'outboxed'
 * when this process has no SMTP server (kept for admins; the relay would only mark it so).
 */
function outboxValues(m: RenderedOutgoingMail, status: 'pending' | 'outboxed' = 'pending') {
  return {
    status,
    consultationId: m.consultationId ?? PLATFORM_SCOPE,
    recipient: m.to,
    subject: m.subject,
    textBody: m.text,
    htmlBody: m.html ?? null,
    kind: m.kind,
    locale: m.locale,
    responseId: m.responseId ?? null,
  };
}

export type TemplateOutboxValues = {
  status: 'pending' | 'outboxed';
  consultationId: string;
  recipient: string;
  kind: MailTemplate['kind'];
  locale: Locale;
  responseId: string | null;
  template: MailTemplate;
};

/**
 * A mail of this module's templates as an outbox row that keeps the template, not its text: the
 * relay renders it when it sends it, the outbox when an admin reads it (migration 20261125160000).
 * For a caller that writes the row in a statement of its own (responses); `enqueueMail` otherwise.
 */
export function templateOutboxValues(
  m: { to: string; locale: Locale; consultationId: string | null; responseId: string | null; template: MailTemplate },
  status: 'pending' | 'outboxed' = 'pending',
): TemplateOutboxValues {
  return {
    status,
    consultationId: m.consultationId ?? PLATFORM_SCOPE,
    recipient: m.to,
    kind: m.template.kind,
    locale: m.locale,
    responseId: m.responseId ?? null,
    template: m.template,
  };
}

/**
 * Writes a mail to the outbox inside the caller's transaction: the mail exists if and only if the
 * change that caused it committed, and the relay (mail.relay.ts) delivers it, also after a restart.
 * For modules with their own wording; `queueMail` queues this module's templates.
 */
export async function enqueueMail(
  trx: Db,
  m: RenderedOutgoingMail,
  status: 'pending' | 'outboxed' = 'pending',
): Promise<string> {
  const row = await repo.insertMail(trx, outboxValues(m, status));
  if (status === 'pending') mailQueued();
  return row.id;
}

/** Enqueues a template of this module (see enqueueMail); it is rendered when sent or read. */
export async function queueMail(
  trx: Db,
  m: { to: string; locale: Locale; consultationId: string | null; responseId: string | null; template: MailTemplate },
  status: 'pending' | 'outboxed' = 'pending',
): Promise<string> {
  const row = await repo.insertMail(trx, templateOutboxValues(m, status));
  if (status === 'pending') mailQueued();
  return row.id;
}

export { mailQueued };

/** A row rendered for an admin to read: never with a link's secret (see maskSecrets). */
function renderedFields(r: Parameters<typeof renderedOf>[0]) {
  const m = renderedOf(r);
  return {
    subject: maskSecrets(m.subject),
    text: maskSecrets(m.text),
    html: m.html === null ? null : maskSecrets(m.html),
  };
}

export async function listOutbox(db: Db, q: OutboxQuery): Promise<{ items: OutboxItem[]; nextCursor: string | null }> {
  const cur = readCursor(q.cursor, 'timestamp');
  const rows = await repo.listOutbox(db, {
    status: q.status,
    to: q.to,
    before: cur ? { at: new Date(cur[0]), id: cur[1] } : undefined,
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.createdAt.toISOString(), last.id]);
  return {
    items: page.rows.map((r) => ({
      ...renderedFields(r),
      id: r.id,
      consultationId: r.consultationId === PLATFORM_SCOPE ? null : r.consultationId,
      responseId: r.responseId,
      kind: r.kind,
      locale: r.locale,
      to: r.recipient,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}
