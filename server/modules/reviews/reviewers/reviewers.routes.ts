import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import {
  ConsultationParams,
  InviteResult,
  InviteReviewerBody,
  ReviewerList,
  ReviewerParams,
} from '../reviews.schemas.ts';
import * as svc from './reviewers.service.ts';

const tags = ['reviews'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/** A consultation's reviewers (issue 14 story 1), admins only; guarded before validation. */
export const reviewersRoutes: FastifyPluginAsyncZod<{ invite: svc.InviteContext }> = async (app, opts) => {
  const admin = app.requireRole('admin');

  app.get(
    '/api/consultations/:id/reviewers',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: "A consultation's reviewers and the authority each speaks for (admin)",
        security,
        params: ConsultationParams,
        response: { 200: ReviewerList, ...errors },
      },
    },
    async (req) => svc.listReviewers(app.db, req.actor, req.params.id),
  );

  app.post(
    '/api/consultations/:id/reviewers',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Invite a reviewer by e-mail (admin)',
        description:
          'An existing account gets the reviewer role for this consultation and a notice by mail; a new ' +
          'person gets an account and an invitation mail with a single-use link to choose a password. ' +
          'Inviting a reviewer again updates their authority.',
        security,
        params: ConsultationParams,
        body: InviteReviewerBody,
        response: { 201: InviteResult, ...errors, 422: ErrorBody },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.inviteReviewer(app.db, req.actor, req.params.id, req.body, opts.invite)),
  );

  app.delete(
    '/api/consultations/:id/reviewers/:userId',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Remove a reviewer from a consultation (admin); their positions stay',
        security,
        params: ReviewerParams,
        response: { 204: z.null().describe('Removed'), ...errors },
      },
    },
    async (req, reply) => {
      await svc.removeReviewer(app.db, req.actor, req.params.id, req.params.userId);
      return reply.status(204).send(null);
    },
  );
};
