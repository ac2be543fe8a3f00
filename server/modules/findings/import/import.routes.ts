import multipart from '@fastify/multipart';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../findings.schemas.ts';
import { FindingImport, ImportParams } from './import.schemas.ts';
import * as svc from './import.service.ts';

const tags = ['findings'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const UploadBody = z.object({ file: z.string().meta({ format: 'binary' }) }).describe('One part named "file": the CSV');

/** Findings imported from a usability lab's spreadsheet (issue 13 story 1): stage, preview, commit. */
export const importRoutes: FastifyPluginAsyncZod<{ maxBytes: number }> = async (app, opts) => {
  await app.register(multipart, {
    limits: { fileSize: opts.maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 },
  });
  const staff = app.requireRole('admin', 'analyst');
  const url = '/api/consultations/:id/finding-imports';

  app.post(
    url,
    {
      onRequest: staff,
      validatorCompiler: (def) =>
        def.httpPart === 'body'
          ? () => true
          : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags,
        summary: 'Stage a CSV of findings: the preview, with every row’s errors (nothing is written to findings)',
        description:
          'Columns by header (Danish or English, any case): scenario (S1…), session (references separated by ;) or ' +
          'session_date and facilitator, task, observation, severity (critical|major|minor|cosmetic), ' +
          'participants_affected, recommendation, status (open|addressed|wont_fix), status_note. `,` or `;` ' +
          'separated, UTF-8 or Windows-1252. Commit it with POST …/finding-imports/:importId/commit.',
        security,
        consumes: ['multipart/form-data'],
        params: ConsultationParams,
        body: UploadBody,
        response: { 201: FindingImport, ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const part = await req.file();
      if (!part) throw new AppError('BAD_REQUEST', 'Send the CSV in a multipart/form-data part named "file"');
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      if (part.file.truncated)
        throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${opts.maxBytes} bytes`, {
          maxBytes: opts.maxBytes,
        });
      const view = await svc.stageImport(app.db, req.actor, req.params.id, { filename: part.filename, bytes });
      return reply.status(201).send(view);
    },
  );

  app.get(
    `${url}/:importId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'A staged or committed findings import with its rows and errors',
        security,
        params: ImportParams,
        response: { 200: FindingImport, ...errors },
      },
    },
    async (req) => svc.getImport(app.db, req.actor, req.params.id, req.params.importId),
  );

  app.post(
    `${url}/:importId/commit`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Commit a staged findings import: every row, or none (422 while a row has an error)',
        description: 'Every row is checked again first. 409 when it is committed already.',
        security,
        params: ImportParams,
        response: { 200: FindingImport, ...errors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => svc.commitImport(app.db, req.actor, req.params.id, req.params.importId),
  );
};
