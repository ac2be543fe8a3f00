import os from 'node:os';
import path from 'node:path';
import fp from 'fastify-plugin';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { ErrorBody, optionalSession } from '../../shared/schemas.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';
import { registerFileJobs } from './files.jobs.ts';
import { canRegisterLetters } from './files.policy.ts';
import { ACCEPTED_TYPES } from './files.rules.ts';
import { AttachmentRef, DownloadParams, UploadBody, UploadParams, UploadQuery } from './files.schemas.ts';
import * as svc from './files.service.ts';
import { sweepStaging } from './upload/upload.staging.ts';
import { documentRoutes } from './documents/documents.routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one blob store of this process (local directory or S3), built from the config. */
    blobStore: BlobStore;
    /** What the files service needs, for another module storing files through it (the bulk import). */
    filesContext: svc.FilesContext;
  }
}

export type FilesPluginOptions = {
  config: Pick<Config, 'filesDir' | 's3' | 'uploadMaxBytes' | 'filesOrphanHours'>;
  /** The responses module's answer to "is this response published?"; until then nothing is public. */
  isPublished?: svc.IsPublished;
  /** Uploads per IP and minute (a respondent sends up to UPLOAD_MAX_FILES, and may retry). */
  uploadsPerMinute?: number;
  store?: BlobStore;
};

const FileBytes = z.string().meta({ format: 'binary' });
const fileResponse = {
  description: 'The file, with Content-Disposition: attachment and its detected type',
  content: Object.fromEntries(ACCEPTED_TYPES.map((t) => [t.mediaType, { schema: FileBytes }])),
};

/** A file as a download: its detected type, attachment disposition, sandboxed, never cached. */
export function sendDownload(reply: FastifyReply, d: svc.Download): FastifyReply {
  void reply
    .type(d.ref.mediaType)
    .header('content-length', d.ref.sizeBytes)
    .header('content-disposition', d.disposition)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store');
  // A stream bypasses the serializer; the 200 schema only documents the bytes for OpenAPI.
  return reply.send(d.stream as unknown as string);
}

/** The download's 200 in OpenAPI: the bytes, in any of the accepted types. */
export const fileDownloadResponse = fileResponse;

/** The request's file parts, one at a time; other (text) fields are ignored (another module's upload route uses it too). */
export function multipartFiles(req: FastifyRequest): svc.UploadParts {
  const it = req.parts()[Symbol.asyncIterator]();
  const nextFile = async (): Promise<svc.UploadPart | undefined> => {
    for (;;) {
      const { value, done } = await it.next();
      if (done) return undefined;
      if (value.type === 'file') return { filename: value.filename, file: value.file };
    }
  };
  return { nextFile };
}

const routes: FastifyPluginAsyncZod<{ ctx: svc.FilesContext; uploadsPerMinute: number }> = async (
  app,
  { ctx, uploadsPerMinute },
) => {
  // Scoped to these routes: the rest of the API stays JSON-only.
  await app.register(multipart, {
    // files: 2 so that a second file is seen and refused with a clear 400 (one file per request).
    limits: { fileSize: ctx.maxBytes, files: 2, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 50 },
  });
  // Consultation documents uploaded by admins (issue 10 item 14), in this multipart scope.
  await app.register(documentRoutes(multipartFiles), { ctx });

  app.post(
    '/api/consultations/:id/attachments',
    {
      // Per IP; admins and analysts registering a pile of letters are not throttled.
      config: {
        rateLimit: { max: uploadsPerMinute, timeWindow: '1 minute', allowList: (req) => canRegisterLetters(req.actor) },
      },
      // The body is a stream read by the handler: only params and query go through zod here.
      validatorCompiler: (def) =>
        def.httpPart === 'body'
          ? () => true
          : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags: ['files'],
        summary: 'Upload one attachment (PDF, DOCX, ODT, PNG, JPEG); reference its id when submitting a response',
        description:
          'Anyone may upload while the consultation accepts input; admins and analysts at any time, and only they ' +
          'with `source=letter`. The type is detected from the content and must match the extension (415); ' +
          'files over UPLOAD_MAX_BYTES are refused (413).',
        security: optionalSession,
        consumes: ['multipart/form-data'],
        params: UploadParams,
        querystring: UploadQuery,
        // Documentation only: the handler streams the part itself (see UploadBody).
        body: UploadBody,
        response: {
          201: AttachmentRef,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const ref = await svc.uploadAttachment(ctx, req.actor, req.params.id, req.query.source, multipartFiles(req));
      return reply.status(201).send(ref);
    },
  );

  app.get(
    '/api/consultations/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['files'],
        summary:
          'Download an attachment (admins and analysts; everyone else, reviewers too, only files of published responses, else 404)',
        security: optionalSession,
        params: DownloadParams,
        response: {
          200: fileResponse,
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const d = await svc.downloadAttachment(ctx, req.actor, req.params.id, req.params.attachmentId);
      return sendDownload(reply, d);
    },
  );
};

/**
 * The files module: builds the blob store once from the config, registers the upload and download
 * routes, and starts the `files.extract` worker when the app is ready.
 */
export const filesPlugin = fp(
  async function files(app: FastifyInstance, opts: FilesPluginOptions) {
    const store = opts.store ?? createBlobStore(opts.config);
    app.decorate('blobStore', store);
    const stagingDir = opts.config.s3
      ? path.join(os.tmpdir(), 'samraad-uploads')
      : path.join(path.resolve(opts.config.filesDir), '.tmp');
    const ctx: svc.FilesContext = {
      db: app.db,
      store,
      jobs: app.jobs,
      log: app.log,
      stagingDir,
      maxBytes: opts.config.uploadMaxBytes,
      isPublished: opts.isPublished ?? svc.nothingPublished,
    };
    app.decorate('filesContext', ctx);
    app.addHook('onReady', async () => {
      await sweepStaging(stagingDir, app.log);
      await registerFileJobs(app, { db: app.db, store }, { orphanHours: opts.config.filesOrphanHours });
    });
    await app.register(routes, { ctx, uploadsPerMinute: opts.uploadsPerMinute ?? 60 });
  },
  { name: 'files', dependencies: ['db', 'jobs', 'auth'] },
);
