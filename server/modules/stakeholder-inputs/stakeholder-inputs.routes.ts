import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, optionalSession, sessionRequired as security } from '../../shared/schemas.ts';
import type { UploadPart, UploadParts } from '../files/files.service.ts';
import { fileDownloadResponse, sendDownload } from '../files/files.routes.ts';
import { UploadBody } from '../files/files.schemas.ts';
import {
  CreateInputBody,
  FileParams,
  FileQuery,
  InputFile,
  InputList,
  InputListQuery,
  InputParams,
  PreviewBody,
  PreviewResult,
  PublicInputList,
  StakeholderInput,
  UpdateFileBody,
  UpdateInputBody,
} from './stakeholder-inputs.schemas.ts';
import * as files from './stakeholder-inputs.files.ts';
import * as svc from './stakeholder-inputs.service.ts';

const tags = ['stakeholder-inputs'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
const PublicQuery = InputListQuery.pick({ cursor: true, limit: true });

/** The request's file parts, one at a time; other (text) fields are ignored. */
function multipartFiles(req: FastifyRequest): UploadParts {
  const it = req.parts()[Symbol.asyncIterator]();
  return {
    nextFile: async (): Promise<UploadPart | undefined> => {
      for (;;) {
        const { value, done } = await it.next();
        if (done) return undefined;
        if (value.type === 'file') return { filename: value.filename, file: value.file };
      }
    },
  };
}

/** Uploads of an input's files, in a multipart scope of their own (the rest of the API stays JSON-only). */
const fileUploadRoutes: FastifyPluginAsyncZod<{ ctx: () => files.InputFilesContext }> = async (app, { ctx }) => {
  const maxBytes = ctx().maxBytes;
  await app.register(multipart, {
    limits: { fileSize: maxBytes, files: 2, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 50 },
  });
  app.post(
    '/api/consultations/:id/stakeholder-inputs/:inputId/files',
    {
      onRequest: app.requireRole('admin', 'analyst'),
      validatorCompiler: (def) =>
        def.httpPart === 'body'
          ? () => true
          : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags,
        summary: 'Add a file to a stakeholder input (analysts and admins)',
        description:
          'One file per request (PDF, DOCX, ODT, PNG, JPEG), its type detected from the content (415 when it does ' +
          'not match the name), at most UPLOAD_MAX_BYTES (413). Its text is extracted in the background for search.',
        security,
        consumes: ['multipart/form-data'],
        params: InputParams,
        querystring: FileQuery,
        body: UploadBody,
        response: { 201: InputFile, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await files.uploadInputFile(ctx(), req.actor, req.params.id, req.params.inputId, multipartFiles(req), {
          public: req.query.public,
        }),
      ),
  );
};

/**
 * Stakeholder inputs (issue 13 story 4): analysts and admins record meetings and written input,
 * guarded before validation; a published input is read by everyone who can read the consultation.
 */
export const stakeholderInputsRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');
  const ctx = (): files.InputFilesContext => ({
    db: app.db,
    store: app.blobStore,
    stagingDir: app.filesContext.stagingDir,
    maxBytes: app.filesContext.maxBytes,
    jobs: app.jobs,
    log: app.log,
  });
  app.addHook('onReady', async () => {
    await app.jobs.work<unknown>(files.EXTRACT_JOB, (data) => files.runInputFileExtraction(ctx(), data), {
      batchSize: 1,
    });
  });
  await app.register(fileUploadRoutes, { ctx });
  const base = '/api/consultations/:id/stakeholder-inputs';

  app.get(
    base,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The stakeholder inputs of a consultation, latest meeting first (analysts and admins)',
        security,
        params: ConsultationParams,
        querystring: InputListQuery,
        response: { 200: InputList, ...errors },
      },
    },
    async (req) => svc.listInputs(app.db, req.actor, req.params.id, req.query),
  );

  app.post(
    base,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Record a meeting or written input (analysts and admins)',
        description: 'Add its files afterwards with POST …/stakeholder-inputs/{inputId}/files.',
        security,
        params: ConsultationParams,
        body: CreateInputBody,
        response: { 201: StakeholderInput, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createInput(app.db, req.actor, req.params.id, req.body)),
  );

  app.post(
    `${base}/preview`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Render minutes (Markdown) as they will show, sanitised',
        security,
        params: ConsultationParams,
        body: PreviewBody,
        response: { 200: PreviewResult, ...errors },
      },
    },
    async (req) => svc.previewMinutes(app.db, req.actor, req.params.id, req.body.markdown),
  );

  app.get(
    `${base}/:inputId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'One stakeholder input with its minutes (Markdown and rendered) and files',
        security,
        params: InputParams,
        response: { 200: StakeholderInput, ...errors },
      },
    },
    async (req) => svc.getInput(app.db, req.actor, req.params.id, req.params.inputId),
  );

  app.patch(
    `${base}/:inputId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Change a stakeholder input, its visibility too (with the version you edited)',
        security,
        params: InputParams,
        body: UpdateInputBody,
        response: { 200: StakeholderInput, ...errors, 409: ErrorBody },
      },
    },
    async (req) => svc.updateInput(app.db, req.actor, req.params.id, req.params.inputId, req.body),
  );

  app.delete(
    `${base}/:inputId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Delete a stakeholder input (it stays in the audit trail and, marked deleted, in the inbox)',
        security,
        params: InputParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await svc.deleteInput(app.db, req.actor, req.params.id, req.params.inputId);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    `${base}/:inputId/files/:fileId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Show a file publicly with its published input, or keep it internal',
        security,
        params: FileParams,
        body: UpdateFileBody,
        response: { 200: InputFile, ...errors },
      },
    },
    async (req) =>
      files.setInputFilePublic(
        app.db,
        req.actor,
        req.params.id,
        req.params.inputId,
        req.params.fileId,
        req.body.public,
      ),
  );

  app.delete(
    `${base}/:inputId/files/:fileId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Remove a file from a stakeholder input',
        security,
        params: FileParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await files.removeInputFile(ctx(), req.actor, req.params.id, req.params.inputId, req.params.fileId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/:inputId/files/:fileId`,
    {
      schema: {
        tags,
        summary: 'Download a file of a stakeholder input',
        description:
          'Analysts and admins: any file. Everyone else (reviewers too): only a public file of a published input; 404 otherwise.',
        security: optionalSession,
        params: FileParams,
        response: { 200: fileDownloadResponse, 400: ErrorBody, 404: ErrorBody, 403: ErrorBody },
      },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        await files.downloadInputFile(ctx(), req.actor, req.params.id, req.params.inputId, req.params.fileId),
      ),
  );

  app.get(
    '/api/consultations/:id/published-stakeholder-inputs',
    {
      schema: {
        tags,
        summary: 'The published meetings and written inputs of a consultation (public)',
        description: 'Only inputs staff have published, with their rendered minutes and public files.',
        security: optionalSession,
        params: ConsultationParams,
        querystring: PublicQuery,
        response: { 200: PublicInputList, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.listPublishedInputs(app.db, req.actor, req.params.id, req.query),
  );
};
