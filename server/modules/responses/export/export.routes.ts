import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/schemas.ts';
import { ExportQuery, OpenDataExport } from '../public.schemas.ts';
import { baseUrlOf, type ResponsesRouteOptions } from '../responses.http.ts';
import { ConsultationParams } from '../responses.schemas.ts';
import { exportCsv, exportJson } from './export.service.ts';

// A file: documented by media type and the shape of its content; the handler sends a stream.
const download = (
  mediaType: string,
  description: string,
  schema: z.ZodType = z.string(),
): { description: string; content: Record<string, { schema: z.ZodType }> } => ({
  description,
  content: { [mediaType]: { schema } },
});

/** Open data: the published responses as CSV and as one JSON document, streamed. */
export const exportRoutes: FastifyPluginAsyncZod<Pick<ResponsesRouteOptions, 'publicUrl'>> = async (app, opts) => {
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
          200: download(
            'application/json',
            '{ consultation, generatedAt, questions, responses: [...] }',
            OpenDataExport,
          ),
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
