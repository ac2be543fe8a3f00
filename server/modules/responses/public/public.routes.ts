import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, page } from '../../../shared/schemas.ts';
import { exportCsv, exportJson } from '../export/export.service.ts';
import { ExportQuery, PublicQuery, PublicResponse } from '../public.schemas.ts';
import { listPublicResponses } from './public.service.ts';
import { ConsultationParams } from '../responses.schemas.ts';
import { baseUrlOf, type ResponsesRouteOptions } from '../responses.http.ts';

// A file, not JSON: documented by media type; the handler sends a stream.
const download = (
  mediaType: string,
  description: string,
): { description: string; content: Record<string, { schema: z.ZodType }> } => ({
  description,
  content: { [mediaType]: { schema: z.string() } },
});

export const publicRoutes: FastifyPluginAsyncZod<ResponsesRouteOptions> = async (app, opts) => {
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
    async (req) => listPublicResponses(opts.ctx(), req.actor, req.params.id, req.query),
  );

  app.get(
    '/api/consultations/:id/responses.csv',
    {
      schema: {
        tags: ['responses'],
        summary: 'Open data: the published responses as CSV (UTF-8 with BOM, streamed, formulas neutralised)',
        params: ConsultationParams,
        querystring: ExportQuery,
        response: { 200: download('text/csv', 'CSV, one row per published response'), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) => {
      const e = await exportCsv(app.db, req.actor, req.params.id, req.query, baseUrlOf(req, opts));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${e.filename}"`)
        .header('cache-control', 'no-store')
        .send(e.stream);
    },
  );

  app.get(
    '/api/consultations/:id/responses.json',
    {
      schema: {
        tags: ['responses'],
        summary: 'Open data: the published responses as one JSON document (streamed)',
        params: ConsultationParams,
        response: {
          200: download('application/json', '{ consultation, generatedAt, questions, responses: [...] }'),
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const e = await exportJson(app.db, req.actor, req.params.id, baseUrlOf(req, opts));
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${e.filename}"`)
        .header('cache-control', 'no-store')
        .send(e.stream);
    },
  );
};
