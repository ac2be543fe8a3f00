import type { Actor } from '../../../shared/actor.ts';
import type { Db } from '../../../db/database.ts';
import { AppError, forbidden, notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { requireNoUnresolved } from '../../analysis/privacy/privacy.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import { listAttachments } from '../../files/files.service.ts';
import { pageOf, readCursor } from '../../../shared/cursor.ts';
import { listQueue } from '../listing.repository.ts';
import { mailRejection } from '../responses.mail.ts';
import { toStaffItem } from '../responses.mapping.ts';
import { canResponse } from '../responses.policy.ts';
import * as repo from '../responses.repository.ts';
import type { PublicationInput, QueueQuery, StaffResponse } from '../publication.schemas.ts';

/** Staff work on responses: the publication queue and decisions. */
export async function listPublicationQueue(db: Db, actor: Actor | null, consultationIdOrSlug: string, q: QueueQuery) {
  if (!canResponse(actor, 'review')) throw forbidden();
  const c = await requireReadableConsultation(db, actor, consultationIdOrSlug);
  const cur = readCursor(q.cursor, 'timestamp');
  const rows = await listQueue(db, {
    consultationId: c.id,
    status: q.status,
    after: cur && { at: new Date(cur[0]), id: cur[1] },
    limit: q.limit,
  });
  const page = pageOf(rows, q.limit, (last) => [last.submittedAt.toISOString(), last.id]);
  const ids = page.rows.map((r) => r.id);
  const [answers, files] = await Promise.all([repo.listAnswers(db, c.id, ids), listAttachments(db, c.id, ids)]);
  return {
    items: page.rows.map((r) => toStaffItem(r, answers.get(r.id), files.get(r.id), c.closesAt)),
    nextCursor: page.nextCursor,
  };
}

async function requireStaffView(db: Db, actor: Actor | null, id: string): Promise<StaffResponse> {
  const row = await repo.findById(db, id);
  if (!row) throw notFound('Response');
  const c = await requireReadableConsultation(db, actor, row.consultationId);
  const [answers, files] = await Promise.all([
    repo.listAnswers(db, row.consultationId, [id]),
    listAttachments(db, row.consultationId, [id]),
  ]);
  return toStaffItem(row, answers.get(id), files.get(id), c.closesAt);
}

export async function getStaffResponse(db: Db, actor: Actor | null, id: string): Promise<StaffResponse> {
  if (!canResponse(actor, 'read_private')) throw forbidden();
  return requireStaffView(db, actor, id);
}

/** Approve or reject publication; only responses whose author consented, and not withdrawn ones. A decision may be revised. */
export async function decidePublication(db: Db, actor: Actor | null, id: string, input: PublicationInput) {
  if (!canResponse(actor, 'review')) throw forbidden();
  const row = await repo.findById(db, id);
  if (!row) throw notFound('Response');
  if (row.consent === 'not_public')
    throw new AppError('RULE_VIOLATION', 'The respondent did not consent to publication');
  if (row.status === 'withdrawn') throw new AppError('RULE_VIOLATION', 'A withdrawn response is never published');
  // Issue 12 story 2: nothing is published while personal data found in it is undecided (409).
  if (input.decision === 'approve') await requireNoUnresolved(db, row.consultationId, id);
  const status = input.decision === 'approve' ? 'approved' : 'rejected';
  const reason = input.reason && input.reason !== '' ? input.reason : null;
  const c = await requireReadableConsultation(db, actor, row.consultationId);
  await db.transaction().execute(async (trx) => {
    await repo.setPublication(trx, row.consultationId, id, {
      publicationStatus: status,
      publicationReason: reason,
      reviewedBy: actor?.id ?? null,
      reviewedAt: new Date(),
    });
    await recordAudit(trx, actor, {
      action: 'response.publication',
      itemType: 'response',
      itemId: id,
      consultationId: row.consultationId,
      details: { decision: input.decision, reason, from: row.publicationStatus },
    });
    // The respondent is told why, in their language, when the rejection or its reason is new.
    const news = status === 'rejected' && (row.publicationStatus !== 'rejected' || row.publicationReason !== reason);
    if (news && row.respondentEmail) {
      await mailRejection(trx, {
        to: row.respondentEmail,
        locale: row.locale,
        consultationId: row.consultationId,
        responseId: id,
        title: c.title[row.locale],
        receiptCode: row.receiptCode,
        reason,
      });
    }
  });
  return requireStaffView(db, actor, id);
}
