import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { ErrorBody } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../responses.schemas.ts';
import { ImportList, ImportParams, ImportRowPage, ImportRowsQuery, ImportView } from './import.schemas.ts';
import * as svc from './import.service.ts';

export type ImportRouteOptions = { maxFiles: number; maxBytes: number };

const UploadBody = z
  .object({ file: z.array(z.string().meta({ format: 'binary' })) })
  .describe('One or more parts named "file": a CSV and the files it names, a ZIP holding those, or .eml/.mbox files');

/** The request's file parts, written to a temporary folder; the whole upload is held to maxBytes. */
async function receive(req: FastifyRequest, dir: string, maxBytes: number): Promise<svc.UploadedFile[]> {
  const out: svc.UploadedFile[] = [];
  let total = 0;
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    const file = path.join(dir, `${out.length}`);
    const count = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        total += chunk.length;
        if (total > maxBytes) cb(new AppError('PAYLOAD_TOO_LARGE', `The upload is larger than ${maxBytes} bytes`));
        else cb(null, chunk);
      },
    });
    await pipeline(part.file, count, createWriteStream(file));
    if (part.file.truncated)
      throw new AppError('PAYLOAD_TOO_LARGE', `${part.filename} is larger than ${maxBytes} bytes`);
    out.push({ filename: part.filename, path: file });
  }
  if (out.length === 0) throw new AppError('BAD_REQUEST', 'Send the files in multipart/form-data parts named "file"');
  return out;
}

/**
 * Bulk import of letters and e-mails (issue 12 story 3): stage (upload, preview with row errors),
 * then commit as a background job whose progress the status route shows.
 */
export const importRoutes: FastifyPluginAsyncZod<ImportRouteOptions> = async (app, opts) => {
  await app.register(multipart, {
    limits: { fileSize: opts.maxBytes, files: 5000, fields: 10, fieldSize: 1024, parts: 5010, headerPairs: 50 },
  });
  const staff = app.requireRole('admin', 'analyst');
  const ctx = (): svc.ImportContext => ({
    db: app.db,
    files: app.filesContext,
    maxFiles: opts.maxFiles,
    maxBytes: opts.maxBytes,
  });
  app.addHook('onReady', async () => {
    await app.jobs.work<unknown>(
      svc.IMPORT_JOB,
      (data) => svc.runImportCommit({ db: app.db, maxFiles: opts.maxFiles, log: app.log }, data),
      { batchSize: 1 },
    );
  });
  const base = '/api/consultations/:id/imports';

  app.post(
    base,
    {
      onRequest: staff,
      validatorCompiler: (def) =>
        def.httpPart === 'body'
          ? () => true
          : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags: ['responses'],
        summary: 'Stage a bulk import of letters or e-mails: a CSV with its files, a ZIP, or .eml/.mbox files',
        description:
          'CSV columns (header names, case-insensitive): external_ref (or Document ID), text, name (or first/last ' +
          'name), email, organisation, acting_as, consent, channel (letter|email), received_at (ISO, dd.mm.yyyy or ' +
          'm/d/yyyy), files (names separated by ;), and question:<id> or q<position> for answers. A row without a ' +
          'files column takes the uploaded files named <ref>_N.ext. Nothing is written to responses: the result is ' +
          'a preview with row errors; commit it with POST …/imports/:importId/commit.',
        security: [{ session: [] }],
        consumes: ['multipart/form-data'],
        params: ConsultationParams,
        body: UploadBody,
        response: {
          201: ImportView,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          413: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const dir = path.join(os.tmpdir(), 'samraad-imports', randomUUID());
      await mkdir(dir, { recursive: true });
      try {
        const uploads = await receive(req, dir, opts.maxBytes);
        const view = await svc.stageImport(ctx(), req.actor, req.params.id, uploads);
        return reply.status(201).send(view);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  app.get(
    base,
    {
      onRequest: staff,
      schema: {
        tags: ['responses'],
        summary: 'The latest bulk imports of a consultation',
        security: [{ session: [] }],
        params: ConsultationParams,
        response: { 200: ImportList, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => ({ items: await svc.listImports(app.db, req.actor, req.params.id) }),
  );

  app.get(
    `${base}/:importId`,
    {
      onRequest: staff,
      schema: {
        tags: ['responses'],
        summary: 'A bulk import: its counts, status and the progress of its commit',
        security: [{ session: [] }],
        params: ImportParams,
        response: { 200: ImportView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.getImport(app.db, req.actor, req.params.id, req.params.importId),
  );

  app.get(
    `${base}/:importId/rows`,
    {
      onRequest: staff,
      schema: {
        tags: ['responses'],
        summary: 'The staged rows of a bulk import (the preview), with their errors',
        security: [{ session: [] }],
        params: ImportParams,
        querystring: ImportRowsQuery,
        response: { 200: ImportRowPage, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) =>
      svc.importRows(app.db, req.actor, req.params.id, req.params.importId, {
        after: req.query.after,
        limit: req.query.limit,
        errorsOnly: req.query.errors,
      }),
  );

  app.post(
    `${base}/:importId/commit`,
    {
      onRequest: staff,
      schema: {
        tags: ['responses'],
        summary: 'Commit a staged bulk import, all or nothing, as a background job (202); poll the import for progress',
        description:
          '422 while rows have errors; 409 when it is committing or committed already. Rows whose reference was ' +
          'imported before are skipped, so a re-run adds nothing twice.',
        security: [{ session: [] }],
        params: ImportParams,
        response: {
          202: ImportView,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const view = await svc.requestCommit(app.db, app.jobs, req.actor, req.params.id, req.params.importId);
      return reply.status(202).send(view);
    },
  );
};
