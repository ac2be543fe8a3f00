import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

type Purpose = 'confirm_email' | 'reset_password';

export async function insertToken(
  db: Db,
  v: {
    idHash: string;
    userId: string;
    purpose: Purpose;
    expiresAt: Date;
    passwordHash?: string | null;
    displayName?: string | null;
    locale?: 'da' | 'en' | null;
  },
) {
  await db.insertInto('accountTokens').values(v).execute();
}

export async function findToken(db: Db, idHash: string) {
  return db.selectFrom('accountTokens').selectAll().where('idHash', '=', idHash).executeTakeFirst();
}

/** Claims a token once: of two concurrent uses only one gets the row back. */
export async function claimToken(db: Db, idHash: string, purpose: Purpose) {
  return db
    .updateTable('accountTokens')
    .set({ usedAt: sql<Date>`now()` })
    .where('idHash', '=', idHash)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

/** Retires every other open token of a purpose (a confirmed address needs no second link). */
export async function retireTokens(db: Db, userId: string, purpose: Purpose) {
  await db
    .updateTable('accountTokens')
    .set({ usedAt: sql<Date>`now()` })
    .where('userId', '=', userId)
    .where('purpose', '=', purpose)
    .where('usedAt', 'is', null)
    .execute();
}
