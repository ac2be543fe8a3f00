import multipart from '@fastify/multipart';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../shared/schemas.ts';
import { multipartFiles, sendDownload } from '../files/files.routes.ts';
import { EVIDENCE_TYPES } from '../files/files.service.ts';
import * as svc from './evidence.service.ts';
import { Evidence, EvidenceParams, FindingParams } from './findings.schemas.ts';

const tags = ['findings'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const UploadBody = z
  .object({ file: z.string().meta({ format: 'binary' }) })
  .describe('One part named "file": PNG, JPEG, WebP, PDF, MP3, M4A, MP4 or WebM');
const FileBytes = z.string().meta({ format: 'binary' });
const download = {
  description: 'The file, with Content-Disposition: attachment and its detected type',
  content: Object.fromEntries(EVIDENCE_TYPES.map((t) => [t.mediaType, { schema: FileBytes }])),
};

/** A finding's evidence files (issue 13 story 1), in their own multipart scope. */
export const evidenceRoutes: FastifyPluginAsyncZod<{ maxBytes: number }> = async (app, opts) => {
  await app.register(multipart, {
    limits: { fileSize: opts.maxBytes, files: 2, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 50 },
  });
  const staff = app.requireRole('admin', 'analyst');
  const ctx = (): svc.EvidenceContext => ({ db: app.db, files: app.filesContext, maxBytes: opts.maxBytes });
  const url = '/api/consultations/:id/findings/:findingId/evidence';

  app.post(
    url,
    {
      onRequest: staff,
      // The body is a stream read by the handler: only params go through zod here.
      validatorCompiler: (def) =>
        def.httpPart === 'body'
          ? () => true
          : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags,
        summary: 'Add an evidence file to a finding (a screenshot, PDF or short audio or video clip)',
        description:
          'Analysts and admins. One file per request; its type is detected from the content and must match the ' +
          'extension (415); files over FINDING_EVIDENCE_MAX_BYTES are refused (413); at most 20 per finding (422).',
        security,
        consumes: ['multipart/form-data'],
        params: FindingParams,
        body: UploadBody,
        response: { 201: Evidence, ...errors, 413: ErrorBody, 415: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await svc.addEvidence(ctx(), req.actor, req.params.id, req.params.findingId, multipartFiles(req))),
  );

  app.get(
    `${url}/:evidenceId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Download an evidence file of a finding (analysts and admins)',
        security,
        params: EvidenceParams,
        response: { 200: download, ...errors },
      },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        await svc.downloadEvidence(ctx(), req.actor, req.params.id, req.params.findingId, req.params.evidenceId),
      ),
  );

  app.delete(
    `${url}/:evidenceId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Remove an evidence file from a finding',
        security,
        params: EvidenceParams,
        response: { 204: z.null().describe('Removed'), ...errors },
      },
    },
    async (req, reply) => {
      await svc.removeEvidence(ctx(), req.actor, req.params.id, req.params.findingId, req.params.evidenceId);
      return reply.status(204).send(null);
    },
  );
};
