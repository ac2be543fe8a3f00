import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export async function findTotp(db: Db, userId: string) {
  return db
    .selectFrom('accountTotp')
    .select(['secret', 'enabledAt', 'lastStep'])
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** The row, locked for this transaction (a code is used by one sign-in only). */
export async function lockTotp(db: Db, userId: string) {
  return db
    .selectFrom('accountTotp')
    .select(['secret', 'enabledAt', 'lastStep'])
    .where('userId', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

export async function saveTotpSecret(db: Db, userId: string, secret: string): Promise<void> {
  await db
    .insertInto('accountTotp')
    .values({ userId, secret })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ secret, enabledAt: null, lastStep: null }))
    .execute();
}

export async function enableTotp(db: Db, userId: string, step: number): Promise<void> {
  await db
    .updateTable('accountTotp')
    .set({ enabledAt: sql<Date>`now()`, lastStep: step })
    .where('userId', '=', userId)
    .execute();
}

export async function setLastStep(db: Db, userId: string, step: number): Promise<void> {
  await db.updateTable('accountTotp').set({ lastStep: step }).where('userId', '=', userId).execute();
}

export async function deleteTotp(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('accountRecoveryCodes').where('userId', '=', userId).execute();
  await db.deleteFrom('accountTotp').where('userId', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: readonly string[]): Promise<void> {
  await db.deleteFrom('accountRecoveryCodes').where('userId', '=', userId).execute();
  await db
    .insertInto('accountRecoveryCodes')
    .values(hashes.map((codeHash) => ({ userId, codeHash })))
    .execute();
}

/** Marks an unused recovery code used; false when there is none such. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const row = await db
    .updateTable('accountRecoveryCodes')
    .set({ usedAt: sql<Date>`now()` })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .returning('codeHash')
    .executeTakeFirst();
  return row !== undefined;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('accountRecoveryCodes')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('userId', '=', userId)
    .where('usedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
