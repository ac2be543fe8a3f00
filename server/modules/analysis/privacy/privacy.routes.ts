import { runInBackground } from '../../../shared/background.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';
import { z } from 'zod';
import {
  AttachmentParams,
  DecisionBody,
  Finding,
  FindingPage,
  ManualBody,
  RedactionParams,
  RedactionQuery,
  ScanResult,
  TextVersionBody,
  TextVersionResult,
} from './privacy.schemas.ts';
import { scanInput } from './privacy.scan.ts';
import * as svc from './privacy.service.ts';

const tags = ['analysis'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/**
 * The redaction queue (issue 12 story 2): analysts and admins list the personal data found in a
 * consultation's input, accept or reject each finding with a reason, and mark passages by hand.
 * Guarded before validation. With `scanEveryMs` > 0 this instance also runs the scanner.
 */
export const privacyRoutes: FastifyPluginAsyncZod<{
  scanEveryMs: number;
  scanBudgetMs: number;
  scanMaxDeferMs: number;
}> = async (app, opts) => {
  const staff = app.requireRole('admin', 'analyst');

  app.get(
    '/api/consultations/:id/redactions',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The redaction queue: personal data found in responses, answers, comments and files, with context',
        security,
        params: ConsultationParams,
        querystring: RedactionQuery,
        response: { 200: FindingPage, ...errors },
      },
    },
    async (req) => svc.listRedactions(app.db, req.actor, req.params.id, req.query),
  );

  app.post(
    '/api/consultations/:id/redactions/:findingId/decision',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Accept (redact where the public can see it) or reject a finding, with a reason',
        security,
        params: RedactionParams,
        body: DecisionBody,
        response: { 200: Finding, ...errors },
      },
    },
    async (req) => svc.decideRedaction(app.db, req.actor, req.params.id, req.params.findingId, req.body),
  );

  app.post(
    '/api/consultations/:id/redactions',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Mark a passage by hand: redacted at once where the public can see it, with a reason',
        security,
        params: ConsultationParams,
        body: ManualBody,
        response: { 201: Finding, ...errors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await svc.markPassage(app.db, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/consultations/:id/redactions/scan',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Scan new and changed input now (the background scanner does it too)',
        security,
        params: ConsultationParams,
        response: { 200: ScanResult, ...errors },
      },
    },
    async (req) => svc.scanNow(app.db, req.actor, req.params.id),
  );

  app.put(
    '/api/consultations/:id/redactions/attachments/:attachmentId/text-version',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Publish a file’s redacted text in place of the file (409 while a finding in it is undecided)',
        security,
        params: AttachmentParams,
        body: TextVersionBody,
        response: { 200: TextVersionResult, ...errors, 409: ErrorBody },
      },
    },
    async (req) => svc.setTextVersion(app.db, req.actor, req.params.id, req.params.attachmentId, req.body.publish),
  );

  app.get(
    '/api/consultations/:id/attachments/:attachmentId/redacted.txt',
    {
      schema: {
        tags: ['responses'],
        summary: 'The published text version of a file that holds personal data, with the redactions cut out',
        params: AttachmentParams,
        response: {
          200: { description: 'The redacted text, UTF-8', content: { 'text/plain': { schema: z.string() } } },
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send(await svc.publicTextVersion(app.db, req.actor, req.params.id, req.params.attachmentId)),
  );

  runInBackground(app, {
    everyMs: opts.scanEveryMs,
    maxDeferMs: opts.scanMaxDeferMs,
    // Busy: small batches, so the run ends close to its budget.
    run: (busy) => scanInput(app.db, { budgetMs: opts.scanBudgetMs, ...(busy ? { batch: 20 } : {}) }),
    failed: 'personal-data scan failed; it retries',
  });
};
