import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, optionalSession } from '../../shared/schemas.ts';
import { resultsToCsv } from './rankings.csv.ts';
import { ConsultationParams, PublishBody, PublishState, Results, ResultsQuery } from './rankings.schemas.ts';
import * as svc from './rankings.service.ts';

const security = [{ session: [] }];
// Anyone may call these; signed-in staff also see unpublished results.
const readErrors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const adminErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const publishErrors = { ...adminErrors, 409: ErrorBody } as const;
const fileName = (slug: string, segment: string, ext: string) =>
  `attachment; filename="samraad-results-${slug}-${segment}.${ext}"`;

/** Ranking results and their publication (issue #5 story 6). */
export const rankingsRoutes: FastifyPluginAsyncZod<{ minSegment: number }> = async (app, opts) => {
  app.get(
    '/api/consultations/:id/results',
    {
      schema: {
        tags: ['results'],
        summary: 'Ranking results, whole or per segment (public once published; staff always)',
        security: optionalSession,
        params: ConsultationParams,
        querystring: ResultsQuery,
        response: { 200: Results, ...readErrors },
      },
    },
    async (req) =>
      (await svc.getResults(req.readDb, req.actor, req.params.id, req.query.segment, opts.minSegment)).results,
  );

  app.get(
    '/api/consultations/:id/results.json',
    {
      schema: {
        tags: ['results'],
        summary: 'The same results as a JSON download',
        security: optionalSession,
        params: ConsultationParams,
        querystring: ResultsQuery,
        response: { 200: Results, ...readErrors },
      },
    },
    async (req, reply) => {
      const { results, slug } = await svc.getResults(
        req.readDb,
        req.actor,
        req.params.id,
        req.query.segment,
        opts.minSegment,
      );
      void reply.header('content-disposition', fileName(slug, results.segment, 'json'));
      return results;
    },
  );

  app.get(
    '/api/consultations/:id/results.csv',
    {
      schema: {
        tags: ['results'],
        summary: 'The results as a CSV download, a row per scenario (formula-safe cells)',
        security: optionalSession,
        params: ConsultationParams,
        querystring: ResultsQuery,
        // The CSV is text/csv; its errors are JSON like every other error (issue 10 item 11).
        response: {
          200: { description: 'CSV (UTF-8 with BOM)', content: { 'text/csv': { schema: z.string() } } },
          ...readErrors,
        },
      },
    },
    async (req, reply) => {
      const { results, slug } = await svc.getResults(
        req.readDb,
        req.actor,
        req.params.id,
        req.query.segment,
        opts.minSegment,
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', fileName(slug, results.segment, 'csv'))
        .serializer((s: string) => s)
        .send(resultsToCsv(results));
    },
  );

  app.post(
    '/api/consultations/:id/results/publish',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['results'],
        summary:
          'Publish the ranking results to everyone (admin); below RESULTS_MIN_SEGMENT rankings only with confirmSmall',
        security,
        params: ConsultationParams,
        body: PublishBody,
        response: { 200: PublishState, ...publishErrors },
      },
    },
    async (req) =>
      svc.setPublished(app.db, req.actor, req.params.id, true, {
        minSegment: opts.minSegment,
        confirmSmall: req.body?.confirmSmall ?? false,
      }),
  );

  app.post(
    '/api/consultations/:id/results/unpublish',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['results'],
        summary: 'Withdraw the published results (admin)',
        security,
        params: ConsultationParams,
        response: { 200: PublishState, ...adminErrors },
      },
    },
    async (req) => svc.setPublished(app.db, req.actor, req.params.id, false),
  );
};
