import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { forbidden, notFound } from '../../shared/errors.ts';
import { requireWorkspace } from '../analysis/analysis.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import {
  type Download,
  extractStoredText,
  type FilesContext,
  storeUploadedFile,
  storedFileDownload,
  UnreadableDocument,
  type UploadParts,
} from '../files/files.service.ts';
import type { JobQueue } from '../jobs/jobs.queue.ts';
import { canDownloadInputFile, canStakeholderInput } from './stakeholder-inputs.policy.ts';
import * as repo from './stakeholder-inputs.repository.ts';
import type { InputFile } from './stakeholder-inputs.schemas.ts';
import { fileUrl, ITEM_TYPE, requireInput } from './stakeholder-inputs.service.ts';

/**
 * The files of a stakeholder input (issue 13 story 4): stored through the files module (its blob
 * store, its size limit and content check, its text extraction), their rows kept here. The text is
 * extracted by the `stakeholder-inputs.extract` job, whose end is audited so the inbox indexes it.
 */

export const EXTRACT_JOB = 'stakeholder-inputs.extract';
const ExtractJob = z.object({ consultationId: z.uuid(), id: z.uuid() });

export type InputFilesContext = Pick<FilesContext, 'db' | 'store' | 'stagingDir' | 'maxBytes'> & {
  jobs: Pick<JobQueue, 'send'>;
  log: FastifyBaseLogger;
};

async function requireRecorder(db: Db, actor: Actor | null, idOrSlug: string) {
  if (!canStakeholderInput(actor, 'record')) throw forbidden('Only analysts and admins record stakeholder inputs');
  return requireWorkspace(db, actor, idOrSlug, 'read');
}

/** Adds one file to an input: checked and stored before the row, the job and the audit event commit together. */
export async function uploadInputFile(
  ctx: InputFilesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  inputId: string,
  parts: UploadParts,
  opts: { public: boolean },
): Promise<InputFile> {
  const c = await requireRecorder(ctx.db, actor, consultationIdOrSlug);
  await requireInput(ctx.db, c.id, inputId);
  const stored = await storeUploadedFile(ctx, parts, new Date());
  const { ref } = stored;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await requireInput(trx, c.id, inputId, true);
      await repo.insertFile(trx, {
        consultationId: c.id,
        id: ref.id,
        stakeholderInputId: inputId,
        filename: ref.filename,
        mediaType: ref.mediaType,
        sizeBytes: ref.sizeBytes,
        sha256: ref.sha256,
        storageKey: stored.storageKey,
        public: opts.public,
        extractionStatus: stored.extractable ? 'pending' : 'skipped',
        uploadedBy: actor!.id,
      });
      await repo.bumpVersion(trx, c.id, inputId, actor!.id);
      if (stored.extractable) await ctx.jobs.send(EXTRACT_JOB, { consultationId: c.id, id: ref.id }, { trx });
      await recordAudit(trx, actor, {
        action: 'stakeholder_input.file_upload',
        itemType: ITEM_TYPE,
        itemId: inputId,
        consultationId: c.id,
        details: {
          fileId: ref.id,
          filename: ref.filename,
          mediaType: ref.mediaType,
          sizeBytes: ref.sizeBytes,
          sha256: ref.sha256,
        },
      });
    });
  } catch (err) {
    await ctx.store
      .delete(stored.storageKey)
      .catch((e: unknown) => ctx.log.error({ err: e, key: stored.storageKey }, 'could not remove an orphan blob'));
    throw err;
  }
  return {
    id: ref.id,
    filename: ref.filename,
    mediaType: ref.mediaType,
    sizeBytes: ref.sizeBytes,
    public: opts.public,
    extraction: stored.extractable ? 'pending' : 'skipped',
    url: fileUrl(c.id, inputId, ref.id),
  };
}

async function requireFile(db: Db, consultationId: string, inputId: string, fileId: string) {
  const f = await repo.findFile(db, consultationId, fileId);
  if (!f || f.stakeholderInputId !== inputId) throw notFound('File');
  return f;
}

/** Whether a published input shows the file publicly. */
export async function setInputFilePublic(
  db: Db,
  actor: Actor | null,
  consultationIdOrSlug: string,
  inputId: string,
  fileId: string,
  isPublic: boolean,
): Promise<InputFile> {
  const c = await requireRecorder(db, actor, consultationIdOrSlug);
  const f = await db.transaction().execute(async (trx) => {
    await requireInput(trx, c.id, inputId, true);
    const file = await requireFile(trx, c.id, inputId, fileId);
    await repo.setFilePublic(trx, c.id, fileId, isPublic);
    await repo.bumpVersion(trx, c.id, inputId, actor!.id);
    await recordAudit(trx, actor, {
      action: 'stakeholder_input.file_public',
      itemType: ITEM_TYPE,
      itemId: inputId,
      consultationId: c.id,
      details: { fileId, filename: file.filename, public: isPublic },
    });
    return { ...file, public: isPublic };
  });
  return {
    id: f.id,
    filename: f.filename,
    mediaType: f.mediaType,
    sizeBytes: Number(f.sizeBytes),
    public: f.public,
    extraction: f.extractionStatus,
    url: fileUrl(c.id, inputId, f.id),
  };
}

/** Removes a file from an input; the blob goes once the removal has committed. */
export async function removeInputFile(
  ctx: Pick<InputFilesContext, 'db' | 'store' | 'log'>,
  actor: Actor | null,
  consultationIdOrSlug: string,
  inputId: string,
  fileId: string,
): Promise<void> {
  const c = await requireRecorder(ctx.db, actor, consultationIdOrSlug);
  const f = await ctx.db.transaction().execute(async (trx) => {
    await requireInput(trx, c.id, inputId, true);
    const file = await requireFile(trx, c.id, inputId, fileId);
    await repo.deleteFile(trx, c.id, fileId);
    await repo.bumpVersion(trx, c.id, inputId, actor!.id);
    await recordAudit(trx, actor, {
      action: 'stakeholder_input.file_remove',
      itemType: ITEM_TYPE,
      itemId: inputId,
      consultationId: c.id,
      details: { fileId, filename: file.filename, sha256: file.sha256 },
    });
    return file;
  });
  await ctx.store
    .delete(f.storageKey)
    .catch((err: unknown) => ctx.log.warn({ err, key: f.storageKey }, 'stakeholder input file: blob not deleted'));
}

/**
 * A file as a download: analysts and admins always; anyone else who can read the consultation only
 * a public file of a published input. Everything else is 404, so nobody can probe for ids.
 */
export async function downloadInputFile(
  ctx: Pick<InputFilesContext, 'db' | 'store'>,
  actor: Actor | null,
  consultationIdOrSlug: string,
  inputId: string,
  fileId: string,
): Promise<Download> {
  const c = await requireReadableConsultation(ctx.db, actor, consultationIdOrSlug);
  const input = await repo.findInput(ctx.db, c.id, inputId);
  const f = input ? await repo.findFile(ctx.db, c.id, fileId) : undefined;
  if (!input || !f || f.stakeholderInputId !== inputId) throw notFound('File');
  if (input.deletedAt && !canStakeholderInput(actor, 'read')) throw notFound('File');
  if (!canDownloadInputFile(actor, { visibility: input.visibility, deleted: input.deletedAt !== null }, f))
    throw notFound('File');
  if (canStakeholderInput(actor, 'read')) await requireWorkspace(ctx.db, actor, c.id, 'read');
  const ref = {
    id: f.id,
    filename: f.filename,
    mediaType: f.mediaType,
    sizeBytes: Number(f.sizeBytes),
    sha256: f.sha256,
  };
  return storedFileDownload(ctx.store, ref, f.storageKey);
}

/**
 * The `stakeholder-inputs.extract` job. Idempotent (a finished file is left alone). An unreadable
 * document is marked failed for good; anything else is rethrown for pg-boss to retry. The end is
 * audited on the input, so the inbox indexes the text.
 */
export async function runInputFileExtraction(
  deps: Pick<InputFilesContext, 'db' | 'store' | 'log'>,
  data: unknown,
): Promise<void> {
  const job = ExtractJob.safeParse(data);
  if (!job.success) {
    deps.log.error({ data }, 'stakeholder-inputs.extract: malformed job');
    return;
  }
  const { consultationId, id } = job.data;
  const f = await repo.findFile(deps.db, consultationId, id);
  if (!f || f.extractionStatus === 'done' || f.extractionStatus === 'skipped') return;
  let outcome: { status: 'done' | 'failed' | 'skipped'; text: string | null; error: string | null };
  try {
    const r = await extractStoredText(deps.store, f.storageKey, f.mediaType);
    outcome =
      r.status === 'done'
        ? { status: 'done', text: r.text, error: null }
        : { status: 'skipped', text: null, error: null };
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    deps.log.warn({ err, consultationId, fileId: id }, 'text extraction failed');
    await repo.storeExtraction(deps.db, consultationId, id, { status: 'failed', text: null, error: message });
    if (!(err instanceof UnreadableDocument)) throw err;
    outcome = { status: 'failed', text: null, error: message };
  }
  await deps.db.transaction().execute(async (trx) => {
    await repo.storeExtraction(trx, consultationId, id, outcome);
    await recordAudit(trx, null, {
      action: 'stakeholder_input.file_text',
      itemType: ITEM_TYPE,
      itemId: f.stakeholderInputId,
      consultationId,
      details: { fileId: id, status: outcome.status },
    });
  });
}
