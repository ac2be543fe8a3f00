import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';
import { DownloadQuery, ExportParams, ExportQuery, ExportStart, ExportView } from './exports.schemas.ts';
import { type ExportProcessSettings, runExportJobInProcess } from './exports.process.ts';
import * as svc from './exports.service.ts';

export type ExportsRouteOptions = {
  directMaxRows: number;
  linkHours: number;
  /** With PostgreSQL: each export job runs in a lean child process (exports.process.ts). */
  jobProcess?: ExportProcessSettings;
};

const FileBytes = z.string().meta({ format: 'binary' });
const fileResponse = {
  description: 'The file (CSV, JSONL or XLSX), streamed, as an attachment',
  content: {
    'text/csv': { schema: FileBytes },
    'application/x-ndjson': { schema: FileBytes },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: FileBytes },
  },
};

/** Exports of an inbox view at any size (issue 12 story 4). */
export const exportsRoutes: FastifyPluginAsyncZod<ExportsRouteOptions> = async (app, opts) => {
  const staff = app.requireRole('admin', 'analyst');
  const ctx = (): svc.ExportsContext => ({
    db: app.db,
    store: app.blobStore,
    jobs: app.jobs,
    directMax: opts.directMaxRows,
    linkHours: opts.linkHours,
  });
  app.addHook('onReady', async () => {
    await app.jobs.work<unknown>(
      svc.EXPORT_JOB,
      (data) =>
        opts.jobProcess
          ? runExportJobInProcess({ db: app.db, log: app.log }, opts.jobProcess, data)
          : svc.runExportJob({ db: app.db, store: app.blobStore, log: app.log }, data),
      { batchSize: 1 },
    );
    // Hourly, at 41 minutes past: the files of expired exports are deleted (exports.service.ts).
    await app.jobs.work<unknown>(svc.EXPORT_SWEEP_JOB, async () => {
      await svc.sweepExpiredExports({ db: app.db, store: app.blobStore, log: app.log });
    });
    await app.jobs.schedule(svc.EXPORT_SWEEP_JOB, '41 * * * *');
  });

  app.get(
    '/api/consultations/:id/inbox/export',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary: 'Download an inbox view with its codings as CSV, JSONL or XLSX, streamed',
        description:
          'Takes the inbox filters of GET /inbox and `format`. Every cell is formula-safe. Meant for views up to ' +
          'EXPORT_DIRECT_MAX_ROWS items; POST …/inbox/exports first to learn whether a view is that small.',
        security: [{ session: [] }],
        params: ConsultationParams,
        querystring: ExportQuery,
        response: { 200: fileResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => {
      const out = await svc.directExport(app.db, req.actor, req.params.id, req.query);
      void reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="${out.filename}"`)
        .header('cache-control', 'private, no-store');
      return reply.send(out.stream as unknown as string);
    },
  );

  app.post(
    '/api/consultations/:id/inbox/exports',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary:
          'Export an inbox view: 200 with a direct download URL when small, 202 with a background job when large',
        description:
          'The body is the inbox view (the filters of GET /inbox) and `format`. A large export runs as a job; poll ' +
          'GET …/inbox/exports/:exportId for its progress, then follow downloadUrl (it expires; it is shown only here).',
        security: [{ session: [] }],
        params: ConsultationParams,
        body: ExportQuery,
        response: {
          200: ExportStart,
          202: ExportStart,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(req.body)) {
        if (v === undefined || k === 'cursor' || k === 'limit') continue;
        for (const one of Array.isArray(v) ? v : [v]) search.append(k, String(one));
      }
      const url = `/api/consultations/${encodeURIComponent(req.params.id)}/inbox/export?${search.toString()}`;
      const { status, body } = await svc.startExport(ctx(), req.actor, req.params.id, req.body, url);
      return reply.status(status).send(body);
    },
  );

  app.get(
    '/api/consultations/:id/inbox/exports/:exportId',
    {
      onRequest: staff,
      schema: {
        tags: ['analysis'],
        summary: 'A background export of an inbox view: its status and progress (the one who started it)',
        security: [{ session: [] }],
        params: ExportParams,
        response: { 200: ExportView, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.getExport(app.db, req.actor, req.params.id, req.params.exportId),
  );

  app.get(
    '/api/consultations/:id/inbox/exports/:exportId/download',
    {
      schema: {
        tags: ['analysis'],
        summary: 'Download a finished background export with the token of its link (until it expires)',
        params: ExportParams,
        querystring: DownloadQuery,
        response: { 200: fileResponse, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      const out = await svc.downloadExport(app.db, app.blobStore, req.params.id, req.params.exportId, req.query.token);
      void reply
        .type(out.contentType)
        .header('content-disposition', `attachment; filename="${out.filename}"`)
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer');
      return reply.send(out.stream as unknown as string);
    },
  );
};
