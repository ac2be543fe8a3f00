import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { actorLabel } from '../../../shared/actor.ts';
import { AppError, forbidden, notFound, pgConstraint, pgErrorCode } from '../../../shared/errors.ts';
import { canConsultation } from '../../consultations/consultations.policy.ts';
import { acceptsInput } from '../../consultations/consultations.rules.ts';
import { linkClaimed, lockClaimable } from '../../files/files.service.ts';
import { mailQueued, queueMail, templateOutboxValues } from '../../mail/mail.service.ts';
import type { MailTemplate } from '../../mail/mail.templates.ts';
import { readQuestionnaire } from '../../questions/questions.service.ts';
import { listScenarios } from '../../scenarios/scenarios.service.ts';
import {
  canonicalJson,
  canonicalSubmission,
  type CanonicalAnswer,
  type CanonicalSubmission,
} from '../fingerprint.rules.ts';
import { fingerprintOf, newEditToken, newReceiptCode, sealToken, sha256Hex, unsealToken } from '../responses.crypto.ts';
import { now, type RequestInfo, type ResponsesContext } from '../responses.context.ts';
import { canResponse } from '../responses.policy.ts';
import * as repo from '../responses.repository.ts';
import {
  hasContent,
  initialPublicationStatus,
  type QuestionForAnswers,
  type ScenarioForAnswers,
  validateAnswers,
} from '../responses.rules.ts';
import type { SubmissionTarget } from './submission.target.ts';
import type { LetterInput, Receipt, SubmissionInput } from '../responses.schemas.ts';

export const closedError = () =>
  new AppError(
    'CONSULTATION_CLOSED',
    'This consultation does not accept responses now (the deadline is decided by the server clock)',
  );

export const editUrl = (baseUrl: string, token: string) => `${baseUrl}/responses/edit#token=${token}`;

type Content = Pick<SubmissionInput, 'consent' | 'body' | 'answers' | 'attachmentIds'> & {
  respondent: Omit<SubmissionInput['respondent'], 'email'> & { email: string | null };
};

/**
 * The answers checked against a questionnaire (and the scenarios a per-scenario scale rates): 400
 * with the issues when they do not fit, or when there is nothing at all. Returns what will be stored.
 */
function checkAnswers(
  questions: readonly QuestionForAnswers[],
  scenarios: readonly ScenarioForAnswers[],
  input: Content,
  enforceRequired: boolean,
) {
  const checked = validateAnswers(questions, scenarios, input.answers, { enforceRequired });
  if (!checked.ok)
    throw new AppError('VALIDATION_FAILED', 'The answers do not fit the questionnaire', { issues: checked.issues });
  if (!hasContent(input.body, checked.answers, input.attachmentIds)) {
    throw new AppError('VALIDATION_FAILED', 'Write a response, answer a question or attach a file', {
      issues: [{ path: '/body', keyword: 'required', message: 'Write a response, answer a question or attach a file' }],
    });
  }
  return { answers: checked.answers };
}

/**
 * Inside the caller's transaction (an edit): reads the questionnaire under its lock (questions.service)
 * and the window, then checks the answers. Returns what will be stored.
 */
export async function checkContent(
  trx: Db,
  consultationId: string,
  input: Content,
  opts: { enforceRequired: boolean; requireOpen: boolean; at: Date },
) {
  const { consultation, questions } = await readQuestionnaire(trx, consultationId, { lock: true });
  if (opts.requireOpen && !acceptsInput(consultation, opts.at)) throw closedError();
  const scenarios = questions.some((q) => q.kind === 'scenario_scale')
    ? await listScenarios(trx, null, consultationId)
    : [];
  return { ...checkAnswers(questions, scenarios, input, opts.enforceRequired), closesAt: consultation.closesAt };
}

export function snapshotOf(
  input: Content,
  answers: CanonicalAnswer[],
  attachmentSha256s: readonly string[],
): CanonicalSubmission {
  return canonicalSubmission({
    respondent: { ...input.respondent, email: input.respondent.email ?? null },
    consent: input.consent,
    body: input.body,
    answers,
    attachmentSha256s,
  });
}

/** What a retry must repeat exactly to get the first receipt back (lists compared as sets). */
function requestHashOf(kind: 'web' | 'letter', input: SubmissionInput | LetterInput): string {
  const answers = [...input.answers].sort((a, b) =>
    a.questionId < b.questionId ? -1 : a.questionId > b.questionId ? 1 : 0,
  );
  return sha256Hex(
    canonicalJson({ kind, input: { ...input, answers, attachmentIds: [...input.attachmentIds].sort() } }),
  );
}

/**
 * The first receipt of a submission made with this Idempotency-Key, or undefined. A different
 * submission under a used key is refused (422), so a guessed key reveals nothing.
 */
async function replay(db: Db, consultationId: string, key: string, requestHash: string): Promise<Receipt | undefined> {
  const row = await repo.findByIdempotencyKey(db, consultationId, sha256Hex(key));
  if (!row) return undefined;
  if (row.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used for a different submission; use a new key',
    );
  }
  const editToken = row.editTokenSealed ? unsealToken(Buffer.from(row.editTokenSealed), key, row.id) : null;
  return {
    id: row.id,
    receiptCode: row.receiptCode,
    fingerprint: row.fingerprint,
    editToken,
    submittedAt: row.submittedAt.toISOString(),
  };
}

const isUniqueViolation = (err: unknown, constraint: string) =>
  pgErrorCode(err) === '23505' && pgConstraint(err) === constraint;

/** A receipt-code collision (50 bits, so practically never) retries the whole transaction with a new code. */
async function withFreshReceiptCode<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err, 'responses_receipt_code_key')) throw err;
    }
  }
}

type Write = {
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
): repo.NewResponse {
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

type ReceiptMailInput = {
  to: string;
  locale: 'da' | 'en';
  consultationId: string;
  responseId: string;
  title: string;
  receiptCode: string;
  at: Date;
  fingerprint: string;
  version: number;
  closesAt: Date | null;
  editUrl: string | null;
};

/** The receipt mail (with the private edit link for a web response), in the respondent's language. */
function receiptMail(m: ReceiptMailInput) {
  const template: MailTemplate = {
    kind: 'receipt',
    data: {
      consultationTitle: m.title,
      receiptCode: m.receiptCode,
      submittedAt: m.at,
      fingerprint: m.fingerprint,
      version: m.version,
      closesAt: m.closesAt,
      editUrl: m.editUrl,
    },
  };
  return { to: m.to, locale: m.locale, consultationId: m.consultationId, responseId: m.responseId, template };
}

/** Queues the receipt mail inside the caller's transaction (an edit re-issues the receipt). */
export async function mailReceipt(trx: Db, m: ReceiptMailInput, status: 'pending' | 'outboxed') {
  await queueMail(trx, receiptMail(m), status);
}

type Mode = 'web' | 'letter';

/** Whether this target takes this submission now; throws the refusal the client gets. */
function admit(t: SubmissionTarget, actor: Actor | null, mode: Mode, at: Date): void {
  if (!canConsultation(actor, 'read', t)) throw notFound('Consultation');
  if (mode === 'web' && !acceptsInput(t, at)) throw closedError();
  if (mode === 'letter' && (t.phase === 'draft' || t.phase === 'concluded')) {
    throw new AppError('RULE_VIOLATION', `Responses cannot be registered while the consultation is ${t.phase}`);
  }
}

type Attempt = { kind: 'created'; receipt: Receipt } | { kind: 'duplicate' } | { kind: 'stale' } | { kind: 'missing' };

/**
 * One try: the answers are checked against the target, then ONE statement writes the response, its
 * answers, version 1, the audit event and the receipt mail (repo.writeSubmission) — or nothing, when
 * its guard finds the target stale or closed, or the Idempotency-Key used. With attachments it runs
 * in a transaction with the files' lock before it (their SHA-256s are part of the fingerprint) and
 * their link after it.
 */
async function writeOnce(
  ctx: ResponsesContext,
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
    maxFiles: ctx.maxFiles,
  };
  const write = async (db: Db): Promise<Attempt> => {
    const refs = claim.attachmentIds.length > 0 ? await lockClaimable(db, claim) : [];
    const snapshot = snapshotOf(
      w.input,
      content.answers,
      refs.map((a) => a.sha256),
    );
    const fingerprint = fingerprintOf(snapshot);
    const email = w.input.respondent.email;
    const mail = email
      ? templateOutboxValues(
          receiptMail({
            to: email,
            locale: w.input.locale,
            consultationId: t.id,
            responseId: id,
            title: t.title[w.input.locale],
            receiptCode,
            at: w.submittedAt,
            fingerprint,
            version: 1,
            closesAt: t.closesAt,
            editUrl: token ? editUrl(req.baseUrl, token.token) : null,
          }),
          ctx.mailStatus,
        )
      : null;
    const submission: repo.SubmissionWrite = {
      row: newRow(t.id, id, w, {
        receiptCode,
        fingerprint,
        token,
        key: req.idempotencyKey,
      }),
      stamp: t.stamp,
      snapshot,
      audit: {
        actorId: actor?.id ?? null,
        actorLabel: actorLabel(actor),
        action: web ? 'response.submit' : 'response.register',
        details: { channel: w.channel, receiptCode, fingerprint },
      },
      mail,
    };
    // Alone in the caller's transaction when files are linked; else grouped with concurrent submissions.
    const out =
      refs.length > 0 ? (await repo.writeSubmissions(db, [submission]))[0]! : await ctx.writer.write(submission);
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
  const attempt = claim.attachmentIds.length > 0 ? await ctx.db.transaction().execute(write) : await write(ctx.db);
  if (attempt.kind === 'created' && w.input.respondent.email && ctx.mailStatus === 'pending') mailQueued();
  return attempt;
}

const isRefusal = (err: unknown) =>
  err instanceof AppError &&
  ['NOT_FOUND', 'CONSULTATION_CLOSED', 'RULE_VIOLATION', 'VALIDATION_FAILED'].includes(err.code);

/**
 * Creates the response (201), or returns the first receipt for a retried Idempotency-Key (200). The
 * receipt is returned only after the statement committed. Concurrent duplicates are settled by the
 * unique index on (consultation_id, idempotency_key_hash): the losers read the winner's receipt.
 * A refusal decided from a cached target is checked again against a fresh one before it is answered.
 */
async function createOrReplay(
  ctx: ResponsesContext,
  actor: Actor | null,
  idOrSlug: string,
  mode: Mode,
  w: Omit<Write, 'requestHash'>,
  req: RequestInfo,
): Promise<{ status: 200 | 201; receipt: Receipt }> {
  const key = req.idempotencyKey;
  const requestHash = key ? requestHashOf(mode, w.input) : null;
  let { target, fresh } = await ctx.targets.get(ctx.db, actor, idOrSlug);
  const firstReceipt = async () => (key ? replay(ctx.db, target.id, key, requestHash!) : undefined);
  for (let round = 0; ; round++) {
    const at = now(ctx);
    let attempt: Attempt;
    try {
      admit(target, actor, mode, at);
      attempt = await withFreshReceiptCode(() => writeOnce(ctx, actor, target, { ...w, requestHash }, req));
    } catch (err) {
      // A retry of a submission that was stored gets its first receipt, though a refusal now says
      // otherwise: the deadline has passed since, or its files are that response's now, so the claim
      // refuses them (issue 10 item 3).
      const first = key && isRefusal(err) ? await firstReceipt() : undefined;
      if (first) return { status: 200, receipt: first };
      if (!fresh && isRefusal(err)) {
        ({ target, fresh } = { target: await ctx.targets.reload(ctx.db, actor, idOrSlug), fresh: true });
        continue;
      }
      throw err;
    }
    switch (attempt.kind) {
      case 'created':
        return { status: 201, receipt: attempt.receipt };
      case 'duplicate': {
        const first = await firstReceipt();
        if (first) return { status: 200, receipt: first };
        break; // the other submission under this key rolled back after all: try again
      }
      case 'stale':
      case 'missing':
        break;
    }
    if (round >= 3) {
      throw new AppError('UNAVAILABLE', 'The consultation changed while the response was saved; try again');
    }
    target = await ctx.targets.reload(ctx.db, actor, idOrSlug);
    fresh = true;
  }
}

export async function submitResponse(
  ctx: ResponsesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: SubmissionInput,
  req: RequestInfo,
) {
  const web = { channel: 'web' as const, input, submittedAt: now(ctx), invited: false, registeredBy: null };
  return createOrReplay(ctx, actor, consultationIdOrSlug, 'web', web, req);
}

/** Staff register a response that came by post or e-mail, also after the deadline; it has no edit link. */
export async function registerLetter(
  ctx: ResponsesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: LetterInput,
  req: RequestInfo,
) {
  if (!canResponse(actor, 'register_letter')) throw forbidden();
  const receivedAt = new Date(input.receivedAt);
  if (receivedAt.getTime() > now(ctx).getTime() + 5 * 60_000) {
    throw new AppError('RULE_VIOLATION', 'The time of receipt is in the future');
  }
  const w = {
    channel: input.channel,
    input,
    submittedAt: receivedAt,
    invited: input.invited,
    registeredBy: actor?.id ?? null,
  };
  return createOrReplay(ctx, actor, consultationIdOrSlug, 'letter', w, req);
}
