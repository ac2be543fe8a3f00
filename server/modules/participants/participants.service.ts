import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, pgErrorCode } from '../../shared/errors.ts';
import * as accounts from '../accounts/accounts.registration.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueMail } from '../mail/mail.service.ts';
import { alreadyRegisteredMail, confirmationMail, resetMail } from './participants.mail.ts';
import * as repo from './participants.repository.ts';
import { CONFIRM_TTL_MS, hashToken, mailLink, RESET_TTL_MS } from './participants.rules.ts';
import type { Accepted, RegisterInput, ResetConfirmInput } from './participants.schemas.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';
import { completeIdentityLink } from '../identity/identity.links.ts';

/** Where mailed links point and who sends them: PUBLIC_URL (or the request origin) and the job queue. */
export type MailContext = { baseUrl: string };

// One answer whatever the address: registration and reset never reveal whether an account exists.
const ACCEPTED: Accepted = {
  status: 'accepted',
  message: 'If the address can be used, we have sent an e-mail to it. Follow the link in that e-mail.',
};

const newToken = () => randomBytes(32).toString('base64url');
const invalidToken = () => new AppError('INVALID_TOKEN', 'The link is invalid, used or expired; ask for a new one');
const asActor = (a: accounts.RegistrationAccount): Actor => ({
  id: a.id,
  email: a.email,
  displayName: a.displayName,
  roles: ['participant'],
});

/**
 * Self-registration (issue #5 story 1). The password is hashed whatever happens, so a known address
 * answers as slowly as a new one; a new address gets an unconfirmed participant account and a
 * confirmation link, a known one a mail saying so (or, still unconfirmed, a fresh link).
 */
export async function register(
  db: Db,
  mail: MailContext,
  input: RegisterInput,
  clock: Clock = systemClock,
): Promise<Accepted> {
  const passwordHash = await hashPassword(input.password);
  const existing = await accounts.findAccountByEmail(db, input.email);
  if (existing) {
    await answerKnownAddress(db, mail, existing, input, passwordHash, clock);
    return ACCEPTED;
  }
  const token = newToken();
  try {
    await db.transaction().execute(async (trx) => {
      const userId = await accounts.createUnconfirmedParticipant(trx, {
        email: input.email,
        displayName: input.displayName,
        locale: input.locale,
      });
      await repo.insertToken(trx, {
        idHash: hashToken(token),
        userId,
        purpose: 'confirm_email',
        expiresAt: new Date(clock().getTime() + CONFIRM_TTL_MS),
        passwordHash,
      });
      await recordAudit(trx, null, { action: 'account.register', itemType: 'account', itemId: userId });
      await enqueueMail(trx, confirmationMail(input.email, input.locale, mailLink(mail.baseUrl, '/confirm', token)));
    });
  } catch (err) {
    // Registered twice at once: the database's unique index decided; answer as for a known address.
    if (pgErrorCode(err) !== '23505') throw err;
    const now = await accounts.findAccountByEmail(db, input.email);
    if (now) await answerKnownAddress(db, mail, now, input, passwordHash, clock);
  }
  return ACCEPTED;
}

async function answerKnownAddress(
  db: Db,
  mail: MailContext,
  acc: accounts.RegistrationAccount,
  input: RegisterInput,
  passwordHash: string,
  clock: Clock,
): Promise<void> {
  if (acc.disabled) return;
  await db.transaction().execute(async (trx) => {
    if (acc.confirmed) {
      const signIn = mailLink(mail.baseUrl, '/login');
      const reset = mailLink(mail.baseUrl, '/forgot-password');
      await enqueueMail(trx, alreadyRegisteredMail(acc.email, acc.locale, signIn, reset));
      return;
    }
    // Still unconfirmed: a fresh link that carries this registration's choices. Whoever reads the
    // mailbox decides which registration becomes the account.
    const token = newToken();
    await repo.insertToken(trx, {
      idHash: hashToken(token),
      userId: acc.id,
      purpose: 'confirm_email',
      expiresAt: new Date(clock().getTime() + CONFIRM_TTL_MS),
      passwordHash,
      displayName: input.displayName,
      locale: input.locale,
    });
    await enqueueMail(trx, confirmationMail(acc.email, input.locale, mailLink(mail.baseUrl, '/confirm', token)));
  });
}

/** Opens a confirmation link: the address is confirmed and the registration's password set. */
export async function confirmEmail(db: Db, token: string): Promise<{ email: string }> {
  return db.transaction().execute(async (trx) => {
    const row = await repo.claimToken(trx, hashToken(token), 'confirm_email');
    if (!row) throw invalidToken();
    const acc = await accounts.findAccountById(trx, row.userId);
    if (!acc || acc.disabled) throw invalidToken();
    // Confirmed meanwhile (another link, a reset): nothing of this registration overrides that.
    if (!acc.confirmed) {
      await accounts.confirmAccount(trx, acc.id, {
        passwordHash: row.passwordHash,
        displayName: row.displayName,
        locale: row.locale,
      });
      await recordAudit(trx, asActor(acc), { action: 'account.confirm', itemType: 'account', itemId: acc.id });
    }
    await repo.retireTokens(trx, acc.id, 'confirm_email');
    // A first MitID sign-in that asked for this address is linked to the account now (issue 15).
    await completeIdentityLink(trx, row.idHash, acc.id);
    return { email: acc.email };
  });
}

/**
 * For the identity module (issue 15): a first MitID sign-in names an e-mail address; the usual
 * confirmation link is mailed to it (a new address gets an unconfirmed participant account). Returns
 * the link's token hash, which the identity module keeps to link the MitID person when the link is
 * opened; null for a disabled account (the caller answers the same either way).
 */
export async function sendLinkConfirmation(
  trx: Db,
  mail: MailContext,
  input: { email: string; displayName: string; locale: 'da' | 'en' },
  clock: Clock = systemClock,
): Promise<string | null> {
  const existing = await accounts.findAccountByEmail(trx, input.email);
  if (existing?.disabled) return null;
  const userId =
    existing?.id ??
    (await accounts.createUnconfirmedParticipant(trx, {
      email: input.email,
      displayName: input.displayName,
      locale: input.locale,
    }));
  const token = newToken();
  await repo.insertToken(trx, {
    idHash: hashToken(token),
    userId,
    purpose: 'confirm_email',
    expiresAt: new Date(clock().getTime() + CONFIRM_TTL_MS),
    displayName: existing ? null : input.displayName,
    locale: input.locale,
  });
  if (!existing) await recordAudit(trx, null, { action: 'account.register', itemType: 'account', itemId: userId });
  await enqueueMail(trx, confirmationMail(input.email, input.locale, mailLink(mail.baseUrl, '/confirm', token)));
  return hashToken(token);
}

const pendingResets = new Set<Promise<void>>();

/**
 * Answers a reset request at once and does the work after the answer has gone (issue 10 item 9):
 * a known address costs a transaction and a mail, an unknown one nothing, so doing it before
 * answering let the response time tell which addresses have accounts.
 */
export function queuePasswordReset(
  db: Db,
  mail: MailContext,
  email: string,
  log: { error: (obj: object, msg: string) => void },
): Accepted {
  const work: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => requestPasswordReset(db, mail, email))
    .then(
      () => undefined,
      (err: unknown) => log.error({ err }, 'password reset request failed'),
    )
    .finally(() => pendingResets.delete(work));
  pendingResets.add(work);
  return ACCEPTED;
}

/** Resolves when every reset queued so far is done (the app's close waits for it; tests too). */
export async function passwordResetsSettled(): Promise<void> {
  await Promise.all([...pendingResets]);
}

export async function requestPasswordReset(
  db: Db,
  mail: MailContext,
  email: string,
  clock: Clock = systemClock,
): Promise<Accepted> {
  const acc = await accounts.findAccountByEmail(db, email);
  if (!acc || acc.disabled) return ACCEPTED;
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    // Only the newest link works.
    await repo.retireTokens(trx, acc.id, 'reset_password');
    await repo.insertToken(trx, {
      idHash: hashToken(token),
      userId: acc.id,
      purpose: 'reset_password',
      expiresAt: new Date(clock().getTime() + RESET_TTL_MS),
    });
    await recordAudit(trx, null, { action: 'account.reset_request', itemType: 'account', itemId: acc.id });
    await enqueueMail(trx, resetMail(acc.email, acc.locale, mailLink(mail.baseUrl, '/reset-password', token)));
  });
  return ACCEPTED;
}

/** Sets a new password from a reset link (single use, 1 h) and ends every session of the account. */
export async function resetPassword(
  db: Db,
  input: ResetConfirmInput,
  clock: Clock = systemClock,
): Promise<{ email: string }> {
  const idHash = hashToken(input.token);
  // Checked before the (slow, memory-hungry) argon2 hash, so a wrong token costs the server little.
  const pre = await repo.findToken(db, idHash);
  if (!pre || pre.purpose !== 'reset_password' || pre.usedAt || pre.expiresAt.getTime() <= clock().getTime()) {
    throw invalidToken();
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const row = await repo.claimToken(trx, idHash, 'reset_password');
    if (!row) throw invalidToken();
    const acc = await accounts.findAccountById(trx, row.userId);
    if (!acc || acc.disabled) throw invalidToken();
    await accounts.setPasswordFromReset(trx, acc.id, passwordHash);
    await repo.retireTokens(trx, acc.id, 'reset_password');
    await repo.retireTokens(trx, acc.id, 'confirm_email');
    await recordAudit(trx, asActor(acc), { action: 'account.password_reset', itemType: 'account', itemId: acc.id });
    return { email: acc.email };
  });
}

/**
 * For the reviews module (issue 14 story 1): a single-use link to choose a password, for a person an
 * admin invited. It is a password-reset token (only its hash is stored; the newest one works) that
 * lives `ttlMs`; the mail carrying it is the caller's. Runs in the caller's transaction.
 */
export async function issuePasswordLink(
  trx: Db,
  mail: MailContext,
  userId: string,
  ttlMs: number,
  clock: Clock = systemClock,
): Promise<string> {
  const token = newToken();
  await repo.retireTokens(trx, userId, 'reset_password');
  await repo.insertToken(trx, {
    idHash: hashToken(token),
    userId,
    purpose: 'reset_password',
    expiresAt: new Date(clock().getTime() + ttlMs),
  });
  return mailLink(mail.baseUrl, '/reset-password', token);
}
