import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { pgConstraint, pgErrorCode } from '../../../shared/errors.ts';
import { auditEventValues } from '../../audit/audit.service.ts';
import { linkClaimed, lockClaimable } from '../../files/files.service.ts';
import { mailQueued, templateOutboxValues } from '../../mail/mail.service.ts';
import type { CanonicalSubmission } from '../fingerprint.rules.ts';
import { checkAnswers, snapshotOf } from '../responses.content.ts';
import { fingerprintOf, newEditToken, newReceiptCode, sealToken, sha256Hex } from '../responses.crypto.ts';
import type { RequestInfo } from '../responses.http.ts';
import { editUrl, type MailStatus, receiptMail } from '../responses.mail.ts';
import type { NewResponse } from '../responses.repository.ts';
import { initialPublicationStatus } from '../responses.rules.ts';
import type { LetterInput, Receipt, SubmissionInput } from '../responses.schemas.ts';
import { type SubmissionWrite, writeSubmissions } from './submission.repository.ts';
import type { SubmissionTarget, TargetCache } from './submission.target.ts';
import type { SubmissionWriter } from './submission.writer.ts';

/** What the submission routes build once (submission.routes.ts) and every submission uses. */
export type SubmissionDeps = {
  db: Db;
  /** This app's cache of what submissions are checked against (submission.target.ts). */
  targets: TargetCache;
  /** This app's group-commit writer of new submissions (submission.writer.ts). */
  writer: SubmissionWriter;
  /** config.uploadMaxFiles: attachments per response. */
  maxFiles: number;
  /** The outbox status a receipt is written with: 'pending' for the relay, 'outboxed' without SMTP. */
  mailStatus: MailStatus;
};

const isUniqueViolation = (err: unknown, constraint: string) =>
  pgErrorCode(err) === '23505' && pgConstraint(err) === constraint;

/** A receipt-code collision (50 bits, so practically never) retries the whole transaction with a new code. */
export async function withFreshReceiptCode<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err, 'responses_receipt_code_key')) throw err;
    }
  }
}

export type Write = {
  channel: 'web' | 'letter' | 'email';
  input: SubmissionInput | LetterInput;
  submittedAt: Date;
  invited: boolean;
  registeredBy: string | null;
  requestHash: string | null;
};

function newRow(
  consultationId: string,
  id: string,
  w: Write,
  v: {
    receiptCode: string;
    fingerprint: string;
    token: { token: string; hash: string } | null;
    key: string | undefined;
  },
): NewResponse {
  const r = w.input.respondent;
  return {
    consultationId,
    id,
    receiptCode: v.receiptCode,
    respondentName: r.name,
    respondentEmail: r.email ?? null,
    actingAs: r.actingAs,
    organisationName: r.organisationName,
    cvr: r.cvr,
    invited: w.invited,
    consent: w.input.consent,
    channel: w.channel,
    locale: w.input.locale,
    body: w.input.body,
    fingerprint: v.fingerprint,
    editTokenHash: v.token?.hash ?? null,
    editTokenSealed: v.token && v.key ? sealToken(v.token.token, v.key, id) : null,
    idempotencyKeyHash: v.key ? sha256Hex(v.key) : null,
    requestHash: w.requestHash,
    publicationStatus: initialPublicationStatus(w.input.consent),
    registeredBy: w.registeredBy,
    submittedAt: w.submittedAt,
  };
}

export type Made = {
  id: string;
  receiptCode: string;
  token: { token: string; hash: string } | null;
  snapshot: CanonicalSubmission;
  fingerprint: string;
};

/** The statement's input for one submission: its row and snapshot, and its audit event and receipt mail. */
export function submissionOf(
  deps: Pick<SubmissionDeps, 'mailStatus'>,
  actor: Actor | null,
  t: SubmissionTarget,
  w: Write,
  req: RequestInfo,
  m: Made,
): SubmissionWrite {
  const email = w.input.respondent.email;
  const mail = email
    ? templateOutboxValues(
        receiptMail({
          to: email,
          locale: w.input.locale,
          consultationId: t.id,
          responseId: m.id,
          title: t.title[w.input.locale],
          receiptCode: m.receiptCode,
          at: w.submittedAt,
          fingerprint: m.fingerprint,
          version: 1,
          closesAt: t.closesAt,
          editUrl: m.token ? editUrl(req.baseUrl, m.token.token) : null,
        }),
        deps.mailStatus,
      )
    : null;
  return {
    row: newRow(t.id, m.id, w, {
      receiptCode: m.receiptCode,
      fingerprint: m.fingerprint,
      token: m.token,
      key: req.idempotencyKey,
    }),
    stamp: t.stamp,
    snapshot: m.snapshot,
    // Made by their owners (audit, mail), written by this statement: the same rows as recordAudit and queueMail.
    audit: auditEventValues(actor, {
      action: w.channel === 'web' ? 'response.submit' : 'response.register',
      itemType: 'response',
      itemId: m.id,
      consultationId: t.id,
      details: { channel: w.channel, receiptCode: m.receiptCode, fingerprint: m.fingerprint },
    }),
    mail,
  };
}

export type Attempt =
  { kind: 'created'; receipt: Receipt } | { kind: 'duplicate' } | { kind: 'stale' } | { kind: 'missing' };

/**
 * One try: the answers are checked against the target, then ONE statement writes the response, its
 * answers, version 1, the audit event and the receipt mail (writeSubmissions) — or nothing, when
 * its guard finds the target stale or closed, or the Idempotency-Key used. With attachments it runs
 * in a transaction with the files' lock before it (their SHA-256s are part of the fingerprint) and
 * their link after it.
 */
export async function writeOnce(
  deps: SubmissionDeps,
  actor: Actor | null,
  t: SubmissionTarget,
  w: Write,
  req: RequestInfo,
): Promise<Attempt> {
  const web = w.channel === 'web';
  // Checked against the cached questionnaire: the statement's guard vouches for its stamp.
  const content = checkAnswers(t.questions, t.scenarios, w.input, web);
  const id = randomUUID();
  const receiptCode = newReceiptCode();
  const token = web ? newEditToken() : null;
  const claim = {
    consultationId: t.id,
    responseId: id,
    attachmentIds: w.input.attachmentIds,
    maxFiles: deps.maxFiles,
  };
  const write = async (db: Db): Promise<Attempt> => {
    const refs = claim.attachmentIds.length > 0 ? await lockClaimable(db, claim) : [];
    const snapshot = snapshotOf(
      w.input,
      content.answers,
      refs.map((a) => a.sha256),
    );
    const fingerprint = fingerprintOf(snapshot);
    const submission = submissionOf(deps, actor, t, w, req, { id, receiptCode, token, snapshot, fingerprint });
    // Alone in the caller's transaction when files are linked; else grouped with concurrent submissions.
    const out = refs.length > 0 ? (await writeSubmissions(db, [submission]))[0]! : await deps.writer.write(submission);
    if (out.guard !== 'ok') return { kind: out.guard };
    if (!out.id) return { kind: 'duplicate' };
    if (refs.length > 0) await linkClaimed(db, claim);
    return {
      kind: 'created',
      receipt: {
        id,
        receiptCode,
        fingerprint,
        editToken: token?.token ?? null,
        submittedAt: w.submittedAt.toISOString(),
      },
    };
  };
  const attempt = claim.attachmentIds.length > 0 ? await deps.db.transaction().execute(write) : await write(deps.db);
  if (attempt.kind === 'created' && w.input.respondent.email && deps.mailStatus === 'pending') mailQueued();
  return attempt;
}
