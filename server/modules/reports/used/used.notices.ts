import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { findAccountById } from '../../accounts/accounts.registration.ts';
import { commentAuthorsAfter } from '../../comments/comments.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { queueMail } from '../../mail/mail.service.ts';
import type { Locale, ReportUsedData } from '../../mail/mail.templates.ts';
import { respondentsToTell } from '../../responses/responses.service.ts';
import * as repo from './used.repository.ts';

export const NOTICE_JOB = 'reports.used-notices';

/** 'pending' for the relay; 'outboxed' when this process has no SMTP server (kept for admins). */
export type NoticeOptions = { baseUrl: string; mailStatus: 'pending' | 'outboxed'; batch?: number };

type Recipient = { id: string; to: string; locale: Locale; data: ReportUsedData };
type Consultation = { id: string; slug: string; title: { da: string; en: string } };

const link = (base: string, path: string) => `${base.replace(/\/+$/, '')}${path}`;
const titleIn = (c: Consultation, locale: Locale) => c.title[locale] || c.title.da;

/**
 * Claims a page of recipients and queues their mails in one transaction: a notice row exists if and
 * only if its outbox mail does, so a sweep cut short by a restart, a second sweep or a racing
 * instance sends nothing twice (the ledger's primary key decides). Returns how many were queued.
 */
async function tell(
  db: Db,
  opts: NoticeOptions,
  key: { consultationId: string; reportId: string; kind: repo.RecipientKind },
  page: readonly Recipient[],
): Promise<number> {
  const already = await repo.noticedAmong(
    db,
    key.consultationId,
    key.kind,
    page.map((r) => r.id),
  );
  const fresh = page.filter((r) => !already.has(r.id));
  if (fresh.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const claimed = await repo.claimNotices(trx, { ...key, ids: fresh.map((r) => r.id) });
    for (const r of fresh) {
      if (!claimed.has(r.id)) continue;
      const mailId = await queueMail(
        trx,
        {
          to: r.to,
          locale: r.locale,
          consultationId: key.consultationId,
          responseId: key.kind === 'response' ? r.id : null,
          template: { kind: 'report_used', data: r.data },
        },
        opts.mailStatus,
      );
      await repo.setNoticeMail(trx, { consultationId: key.consultationId, kind: key.kind, id: r.id }, mailId);
    }
    return claimed.size;
  });
}

/** The respondents with an e-mail address, a page at a time; their link is the consultation's page. */
async function tellRespondents(db: Db, opts: NoticeOptions, c: Consultation, reportId: string, batch: number) {
  let sent = 0;
  let after: string | null = null;
  for (;;) {
    const page = await respondentsToTell(db, c.id, after, batch);
    if (page.length === 0) return sent;
    after = page[page.length - 1]!.id;
    const recipients = page.map((r) => ({
      id: r.id,
      to: r.email,
      locale: r.locale,
      data: {
        consultationTitle: titleIn(c, r.locale),
        receiptCode: r.receiptCode,
        link: link(opts.baseUrl, `/consultations/${encodeURIComponent(c.slug)}`),
      },
    }));
    sent += await tell(db, opts, { consultationId: c.id, reportId, kind: 'response' }, recipients);
  }
}

/** The participants who commented, a page at a time; their link is their account's page for it. */
async function tellParticipants(db: Db, opts: NoticeOptions, c: Consultation, reportId: string, batch: number) {
  let sent = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await commentAuthorsAfter(db, c.id, after, batch);
    if (ids.length === 0) return sent;
    after = ids[ids.length - 1]!;
    const recipients: Recipient[] = [];
    for (const id of ids) {
      const account = await findAccountById(db, id);
      if (!account || account.disabled) continue;
      recipients.push({
        id,
        to: account.email,
        locale: account.locale,
        data: {
          consultationTitle: titleIn(c, account.locale),
          receiptCode: null,
          link: link(opts.baseUrl, `/profile/used?consultation=${encodeURIComponent(c.slug)}`),
        },
      });
    }
    sent += await tell(db, opts, { consultationId: c.id, reportId, kind: 'participant' }, recipients);
  }
}

/**
 * Tells every respondent (with an e-mail address) and every participant who commented, once per
 * consultation and in their language, that the høringsnotat is published (issue 14 story 7). A new
 * published version mails nobody again. Returns how many notices were queued.
 */
export async function sweepNotices(db: Db, opts: NoticeOptions): Promise<number> {
  const batch = opts.batch ?? 500;
  let sent = 0;
  for (const report of await repo.listPublishedReports(db)) {
    const c = await requireReadableConsultation(db, null, report.consultationId).catch(() => null);
    if (!c) continue;
    sent += await tellRespondents(db, opts, c, report.id, batch);
    sent += await tellParticipants(db, opts, c, report.id, batch);
  }
  return sent;
}

/** The scheduled sweep (every 10 minutes, one schedule across instances). */
export async function registerNotices(app: FastifyInstance, opts: NoticeOptions): Promise<void> {
  await app.jobs.work<unknown>(NOTICE_JOB, async () => {
    const sent = await sweepNotices(app.db, opts);
    if (sent > 0) app.log.info({ sent }, 'report notices written');
  });
  await app.jobs.schedule(NOTICE_JOB, '*/10 * * * *');
}
