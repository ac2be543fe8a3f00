import { countAhead } from '../scorecard/scorecard.service.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import {
  ConsultationParams,
  MyReviews,
  OpenRoundBody,
  Review,
  ReviewIdParams,
  RevisionList,
  Round,
  RoundDetail,
  RoundList,
  RoundParams,
  RoundScenarioParams,
  WriteReviewBody,
} from '../reviews.schemas.ts';
import { myReviews } from './mine.service.ts';
import * as svc from './rounds.service.ts';

const tags = ['reviews'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/**
 * Review rounds and positions (issue 14 story 3). Admins open and close rounds; admins, analysts and
 * the consultation's reviewers read them; only its reviewers write positions. Guarded before validation.
 */
export const roundsRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = app.requireRole('admin');
  const readers = app.requireRole('admin', 'analyst', 'reviewer');

  app.get(
    '/api/me/reviews',
    {
      onRequest: app.requireRole('reviewer'),
      schema: {
        tags,
        summary: 'My reviews: the consultations I review, their rounds and my progress (reviewer)',
        security,
        response: { 200: MyReviews, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => myReviews(app.db, req.actor),
  );

  app.get(
    '/api/consultations/:id/review-rounds',
    {
      onRequest: readers,
      schema: {
        tags,
        summary: "A consultation's review rounds, newest first (staff; its reviewers)",
        security,
        params: ConsultationParams,
        response: { 200: RoundList, ...errors },
      },
    },
    async (req) => svc.listRounds(app.db, req.actor, req.params.id),
  );

  app.post(
    '/api/consultations/:id/review-rounds',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Open a review round (admin): a due date and the scenarios under review (default all)',
        description: 'One round is open at a time (409). Not on a draft or concluded consultation (422).',
        security,
        params: ConsultationParams,
        body: OpenRoundBody,
        response: { 201: Round, ...errors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const round = await svc.openRound(app.db, req.actor, req.params.id, req.body);
      // The reviewers' scorecards: counted now, in the background, rather than on the first page.
      countAhead(app.db, round.consultationId, req.log);
      return reply.status(201).send(round);
    },
  );

  app.get(
    '/api/consultations/:id/review-rounds/:roundId',
    {
      onRequest: readers,
      schema: {
        tags,
        summary: 'A review round with its scenarios and positions',
        description:
          "Staff see every reviewer's positions; a reviewer sees their own, and the other reviewers' " +
          'once the round is closed.',
        security,
        params: RoundParams,
        response: { 200: RoundDetail, ...errors },
      },
    },
    async (req) => svc.getRound(app.db, req.actor, req.params.id, req.params.roundId),
  );

  app.post(
    '/api/consultations/:id/review-rounds/:roundId/close',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Close a review round (admin): positions can no longer be revised',
        security,
        params: RoundParams,
        response: { 200: Round, ...errors, 409: ErrorBody },
      },
    },
    async (req) => svc.closeRound(app.db, req.actor, req.params.id, req.params.roundId),
  );

  app.put(
    '/api/consultations/:id/review-rounds/:roundId/scenarios/:scenarioId/review',
    {
      onRequest: app.requireRole('reviewer'),
      schema: {
        tags,
        summary: 'Write or revise my position on a scenario (reviewer of this consultation)',
        description:
          'supports, supports_with_conditions (list the conditions) or objects (reasons required), with a ' +
          'note in Markdown or plain text. Each write is a new revision, kept and audited; 409 once the round is closed.',
        security,
        params: RoundScenarioParams,
        body: WriteReviewBody,
        response: { 200: Review, ...errors, 409: ErrorBody },
      },
    },
    async (req) =>
      svc.writeReview(app.db, req.actor, req.params.id, req.params.roundId, req.params.scenarioId, req.body),
  );

  app.get(
    '/api/consultations/:id/reviews/:reviewId/revisions',
    {
      onRequest: readers,
      schema: {
        tags,
        summary: "A position's revisions, newest first",
        security,
        params: ReviewIdParams,
        response: { 200: RevisionList, ...errors },
      },
    },
    async (req) => svc.listRevisions(app.db, req.actor, req.params.id, req.params.reviewId),
  );
};
