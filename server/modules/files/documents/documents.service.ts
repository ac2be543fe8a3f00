import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Db } from '../../../db/database.ts';
import { type Actor, hasRole } from '../../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { requireReadableConsultation } from '../../consultations/consultations.service.ts';
import type { FilesContext, UploadParts } from '../files.service.ts';
import { checkFileType, contentDisposition, sanitizeFilename, storageKey } from '../files.rules.ts';
import { detectType, stageUpload } from '../upload/upload.staging.ts';

/**
 * A consultation's documents as uploaded files (issue 10 item 14): the admin sends the file, its
 * type is detected from the content (as for attachments) and its size counted, and everyone who can
 * read the consultation can download it. The document list links it by its URL (documentFileUrl).
 */

export type DocumentFile = { id: string; url: string; filename: string; mediaType: string; sizeBytes: number };

export const documentFileUrl = (consultationId: string, fileId: string) =>
  `/api/consultations/${consultationId}/document-files/${fileId}`;

const URL_PATTERN = /^\/api\/consultations\/([0-9a-f-]{36})\/document-files\/([0-9a-f-]{36})$/i;

/** The file id of a document URL that names an uploaded file of this consultation, else null. */
export function documentFileIdOf(consultationId: string, url: string): string | null {
  const m = URL_PATTERN.exec(url);
  return m && m[1]!.toLowerCase() === consultationId.toLowerCase() ? m[2]!.toLowerCase() : null;
}

const toFile = (r: {
  consultationId: string;
  id: string;
  filename: string;
  mediaType: string;
  sizeBytes: string | number;
}): DocumentFile => ({
  id: r.id,
  url: documentFileUrl(r.consultationId, r.id),
  filename: r.filename,
  mediaType: r.mediaType,
  sizeBytes: Number(r.sizeBytes),
});

export async function uploadDocumentFile(
  ctx: FilesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  parts: UploadParts,
): Promise<DocumentFile> {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'Sign in to continue');
  if (!hasRole(actor, 'admin')) throw forbidden('Only admins upload documents');
  const c = await requireReadableConsultation(ctx.db, actor, consultationIdOrSlug);
  const part = await parts.nextFile();
  if (!part) throw new AppError('BAD_REQUEST', 'Send one file in a multipart/form-data part named "file"');
  const filename = sanitizeFilename(part.filename);
  const staged = await stageUpload(part.file, { dir: ctx.stagingDir, maxBytes: ctx.maxBytes });
  try {
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
    const id = randomUUID();
    const key = storageKey(new Date(), id);
    await ctx.store.put(key, createReadStream(staged.path));
    const row = {
      consultationId: c.id,
      id,
      filename,
      mediaType: check.type.mediaType,
      sizeBytes: staged.size,
      sha256: staged.sha256,
      storageKey: key,
      uploadedBy: actor.id,
    };
    try {
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('documentFiles').values(row).execute();
        await recordAudit(trx, actor, {
          action: 'document.upload',
          itemType: 'consultation',
          itemId: c.id,
          consultationId: c.id,
          details: { filename, mediaType: row.mediaType, sizeBytes: row.sizeBytes, sha256: row.sha256 },
        });
      });
    } catch (err) {
      await ctx.store.delete(key).catch(() => undefined);
      throw err;
    }
    return toFile(row);
  } finally {
    await rm(staged.path, { force: true });
  }
}

export async function findDocumentFiles(db: Db, consultationId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, DocumentFile>();
  const rows = await db
    .selectFrom('documentFiles')
    .select(['consultationId', 'id', 'filename', 'mediaType', 'sizeBytes'])
    .where('consultationId', '=', consultationId)
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, toFile(r)]));
}

/** Anyone who can read the consultation (a draft's files only staff): 404 otherwise. */
export async function downloadDocumentFile(
  ctx: FilesContext,
  actor: Actor | null,
  consultationIdOrSlug: string,
  fileId: string,
): Promise<{ file: DocumentFile; disposition: string; stream: Readable }> {
  const c = await requireReadableConsultation(ctx.db, actor, consultationIdOrSlug);
  const row = await ctx.db
    .selectFrom('documentFiles')
    .selectAll()
    .where('consultationId', '=', c.id)
    .where('id', '=', fileId)
    .executeTakeFirst();
  if (!row) throw notFound('Document');
  return {
    file: toFile(row),
    disposition: contentDisposition(row.filename),
    stream: await ctx.store.get(row.storageKey),
  };
}
