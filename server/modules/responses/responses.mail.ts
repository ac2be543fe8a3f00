import type { Db } from '../../db/database.ts';
import { queueMail } from '../mail/mail.service.ts';
import type { MailTemplate } from '../mail/mail.templates.ts';

/** The receipt mail that a submission writes in its statement and an edit re-issues. */

/** 'pending' for the relay; 'outboxed' when this process has no SMTP server (kept for admins). */
export type MailStatus = 'pending' | 'outboxed';

export const editUrl = (baseUrl: string, token: string) => `${baseUrl}/responses/edit#token=${token}`;

export type ReceiptMailInput = {
  to: string;
  locale: 'da' | 'en';
  consultationId: string;
  responseId: string;
  title: string;
  receiptCode: string;
  at: Date;
  fingerprint: string;
  version: number;
  closesAt: Date | null;
  editUrl: string | null;
};

/** The receipt mail (with the private edit link for a web response), in the respondent's language. */
export function receiptMail(m: ReceiptMailInput) {
  const template: MailTemplate = {
    kind: 'receipt',
    data: {
      consultationTitle: m.title,
      receiptCode: m.receiptCode,
      submittedAt: m.at,
      fingerprint: m.fingerprint,
      version: m.version,
      closesAt: m.closesAt,
      editUrl: m.editUrl,
    },
  };
  return { to: m.to, locale: m.locale, consultationId: m.consultationId, responseId: m.responseId, template };
}

/** Queues the receipt mail inside the caller's transaction (an edit re-issues the receipt). */
export async function mailReceipt(trx: Db, m: ReceiptMailInput, status: MailStatus) {
  await queueMail(trx, receiptMail(m), status);
}

/**
 * Tells the respondent, in their language, that their response will not be published and why
 * (issue 12 story 2), inside the caller's transaction. Only a web response has an address to tell.
 */
export async function mailRejection(
  trx: Db,
  m: {
    to: string;
    locale: 'da' | 'en';
    consultationId: string;
    responseId: string;
    title: string;
    receiptCode: string;
    reason: string | null;
  },
) {
  await queueMail(trx, {
    to: m.to,
    locale: m.locale,
    consultationId: m.consultationId,
    responseId: m.responseId,
    template: {
      kind: 'publication_rejected',
      data: { consultationTitle: m.title, receiptCode: m.receiptCode, reason: m.reason },
    },
  });
}
