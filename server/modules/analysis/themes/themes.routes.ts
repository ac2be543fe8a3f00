import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';
import * as proposed from './proposed.service.ts';
import { runThemeJob, THEMES_JOB } from './themes.job.ts';
import {
  AcceptBody,
  CandidateParams,
  DecideBody,
  DecideResult,
  ProposedPage,
  ProposedQuery,
  RunParams,
  StartRunBody,
  ThemeCandidate,
  ThemeRun,
  ThemeRunDetail,
  ThemeRunList,
} from './themes.schemas.ts';
import * as svc from './themes.service.ts';

const tags = ['analysis'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const changeErrors = { ...errors, 409: ErrorBody, 422: ErrorBody } as const;

/**
 * Suggested themes (issue 11 story 8): analysts and admins only, guarded before validation. The
 * pipeline runs as the `analysis.themes` job, on the instances that run workers.
 */
export const themesRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');
  const ctx = { db: app.db, jobs: app.jobs };
  app.addHook('onReady', async () => {
    await app.jobs.work<unknown>(THEMES_JOB, (data) => runThemeJob({ db: app.db, log: app.log }, data), {
      batchSize: 1,
    });
  });

  app.post(
    '/api/consultations/:id/theme-suggestions',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Start a run of suggested themes over the consultation’s input (a background job)',
        security,
        params: ConsultationParams,
        body: StartRunBody,
        response: { 202: ThemeRun, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await svc.startRun(ctx, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/consultations/:id/theme-suggestions',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The latest runs of suggested themes, newest first, with their status and progress',
        security,
        params: ConsultationParams,
        response: { 200: ThemeRunList, ...errors },
      },
    },
    async (req) => svc.listRuns(app.db, req.actor, req.params.id),
  );

  app.get(
    '/api/consultations/:id/theme-suggestions/:runId',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'A run with its candidate themes: top terms, quotes, member counts, decisions',
        security,
        params: RunParams,
        response: { 200: ThemeRunDetail, ...errors },
      },
    },
    async (req) => svc.getRun(app.db, req.actor, req.params.id, req.params.runId),
  );

  app.post(
    '/api/consultations/:id/theme-suggestions/:runId/candidates/:candidateId/accept',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Accept a candidate as a new codebook tag, optionally proposing codings of its members',
        security,
        params: CandidateParams,
        body: AcceptBody,
        response: { 200: ThemeCandidate, ...changeErrors },
      },
    },
    async (req) =>
      svc.acceptCandidate(app.db, req.actor, req.params.id, req.params.runId, req.params.candidateId, req.body),
  );

  app.post(
    '/api/consultations/:id/theme-suggestions/:runId/candidates/:candidateId/dismiss',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Dismiss a candidate theme',
        security,
        params: CandidateParams,
        response: { 200: ThemeCandidate, ...changeErrors },
      },
    },
    async (req) => svc.dismissCandidate(app.db, req.actor, req.params.id, req.params.runId, req.params.candidateId),
  );

  app.get(
    '/api/consultations/:id/proposed-codings',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Codings proposed from accepted themes, waiting for an analyst, with each item’s excerpt',
        security,
        params: ConsultationParams,
        querystring: ProposedQuery,
        response: { 200: ProposedPage, ...errors },
      },
    },
    async (req) => proposed.listProposed(app.db, req.actor, req.params.id, req.query),
  );

  app.post(
    '/api/consultations/:id/proposed-codings/confirm',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Confirm proposed codings (by id, or every one of a tag): they count from now on',
        security,
        params: ConsultationParams,
        body: DecideBody,
        response: { 200: DecideResult, ...errors },
      },
    },
    async (req) => proposed.confirmProposed(app.db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/consultations/:id/proposed-codings/reject',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Reject proposed codings (by id, or every one of a tag): they are removed',
        security,
        params: ConsultationParams,
        body: DecideBody,
        response: { 200: DecideResult, ...errors },
      },
    },
    async (req) => proposed.rejectProposed(app.db, req.actor, req.params.id, req.body),
  );
};
