import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/schemas.ts';
import { IdempotencyHeaders } from '../comments/comments.schemas.ts';
import { Ballot, BallotBody, ConsultationParams } from './ballots.schemas.ts';
import * as svc from './ballots.service.ts';

const security = [{ session: [] }];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/** One participant's ballot per consultation (issue #5 story 5). */
export const ballotsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/api/consultations/:id/ballot',
    {
      onRequest: app.requireRole('participant'),
      schema: {
        tags: ['ballots'],
        summary: 'Cast or replace your ballot until the deadline (honours Idempotency-Key)',
        description:
          'Rank 1 is first; equal ranks are ties; a scenario left out is unranked. Only scenarios that are not eliminated can be ranked (422).',
        security,
        params: ConsultationParams,
        headers: IdempotencyHeaders,
        body: BallotBody,
        response: {
          201: Ballot.describe('Your first ballot in this consultation'),
          200: Ballot.describe('Your ballot, replaced (or returned unchanged for a repeated Idempotency-Key)'),
          ...errors,
          409: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const { ballot, created } = await svc.castBallot(
        app.db,
        req.actor,
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(created ? 201 : 200).send(ballot);
    },
  );

  app.get(
    '/api/consultations/:id/ballot',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['ballots'],
        summary: 'Your ballot in this consultation (404 when you have none)',
        security,
        params: ConsultationParams,
        response: { 200: Ballot, ...errors },
      },
    },
    async (req) => svc.getMyBallot(app.db, req.actor, req.params.id),
  );

  app.delete(
    '/api/consultations/:id/ballot',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['ballots'],
        summary: 'Withdraw your ballot until the deadline',
        security,
        params: ConsultationParams,
        response: { 204: z.null().describe('Withdrawn'), ...errors, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      await svc.deleteMyBallot(app.db, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
};
