import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, forbidden, pgConstraint, pgErrorCode } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { acceptsInput } from '../consultations/consultations.rules.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { claimAttachments } from '../files/files.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { readQuestionnaireForSubmission } from '../questions/questions.service.ts';
import { listScenarios } from '../scenarios/scenarios.service.ts';
import {
  canonicalJson,
  canonicalSubmission,
  type CanonicalAnswer,
  type CanonicalSubmission,
} from './fingerprint.rules.ts';
import { fingerprintOf, newEditToken, newReceiptCode, sealToken, sha256Hex, unsealToken } from './responses.crypto.ts';
import { now, type RequestInfo, type ResponsesContext } from './responses.context.ts';
import { canResponse } from './responses.policy.ts';
import * as repo from './responses.repository.ts';
import { hasContent, initialPublicationStatus, searchableText, validateAnswers } from './responses.rules.ts';
import type { LetterInput, Receipt, SubmissionInput } from './responses.schemas.ts';

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
 * Inside the caller's transaction: reads the questionnaire under its lock (questions.service) and
 * the window, then checks the answers. Returns what will be stored.
 */
export async function checkContent(
  trx: Db,
  consultationId: string,
  input: Content,
  opts: { enforceRequired: boolean; requireOpen: boolean; at: Date },
) {
  const { consultation, questions } = await readQuestionnaireForSubmission(trx, consultationId);
  if (opts.requireOpen && !acceptsInput(consultation, opts.at)) throw closedError();
  const scenarios = questions.some((q) => q.kind === 'scenario_scale')
    ? await listScenarios(trx, null, consultationId)
    : [];
  const checked = validateAnswers(questions, scenarios, input.answers, { enforceRequired: opts.enforceRequired });
  if (!checked.ok)
    throw new AppError('VALIDATION_FAILED', 'The answers do not fit the questionnaire', { issues: checked.issues });
  if (!hasContent(input.body, checked.answers, input.attachmentIds)) {
    throw new AppError('VALIDATION_FAILED', 'Write a response, answer a question or attach a file', {
      issues: [{ path: '/body', keyword: 'required', message: 'Write a response, answer a question or attach a file' }],
    });
  }
  const textIds = new Set(questions.filter((q) => q.kind === 'text').map((q) => q.id));
  return {
    answers: checked.answers,
    searchText: searchableText(input.body, checked.answers, textIds),
    closesAt: consultation.closesAt,
  };
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
    searchText: string;
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
    searchText: v.searchText,
  };
}

/** The receipt mail (with the private edit link for a web response), in the respondent's language. */
export async function mailReceipt(
  trx: Db,
  ctx: ResponsesContext,
  m: {
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
  },
) {
  await queueMail(trx, ctx.jobs, {
    to: m.to,
    locale: m.locale,
    consultationId: m.consultationId,
    responseId: m.responseId,
    template: {
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
    },
  });
}

/** One transaction: response, answers, attachment links, version 1, audit event, receipt mail and its job. */
async function insertSubmission(
  ctx: ResponsesContext,
  actor: Actor | null,
  consultationId: string,
  w: Write,
  req: RequestInfo,
  title: string,
) {
  const web = w.channel === 'web';
  return ctx.db.transaction().execute(async (trx): Promise<Receipt> => {
    const content = await checkContent(trx, consultationId, w.input, {
      enforceRequired: web,
      requireOpen: web,
      at: now(ctx),
    });
    const id = randomUUID();
    const receiptCode = newReceiptCode();
    const token = web ? newEditToken() : null;
    let snapshot = snapshotOf(w.input, content.answers, []);
    let fingerprint = fingerprintOf(snapshot);
    // The first write: a concurrent duplicate (same Idempotency-Key) stops here with 23505.
    await repo.insertResponse(
      trx,
      newRow(consultationId, id, w, {
        receiptCode,
        fingerprint,
        token,
        key: req.idempotencyKey,
        searchText: content.searchText,
      }),
    );
    await repo.insertAnswers(trx, consultationId, id, content.answers);
    if (w.input.attachmentIds.length > 0) {
      // The files' SHA-256s are part of the fingerprint, known once they are claimed for this response.
      const refs = await claimAttachments(trx, {
        consultationId,
        responseId: id,
        attachmentIds: w.input.attachmentIds,
        maxFiles: ctx.maxFiles,
      });
      snapshot = snapshotOf(
        w.input,
        content.answers,
        refs.map((a) => a.sha256),
      );
      fingerprint = fingerprintOf(snapshot);
      await repo.setFingerprint(trx, consultationId, id, fingerprint);
    }
    await repo.insertVersion(trx, { consultationId, responseId: id, version: 1, snapshot, fingerprint });
    await recordAudit(trx, actor, {
      action: web ? 'response.submit' : 'response.register',
      itemType: 'response',
      itemId: id,
      consultationId,
      details: { channel: w.channel, receiptCode, fingerprint },
    });
    const email = w.input.respondent.email;
    if (email) {
      await mailReceipt(trx, ctx, {
        to: email,
        locale: w.input.locale,
        consultationId,
        responseId: id,
        title,
        receiptCode,
        at: w.submittedAt,
        fingerprint,
        version: 1,
        closesAt: content.closesAt,
        editUrl: token ? editUrl(req.baseUrl, token.token) : null,
      });
    }
    return { id, receiptCode, fingerprint, editToken: token?.token ?? null, submittedAt: w.submittedAt.toISOString() };
  });
}

/**
 * Creates the response, or returns the first receipt for a retried Idempotency-Key (200). The
 * receipt is returned only after the transaction committed. Concurrent duplicates are settled by
 * the unique index on (consultation_id, idempotency_key_hash): the losers read the winner's receipt.
 */
async function createOrReplay(
  ctx: ResponsesContext,
  actor: Actor | null,
  consultationId: string,
  w: Omit<Write, 'requestHash'>,
  req: RequestInfo,
  title: string,
): Promise<{ status: 200 | 201; receipt: Receipt }> {
  const key = req.idempotencyKey;
  const requestHash = key ? requestHashOf(w.channel === 'web' ? 'web' : 'letter', w.input) : null;
  if (key) {
    const first = await replay(ctx.db, consultationId, key, requestHash!);
    if (first) return { status: 200, receipt: first };
  }
  try {
    const receipt = await withFreshReceiptCode(() =>
      insertSubmission(ctx, actor, consultationId, { ...w, requestHash }, req, title),
    );
    return { status: 201, receipt };
  } catch (err) {
    if (key && isUniqueViolation(err, 'responses_idempotency_key')) {
      const first = await replay(ctx.db, consultationId, key, requestHash!);
      if (first) return { status: 200, receipt: first };
    }
    throw err;
  }
}

export async function submitResponse(
  ctx: ResponsesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: SubmissionInput,
  req: RequestInfo,
) {
  const c = await requireReadableConsultation(ctx.db, actor, consultationIdOrSlug);
  const at = now(ctx);
  if (!acceptsInput(c, at)) {
    // A retry after the deadline of a submission that made it in time still gets its first receipt.
    const first = req.idempotencyKey
      ? await replay(ctx.db, c.id, req.idempotencyKey, requestHashOf('web', input))
      : undefined;
    if (first) return { status: 200 as const, receipt: first };
    throw closedError();
  }
  const web = { channel: 'web' as const, input, submittedAt: at, invited: false, registeredBy: null };
  return createOrReplay(ctx, actor, c.id, web, req, c.title[input.locale]);
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
  const c = await requireReadableConsultation(ctx.db, actor, consultationIdOrSlug);
  if (c.phase === 'draft' || c.phase === 'concluded') {
    throw new AppError('RULE_VIOLATION', `Responses cannot be registered while the consultation is ${c.phase}`);
  }
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
  return createOrReplay(ctx, actor, c.id, w, req, c.title[input.locale]);
}
