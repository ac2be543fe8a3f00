import { sql } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { BlobNotFoundError, type BlobStore } from '../blob-store.ts';
import { consultationOf } from '../../consultations/consultations.fragments.ts';
import { attachmentInAnyVersion } from '../../responses/responses.fragments.ts';

/** Queue name of the daily sweep of uploads that never became part of a response. */
export const SWEEP_JOB = 'files.sweep';

export type SweepDeps = { db: Db; store: BlobStore; log: FastifyBaseLogger };

/**
 * Deletes uploads nobody can use any more: not linked to a response, never part of any submitted
 * version (a file released by an edit stays: an earlier receipt's fingerprint names it), older than
 * `graceHours`, and either a public upload to a consultation that no longer takes responses, or a
 * staff letter upload that was never registered. Personal files are not kept without a purpose
 * (GDPR art. 5(1)(e)). The row goes first, then the blob (a blob left by a failed delete is
 * harmless; a row without its blob would not be); each pass is audited with the ids.
 */
export async function sweepOrphanUploads(
  deps: SweepDeps,
  opts: { graceHours: number; limit?: number },
): Promise<{ deleted: number; blobsMissing: number }> {
  const limit = opts.limit ?? 500;
  return deps.db
    .transaction()
    .execute(async (trx) => sweepIn(trx, deps, opts.graceHours, limit))
    .then(async (rows) => {
      let blobsMissing = 0;
      for (const r of rows) {
        try {
          if (!(await deps.store.exists(r.storageKey))) blobsMissing++;
          await deps.store.delete(r.storageKey);
        } catch (err) {
          if (err instanceof BlobNotFoundError) blobsMissing++;
          else deps.log.warn({ err, attachmentId: r.id }, 'orphan sweep: blob not deleted');
        }
      }
      if (rows.length > 0) deps.log.info({ deleted: rows.length }, 'orphan uploads swept');
      return { deleted: rows.length, blobsMissing };
    });
}

/** The rows and the audit events, in one transaction. */
async function sweepIn(trx: Db, deps: SweepDeps, graceHours: number, limit: number) {
  const opts = { graceHours };
  const rows = await sql<{ consultationId: string; id: string; storageKey: string }>`
    delete from attachments a
     where (a.consultation_id, a.id) in (
         select a2.consultation_id, a2.id from attachments a2
          where a2.response_id is null
            and a2.created_at < now() - make_interval(hours => ${opts.graceHours})
            and (a2.source = 'letter'
                 or ${consultationOf.phase('a2.consultationId')} <> 'open'
                 or coalesce(${consultationOf.closesAt('a2.consultationId')} < now() - make_interval(hours => ${opts.graceHours}), false))
            and not ${attachmentInAnyVersion('a2.consultationId', 'a2.sha256')}
          order by a2.created_at
          limit ${limit}
          for update of a2 skip locked)
    returning a.consultation_id, a.id, a.storage_key`.execute(trx);
  const byConsultation = new Map<string, string[]>();
  for (const r of rows.rows)
    byConsultation.set(r.consultationId, [...(byConsultation.get(r.consultationId) ?? []), r.id]);
  for (const [consultationId, ids] of byConsultation) {
    await recordAudit(trx, null, {
      action: 'attachment.sweep',
      itemType: 'consultation',
      itemId: consultationId,
      consultationId,
      details: { attachmentIds: ids, graceHours: opts.graceHours },
    });
  }
  return rows.rows;
}
