import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../../shared/errors.ts';
import { canConsultation } from '../../consultations/consultations.policy.ts';
import { acceptsInput } from '../../consultations/consultations.rules.ts';
import { canonicalJson } from '../fingerprint.rules.ts';
import { closedError } from '../responses.content.ts';
import { sha256Hex, unsealToken } from '../responses.crypto.ts';
import type { RequestInfo } from '../responses.http.ts';
import { canResponse } from '../responses.policy.ts';
import * as repo from '../responses.repository.ts';
import type { LetterInput, Receipt, SubmissionInput } from '../responses.schemas.ts';
import type { SubmissionTarget } from './submission.target.ts';
import { type Attempt, type SubmissionDeps, withFreshReceiptCode, type Write, writeOnce } from './submission.write.ts';

export type { SubmissionDeps } from './submission.write.ts';

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

type Mode = 'web' | 'letter';

/** Whether this target takes this submission now; throws the refusal the client gets. */
function admit(t: SubmissionTarget, actor: Actor | null, mode: Mode, at: Date): void {
  if (!canConsultation(actor, 'read', t)) throw notFound('Consultation');
  if (mode === 'web' && !acceptsInput(t, at)) throw closedError();
  if (mode === 'letter' && (t.phase === 'draft' || t.phase === 'concluded')) {
    throw new AppError('RULE_VIOLATION', `Responses cannot be registered while the consultation is ${t.phase}`);
  }
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
  deps: SubmissionDeps,
  actor: Actor | null,
  idOrSlug: string,
  mode: Mode,
  w: Omit<Write, 'requestHash'>,
  req: RequestInfo,
): Promise<{ status: 200 | 201; receipt: Receipt }> {
  const key = req.idempotencyKey;
  const requestHash = key ? requestHashOf(mode, w.input) : null;
  let { target, fresh } = await deps.targets.get(deps.db, actor, idOrSlug);
  const firstReceipt = async () => (key ? replay(deps.db, target.id, key, requestHash!) : undefined);
  for (let round = 0; ; round++) {
    const at = new Date();
    let attempt: Attempt;
    try {
      admit(target, actor, mode, at);
      attempt = await withFreshReceiptCode(() => writeOnce(deps, actor, target, { ...w, requestHash }, req));
    } catch (err) {
      // A retry of a submission that was stored gets its first receipt, though a refusal now says
      // otherwise: the deadline has passed since, or its files are that response's now, so the claim
      // refuses them (issue 10 item 3).
      const first = key && isRefusal(err) ? await firstReceipt() : undefined;
      if (first) return { status: 200, receipt: first };
      if (!fresh && isRefusal(err)) {
        ({ target, fresh } = { target: await deps.targets.reload(deps.db, actor, idOrSlug), fresh: true });
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
    target = await deps.targets.reload(deps.db, actor, idOrSlug);
    fresh = true;
  }
}

export async function submitResponse(
  deps: SubmissionDeps,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: SubmissionInput,
  req: RequestInfo,
) {
  const web = { channel: 'web' as const, input, submittedAt: new Date(), invited: false, registeredBy: null };
  return createOrReplay(deps, actor, consultationIdOrSlug, 'web', web, req);
}

/** Staff register a response that came by post or e-mail, also after the deadline; it has no edit link. */
export async function registerLetter(
  deps: SubmissionDeps,
  actor: Actor | null,
  consultationIdOrSlug: string,
  input: LetterInput,
  req: RequestInfo,
) {
  if (!canResponse(actor, 'register_letter')) throw forbidden();
  const receivedAt = new Date(input.receivedAt);
  if (receivedAt.getTime() > new Date().getTime() + 5 * 60_000) {
    throw new AppError('RULE_VIOLATION', 'The time of receipt is in the future');
  }
  const w = {
    channel: input.channel,
    input,
    submittedAt: receivedAt,
    invited: false,
    registeredBy: actor?.id ?? null,
  };
  return createOrReplay(deps, actor, consultationIdOrSlug, 'letter', w, req);
}
