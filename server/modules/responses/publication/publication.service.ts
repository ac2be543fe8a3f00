import type { Actor } from '../../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../../shared/errors.ts';
import { decodeCursor, encodeCursor } from '../../../shared/cursor.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { listAttachments } from '../../files/files.service.ts';
import { now, type ResponsesContext } from '../responses.context.ts';
import { listQueue, type Keyset } from '../listing.repository.ts';
import { toStaffItem } from '../responses.mapping.ts';
import { canResponse } from '../responses.policy.ts';
import * as repo from '../responses.repository.ts';
import type { PublicationInput, QueueQuery, StaffResponse } from '../publication.schemas.ts';

/** Staff work on responses: the publication queue and decisions, the invited flag (issue 4, story 5). */
export function parseKeyset(cursor: string | undefined): Keyset | undefined {
  if (!cursor) return undefined;
  const cur = decodeCursor(cursor);
  const at = cur && cur.length === 2 ? new Date(String(cur[0])) : undefined;
  if (!cur || !at || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(String(cur[1]))) {
    throw new AppError('BAD_REQUEST', 'Invalid cursor');
  }
  return { at, id: String(cur[1]) };
}

export const keysetCursor = (last: { submittedAt: Date; id: string } | undefined, more: boolean): string | null =>
  more && last ? encodeCursor([last.submittedAt.toISOString(), last.id]) : null;

export async function listPublicationQueue(
  ctx: ResponsesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  q: QueueQuery,
) {
  if (!canResponse(actor, 'review')) throw forbidden();
  const c = await requireReadableConsultation(ctx.db, actor, consultationIdOrSlug);
  const rows = await listQueue(ctx.db, {
    consultationId: c.id,
    status: q.status,
    after: parseKeyset(q.cursor),
    limit: q.limit,
  });
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const [answers, files] = await Promise.all([repo.listAnswers(ctx.db, c.id, ids), listAttachments(ctx.db, c.id, ids)]);
  return {
    items: page.map((r) => toStaffItem(r, answers.get(r.id), files.get(r.id), c.closesAt)),
    nextCursor: keysetCursor(page.at(-1), rows.length > q.limit),
  };
}

async function requireStaffView(ctx: ResponsesContext, actor: Actor | null, id: string): Promise<StaffResponse> {
  const row = await repo.findById(ctx.db, id);
  if (!row) throw notFound('Response');
  const c = await requireReadableConsultation(ctx.db, actor, row.consultationId);
  const [answers, files] = await Promise.all([
    repo.listAnswers(ctx.db, row.consultationId, [id]),
    listAttachments(ctx.db, row.consultationId, [id]),
  ]);
  return toStaffItem(row, answers.get(id), files.get(id), c.closesAt);
}

export async function getStaffResponse(ctx: ResponsesContext, actor: Actor | null, id: string): Promise<StaffResponse> {
  if (!canResponse(actor, 'read_private')) throw forbidden();
  return requireStaffView(ctx, actor, id);
}

/** Approve or reject publication; only responses whose author consented, and not withdrawn ones. A decision may be revised. */
export async function decidePublication(
  ctx: ResponsesContext,
  actor: Actor | null,
  id: string,
  input: PublicationInput,
) {
  if (!canResponse(actor, 'review')) throw forbidden();
  const row = await repo.findById(ctx.db, id);
  if (!row) throw notFound('Response');
  if (row.consent === 'not_public')
    throw new AppError('RULE_VIOLATION', 'The respondent did not consent to publication');
  if (row.status === 'withdrawn') throw new AppError('RULE_VIOLATION', 'A withdrawn response is never published');
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const reason = input.reason && input.reason !== '' ? input.reason : null;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setPublication(trx, row.consultationId, id, {
      publicationStatus: status,
      publicationReason: reason,
      reviewedBy: actor?.id ?? null,
      reviewedAt: now(ctx),
    });
    await recordAudit(trx, actor, {
      action: 'response.publication',
      itemType: 'response',
      itemId: id,
      consultationId: row.consultationId,
      details: { decision: input.decision, reason, from: row.publicationStatus },
    });
  });
  return requireStaffView(ctx, actor, id);
}

/** Whether the respondent is on the consultation's høringsliste (set by staff until stakeholders land). */
export async function setInvited(ctx: ResponsesContext, actor: Actor | null, id: string, invited: boolean) {
  if (!canResponse(actor, 'review')) throw forbidden();
  const row = await repo.findById(ctx.db, id);
  if (!row) throw notFound('Response');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setInvited(trx, row.consultationId, id, invited);
    await recordAudit(trx, actor, {
      action: 'response.invited',
      itemType: 'response',
      itemId: id,
      consultationId: row.consultationId,
      details: { invited },
    });
  });
  return requireStaffView(ctx, actor, id);
}
