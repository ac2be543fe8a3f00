import type { RenderedOutgoingMail } from '../mail/mail.service.ts';

/**
 * The review mails (issue 14), in the recipient's language. Pure: the services enqueue them with the
 * mail module's `enqueueMail` in the transaction of the change, so a mail exists if and only if the
 * change committed. A link's token rides in the fragment; the outbox shows it masked to staff.
 */
type Locale = 'da' | 'en';
const SIGN = '\n\n— Samråd';

export function invitationMail(
  to: string,
  locale: Locale,
  m: { consultationTitle: string; authority: string; setPasswordLink: string; reviewsLink: string; days: number },
): RenderedOutgoingMail {
  const text =
    locale === 'da'
      ? `Du er inviteret til at bedømme høringen "${m.consultationTitle}" på Samråd for ${m.authority}.\n\nVælg en adgangskode her (linket virker i ${m.days} dage og kan bruges én gang):\n${m.setPasswordLink}\n\nDerefter finder du høringen under "Mine bedømmelser": ${m.reviewsLink}`
      : `You are invited to review the consultation "${m.consultationTitle}" on Samråd for ${m.authority}.\n\nChoose a password here (the link works for ${m.days} days and only once):\n${m.setPasswordLink}\n\nThen you find the consultation under "My reviews": ${m.reviewsLink}`;
  return {
    to,
    locale,
    kind: 'review.invitation',
    subject: locale === 'da' ? 'Invitation til at bedømme en høring' : 'Invitation to review a consultation',
    text: text + SIGN,
  };
}

/** To an existing account that became a reviewer of one more consultation. */
export function reviewerAddedMail(
  to: string,
  locale: Locale,
  m: { consultationTitle: string; authority: string; reviewsLink: string },
): RenderedOutgoingMail {
  const text =
    locale === 'da'
      ? `Du kan nu bedømme høringen "${m.consultationTitle}" på Samråd for ${m.authority}.\n\nLog ind og find den under "Mine bedømmelser": ${m.reviewsLink}`
      : `You can now review the consultation "${m.consultationTitle}" on Samråd for ${m.authority}.\n\nSign in and find it under "My reviews": ${m.reviewsLink}`;
  return {
    to,
    locale,
    kind: 'review.added',
    subject: locale === 'da' ? 'Du er bedømmer af en høring' : 'You are a reviewer of a consultation',
    text: text + SIGN,
  };
}

export function reminderMail(
  to: string,
  locale: Locale,
  m: { consultationTitle: string; roundNumber: number; dueAt: Date; missing: number; link: string },
): RenderedOutgoingMail {
  const due = m.dueAt.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  });
  const text =
    locale === 'da'
      ? `Bedømmelsesrunde ${m.roundNumber} af "${m.consultationTitle}" slutter ${due}. Du mangler at tage stilling til ${m.missing} scenarie(r).\n\n${m.link}`
      : `Review round ${m.roundNumber} of "${m.consultationTitle}" ends ${due}. You have not yet taken a position on ${m.missing} scenario(s).\n\n${m.link}`;
  return {
    to,
    locale,
    kind: 'review.reminder',
    subject: locale === 'da' ? 'Påmindelse: bedømmelse af en høring' : 'Reminder: reviewing a consultation',
    text: text + SIGN,
  };
}
