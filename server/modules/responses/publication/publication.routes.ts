import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, page } from '../../../shared/schemas.ts';
import { PublicationBody, QueueQuery, StaffResponse } from '../publication.schemas.ts';
import * as svc from './publication.service.ts';
import { ConsultationParams, ResponseParams } from '../responses.schemas.ts';

const security = [{ session: [] }];
const staffErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/** Staff: the publication queue, a response with the respondent's details, decisions (whether a response is invited follows the høringsliste: server/modules/parties). */
export const publicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');

  app.get(
    '/api/consultations/:id/publication-queue',
    {
      onRequest: staff,
      schema: {
        tags: ['publication'],
        summary: 'Responses whose authors consented to publication, by decision (pending first in, first out)',
        security,
        params: ConsultationParams,
        querystring: QueueQuery,
        response: { 200: page(StaffResponse), ...staffErrors },
      },
    },
    async (req) => svc.listPublicationQueue(app.db, req.actor, req.params.id, req.query),
  );

  app.get(
    '/api/responses/:id',
    {
      onRequest: staff,
      schema: {
        tags: ['publication'],
        summary: 'Read any response with the respondent’s details',
        security,
        params: ResponseParams,
        response: { 200: StaffResponse, ...staffErrors },
      },
    },
    async (req) => svc.getStaffResponse(app.db, req.actor, req.params.id),
  );

  app.post(
    '/api/responses/:id/publication',
    {
      onRequest: staff,
      schema: {
        tags: ['publication'],
        summary:
          'Approve or reject publication (a reason is required to reject; 422 without consent or when withdrawn; 409 while personal data found in it is undecided)',
        security,
        params: ResponseParams,
        body: PublicationBody,
        response: { 200: StaffResponse, ...staffErrors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => svc.decidePublication(app.db, req.actor, req.params.id, req.body),
  );
};
