import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors.ts';
import { ErrorBody, optionalSession } from '../../../shared/schemas.ts';
import { ConsultationParams, IdempotencyHeaders, LetterBody, Receipt, SubmissionBody } from '../responses.schemas.ts';
import { type ResponsesRouteOptions, requestInfo } from '../responses.http.ts';
import * as svc from './submission.service.ts';
import { createTargetCache } from './submission.target.ts';
import { createSubmissionWriter } from './submission.writer.ts';

// No account needed; a session, when present, names the actor in the audit log.

/** A response over the web (anyone, until the deadline) and one registered from a letter (staff). */
export const submissionRoutes: FastifyPluginAsyncZod<ResponsesRouteOptions> = async (app, opts) => {
  // Built once for this app: the target cache and the group-commit writer are per process.
  const deps: svc.SubmissionDeps = {
    db: app.db,
    targets: createTargetCache(),
    writer: createSubmissionWriter(app.db),
    maxFiles: opts.maxFiles,
    mailStatus: opts.mailStatus,
  };

  app.post(
    '/api/consultations/:id/responses',
    {
      // Generous per IP (a shared office or school NAT); the client waits as Retry-After says and retries with the same key.
      config: { rateLimit: { max: opts.submitPerMinute, timeWindow: '1 minute' } },
      // A signed-in participant is also counted per account, on every instance (issue 15 item 5).
      preValidation: app.accountLimit('submit', opts.submitPerMinute, (req) => req.actor?.id),
      schema: {
        tags: ['responses'],
        summary:
          'Submit a hearing response (no account needed); 201 with the receipt, 200 with the first receipt on a retry',
        description:
          'Upload files first (POST /api/consultations/:id/attachments) and send their ids. Send an Idempotency-Key ' +
          '(a UUID per submission): a retry with the same key and the same body returns the first receipt, editToken ' +
          'included; the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED. 409 CONSULTATION_CLOSED after ' +
          'the deadline (server clock). 400 with details.issues for answers that do not fit the questionnaire.',
        security: optionalSession,
        params: ConsultationParams,
        headers: IdempotencyHeaders,
        body: SubmissionBody,
        response: {
          200: Receipt,
          201: Receipt,
          400: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
          422: ErrorBody,
          429: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const { status, receipt } = await svc.submitResponse(
        deps,
        req.actor,
        req.params.id,
        req.body,
        requestInfo(req, opts),
      );
      return reply.status(status).send(receipt);
    },
  );

  app.post(
    '/api/consultations/:id/responses/letters',
    {
      onRequest: app.requireRole('admin', 'analyst'),
      schema: {
        tags: ['responses'],
        summary:
          'Register a response that arrived by letter or e-mail (also after the deadline); upload its files with ?source=letter first',
        security: [{ session: [] }],
        params: ConsultationParams,
        headers: IdempotencyHeaders,
        body: LetterBody,
        response: {
          200: Receipt,
          201: Receipt,
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
      // On behalf of a party on the list: checked before anything is stored, linked once stored (it
      // becomes invited, and late after the deadline). "Invited" is never set by hand (issue 13 story 5).
      const partyId = req.body.partyId;
      if (partyId) {
        if (!opts.letterParty) throw new AppError('RULE_VIOLATION', 'This server has no list of consulted parties');
        await opts.letterParty.check(app.db, req.actor, req.params.id, partyId);
      }
      const { status, receipt } = await svc.registerLetter(
        deps,
        req.actor,
        req.params.id,
        req.body,
        requestInfo(req, opts),
      );
      if (partyId) await opts.letterParty!.link(app.db, req.actor, req.params.id, partyId, receipt.id);
      return reply.status(status).send(receipt);
    },
  );
};
