import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CanonicalAnswer } from './fingerprint.rules.ts';
import { displayNameOf } from '../accounts/accounts.fragments.ts';

/**
 * Writes and single-response reads. Times are written from the server's clock as JS Dates
 * (millisecond precision), so a `(submitted_at, id)` cursor round-trips exactly.
 */

export type NewResponse = {
  consultationId: string;
  id: string;
  receiptCode: string;
  respondentName: string;
  respondentEmail: string | null;
  actingAs: 'citizen' | 'business' | 'ngo' | 'public_authority' | 'other';
  organisationName: string | null;
  cvr: string | null;
  invited: boolean;
  consent: 'public_named' | 'public_anonymous' | 'not_public';
  channel: 'web' | 'letter' | 'email';
  locale: 'da' | 'en';
  body: string;
  fingerprint: string;
  editTokenHash: string | null;
  editTokenSealed: Buffer | null;
  idempotencyKeyHash: string | null;
  requestHash: string | null;
  publicationStatus: 'pending' | 'approved' | 'rejected' | 'not_requested';
  registeredBy: string | null;
  submittedAt: Date;
};

export async function insertAnswers(
  db: Db,
  consultationId: string,
  responseId: string,
  answers: readonly CanonicalAnswer[],
) {
  if (answers.length === 0) return;
  await db
    .insertInto('answers')
    .values(
      answers.map((a) => ({ consultationId, responseId, questionId: a.questionId, value: JSON.stringify(a.value) })),
    )
    .execute();
}

export async function deleteAnswers(db: Db, consultationId: string, responseId: string) {
  await db
    .deleteFrom('answers')
    .where('consultationId', '=', consultationId)
    .where('responseId', '=', responseId)
    .execute();
}

export async function insertVersion(
  db: Db,
  v: { consultationId: string; responseId: string; version: number; snapshot: object; fingerprint: string },
) {
  await db
    .insertInto('responseVersions')
    .values({ ...v, snapshot: JSON.stringify(v.snapshot) })
    .execute();
}

/** The first receipt of a submission made with this Idempotency-Key (its SHA-256). */
export async function findByIdempotencyKey(db: Db, consultationId: string, keyHash: string) {
  return db
    .selectFrom('responses as r')
    .innerJoin('responseVersions as v', (j) =>
      j.onRef('v.consultationId', '=', 'r.consultationId').onRef('v.responseId', '=', 'r.id').on('v.version', '=', 1),
    )
    .select(['r.id', 'r.receiptCode', 'r.submittedAt', 'r.requestHash', 'r.editTokenSealed', 'v.fingerprint'])
    .where('r.consultationId', '=', consultationId)
    .where('r.idempotencyKeyHash', '=', keyHash)
    .executeTakeFirst();
}

/** Every column staff may see (the queue, the staff detail view). */
export const STAFF_COLUMNS = [
  'r.consultationId',
  'r.id',
  'r.receiptCode',
  'r.respondentName',
  'r.respondentEmail',
  'r.actingAs',
  'r.organisationName',
  'r.cvr',
  'r.invited',
  'r.consent',
  'r.status',
  'r.channel',
  'r.locale',
  'r.body',
  'r.fingerprint',
  'r.publicationStatus',
  'r.publicationReason',
  'r.reviewedAt',
  'r.submittedAt',
  'r.editedAt',
  'r.withdrawnAt',
  'r.version',
] as const;

/** By the SHA-256 of an edit token: an index lookup on a digest, never a comparison of secrets. */
export async function findByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('responses as r')
    .select(STAFF_COLUMNS)
    .where('r.editTokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** The consultation of a response found by its id alone (responses_id_idx), for routes that name only the response. */
export async function consultationOf(db: Db, id: string): Promise<string | null> {
  const r = await db.selectFrom('responses').select('consultationId').where('id', '=', id).executeTakeFirst();
  return r?.consultationId ?? null;
}

export async function findById(db: Db, id: string) {
  return db
    .selectFrom('responses as r')
    .select(STAFF_COLUMNS)
    .select(displayNameOf('r.reviewedBy').as('reviewerName'))
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type StaffRow = NonNullable<Awaited<ReturnType<typeof findById>>>;

export async function updateContent(
  db: Db,
  key: { consultationId: string; id: string; version: number },
  v: {
    respondentName: string;
    respondentEmail: string | null;
    actingAs: NewResponse['actingAs'];
    organisationName: string | null;
    cvr: string | null;
    consent: NewResponse['consent'];
    locale: 'da' | 'en';
    body: string;
    fingerprint: string;
    publicationStatus: NewResponse['publicationStatus'];
    editedAt: Date;
  },
): Promise<boolean> {
  // The search vector follows the publication status (trigger responses_search_on_update).
  const res = await db
    .updateTable('responses')
    .set({
      ...v,
      version: key.version + 1,
      publicationReason: null,
      reviewedBy: null,
      reviewedAt: null,
      // The token has been used, so the client holds it: nothing left to recover on a retry.
      editTokenSealed: null,
    })
    .where('consultationId', '=', key.consultationId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function withdraw(db: Db, consultationId: string, id: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('responses')
    .set({ status: 'withdrawn', withdrawnAt: at, editTokenSealed: null })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function setPublication(
  db: Db,
  consultationId: string,
  id: string,
  v: {
    publicationStatus: 'approved' | 'rejected';
    publicationReason: string | null;
    reviewedBy: string | null;
    reviewedAt: Date;
  },
) {
  await db.updateTable('responses').set(v).where('consultationId', '=', consultationId).where('id', '=', id).execute();
}

export async function anyRespondentEmail(
  db: Db,
  consultationId: string,
  ids: readonly string[],
  email: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('responses')
    .select('id')
    .where('consultationId', '=', consultationId)
    .where('id', 'in', [...ids])
    .where('status', '=', 'submitted')
    .where(sql<string>`lower(respondent_email)`, '=', email.toLowerCase())
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function setInvited(db: Db, consultationId: string, id: string, invited: boolean) {
  await db
    .updateTable('responses')
    .set({ invited })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function listAnswers(db: Db, consultationId: string, responseIds: readonly string[]) {
  const out = new Map<string, { questionId: string; value: unknown }[]>();
  if (responseIds.length === 0) return out;
  const rows = await db
    .selectFrom('answers')
    .select(['responseId', 'questionId', 'value'])
    .where('consultationId', '=', consultationId)
    .where('responseId', 'in', [...responseIds])
    .orderBy('responseId')
    .orderBy('questionId')
    .execute();
  for (const r of rows) {
    const list = out.get(r.responseId) ?? [];
    list.push({ questionId: r.questionId, value: r.value });
    out.set(r.responseId, list);
  }
  return out;
}

/** Published = approved for publication by staff and not withdrawn (consent is checked by the database). */
export async function isPublished(db: Db, consultationId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('responses')
    .select('id')
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('status', '=', 'submitted')
    .where('publicationStatus', '=', 'approved')
    .where('consent', '<>', 'not_public')
    .executeTakeFirst();
  return !!row;
}

/** Whether the consultation has any response at all (the questionnaire's shape rules). */
export async function anyResponse(db: Db, consultationId: string): Promise<boolean> {
  const r = await sql<{ exists: boolean }>`
    select exists (select 1 from responses where consultation_id = ${consultationId}) as exists`.execute(db);
  return r.rows[0]?.exists ?? false;
}

/**
 * Issue 13: the responses of a consultation a party on its list may have written, by CVR or by the
 * domain of the respondent's address (lower case), left out those already answering for a party.
 */
export async function findByCvrOrDomain(
  db: Db,
  consultationId: string,
  f: { cvrs: readonly string[]; domains: readonly string[]; exclude: readonly string[]; limit: number },
) {
  if (f.cvrs.length === 0 && f.domains.length === 0) return [];
  let q = db
    .selectFrom('responses as r')
    .select(STAFF_COLUMNS)
    .where('r.consultationId', '=', consultationId)
    .where('r.status', '=', 'submitted')
    .where((eb) =>
      eb.or([
        ...(f.cvrs.length > 0 ? [eb('r.cvr', 'in', [...f.cvrs])] : []),
        ...(f.domains.length > 0
          ? [eb(sql<string>`lower(split_part(r.respondent_email, '@', 2))`, 'in', [...f.domains])]
          : []),
      ]),
    );
  if (f.exclude.length > 0) q = q.where('r.id', 'not in', [...f.exclude]);
  return q.orderBy('r.submittedAt').orderBy('r.id').limit(f.limit).execute();
}

/**
 * Issue 14 story 7: the submitted responses of a consultation that have an e-mail address, in id
 * order after `afterId` (keyset), for the "how your input was used" notices.
 */
export async function respondentsAfter(db: Db, consultationId: string, afterId: string | null, limit: number) {
  let q = db
    .selectFrom('responses')
    .select(['id', 'respondentEmail', 'locale', 'receiptCode'])
    .where('consultationId', '=', consultationId)
    .where('status', '=', 'submitted')
    .where('respondentEmail', 'is not', null);
  if (afterId) q = q.where('id', '>', afterId);
  return q.orderBy('id').limit(limit).execute();
}

/** Of these responses, those the public sees (submitted, approved, consent to publish). */
export async function publishedIds(db: Db, consultationId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('responses')
    .select('id')
    .where('consultationId', '=', consultationId)
    .where('id', 'in', [...ids])
    .where('status', '=', 'submitted')
    .where('publicationStatus', '=', 'approved')
    .where('consent', '<>', 'not_public')
    .execute();
  return new Set(rows.map((r) => r.id));
}
