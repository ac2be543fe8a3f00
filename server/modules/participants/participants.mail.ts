import type { RenderedOutgoingMail } from '../mail/mail.service.ts';

/**
 * The mails of participant self-service and moderation (issue #5), in the recipient's language.
 * Pure: the services enqueue them with the mail module's `enqueueMail` inside their transaction, so
 * a mail exists if and only if the change that caused it committed; the outbox relay (mail.relay.ts)
 * delivers it (SMTP, or the outbox when none is configured) and strips the link token from the
 * stored copy.
 */
export type Locale = 'da' | 'en';
export type OutgoingMail = RenderedOutgoingMail & { locale: Locale };

const SIGN = { da: '\n\n— Samråd', en: '\n\n— Samråd' } as const;

export function confirmationMail(to: string, locale: Locale, link: string): OutgoingMail {
  const text =
    locale === 'da'
      ? `Bekræft din e-mailadresse for at aktivere din konto på Samråd:\n\n${link}\n\nLinket virker i 48 timer. Har du ikke oprettet en konto, kan du se bort fra denne mail.`
      : `Confirm your e-mail address to activate your Samråd account:\n\n${link}\n\nThe link works for 48 hours. If you did not register, you can ignore this mail.`;
  return {
    to,
    locale,
    kind: 'account.confirm',
    subject: locale === 'da' ? 'Bekræft din e-mailadresse' : 'Confirm your e-mail address',
    text: text + SIGN[locale],
  };
}

/** Sent instead of a confirmation when the address already has an account (no enumeration). */
export function alreadyRegisteredMail(to: string, locale: Locale, signInUrl: string, resetUrl: string): OutgoingMail {
  const text =
    locale === 'da'
      ? `Nogen har forsøgt at oprette en konto på Samråd med denne adresse, men du har allerede en konto.\n\nLog ind: ${signInUrl}\nGlemt adgangskoden? ${resetUrl}\n\nVar det ikke dig, kan du se bort fra denne mail.`
      : `Someone tried to register on Samråd with this address, but you already have an account.\n\nSign in: ${signInUrl}\nForgot your password? ${resetUrl}\n\nIf this was not you, you can ignore this mail.`;
  return {
    to,
    locale,
    kind: 'account.exists',
    subject: locale === 'da' ? 'Du har allerede en konto' : 'You already have an account',
    text: text + SIGN[locale],
  };
}

export function resetMail(to: string, locale: Locale, link: string): OutgoingMail {
  const text =
    locale === 'da'
      ? `Vælg en ny adgangskode til din konto på Samråd:\n\n${link}\n\nLinket virker i 1 time og kan bruges én gang. Har du ikke bedt om det, kan du se bort fra denne mail.`
      : `Choose a new password for your Samråd account:\n\n${link}\n\nThe link works for 1 hour and only once. If you did not ask for it, you can ignore this mail.`;
  return {
    to,
    locale,
    kind: 'account.reset',
    subject: locale === 'da' ? 'Nulstil din adgangskode' : 'Reset your password',
    text: text + SIGN[locale],
  };
}

/** Tells a comment's author that a moderator hid or restored it (issue #5 story 4). */
export function moderationMail(
  to: string,
  locale: Locale,
  m: { action: 'hide' | 'restore'; reason: string | null; scenarioTitle: string; link: string },
): OutgoingMail {
  const hidden = m.action === 'hide';
  const text =
    locale === 'da'
      ? hidden
        ? `Din kommentar til "${m.scenarioTitle}" er skjult af en moderator.\n\nBegrundelse: ${m.reason ?? ''}\n\n${m.link}`
        : `Din kommentar til "${m.scenarioTitle}" er synlig igen.\n\n${m.link}`
      : hidden
        ? `Your comment on "${m.scenarioTitle}" was hidden by a moderator.\n\nReason: ${m.reason ?? ''}\n\n${m.link}`
        : `Your comment on "${m.scenarioTitle}" is visible again.\n\n${m.link}`;
  const subject =
    locale === 'da'
      ? hidden
        ? 'Din kommentar er skjult'
        : 'Din kommentar er synlig igen'
      : hidden
        ? 'Your comment was hidden'
        : 'Your comment is visible again';
  return { to, locale, kind: hidden ? 'comment.hidden' : 'comment.restored', subject, text: text + SIGN[locale] };
}
