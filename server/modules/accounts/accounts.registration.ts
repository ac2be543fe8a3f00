import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ActingAs } from '../../db/schema.ts';

/**
 * The users-table side of participant self-service (issue #5): self-registration, confirmation,
 * password reset and the segment profile. The participants module calls these service functions;
 * it never touches `users` itself (STYLE.md §1). Every function takes the caller's executor, so it
 * joins the caller's transaction.
 */

export type RegistrationAccount = {
  id: string;
  email: string;
  displayName: string;
  locale: 'da' | 'en';
  confirmed: boolean;
  disabled: boolean;
};

export type AccountProfile = {
  id: string;
  email: string;
  displayName: string;
  locale: 'da' | 'en';
  actingAs: ActingAs | null;
  organisationName: string | null;
  invited: boolean;
};

const accountColumns = ['id', 'email', 'displayName', 'locale', 'emailConfirmedAt', 'disabledAt'] as const;

function toRegistrationAccount(r: {
  id: string;
  email: string;
  displayName: string;
  locale: 'da' | 'en';
  emailConfirmedAt: Date | null;
  disabledAt: Date | null;
}): RegistrationAccount {
  return {
    id: r.id,
    email: r.email,
    displayName: r.displayName,
    locale: r.locale,
    confirmed: r.emailConfirmedAt !== null,
    disabled: r.disabledAt !== null,
  };
}

export async function findAccountByEmail(db: Db, email: string): Promise<RegistrationAccount | undefined> {
  const row = await db
    .selectFrom('users')
    .select(accountColumns)
    .where(sql`lower(email)`, '=', email.toLowerCase())
    .executeTakeFirst();
  return row && toRegistrationAccount(row);
}

export async function findAccountById(db: Db, id: string): Promise<RegistrationAccount | undefined> {
  const row = await db.selectFrom('users').select(accountColumns).where('id', '=', id).executeTakeFirst();
  return row && toRegistrationAccount(row);
}

/**
 * A self-registered participant: no password and no confirmation yet. The password chosen at
 * registration travels with the confirmation token and is set when the link is opened. Throws the
 * database's unique violation (23505) when the address was taken meanwhile.
 */
export async function createUnconfirmedParticipant(
  trx: Db,
  v: { email: string; displayName: string; locale: 'da' | 'en' },
): Promise<string> {
  const { id } = await trx
    .insertInto('users')
    .values({ ...v, passwordHash: null, emailConfirmedAt: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('userRoles').values({ userId: id, role: 'participant' }).execute();
  return id;
}

/** Confirms the address and sets what the registration chose (password, name, language). */
export async function confirmAccount(
  trx: Db,
  userId: string,
  v: { passwordHash: string | null; displayName: string | null; locale: 'da' | 'en' | null },
): Promise<void> {
  await trx
    .updateTable('users')
    .set({
      emailConfirmedAt: sql<Date>`coalesce(email_confirmed_at, now())`,
      ...(v.passwordHash ? { passwordHash: v.passwordHash } : {}),
      ...(v.displayName ? { displayName: v.displayName } : {}),
      ...(v.locale ? { locale: v.locale } : {}),
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', userId)
    .execute();
}

/**
 * A password set through a reset link: the link proved the mailbox, so it also confirms the address;
 * every open session of the account ends.
 */
export async function setPasswordFromReset(trx: Db, userId: string, passwordHash: string): Promise<void> {
  await trx
    .updateTable('users')
    .set({
      passwordHash,
      emailConfirmedAt: sql<Date>`coalesce(email_confirmed_at, now())`,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', userId)
    .execute();
  await trx.deleteFrom('sessions').where('userId', '=', userId).execute();
}

export async function readProfile(db: Db, userId: string): Promise<AccountProfile | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'displayName', 'locale', 'actingAs', 'organisationName', 'invited'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function writeProfile(
  trx: Db,
  userId: string,
  v: Partial<{
    displayName: string;
    locale: 'da' | 'en';
    actingAs: ActingAs | null;
    organisationName: string | null;
    invited: boolean;
  }>,
): Promise<boolean> {
  const res = await trx
    .updateTable('users')
    .set({ ...v, updatedAt: sql<Date>`now()` })
    .where('id', '=', userId)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
