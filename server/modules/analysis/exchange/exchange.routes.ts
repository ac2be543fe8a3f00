import multipart from '@fastify/multipart';
import { type FastifyPluginAsyncZod, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';
import {
  CodingsDocument,
  CodingsExportQuery,
  ImportBody,
  ImportQuery,
  ImportReport,
  ProjectExportQuery,
} from './exchange.schemas.ts';
import { exportCodings, exportProject, importAnalysis } from './exchange.service.ts';

const tags = ['analysis'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
/** The most an uploaded `.qdc` or `.qdpx` may weigh (what it unpacks to is limited separately). */
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The analysis exchange (issue 11 story 9): codings as CSV and JSON, the analysis as a REFI-QDA
 * project, and a codebook or project imported back. Analysts and admins only, guarded before validation.
 */
export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');
  // Scoped to these routes: the rest of the analysis API stays JSON-only.
  await app.register(multipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 8, headerPairs: 50 },
  });

  for (const format of ['csv', 'json'] as const) {
    app.get(
      `/api/consultations/:id/analysis/codings.${format}`,
      {
        onRequest: staff,
        schema: {
          tags,
          summary: `Every coding as ${format === 'csv' ? 'CSV (UTF-8 with BOM, for Excel)' : 'JSON'}, one row per coding, streamed`,
          description:
            'Item, field, offsets (Unicode code points into the field’s text), quote, tag and its path of names, ' +
            'stance, note, status, coder’s name and time. Confirmed codings only unless `proposed=true`.',
          security,
          params: ConsultationParams,
          querystring: CodingsExportQuery,
          response: {
            200: {
              description: format === 'csv' ? 'text/csv' : 'A samraad.codings document',
              content:
                format === 'csv'
                  ? { 'text/csv': { schema: z.string() } }
                  : { 'application/json': { schema: CodingsDocument } },
            },
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const { slug, stream } = await exportCodings(app.db, req.actor, req.params.id, {
          format,
          proposed: req.query.proposed,
        });
        return reply
          .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="codings-${slug}.${format}"`)
          .header('cache-control', 'no-store')
          .send(stream as unknown as string);
      },
    );
  }

  app.get(
    '/api/consultations/:id/analysis/export.qdpx',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The analysis as a REFI-QDA project (.qdpx) for NVivo, ATLAS.ti, MAXQDA, QualCoder',
        description:
          'A ZIP with project.qde (QDA-XML 1.0) and one plain text per item in sources/. Positions count Unicode ' +
          'code points. No respondent names or contact details; stances and proposed codings are not exported.',
        security,
        params: ConsultationParams,
        querystring: ProjectExportQuery,
        response: {
          200: { description: 'application/zip', content: { 'application/zip': { schema: z.string() } } },
          ...errors,
        },
      },
    },
    async (req, reply) => {
      const { slug, zip } = await exportProject(app.db, req.actor, req.params.id, req.query.lang);
      return reply
        .header('content-type', 'application/zip')
        .header('content-disposition', `attachment; filename="analysis-${slug}-${req.query.lang}.qdpx"`)
        .header('cache-control', 'no-store')
        .send(Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength) as unknown as string);
    },
  );

  app.post(
    '/api/consultations/:id/analysis/import',
    {
      onRequest: staff,
      // The body is a stream read by the handler: only params and query go through zod here.
      validatorCompiler: (def) =>
        def.httpPart === 'body'
          ? () => true
          : validatorCompiler(def as unknown as Parameters<typeof validatorCompiler>[0]),
      schema: {
        tags,
        summary: 'Preview or import a REFI-QDA codebook (.qdc) or project (.qdpx): tags, and codings on exported items',
        description:
          'Without `apply=true` nothing changes and the answer says what would be created, matched and refused. ' +
          'With it, everything is imported in one transaction. Archives over 256 MiB unpacked are refused (413).',
        security,
        consumes: ['multipart/form-data'],
        params: ConsultationParams,
        querystring: ImportQuery,
        body: ImportBody,
        response: { 200: ImportReport, ...errors, 413: ErrorBody, 415: ErrorBody },
      },
    },
    async (req) => {
      const part = await req.file();
      if (!part) throw new AppError('BAD_REQUEST', 'Send one file in a multipart/form-data part named "file"');
      const bytes = await part.toBuffer();
      return importAnalysis(app.db, req.actor, req.params.id, { filename: part.filename, bytes }, req.query.apply);
    },
  );
};
