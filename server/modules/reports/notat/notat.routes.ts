import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ErrorBody, optionalSession, sessionRequired } from '../../../shared/schemas.ts';
import { runReportJob } from './notat.job.ts';
import {
  GenerateBody,
  PublishedVersion,
  ReportConsultationParams,
  ReportFileQuery,
  ReportVersion,
  ReportVersionList,
  StaffReportParams,
  VersionParams,
} from './notat.schemas.ts';
import * as svc from './notat.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const FileBytes = z.string().meta({ format: 'binary' });
const fileResponse = {
  description: 'The report: print-ready HTML, DOCX, Markdown or JSON (the model, report.model.ts)',
  content: {
    'text/html': { schema: FileBytes },
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: FileBytes },
    'text/markdown': { schema: FileBytes },
    'application/json': {
      schema: z.record(z.string(), z.unknown()).describe('The report model (format samraad.hoeringsnotat/1)'),
    },
  },
};
/** The HTML runs no script and loads nothing: its own inline styles only. */
const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function send(reply: FastifyReply, f: svc.ReportFile, download: boolean) {
  const attach = download || f.contentType.includes('wordprocessingml');
  void reply
    .type(f.contentType)
    .header('content-disposition', `${attach ? 'attachment' : 'inline'}; filename="${f.filename}"`)
    .header('content-security-policy', REPORT_CSP)
    .header('cache-control', 'private, no-store');
  return reply.send(f.body);
}

/** The høringsnotat (issue 14 story 6): versions for staff, the published one for everyone. */
export const notatRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  const staff = app.requireRole('admin', 'analyst');
  const admin = app.requireRole('admin');
  const ctx = (): svc.NotatContext => ({ db: app.db, jobs: app.jobs });
  app.addHook('onReady', async () => {
    await app.jobs.work<unknown>(
      svc.REPORT_JOB,
      (data) => runReportJob({ db: app.db, publicUrl: opts.publicUrl, log: app.log }, data),
      { batchSize: 1 },
    );
  });

  app.get(
    '/api/consultations/:id/reports',
    {
      onRequest: staff,
      schema: {
        tags: ['reports'],
        summary: 'List the høringsnotat’s versions with their progress, failures and which one is published',
        security: sessionRequired,
        params: StaffReportParams,
        response: { 200: ReportVersionList, ...errors },
      },
    },
    async (req) => svc.listVersions(app.db, req.actor, req.params.id),
  );

  app.post(
    '/api/consultations/:id/reports',
    {
      onRequest: staff,
      schema: {
        tags: ['reports'],
        summary: 'Generate a new draft version of the høringsnotat (a background job; poll the version)',
        security: sessionRequired,
        params: StaffReportParams,
        body: GenerateBody,
        response: { 202: ReportVersion, ...errors },
      },
    },
    async (req, reply) => {
      const v = await svc.generateReport(ctx(), req.actor, req.params.id, req.body.note);
      return reply.code(202).send(v);
    },
  );

  app.get(
    '/api/consultations/:id/reports/:number',
    {
      onRequest: staff,
      schema: {
        tags: ['reports'],
        summary: 'One version of the høringsnotat: its status and progress',
        security: sessionRequired,
        params: VersionParams,
        response: { 200: ReportVersion, ...errors },
      },
    },
    async (req) => svc.getVersion(app.db, req.actor, req.params.id, req.params.number),
  );

  app.get(
    '/api/consultations/:id/reports/:number/file',
    {
      onRequest: staff,
      schema: {
        tags: ['reports'],
        summary: 'A version of the høringsnotat as HTML, DOCX, Markdown or JSON, in Danish or English',
        security: sessionRequired,
        params: VersionParams,
        querystring: ReportFileQuery,
        response: { 200: fileResponse, ...errors, 409: ErrorBody },
      },
    },
    async (req, reply) =>
      send(
        reply,
        await svc.versionFile(app.db, req.actor, req.params.id, req.params.number, req.query),
        !!req.query.download,
      ),
  );

  app.post(
    '/api/consultations/:id/reports/:number/publish',
    {
      onRequest: admin,
      schema: {
        tags: ['reports'],
        summary: 'Publish a version: it becomes public on the consultation page, the one published before superseded',
        security: sessionRequired,
        params: VersionParams,
        response: { 200: ReportVersion, ...errors, 409: ErrorBody },
      },
    },
    async (req) => svc.publishReport(app.db, req.actor, req.params.id, req.params.number),
  );

  app.get(
    '/api/consultations/:id/report',
    {
      schema: {
        tags: ['reports'],
        summary: 'The published høringsnotat (404 while none is published), for everyone',
        security: optionalSession,
        params: ReportConsultationParams,
        querystring: ReportFileQuery,
        response: { 200: fileResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) =>
      send(reply, await svc.publishedFile(app.db, req.actor, req.params.id, req.query), !!req.query.download),
  );

  app.get(
    '/api/consultations/:id/report/version',
    {
      schema: {
        tags: ['reports'],
        summary: 'Which version of the høringsnotat is published, and when (404 while none is)',
        security: optionalSession,
        params: ReportConsultationParams,
        response: { 200: PublishedVersion, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.publishedVersion(app.db, req.actor, req.params.id),
  );
};
