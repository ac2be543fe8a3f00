import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, page } from '../../../shared/schemas.ts';
import { PublicQuery, PublicResponse } from '../public.schemas.ts';
import { listPublicResponses } from './public.service.ts';
import { ConsultationParams } from '../responses.schemas.ts';

/** Anyone: the published responses of a consultation, with search and filters. */
export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/consultations/:id/responses',
    {
      schema: {
        tags: ['responses'],
        summary: 'Published responses, newest first, with full-text search (Danish and English) and filters',
        params: ConsultationParams,
        querystring: PublicQuery,
        response: { 200: page(PublicResponse), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => listPublicResponses(req.readDb, req.actor, req.params.id, req.query),
  );
};
