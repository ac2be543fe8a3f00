import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { pageOf, readCursor } from '../../shared/cursor.ts';
import { AppError, forbidden, notFound, pgErrorCode } from '../../shared/errors.ts';
import type { Role } from '../../shared/schemas.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './accounts.repository.ts';
import { canAccount } from './accounts.policy.ts';
import type { Account, CreateAccountInput, UpdateAccountInput } from './accounts.schemas.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { hasSecondFactor, useSecondFactor } from './accounts.totp.ts';

export const SESSION_COOKIE = 'samraad_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** The roles a session was issued for, as stored with it (sorted, comma-separated). */
export const rolesKeyOf = (roles: readonly Role[]) => [...roles].sort().join(',');

export type ResolvedSession = {
  actor: Actor;
  /** Set when the account's roles changed since the session was issued: the session's new identifier. */
  rotated?: { token: string; expiresAt: Date };
};

/**
 * The actor behind a session token. When an admin has changed the account's roles since the
 * session was issued, the session gets a new identifier here and the old one ends (issue 15 item 5:
 * "session identifiers rotate on sign-in and on a change of role"); of two requests racing with the
 * old identifier only one rotates, the other is still answered as the account.
 */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | null> {
  if (token.length > 100) return null;
  const row = await repo.findSessionActor(db, hashToken(token));
  if (!row) return null;
  const actor: Actor = { id: row.id, email: row.email, displayName: row.displayName, roles: row.roles };
  const rolesKey = rolesKeyOf(row.roles);
  if (row.rolesKey === rolesKey) return { actor };
  const next = randomBytes(32).toString('base64url');
  const expiresAt = new Date(row.expiresAt);
  const rotated = await db.transaction().execute(async (trx) => {
    if (!(await repo.takeSession(trx, hashToken(token)))) return false;
    await repo.insertSession(trx, { idHash: hashToken(next), userId: row.id, expiresAt, rolesKey });
    await recordAudit(trx, actor, {
      action: 'auth.session_rotated',
      itemType: 'account',
      itemId: row.id,
      details: { reason: 'roles_changed', roles: row.roles },
    });
    return true;
  });
  return rotated ? { actor, rotated: { token: next, expiresAt } } : { actor };
}

/**
 * Signs in with e-mail and password; the same error whether the address exists or not. The
 * browser's previous session (`from.previousToken`, whoever's it was) ends with the new sign-in,
 * so a signed-out or replaced cookie cannot be replayed (issue 10 item 9).
 */
export async function login(
  db: Db,
  input: { email: string; password: string; code?: string | undefined },
  ttlHours: number,
  from: { ip: string | null; previousToken?: string | null } = { ip: null },
): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const user = await repo.findUserByEmail(db, input.email);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  // An unconfirmed self-registration gets the same answer as a wrong password (issue #5).
  if (!user || !ok || user.disabledAt || !user.emailConfirmedAt) {
    // The client learns nothing more; the audit log (admins only) keeps why, for whom and from where,
    // so password guessing against an account is visible.
    const reason = !user ? 'unknown_email' : !ok ? 'wrong_password' : user.disabledAt ? 'disabled' : 'unconfirmed';
    await recordAudit(db, null, {
      action: 'auth.login_failed',
      itemType: 'account',
      itemId: user?.id ?? null,
      details: { email: input.email.trim().toLowerCase().slice(0, 320), reason, ip: from.ip },
    });
    throw new AppError('INVALID_CREDENTIALS', 'E-mail or password is wrong');
  }
  const actor: Actor = { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles };
  // The account's second factor (issue 15 item 3), asked for only once the password was right.
  if (await hasSecondFactor(db, user.id)) {
    if (!input.code) throw new AppError('SECOND_FACTOR_REQUIRED', 'Enter the code from your authenticator app');
    const ok2 = await db.transaction().execute((trx) => useSecondFactor(trx, user.id, user.email, input.code!));
    if (!ok2) {
      await recordAudit(db, null, {
        action: 'auth.login_failed',
        itemType: 'account',
        itemId: user.id,
        details: { email: user.email, reason: 'wrong_second_factor', ip: from.ip },
      });
      throw new AppError('SECOND_FACTOR_INVALID', 'The code is wrong or already used');
    }
  }
  return createSession(db, actor, ttlHours, from);
}

/**
 * The one place a session begins (password sign-in, MitID, staff single sign-on): the browser's
 * previous session ends, the new one is stored hashed, and the sign-in is audited with how it was made.
 */
export async function createSession(
  db: Db,
  actor: Actor,
  ttlHours: number,
  from: { previousToken?: string | null | undefined; via?: string } = {},
): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3600_000);
  await db.transaction().execute(async (trx) => {
    if (from.previousToken) await repo.deleteSession(trx, hashToken(from.previousToken));
    await repo.insertSession(trx, {
      idHash: hashToken(token),
      userId: actor.id,
      expiresAt,
      rolesKey: rolesKeyOf(actor.roles),
    });
    await recordAudit(trx, actor, {
      action: 'auth.login',
      itemType: 'account',
      itemId: actor.id,
      ...(from.via ? { details: { via: from.via } } : {}),
    });
  });
  return { token, actor, expiresAt };
}

/** For the identity module: an active, confirmed account as an actor (null when disabled or unconfirmed). */
export async function activeActor(db: Db, userId: string): Promise<Actor | null> {
  const u = await repo.findUserById(db, userId);
  if (!u || u.disabledAt || !u.emailConfirmedAt) return null;
  return { id: u.id, email: u.email, displayName: u.displayName, roles: u.roles };
}

/**
 * For staff single sign-on: the account of this address with exactly the staff roles the agency's
 * provider grants (a participant role is kept); created without a password when new. Null when the
 * account is disabled. The change of roles is audited.
 */
export async function upsertStaffAccount(
  db: Db,
  v: { email: string; displayName: string; roles: readonly Role[] },
): Promise<Actor | null> {
  const email = v.email.toLowerCase();
  return db.transaction().execute(async (trx) => {
    const existing = await repo.findUserByEmail(trx, email);
    if (existing?.disabledAt) return null;
    const userId =
      existing?.id ??
      (await repo.insertUser(trx, { email, displayName: v.displayName, passwordHash: null, locale: 'da' })).id;
    const roles = unique([...v.roles, ...(existing?.roles.includes('participant') ? (['participant'] as const) : [])]);
    const before = existing?.roles ?? [];
    if (before.length !== roles.length || before.some((r) => !roles.includes(r))) {
      await repo.replaceRoles(trx, userId, roles);
      await recordAudit(trx, null, {
        action: existing ? 'account.update' : 'account.create',
        itemType: 'account',
        itemId: userId,
        details: { email, roles, before: { roles: before }, via: 'staff_sso' },
      });
    }
    const u = (await repo.findUserById(trx, userId))!;
    return { id: u.id, email: u.email, displayName: u.displayName, roles: u.roles };
  });
}

export async function logout(db: Db, actor: Actor | null, token: string | null): Promise<void> {
  if (!token) return;
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, hashToken(token));
    if (actor) await recordAudit(trx, actor, { action: 'auth.logout', itemType: 'account', itemId: actor.id });
  });
}

type UserWithRoles = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

export function toAccount(u: UserWithRoles): Account {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    locale: u.locale,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt.toISOString(),
  };
}

export async function listAccounts(
  db: Db,
  actor: Actor | null,
  q: { q?: string | undefined; cursor?: string | undefined; limit: number },
) {
  if (!canAccount(actor, 'list')) throw forbidden();
  const cur = readCursor(q.cursor, 'text');
  const rows = await repo.listUsers(db, {
    q: q.q,
    ...(cur ? { after: cur } : {}),
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.email.toLowerCase(), last.id]);
  return { items: page.rows.map(toAccount), nextCursor: page.nextCursor };
}

export async function getAccount(db: Db, actor: Actor | null, id: string): Promise<Account> {
  if (!canAccount(actor, 'read', id)) throw forbidden();
  const u = await repo.findUserById(db, id);
  if (!u) throw notFound('Account');
  return toAccount(u);
}

/** Used by the admin API, the CLI (`npm run user:create`), the env bootstrap and the seed. */
export async function createAccount(db: Db, actor: Actor | null, input: CreateAccountInput, opts = { system: false }) {
  if (!opts.system && !canAccount(actor, 'create')) throw forbidden();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const { id } = await repo.insertUser(trx, {
        email: input.email,
        displayName: input.displayName,
        passwordHash,
        locale: input.locale,
      });
      await repo.replaceRoles(trx, id, unique(input.roles));
      await recordAudit(trx, actor, {
        action: 'account.create',
        itemType: 'account',
        itemId: id,
        details: { email: input.email, roles: unique(input.roles) },
      });
      return toAccount((await repo.findUserById(trx, id))!);
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new AppError('EMAIL_TAKEN', 'An account with this e-mail exists');
    throw err;
  }
}

export async function updateAccount(db: Db, actor: Actor | null, id: string, input: UpdateAccountInput) {
  if (!canAccount(actor, 'update', id)) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const before = await repo.findUserById(trx, id);
    if (!before) throw notFound('Account');
    const losesAdmin =
      before.roles.includes('admin') && ((input.roles && !input.roles.includes('admin')) || input.disabled === true);
    if (losesAdmin && (await repo.countAdmins(trx, id)) === 0) {
      throw new AppError('RULE_VIOLATION', 'The last active admin cannot lose the admin role');
    }
    await repo.updateUser(trx, id, {
      ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.password !== undefined ? { passwordHash: await hashPassword(input.password) } : {}),
      ...(input.disabled !== undefined ? { disabledAt: input.disabled ? new Date() : null } : {}),
    });
    if (input.roles) await repo.replaceRoles(trx, id, unique(input.roles));
    // A disabled account or a new password ends every open session of that person.
    if (input.disabled === true || input.password !== undefined) await repo.deleteSessionsOfUser(trx, id);
    const { password: _omit, ...logged } = input;
    await recordAudit(trx, actor, {
      action: 'account.update',
      itemType: 'account',
      itemId: id,
      details: {
        ...logged,
        ...(input.password !== undefined ? { passwordChanged: true } : {}),
        before: { roles: before.roles, disabled: before.disabledAt !== null },
      },
    });
    return toAccount((await repo.findUserById(trx, id))!);
  });
}

/** Ensures the deployment's first admin from ADMIN_EMAIL / ADMIN_PASSWORD exists (idempotent). */
export async function ensureAdminFromEnv(db: Db, email: string, password: string): Promise<boolean> {
  const existing = await repo.findUserByEmail(db, email);
  if (existing) return false;
  await createAccount(
    db,
    null,
    { email: email.toLowerCase(), displayName: 'Administrator', password, roles: ['admin'], locale: 'da' },
    { system: true },
  );
  return true;
}

const unique = (roles: readonly Role[]): Role[] => [...new Set(roles)];

/** For other modules (a consultation's analysts): the active users holding one of the roles, by name. */
export async function listActiveStaff(
  db: Db,
  roles: readonly Role[],
): Promise<{ id: string; displayName: string; email: string; roles: Role[] }[]> {
  return repo.activeUsersHolding(db, roles, 2000);
}

/** For other modules (the analysis inbox's assignments): which of these users are active and hold one of the roles. */
export async function activeUsersWithRole(
  db: Db,
  ids: readonly string[],
  roles: readonly Role[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of new Set(ids)) {
    const u = await repo.findUserById(db, id);
    if (u && !u.disabledAt && u.roles.some((r) => roles.includes(r))) out.add(id);
  }
  return out;
}

/**
 * For the reviews module (issue 14 story 1): the account of this address holding `role`, made
 * without a password when new (the invitation mails a link to choose one), the role added when
 * missing. Runs in the caller's transaction; the creation and the grant are audited. A disabled
 * account is refused.
 */
export async function ensureAccountWithRole(
  trx: Db,
  actor: Actor | null,
  v: { email: string; displayName: string; locale: 'da' | 'en' },
  role: Role,
): Promise<{ id: string; email: string; displayName: string; locale: 'da' | 'en'; created: boolean }> {
  const email = v.email.trim().toLowerCase();
  const existing = await repo.findUserByEmail(trx, email);
  if (existing?.disabledAt) throw new AppError('RULE_VIOLATION', 'This account is disabled', { reason: 'disabled' });
  const id =
    existing?.id ??
    (await repo.insertUser(trx, { email, displayName: v.displayName, passwordHash: null, locale: v.locale })).id;
  const before = existing?.roles ?? [];
  if (!before.includes(role)) {
    await repo.replaceRoles(trx, id, unique([...before, role]));
    await recordAudit(trx, actor, {
      action: existing ? 'account.update' : 'account.create',
      itemType: 'account',
      itemId: id,
      details: { email, roles: unique([...before, role]), before: { roles: before }, via: 'invitation' },
    });
  }
  const u = (await repo.findUserById(trx, id))!;
  return { id, email: u.email, displayName: u.displayName, locale: u.locale, created: !existing };
}
