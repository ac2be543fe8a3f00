import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, optionalSession, sessionRequired as security } from '../../../shared/schemas.ts';
import { ApprovalBody, ConsultationParams, Decision, RecordDecisionBody, RoundParams } from '../reviews.schemas.ts';
import * as svc from './decisions.service.ts';

const tags = ['reviews'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/** The decision record and its approval (issue 14 story 4). Guarded before validation. */
export const decisionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');

  app.get(
    '/api/consultations/:id/decision',
    {
      schema: {
        tags,
        summary: 'The scenario decision and its political approval, once recorded and the round closed',
        security: optionalSession,
        params: ConsultationParams,
        response: { 200: Decision, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.publicDecision(app.db, req.actor, req.params.id),
  );

  app.get(
    '/api/consultations/:id/review-rounds/:roundId/decision',
    {
      onRequest: app.requireRole('admin', 'analyst'),
      schema: {
        tags,
        summary: "A round's decision as recorded so far (admins, the consultation's analysts)",
        security,
        params: RoundParams,
        response: { 200: Decision, ...errors },
      },
    },
    async (req) => svc.getDecision(app.db, req.actor, req.params.id, req.params.roundId),
  );

  app.put(
    '/api/consultations/:id/review-rounds/:roundId/decision',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: "Record a round's decision (admin): each scenario shortlisted, eliminated or selected",
        description:
          'One outcome per scenario of the round, at most one selected, each with reasons and the evidence it ' +
          'cites ({kind: theme | ranking | finding | review | item | document, ref, label}); evidence must exist ' +
          'in this consultation (422). Replaces an earlier record until the decision is approved (409).',
        security,
        params: RoundParams,
        body: RecordDecisionBody,
        response: { 200: Decision, ...errors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => svc.recordDecision(app.db, req.actor, req.params.id, req.params.roundId, req.body),
  );

  app.put(
    '/api/consultations/:id/review-rounds/:roundId/approval',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Record the political approval of the decision (admin): by whom, when, the decision document',
        security,
        params: RoundParams,
        body: ApprovalBody,
        response: { 200: Decision, ...errors, 422: ErrorBody },
      },
    },
    async (req) => svc.recordApproval(app.db, req.actor, req.params.id, req.params.roundId, req.body),
  );
};
