/**
 * Files: attachments of hearing responses (issue 4, DESIGN.md §3 Files).
 *
 * Used by the responses module INSIDE its submission transaction (pass the `trx`):
 *
 *   claimAttachments(trx, { consultationId, responseId, attachmentIds, maxFiles }): Promise<AttachmentRef[]>
 *     Links uploaded files to a response. Every id must exist in this consultation and be unclaimed
 *     or already claimed by this same response; at most `maxFiles` (config.uploadMaxFiles) in all.
 *     Otherwise throws AppError RULE_VIOLATION (422) with `details.attachmentIds` (the offending ids).
 *     Returns the refs sorted by id (stable, for the receipt fingerprint: hash their sha256 in order).
 *
 *   lockClaimable(trx, sameInput) then linkClaimed(trx, sameInput): the two halves of claimAttachments,
 *     for a caller that needs the files' SHA-256s before the response row exists (a new submission).
 *
 *   releaseAttachments(trx, { consultationId, responseId, keepIds }): Promise<string[]>
 *     After an edit, unlinks this response's attachments that are not in keepIds (response_id → null;
 *     the blob and row stay, for the audit trail). Call it before claimAttachments. Returns the ids.
 *
 *   listAttachments(db, consultationId, responseIds): Promise<Map<responseId, AttachmentRef[]>>
 *     The refs of many responses in one query (each list sorted by id); responses without files are absent.
 *
 *   attachmentTextMatch(alias, q) / attachmentHeadlines(db, …): search over
 *   extracted text, each text in its own language.
 *
 * Routes (files.routes.ts): POST /api/consultations/:id/attachments (upload, one file per request) and
 * GET /api/consultations/:id/attachments/:attachmentId (download; staff, or anyone when the
 * `isPublished` check of the owning response says so).
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.ts';
import { type Actor } from '../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { acceptsInput } from '../consultations/consultations.rules.ts';
import type { JobQueue } from '../jobs/jobs.queue.ts';
import { type BlobStore, readAll } from './blob-store.ts';
import { toRef } from './files.claims.ts';
import { extractInWorker } from './extraction/extract.ts';
import { EXTRACT_JOB } from './extraction/extraction.job.ts';
import { canDownloadAttachment, canRegisterLetters, canUploadAttachment, type UploadSource } from './files.policy.ts';
import * as repo from './files.repository.ts';
import {
  type AcceptedType,
  checkFileType,
  contentDisposition,
  isExtractable,
  sanitizeFilename,
  storageKey,
} from './files.rules.ts';
import type { AttachmentRef } from './files.schemas.ts';
import { detectType, type StagedUpload, stageUpload } from './upload/upload.staging.ts';
import type { Clock } from '../../shared/clock.ts';

export type { AttachmentRef } from './files.schemas.ts';
export { claimAttachments, linkClaimed, listAttachments, lockClaimable, releaseAttachments } from './files.claims.ts';
export { attachmentHeadlines, attachmentTextMatch, type AttachmentHeadline } from './files.search.ts';
export { documentFileIdOf, findDocumentFiles, type DocumentFile } from './documents/documents.service.ts';

/** Whether a response is published (the responses module answers; until it does, nothing is). */
export type IsPublished = (
  db: Db,
  consultationId: string,
  responseId: string,
  attachmentId?: string,
) => Promise<boolean>;
export const nothingPublished: IsPublished = async () => false;

export type FilesContext = {
  db: Db;
  store: BlobStore;
  jobs: Pick<JobQueue, 'send'>;
  log: FastifyBaseLogger;
  stagingDir: string;
  maxBytes: number;
  isPublished: IsPublished;
  clock?: Clock;
};

export type UploadPart = { filename: string; file: Readable & { truncated?: boolean } };
/** The file parts of a multipart request, in order; the first is the upload, a second one is refused. */
export type UploadParts = { nextFile: () => Promise<UploadPart | undefined> };

/** 404 for an unreadable consultation, 401/403 for a letter from a non-staff, 409 outside the window. */
async function requireUploadWindow(
  ctx: FilesContext,
  actor: Actor | null,
  idOrSlug: string,
  source: UploadSource,
  now: Date,
) {
  const c = await requireReadableConsultation(ctx.db, actor, idOrSlug);
  if (source === 'letter' && !canRegisterLetters(actor)) {
    throw actor
      ? forbidden('Only admins and analysts register letters')
      : new AppError('UNAUTHENTICATED', 'Sign in to continue');
  }
  if (!canUploadAttachment(actor, { acceptsInput: acceptsInput(c, now) }, source)) {
    throw new AppError('CONSULTATION_CLOSED', 'This consultation does not accept input now');
  }
  return c;
}

/** One file per request (400), of an accepted type that matches its name (415). */
async function checkStaged(parts: UploadParts, staged: StagedUpload, filename: string): Promise<AcceptedType> {
  const extra = await parts.nextFile();
  if (extra) {
    extra.file.resume();
    throw new AppError('BAD_REQUEST', 'Send one file per request');
  }
  const check = checkFileType(await detectType(staged.path), filename);
  if (!check.ok) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', check.reason, {
      detected: check.detected,
      extension: check.extension,
    });
  }
  return check.type;
}

/** The row, the extraction job and the audit event commit together; if they cannot, the blob goes too. */
async function commitUpload(
  ctx: FilesContext,
  actor: Actor | null,
  v: { consultationId: string; ref: AttachmentRef; key: string; type: AcceptedType; source: UploadSource },
): Promise<void> {
  const { consultationId, ref, type, source } = v;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await repo.insertAttachment(trx, {
        consultationId,
        ...ref,
        storageKey: v.key,
        extractionStatus: type.extractable ? 'pending' : 'skipped',
        uploadedBy: actor?.id ?? null,
        source,
      });
      if (type.extractable) await ctx.jobs.send(EXTRACT_JOB, { consultationId, id: ref.id }, { trx });
      await recordAudit(trx, actor, {
        action: 'attachment.upload',
        itemType: 'attachment',
        itemId: ref.id,
        consultationId,
        details: {
          filename: ref.filename,
          mediaType: ref.mediaType,
          sizeBytes: ref.sizeBytes,
          sha256: ref.sha256,
          source,
        },
      });
    });
  } catch (err) {
    await ctx.store
      .delete(v.key)
      .catch((e: unknown) => ctx.log.error({ err: e, key: v.key }, 'could not remove an orphan blob'));
    throw err;
  }
}

/**
 * Upload one file. Policy and the consultation's window are checked before a byte is read; the file
 * is staged (413 past the limit), its type is checked by content (415), it is stored under a key the
 * server makes, and the row, the extraction job and the audit event commit together.
 */
export async function uploadAttachment(
  ctx: FilesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  source: UploadSource,
  parts: UploadParts,
): Promise<AttachmentRef> {
  const now = (ctx.clock ?? (() => new Date()))();
  const c = await requireUploadWindow(ctx, actor, consultationIdOrSlug, source, now);
  const part = await parts.nextFile();
  if (!part) throw new AppError('BAD_REQUEST', 'Send one file in a multipart/form-data part named "file"');
  const filename = sanitizeFilename(part.filename);
  const staged = await stageUpload(part.file, { dir: ctx.stagingDir, maxBytes: ctx.maxBytes });
  try {
    const type = await checkStaged(parts, staged, filename);
    const id = randomUUID();
    const key = storageKey(now, id);
    await ctx.store.put(key, createReadStream(staged.path));
    const ref: AttachmentRef = {
      id,
      filename,
      mediaType: type.mediaType,
      sizeBytes: staged.size,
      sha256: staged.sha256,
    };
    await commitUpload(ctx, actor, { consultationId: c.id, ref, key, type, source });
    return ref;
  } finally {
    await rm(staged.path, { force: true });
  }
}

/**
 * A file that came with an imported letter or e-mail (issue 12 story 3): checked by content and
 * stored exactly like an upload with `source=letter` (413 past UPLOAD_MAX_BYTES, 415 for a type that
 * is refused), unclaimed until the import's commit links it to its response.
 */
export async function storeImportedFile(
  ctx: FilesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  file: { filename: string; stream: Readable },
): Promise<AttachmentRef> {
  let given = false;
  const nextFile = async (): Promise<UploadPart | undefined> => {
    if (given) return undefined;
    given = true;
    return { filename: file.filename, file: file.stream };
  };
  return uploadAttachment(ctx, actor, consultationIdOrSlug, 'letter', { nextFile });
}

/** A file another module keeps a row of (user-test evidence): stored and checked here, described there. */
export type StoredFile = AttachmentRef & { storageKey: string };
export { EVIDENCE_LABEL, EVIDENCE_TYPES, type AcceptedType } from './files.rules.ts';

/**
 * Stores one uploaded file for a module that keeps its own rows of files (issue 13: a finding's
 * evidence): staged and size-checked (413 past `maxBytes`), its type checked by content against
 * `types` (415), stored in the blob store under a key made here. The caller writes its row and, if
 * that fails, removes the blob with `deleteStoredFile`; the caller checks the actor first.
 */
export async function storeCheckedFile(
  ctx: Pick<FilesContext, 'store' | 'stagingDir'> & { clock?: Clock },
  parts: UploadParts,
  opts: { types: readonly AcceptedType[]; label: string; maxBytes: number },
): Promise<StoredFile> {
  const part = await parts.nextFile();
  if (!part) throw new AppError('BAD_REQUEST', 'Send one file in a multipart/form-data part named "file"');
  const filename = sanitizeFilename(part.filename);
  const staged = await stageUpload(part.file, { dir: ctx.stagingDir, maxBytes: opts.maxBytes });
  try {
    const extra = await parts.nextFile();
    if (extra) {
      extra.file.resume();
      throw new AppError('BAD_REQUEST', 'Send one file per request');
    }
    const check = checkFileType(await detectType(staged.path), filename, opts.types, opts.label);
    if (!check.ok)
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', check.reason, {
        detected: check.detected,
        extension: check.extension,
      });
    const id = randomUUID();
    const key = storageKey((ctx.clock ?? (() => new Date()))(), id);
    await ctx.store.put(key, createReadStream(staged.path));
    return {
      id,
      filename,
      mediaType: check.type.mediaType,
      sizeBytes: staged.size,
      sha256: staged.sha256,
      storageKey: key,
    };
  } finally {
    await rm(staged.path, { force: true });
  }
}

/** A stored file as a download (the caller has checked who may read it). */
export async function openStoredFile(ctx: Pick<FilesContext, 'store'>, file: StoredFile): Promise<Download> {
  const { storageKey: key, ...ref } = file;
  return { ref, disposition: contentDisposition(ref.filename), stream: await ctx.store.get(key) };
}

/** Removes a stored file's bytes; a blob already gone is not an error. */
export async function deleteStoredFile(ctx: Pick<FilesContext, 'store' | 'log'>, storageKey: string): Promise<void> {
  await ctx.store
    .delete(storageKey)
    .catch((err: unknown) => ctx.log.warn({ err, key: storageKey }, 'a stored file was not deleted'));
}

export type Download = { ref: AttachmentRef; disposition: string; stream: Readable };

/**
 * Download: staff always; anyone else only a file of a published response. Everything else is
 * 404 (an unclaimed upload, a non-public response's file, a draft consultation), so the public
 * cannot probe which ids exist.
 */
export async function downloadAttachment(
  ctx: FilesContext,
  actor: Actor | null,
  consultationId: string,
  attachmentId: string,
): Promise<Download> {
  await requireReadableConsultation(ctx.db, actor, consultationId);
  const a = await repo.findAttachment(ctx.db, consultationId, attachmentId);
  if (!a) throw notFound('Attachment');
  const isPublic = a.responseId !== null && (await ctx.isPublished(ctx.db, consultationId, a.responseId, a.id));
  if (!canDownloadAttachment(actor, a, isPublic)) throw notFound('Attachment');
  const stream = await ctx.store.get(a.storageKey);
  const ref = toRef(a);
  return { ref, disposition: contentDisposition(ref.filename), stream };
}

/**
 * A file of one response, for the holder of that response's edit link (issue 10 item 12): the
 * responses module has checked the token; a file of another response, or one released by an edit,
 * is a 404.
 */
export async function downloadResponseAttachment(
  db: Db,
  store: BlobStore,
  r: { consultationId: string; responseId: string },
  attachmentId: string,
): Promise<Download> {
  const a = await repo.findAttachment(db, r.consultationId, attachmentId);
  if (!a || a.responseId !== r.responseId) throw notFound('Attachment');
  const stream = await store.get(a.storageKey);
  const ref = toRef(a);
  return { ref, disposition: contentDisposition(ref.filename), stream };
}

/** For the analysis item view (staff only): a response's files with the text extracted from them. */
export async function attachmentTexts(
  db: Db,
  consultationId: string,
  responseId: string,
): Promise<{ id: string; filename: string; extraction: 'pending' | 'done' | 'failed' | 'skipped'; text: string }[]> {
  const rows = await repo.textsOfResponse(db, consultationId, responseId);
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    extraction: r.extractionStatus,
    text: r.extractedText ?? '',
  }));
}

/** A file checked and stored for a module that keeps its own rows of it (stakeholder inputs, issue 13). */
export type StoredUpload = { ref: AttachmentRef; storageKey: string; extractable: boolean };

/**
 * One file received as uploads are (one per request, 413 past the limit, type checked by content
 * and name, 415) and put in the blob store under a key the server makes. The caller writes its row
 * and, if that fails, deletes the blob (`ctx.store.delete(storageKey)`). Policy is the caller's.
 */
export async function storeUploadedFile(
  ctx: Pick<FilesContext, 'store' | 'stagingDir' | 'maxBytes'>,
  parts: UploadParts,
  now: Date,
): Promise<StoredUpload> {
  const part = await parts.nextFile();
  if (!part) throw new AppError('BAD_REQUEST', 'Send one file in a multipart/form-data part named "file"');
  const filename = sanitizeFilename(part.filename);
  const staged = await stageUpload(part.file, { dir: ctx.stagingDir, maxBytes: ctx.maxBytes });
  try {
    const type = await checkStaged(parts, staged, filename);
    const id = randomUUID();
    const key = storageKey(now, id);
    await ctx.store.put(key, createReadStream(staged.path));
    const ref = { id, filename, mediaType: type.mediaType, sizeBytes: staged.size, sha256: staged.sha256 };
    return { ref, storageKey: key, extractable: type.extractable };
  } finally {
    await rm(staged.path, { force: true });
  }
}

/**
 * The text of a stored file, extracted as attachments' is (in a worker thread, bounded). Throws
 * `UnreadableDocument` for a file that will never be read (mark it failed), anything else for a retry.
 */
export async function extractStoredText(
  store: BlobStore,
  storageKey: string,
  mediaType: string,
): Promise<{ status: 'done'; text: string } | { status: 'skipped' }> {
  if (!isExtractable(mediaType)) return { status: 'skipped' };
  return extractInWorker(await readAll(await store.get(storageKey)), mediaType);
}
export { ExtractionError as UnreadableDocument } from './extraction/extract.ts';

/** A stored file as a download (the caller checked who may read it). */
export async function storedFileDownload(store: BlobStore, ref: AttachmentRef, storageKey: string): Promise<Download> {
  return { ref, disposition: contentDisposition(ref.filename), stream: await store.get(storageKey) };
}
