import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, optionalSession } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../responses.schemas.ts';
import { ScenarioRatings } from './ratings.schemas.ts';
import { scenarioRatings } from './ratings.service.ts';

export const ratingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/consultations/:id/scenario-ratings',
    {
      schema: {
        tags: ['responses'],
        summary: "The questionnaire's scenario ratings (mean and distribution) over the published responses",
        security: optionalSession,
        params: ConsultationParams,
        response: { 200: ScenarioRatings, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const body = await scenarioRatings(app.db, req.actor, req.params.id);
      // Sums of public responses: a minute's caching is harmless. A signed-in reader may see a
      // draft consultation, so that answer stays in the browser's own cache.
      void reply.header('cache-control', `${req.actor ? 'private' : 'public'}, max-age=60`);
      void reply.header('vary', 'cookie');
      return body;
    },
  );
};
