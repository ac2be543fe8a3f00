import { sql } from 'kysely';
import { type Db, preparedAs } from '../../db/database.ts';
import type { MailTemplate } from '../mail/mail.templates.ts';
import type { CanonicalAnswer, CanonicalSubmission } from './fingerprint.rules.ts';

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

export async function findById(db: Db, id: string) {
  return db
    .selectFrom('responses as r')
    .leftJoin('users as u', 'u.id', 'r.reviewedBy')
    .select(STAFF_COLUMNS)
    .select('u.displayName as reviewerName')
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

export type GuardOutcome = 'ok' | 'stale' | 'missing';

export type SubmissionWrite = {
  row: NewResponse;
  /** The consultation's stamp the answers and the window were checked against (submission.target.ts). */
  stamp: string;
  /**
   * What the fingerprint was computed over. Version 1's snapshot is rebuilt from the row's columns and
   * these (answers sorted by question, attachment SHA-256s sorted) in the statement, not sent twice.
   */
  snapshot: CanonicalSubmission;
  audit: { actorId: string | null; actorLabel: string | null; action: string; details: Record<string, unknown> };
  /** The receipt as a template (mail.service templateOutboxValues), rendered when sent or read. */
  mail: {
    recipient: string;
    kind: string;
    locale: 'da' | 'en';
    status: 'pending' | 'outboxed';
    template: MailTemplate;
  } | null;
};

export type SubmissionWritten = { guard: GuardOutcome; id: string | null };

/**
 * Submissions in ONE statement (one round trip, its own transaction unless the caller's): for each
 * consultation and stamp the guard (samraad_submission_guard: the questionnaire lock, then the stamp
 * compared with a fresh read), then each response, its answers, version 1, its audit event and its
 * receipt mail. Nothing of a submission is written unless its guard says 'ok'; one whose
 * Idempotency-Key is used writes nothing (`on conflict … do nothing`: its `id` comes back null and the
 * caller reads the first receipt). Any other violation (a receipt-code collision, a question deleted
 * meanwhile) aborts the statement as a whole. Results come back in the order of `items`.
 */
export async function writeSubmissions(db: Db, items: readonly SubmissionWrite[]): Promise<SubmissionWritten[]> {
  const input = JSON.stringify(
    items.map((w, ord) => {
      const r = w.row;
      return {
        ord,
        consultation_id: r.consultationId,
        id: r.id,
        receipt_code: r.receiptCode,
        respondent_name: r.respondentName,
        respondent_email: r.respondentEmail,
        acting_as: r.actingAs,
        organisation_name: r.organisationName,
        cvr: r.cvr,
        invited: r.invited,
        consent: r.consent,
        channel: r.channel,
        locale: r.locale,
        body: r.body,
        fingerprint: r.fingerprint,
        edit_token_hash: r.editTokenHash,
        edit_token_sealed: r.editTokenSealed?.toString('hex') ?? null,
        idempotency_key_hash: r.idempotencyKeyHash,
        request_hash: r.requestHash,
        publication_status: r.publicationStatus,
        registered_by: r.registeredBy,
        submitted_at: r.submittedAt.toISOString(),
        stamp: w.stamp,
        answers: w.snapshot.answers,
        attachments: w.snapshot.attachments,
        actor_id: w.audit.actorId,
        actor_label: w.audit.actorLabel,
        action: w.audit.action,
        details: w.audit.details,
        mail: w.mail,
      };
    }),
  );
  const res = await sql<{ ord: number; guard: GuardOutcome; id: string | null }>`${preparedAs('submissions_write_v2')}
    with input as materialized (
      select * from jsonb_to_recordset(${input}::jsonb) as x(
        ord int, consultation_id uuid, id uuid, receipt_code text, respondent_name text, respondent_email text,
        acting_as text, organisation_name text, cvr text, invited boolean, consent text, channel text, locale text,
        body text, fingerprint text, edit_token_hash text, edit_token_sealed text, idempotency_key_hash text,
        request_hash text, publication_status text, registered_by uuid, submitted_at timestamptz,
        stamp text, answers jsonb, attachments jsonb, actor_id uuid, actor_label text, action text, details jsonb,
        mail jsonb)
    ), guards as materialized (
      select g.consultation_id, g.stamp, samraad_submission_guard(g.consultation_id, g.stamp) as status
        from (select distinct consultation_id, stamp from input) g
    ), ins as (
      insert into responses (consultation_id, id, receipt_code, respondent_name, respondent_email, acting_as,
                             organisation_name, cvr, invited, consent, channel, locale, body, fingerprint,
                             edit_token_hash, edit_token_sealed, idempotency_key_hash, request_hash,
                             publication_status, registered_by, submitted_at)
      select i.consultation_id, i.id, i.receipt_code, i.respondent_name, i.respondent_email, i.acting_as,
             i.organisation_name, i.cvr, i.invited, i.consent, i.channel, i.locale, i.body, i.fingerprint,
             i.edit_token_hash, decode(i.edit_token_sealed, 'hex'), i.idempotency_key_hash, i.request_hash,
             i.publication_status, i.registered_by, i.submitted_at
        from input i join guards g on g.consultation_id = i.consultation_id and g.stamp = i.stamp
       where g.status = 'ok'
       order by i.ord
      on conflict on constraint responses_idempotency_key do nothing
      returning consultation_id, id
    ), answers_ins as (
      insert into answers (consultation_id, response_id, question_id, value)
      select ins.consultation_id, ins.id, a."questionId", a.value
        from ins join input i on i.id = ins.id
       cross join jsonb_to_recordset(i.answers) as a("questionId" uuid, value jsonb)
    ), version_ins as (
      insert into response_versions (consultation_id, response_id, version, snapshot, fingerprint)
      select ins.consultation_id, ins.id, 1,
             jsonb_build_object(
               'respondent', jsonb_build_object('name', i.respondent_name, 'email', i.respondent_email,
                                                'actingAs', i.acting_as, 'organisationName', i.organisation_name,
                                                'cvr', i.cvr),
               'consent', i.consent, 'body', i.body, 'answers', i.answers, 'attachments', i.attachments),
             i.fingerprint
        from ins join input i on i.id = ins.id
    ), audit_ins as (
      insert into audit_events (consultation_id, actor_id, actor_label, action, item_type, item_id, details)
      select ins.consultation_id, i.actor_id, i.actor_label, i.action, 'response', ins.id::text, i.details
        from ins join input i on i.id = ins.id
       order by i.ord
    ), mail_ins as (
      insert into mail_outbox (consultation_id, recipient, template, kind, locale, response_id, created_at, status)
      select ins.consultation_id, i.mail->>'recipient', i.mail->'template', i.mail->>'kind',
             i.mail->>'locale', ins.id, date_trunc('milliseconds', now()), i.mail->>'status'
        from ins join input i on i.id = ins.id
       where i.mail is not null and jsonb_typeof(i.mail) = 'object'
    )
    select i.ord, g.status as guard, ins.id
      from input i
      join guards g on g.consultation_id = i.consultation_id and g.stamp = i.stamp
      left join ins on ins.id = i.id
     order by i.ord`.execute(db);
  const out: SubmissionWritten[] = items.map(() => ({ guard: 'missing', id: null }));
  for (const row of res.rows) out[row.ord] = { guard: row.guard, id: row.id };
  return out;
}
