import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { IdentityFlowsTable, Loa } from '../../db/schema.ts';
import type { Insertable } from 'kysely';

export async function insertFlow(db: Db, v: Insertable<IdentityFlowsTable>) {
  await db
    .deleteFrom('identityFlows')
    .where('expiresAt', '<', sql<Date>`now()`)
    .execute();
  await db.insertInto('identityFlows').values(v).execute();
}

/** Takes a flow once: of two uses of the same state only one gets the row. */
export async function takeFlow(db: Db, stateHash: string) {
  return db
    .deleteFrom('identityFlows')
    .where('stateHash', '=', stateHash)
    .where('expiresAt', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

export async function findLink(db: Db, provider: string, subject: string) {
  return db
    .selectFrom('identityLinks')
    .select(['userId'])
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export async function touchLink(db: Db, provider: string, subject: string) {
  await db
    .updateTable('identityLinks')
    .set({ lastUsedAt: sql<Date>`now()` })
    .where('provider', '=', provider)
    .where('subject', '=', subject)
    .execute();
}

export async function insertLink(db: Db, v: { provider: string; subject: string; userId: string }) {
  await db
    .insertInto('identityLinks')
    .values(v)
    .onConflict((oc) => oc.columns(['provider', 'subject']).doNothing())
    .execute();
}

export async function insertPending(
  db: Db,
  v: { idHash: string; provider: string; subject: string; displayName: string | null; expiresAt: Date },
) {
  await db
    .deleteFrom('identityPending')
    .where('expiresAt', '<', sql<Date>`now()`)
    .execute();
  await db.insertInto('identityPending').values(v).execute();
}

export async function findPending(db: Db, idHash: string) {
  return db
    .selectFrom('identityPending')
    .selectAll()
    .where('idHash', '=', idHash)
    .where('expiresAt', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

export async function setPendingConfirm(db: Db, idHash: string, confirmHash: string) {
  await db.updateTable('identityPending').set({ confirmHash }).where('idHash', '=', idHash).execute();
}

export async function takePendingByConfirm(db: Db, confirmHash: string) {
  return db
    .deleteFrom('identityPending')
    .where('confirmHash', '=', confirmHash)
    .where('expiresAt', '>', sql<Date>`now()`)
    .returningAll()
    .executeTakeFirst();
}

export async function upsertVerification(
  db: Db,
  v: {
    responseId: string;
    consultationId: string;
    provider: string;
    loa: Loa;
    cvr: string | null;
    orgName: string | null;
  },
) {
  await db
    .insertInto('responseVerifications')
    .values(v)
    .onConflict((oc) =>
      oc.columns(['consultationId', 'responseId']).doUpdateSet({
        provider: v.provider,
        loa: v.loa,
        cvr: v.cvr,
        orgName: v.orgName,
        verifiedAt: sql<Date>`now()`,
      }),
    )
    .execute();
}

/** The responses' verifications, through the key (consultation_id, response_id). */
export async function verificationsOf(db: Db, consultationId: string, responseIds: readonly string[]) {
  if (responseIds.length === 0) return [];
  return db
    .selectFrom('responseVerifications')
    .selectAll()
    .where('consultationId', '=', consultationId)
    .where('responseId', 'in', responseIds)
    .execute();
}

export async function minLoaOf(db: Db, consultationId: string): Promise<Loa | null> {
  const r = await db
    .selectFrom('consultationIdentityRules')
    .select('minLoa')
    .where('consultationId', '=', consultationId)
    .executeTakeFirst();
  return r?.minLoa ?? null;
}

export async function setMinLoa(db: Db, consultationId: string, minLoa: Loa | null) {
  if (minLoa === null) {
    await db.deleteFrom('consultationIdentityRules').where('consultationId', '=', consultationId).execute();
    return;
  }
  await db
    .insertInto('consultationIdentityRules')
    .values({ consultationId, minLoa })
    .onConflict((oc) => oc.column('consultationId').doUpdateSet({ minLoa }))
    .execute();
}
