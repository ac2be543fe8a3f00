import { sql } from 'kysely';
import { type Db, preparedAs } from '../../../db/database.ts';
import { insertAuditEventsFrom } from '../../audit/audit.fragments.ts';
import type { AuditEventValues } from '../../audit/audit.service.ts';
import { insertOutboxFrom } from '../../mail/mail.fragments.ts';
import type { TemplateOutboxValues } from '../../mail/mail.service.ts';
import type { CanonicalSubmission } from '../fingerprint.rules.ts';
import type { NewResponse } from '../responses.repository.ts';

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
  /** The audit event as its owner makes it (audit.service auditEventValues). */
  audit: AuditEventValues;
  /** The receipt as its owner makes it (mail.service templateOutboxValues), rendered when sent or read. */
  mail: TemplateOutboxValues | null;
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
        audit: w.audit,
        mail: w.mail,
      };
    }),
  );
  const res = await sql<{ ord: number; guard: GuardOutcome; id: string | null }>`${preparedAs('submissions_write_v4')}
    with input as materialized (
      select * from jsonb_to_recordset(${input}::jsonb) as x(
        ord int, consultation_id uuid, id uuid, receipt_code text, respondent_name text, respondent_email text,
        acting_as text, organisation_name text, cvr text, invited boolean, consent text, channel text, locale text,
        body text, fingerprint text, edit_token_hash text, edit_token_sealed text, idempotency_key_hash text,
        request_hash text, publication_status text, registered_by uuid, submitted_at timestamptz,
        stamp text, answers jsonb, attachments jsonb, audit jsonb, mail jsonb)
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
      ${insertAuditEventsFrom('i.audit', sql`from ins join input i on i.id = ins.id order by i.ord`)}
    ), mail_ins as (
      ${insertOutboxFrom('i.mail', sql`from ins join input i on i.id = ins.id where i.mail is not null and jsonb_typeof(i.mail) = 'object'`)}
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
