import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './accounts.totp.repository.ts';

/**
 * A second factor for password sign-in (issue 15 item 3: "local admin accounts remain for
 * break-glass, with a second factor (TOTP, with recovery codes)"). Any account may enrol; once a code
 * from the authenticator app confirmed it, every password sign-in of the account needs a current code
 * (RFC 6238: SHA-1, 6 digits, 30 s, one step of clock drift either way, each step accepted once) or
 * one of ten recovery codes (each works once). Accounts that sign in through MitID or the agency's
 * provider get their second factor there.
 */

const ISSUER = 'Samråd';
const RECOVERY_CODES = 10;
const hash = (code: string) => createHash('sha256').update(normaliseRecovery(code)).digest('hex');
const normaliseRecovery = (code: string) => code.replace(/[\s-]/g, '').toUpperCase();

function totpFor(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** A recovery code as people read it: 10 characters of Crockford base32 in two groups. */
function recoveryCode(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(10);
  const s = [...bytes].map((b) => alphabet[b % 32]).join('');
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

export type TotpStatus = { enabled: boolean; recoveryCodesLeft: number };

export async function totpStatus(db: Db, actor: Actor): Promise<TotpStatus> {
  const row = await repo.findTotp(db, actor.id);
  return {
    enabled: !!row?.enabledAt,
    recoveryCodesLeft: row?.enabledAt ? await repo.countUnusedRecoveryCodes(db, actor.id) : 0,
  };
}

/**
 * Starts (or restarts) an enrolment: a new secret, shown once, as the otpauth URI an authenticator
 * app reads and as text to type in. Refused while a confirmed second factor exists (turn it off first).
 */
export async function startTotp(db: Db, actor: Actor): Promise<{ secret: string; uri: string }> {
  const existing = await repo.findTotp(db, actor.id);
  if (existing?.enabledAt) throw new AppError('CONFLICT', 'A second factor is already on; turn it off first');
  const secret = new Secret({ size: 20 }).base32;
  await repo.saveTotpSecret(db, actor.id, secret);
  return { secret, uri: totpFor(secret, actor.email).toString() };
}

/** Confirms the enrolment with a code from the app; answers the ten recovery codes, shown this once. */
export async function confirmTotp(db: Db, actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
  const row = await repo.findTotp(db, actor.id);
  if (!row || row.enabledAt) throw new AppError('CONFLICT', 'Start the enrolment first');
  const step = acceptedStep(row.secret, actor.email, code, null);
  if (step === null) throw new AppError('SECOND_FACTOR_INVALID', 'The code is wrong or too old');
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  await db.transaction().execute(async (trx) => {
    await repo.enableTotp(trx, actor.id, step);
    await repo.replaceRecoveryCodes(trx, actor.id, codes.map(hash));
    await recordAudit(trx, actor, { action: 'account.second_factor_on', itemType: 'account', itemId: actor.id });
  });
  return { recoveryCodes: codes };
}

/** Turns the second factor off; it takes a current code or a recovery code, not only the session. */
export async function disableTotp(db: Db, actor: Actor, code: string): Promise<void> {
  const row = await repo.findTotp(db, actor.id);
  if (!row?.enabledAt) throw new AppError('CONFLICT', 'No second factor is on');
  await db.transaction().execute(async (trx) => {
    if (!(await useSecondFactor(trx, actor.id, actor.email, code)))
      throw new AppError('SECOND_FACTOR_INVALID', 'The code is wrong or already used');
    await repo.deleteTotp(trx, actor.id);
    await recordAudit(trx, actor, { action: 'account.second_factor_off', itemType: 'account', itemId: actor.id });
  });
}

/** The time step a code is valid for (one step of drift either way), if later than the last one used. */
function acceptedStep(secret: string, label: string, code: string, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = totpFor(secret, label);
  const delta = totp.validate({ token: code, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(Date.now() / 1000 / 30) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/**
 * For sign-in: whether the account needs a second factor, and if a code was given whether it holds.
 * A TOTP code is accepted once per time step; a recovery code once. Runs inside the caller's
 * transaction, so two sign-ins racing with one code cannot both pass.
 */
export async function useSecondFactor(db: Db, userId: string, label: string, code: string): Promise<boolean> {
  const row = await repo.lockTotp(db, userId);
  if (!row?.enabledAt) return false;
  const trimmed = code.trim();
  if (/^\d{6}$/.test(trimmed)) {
    const step = acceptedStep(row.secret, label, trimmed, row.lastStep === null ? null : Number(row.lastStep));
    if (step === null) return false;
    await repo.setLastStep(db, userId, step);
    return true;
  }
  return repo.useRecoveryCode(db, userId, hash(trimmed));
}

export async function hasSecondFactor(db: Db, userId: string): Promise<boolean> {
  return !!(await repo.findTotp(db, userId))?.enabledAt;
}
