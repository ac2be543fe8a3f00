import type { Actor } from '../../../shared/actor.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { acceptsInput } from '../../consultations/consultations.rules.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { claimAttachments, listAttachments, releaseAttachments } from '../../files/files.service.ts';
import { queueMail } from '../../mail/mail.service.ts';
import { EDIT_TOKEN_PATTERN, fingerprintOf, sha256Hex } from '../responses.crypto.ts';
import { now, type RequestInfo, type ResponsesContext } from '../responses.context.ts';
import { toOwnView } from '../responses.mapping.ts';
import * as repo from '../responses.repository.ts';
import { initialPublicationStatus } from '../responses.rules.ts';
import type { EditInput, EditReceipt, OwnResponse } from '../responses.schemas.ts';
import { checkContent, closedError, editUrl, mailReceipt, snapshotOf } from '../submission/submission.service.ts';

/**
 * The respondent's own response, reached with the edit token alone (issue 4, story 4). The token is
 * looked up by its SHA-256, so nothing compares secrets; a malformed or unknown token is a 404.
 */
async function requireOwn(ctx: ResponsesContext, token: string) {
  if (!EDIT_TOKEN_PATTERN.test(token)) throw notFound('Response');
  const row = await repo.findByTokenHash(ctx.db, sha256Hex(token));
  if (!row) throw notFound('Response');
  const c = await requireReadableConsultation(ctx.db, null, row.consultationId);
  return { row, c };
}

/** Readable also after the deadline (as proof of what was submitted); `editable` says whether it may change. */
export async function getOwnResponse(ctx: ResponsesContext, token: string): Promise<OwnResponse> {
  const { row, c } = await requireOwn(ctx, token);
  const at = now(ctx);
  const [answers, files] = await Promise.all([
    repo.listAnswers(ctx.db, row.consultationId, [row.id]),
    listAttachments(ctx.db, row.consultationId, [row.id]),
  ]);
  const editable = row.status === 'submitted' && acceptsInput(c, at);
  return toOwnView(row, answers.get(row.id), files.get(row.id), { editable, closesAt: c.closesAt, now: at });
}

function requireSubmitted(status: string): void {
  if (status === 'withdrawn')
    throw new AppError('RULE_VIOLATION', 'This response has been withdrawn; submit a new one');
}

/**
 * Replaces the response with a new version (the old one stays in response_versions), re-issues the
 * receipt by mail, and sends a published response back to the publication queue. Sending the same
 * content again changes nothing (a retried PATCH is harmless).
 */
export async function editOwnResponse(
  ctx: ResponsesContext,
  actor: Actor | null,
  token: string,
  input: EditInput,
  req: RequestInfo,
): Promise<EditReceipt> {
  const { row, c } = await requireOwn(ctx, token);
  requireSubmitted(row.status);
  const at = now(ctx);
  if (!acceptsInput(c, at)) throw closedError();
  if (input.version !== undefined && input.version !== row.version) {
    throw new AppError('STALE_VERSION', 'The response changed since you opened it; reload and try again', {
      currentVersion: row.version,
    });
  }
  const cid = row.consultationId;
  return ctx.db.transaction().execute(async (trx): Promise<EditReceipt> => {
    const content = await checkContent(trx, cid, input, {
      enforceRequired: row.channel === 'web',
      requireOpen: true,
      at,
    });
    await releaseAttachments(trx, { consultationId: cid, responseId: row.id, keepIds: input.attachmentIds });
    const refs = await claimAttachments(trx, {
      consultationId: cid,
      responseId: row.id,
      attachmentIds: input.attachmentIds,
      maxFiles: ctx.maxFiles,
    });
    const snapshot = snapshotOf(
      input,
      content.answers,
      refs.map((a) => a.sha256),
    );
    const fingerprint = fingerprintOf(snapshot);
    const receipt = {
      id: row.id,
      receiptCode: row.receiptCode,
      editToken: token,
      submittedAt: row.submittedAt.toISOString(),
    };
    if (fingerprint === row.fingerprint && input.locale === row.locale) {
      return { ...receipt, fingerprint, version: row.version, editedAt: row.editedAt?.toISOString() ?? null };
    }
    const r = input.respondent;
    const updated = await repo.updateContent(
      trx,
      { consultationId: cid, id: row.id, version: row.version },
      {
        respondentName: r.name,
        respondentEmail: r.email,
        actingAs: r.actingAs,
        organisationName: r.organisationName,
        cvr: r.cvr,
        consent: input.consent,
        locale: input.locale,
        body: input.body,
        fingerprint,
        publicationStatus: initialPublicationStatus(input.consent),
        editedAt: at,
      },
    );
    if (!updated) throw new AppError('STALE_VERSION', 'The response changed while you edited it; reload and try again');
    const version = row.version + 1;
    await repo.deleteAnswers(trx, cid, row.id);
    await repo.insertAnswers(trx, cid, row.id, content.answers);
    await repo.insertVersion(trx, { consultationId: cid, responseId: row.id, version, snapshot, fingerprint });
    await recordAudit(trx, actor, {
      action: 'response.edit',
      itemType: 'response',
      itemId: row.id,
      consultationId: cid,
      details: { version, fingerprint },
    });
    await mailReceipt(
      trx,
      {
        to: r.email,
        locale: input.locale,
        consultationId: cid,
        responseId: row.id,
        title: c.title[input.locale],
        receiptCode: row.receiptCode,
        at,
        fingerprint,
        version,
        closesAt: content.closesAt,
        editUrl: editUrl(req.baseUrl, token),
      },
      ctx.mailStatus,
    );
    return { ...receipt, fingerprint, version, editedAt: at.toISOString() };
  });
}

/** Withdraws the response (final; it stays on file for the audit trail, never published). Repeating it is harmless. */
export async function withdrawOwnResponse(ctx: ResponsesContext, actor: Actor | null, token: string) {
  const { row, c } = await requireOwn(ctx, token);
  const done = (at: Date) => ({
    id: row.id,
    receiptCode: row.receiptCode,
    status: 'withdrawn' as const,
    withdrawnAt: at.toISOString(),
  });
  if (row.status === 'withdrawn' && row.withdrawnAt) return done(row.withdrawnAt);
  const at = now(ctx);
  if (!acceptsInput(c, at)) throw closedError();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.withdraw(trx, row.consultationId, row.id, at))) return;
    await recordAudit(trx, actor, {
      action: 'response.withdraw',
      itemType: 'response',
      itemId: row.id,
      consultationId: row.consultationId,
    });
    if (row.respondentEmail) {
      await queueMail(trx, {
        to: row.respondentEmail,
        locale: row.locale,
        consultationId: row.consultationId,
        responseId: row.id,
        template: {
          kind: 'withdrawal',
          data: { consultationTitle: c.title[row.locale], receiptCode: row.receiptCode, withdrawnAt: at },
        },
      });
    }
  });
  const after = await repo.findByTokenHash(ctx.db, sha256Hex(token));
  return done(after?.withdrawnAt ?? at);
}
