import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { PartyKind } from '../../db/schema.ts';
import { consultationOf } from '../consultations/consultations.fragments.ts';

/** All Kysely of the parties module: the directory and the høringsliste (issue 13). */

export type PartyValues = {
  name: string;
  nameKey: string;
  kind: PartyKind;
  cvr: string | null;
  emails: string[];
  locale: 'da' | 'en';
  note: string;
};

const PARTY_COLUMNS = [
  'id',
  'name',
  'nameKey',
  'kind',
  'cvr',
  'emails',
  'locale',
  'note',
  'createdAt',
  'updatedAt',
] as const;

export async function listParties(db: Db, f: { q?: string | undefined; kind?: PartyKind | undefined }) {
  let q = db.selectFrom('parties').select(PARTY_COLUMNS);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) q = q.where(sql<boolean>`strpos(lower(name), lower(${f.q})) > 0`);
  return q.orderBy('nameKey').limit(5000).execute();
}

export type PartyRow = Awaited<ReturnType<typeof listParties>>[number];

export const findParty = (db: Db, id: string) =>
  db.selectFrom('parties').select(PARTY_COLUMNS).where('id', '=', id).executeTakeFirst();

/** Directory rows that share a CVR number or a name key with the given ones (the duplicates). */
export async function findClashes(db: Db, f: { cvrs: readonly string[]; nameKeys: readonly string[] }) {
  if (f.cvrs.length === 0 && f.nameKeys.length === 0) return [];
  return db
    .selectFrom('parties')
    .select(['id', 'name', 'nameKey', 'cvr'])
    .where((eb) =>
      eb.or([
        ...(f.cvrs.length > 0 ? [eb('cvr', 'in', [...f.cvrs])] : []),
        ...(f.nameKeys.length > 0 ? [eb('nameKey', 'in', [...f.nameKeys])] : []),
      ]),
    )
    .execute();
}

export async function insertParties(db: Db, rows: readonly PartyValues[], createdBy: string | null) {
  if (rows.length === 0) return [];
  return db
    .insertInto('parties')
    .values(rows.map((r) => ({ ...r, createdBy })))
    .returning('id')
    .execute();
}

export async function updateParty(db: Db, id: string, v: PartyValues) {
  return db
    .updateTable('parties')
    .set({ ...v, updatedAt: new Date() })
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteParty(db: Db, id: string) {
  return db.deleteFrom('parties').where('id', '=', id).executeTakeFirst();
}

export async function partyIdsOfKinds(db: Db, kinds: readonly PartyKind[]) {
  if (kinds.length === 0) return [];
  return (
    await db
      .selectFrom('parties')
      .select('id')
      .where('kind', 'in', [...kinds])
      .execute()
  ).map((r) => r.id);
}

export async function existingPartyIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return (
    await db
      .selectFrom('parties')
      .select('id')
      .where('id', 'in', [...ids])
      .execute()
  ).map((r) => r.id);
}

// The høringsliste.

export async function reminderDays(db: Db, consultationId: string): Promise<number | null> {
  const r = await db
    .selectFrom('partyListSettings')
    .select('reminderDays')
    .where('consultationId', '=', consultationId)
    .executeTakeFirst();
  return r?.reminderDays ?? null;
}

export async function setReminderDays(db: Db, consultationId: string, days: number | null) {
  await db
    .insertInto('partyListSettings')
    .values({ consultationId, reminderDays: days })
    .onConflict((oc) => oc.column('consultationId').doUpdateSet({ reminderDays: days, updatedAt: new Date() }))
    .execute();
}

export async function addEntries(db: Db, consultationId: string, partyIds: readonly string[], addedBy: string) {
  if (partyIds.length === 0) return [];
  return db
    .insertInto('consultationParties')
    .values(partyIds.map((partyId) => ({ consultationId, partyId, addedBy })))
    .onConflict((oc) => oc.columns(['consultationId', 'partyId']).doNothing())
    .returning('partyId')
    .execute();
}

export async function removeEntry(db: Db, consultationId: string, partyId: string) {
  const r = await db
    .deleteFrom('consultationParties')
    .where('consultationId', '=', consultationId)
    .where('partyId', '=', partyId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The list with each party's directory row and its latest reminder, ordered by name. */
export function listEntries(db: Db, consultationId: string, partyIds?: readonly string[]) {
  let q = db
    .selectFrom('consultationParties as e')
    .innerJoin('parties as p', 'p.id', 'e.partyId')
    .select([
      'e.consultationId',
      'e.partyId',
      'e.addedAt',
      'e.invitedAt',
      'e.responseId',
      'e.respondedAt',
      'e.linkedBy',
      'e.late',
      'e.noCommentsAt',
      'e.noCommentsBy',
      'p.name',
      'p.nameKey',
      'p.kind',
      'p.cvr',
      'p.emails',
      'p.locale',
    ])
    .select((eb) =>
      eb
        .selectFrom('partyReminders as m')
        .select(sql<Date | null>`max(m.sent_at)`.as('at'))
        .whereRef('m.consultationId', '=', 'e.consultationId')
        .whereRef('m.partyId', '=', 'e.partyId')
        .as('remindedAt'),
    )
    .where('e.consultationId', '=', consultationId);
  if (partyIds)
    q = q.where('e.partyId', 'in', partyIds.length > 0 ? [...partyIds] : ['00000000-0000-0000-0000-000000000000']);
  return q.orderBy('p.nameKey').execute();
}

export type EntryRow = Awaited<ReturnType<typeof listEntries>>[number];

export async function findEntry(db: Db, consultationId: string, partyId: string): Promise<EntryRow | undefined> {
  return (await listEntries(db, consultationId, [partyId]))[0];
}

/** Locks the entry's row for a change (two staff members, or a party and staff, at once). */
export async function lockEntry(db: Db, consultationId: string, partyId: string) {
  return db
    .selectFrom('consultationParties')
    .select(['responseId', 'noCommentsAt', 'invitedAt'])
    .where('consultationId', '=', consultationId)
    .where('partyId', '=', partyId)
    .forUpdate()
    .executeTakeFirst();
}

export async function insertTokens(
  db: Db,
  rows: readonly { consultationId: string; partyId: string; tokenHash: string; mail: 'invitation' | 'reminder' }[],
) {
  if (rows.length === 0) return;
  await db
    .insertInto('partyInvitations')
    .values([...rows])
    .execute();
}

export async function markInvited(
  db: Db,
  consultationId: string,
  partyIds: readonly string[],
  by: string | null,
  at: Date,
) {
  if (partyIds.length === 0) return;
  await db
    .updateTable('consultationParties')
    .set({ invitedAt: at, invitedBy: by })
    .where('consultationId', '=', consultationId)
    .where('partyId', 'in', [...partyIds])
    .execute();
}

/** A personal link's consultation and party, by its token's SHA-256 (an index look-up on a digest). */
export const findToken = (db: Db, tokenHash: string) =>
  db
    .selectFrom('partyInvitations')
    .select(['consultationId', 'partyId'])
    .where('tokenHash', '=', tokenHash)
    .executeTakeFirst();

export async function setNoComments(db: Db, consultationId: string, partyId: string, by: 'party' | 'staff', at: Date) {
  await db
    .updateTable('consultationParties')
    .set({ noCommentsAt: at, noCommentsBy: by })
    .where('consultationId', '=', consultationId)
    .where('partyId', '=', partyId)
    .execute();
}

export async function linkResponse(
  db: Db,
  consultationId: string,
  partyId: string,
  v: { responseId: string; respondedAt: Date; linkedBy: 'link' | 'match' | 'staff'; late: boolean },
) {
  await db
    .updateTable('consultationParties')
    .set({ ...v, noCommentsAt: null, noCommentsBy: null })
    .where('consultationId', '=', consultationId)
    .where('partyId', '=', partyId)
    .execute();
}

export async function entryOfResponse(db: Db, consultationId: string, responseId: string) {
  return db
    .selectFrom('consultationParties')
    .select('partyId')
    .where('consultationId', '=', consultationId)
    .where('responseId', '=', responseId)
    .executeTakeFirst();
}

export async function linkedResponseIds(db: Db, consultationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('consultationParties')
    .select('responseId')
    .where('consultationId', '=', consultationId)
    .where('responseId', 'is not', null)
    .execute();
  return rows.map((r) => r.responseId!);
}

export async function rejections(db: Db, consultationId: string) {
  return db
    .selectFrom('partyMatchRejections')
    .select(['partyId', 'responseId'])
    .where('consultationId', '=', consultationId)
    .execute();
}

export async function insertRejection(
  db: Db,
  v: { consultationId: string; partyId: string; responseId: string; rejectedBy: string },
) {
  await db
    .insertInto('partyMatchRejections')
    .values(v)
    .onConflict((oc) => oc.columns(['consultationId', 'partyId', 'responseId']).doNothing())
    .execute();
}

/** The invited parties of a consultation for its public page: name, kind, whether it answered. */
export function consultedParties(db: Db, consultationId: string) {
  return db
    .selectFrom('consultationParties as e')
    .innerJoin('parties as p', 'p.id', 'e.partyId')
    .select(['p.name', 'p.kind', 'e.responseId', 'e.noCommentsAt'])
    .where('e.consultationId', '=', consultationId)
    .where('e.invitedAt', 'is not', null)
    .orderBy('p.nameKey')
    .execute();
}

/** The høringsliste with each party's answer: for the scenario scorecard (issue 14 story 2). */
export function listAnswers(db: Db, consultationId: string) {
  return db
    .selectFrom('consultationParties as e')
    .innerJoin('parties as p', 'p.id', 'e.partyId')
    .select(['e.partyId', 'p.name', 'p.kind', 'e.invitedAt', 'e.responseId', 'e.respondedAt', 'e.noCommentsAt'])
    .where('e.consultationId', '=', consultationId)
    .orderBy('p.nameKey')
    .execute();
}

/**
 * Parties due a reminder (issue 13): invited, neither responded nor said "no comments", no reminder
 * yet, in an open consultation whose deadline is within its reminder days. `defaultDays` when the
 * consultation has no setting of its own.
 */
export async function dueReminders(db: Db, f: { now: Date; defaultDays: number; limit: number }) {
  const closesAt = consultationOf.closesAt('e.consultationId');
  return db
    .selectFrom('consultationParties as e')
    .innerJoin('parties as p', 'p.id', 'e.partyId')
    .leftJoin('partyListSettings as s', 's.consultationId', 'e.consultationId')
    .select(['e.consultationId', 'e.partyId', 'p.name', 'p.emails', 'p.locale'])
    .select(consultationOf.title('e.consultationId').as('title'))
    .select(consultationOf.slug('e.consultationId').as('slug'))
    .select(closesAt.as('closesAt'))
    .where('e.invitedAt', 'is not', null)
    .where('e.responseId', 'is', null)
    .where('e.noCommentsAt', 'is', null)
    .where(consultationOf.phase('e.consultationId'), '=', 'open')
    .where(sql<boolean>`${closesAt} > ${f.now}::timestamptz`)
    .where(
      sql<boolean>`${closesAt} - make_interval(days => coalesce(s.reminder_days, ${f.defaultDays})) <= ${f.now}::timestamptz`,
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('partyReminders as m')
            .select('m.reminder')
            .whereRef('m.consultationId', '=', 'e.consultationId')
            .whereRef('m.partyId', '=', 'e.partyId'),
        ),
      ),
    )
    .orderBy('e.consultationId')
    .orderBy('e.partyId')
    .limit(f.limit)
    .execute();
}

/**
 * Records reminder 1 for each party; returns those this call recorded (another run — a restart, a
 * second instance — that got there first keeps its row, and this one sends nothing for it).
 */
export async function claimReminders(db: Db, pairs: readonly { consultationId: string; partyId: string }[]) {
  if (pairs.length === 0) return [];
  return db
    .insertInto('partyReminders')
    .values(pairs.map((p) => ({ consultationId: p.consultationId, partyId: p.partyId, reminder: 1 })))
    .onConflict((oc) => oc.columns(['consultationId', 'partyId', 'reminder']).doNothing())
    .returning(['consultationId', 'partyId'])
    .execute();
}
