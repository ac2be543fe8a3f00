import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';
import { CAMPAIGNS_JOB, runCampaignJob } from './campaigns.job.ts';
import {
  CampaignDetail,
  CampaignList,
  CampaignParams,
  CampaignRun,
  CampaignSummary,
  CodeBody,
  CodeResult,
  MergeBody,
  SplitBody,
  StartRunBody,
  StatusBody,
} from './campaigns.schemas.ts';
import * as svc from './campaigns.service.ts';

const tags = ['analysis'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const changeErrors = { ...errors, 409: ErrorBody, 422: ErrorBody } as const;
const RunParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug'), runId: z.uuid() });

/**
 * Campaigns (issue 12 story 1): analysts and admins only, guarded before validation. Detection
 * runs as the `analysis.campaigns` job on the instances that run workers.
 */
export const campaignsRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');
  const ctx = { db: app.db, jobs: app.jobs };
  app.addHook('onReady', async () => {
    await app.jobs.work<unknown>(CAMPAIGNS_JOB, (data) => runCampaignJob({ db: app.db, log: app.log }, data), {
      batchSize: 1,
    });
  });

  app.get(
    '/api/consultations/:id/campaigns',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The campaigns of a consultation (identical and near-identical responses), biggest first',
        security,
        params: ConsultationParams,
        response: { 200: CampaignList, ...errors },
      },
    },
    async (req) => svc.listCampaigns(app.db, req.actor, req.params.id),
  );

  app.post(
    '/api/consultations/:id/campaign-runs',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Start campaign detection over the consultation’s input (a background job)',
        security,
        params: ConsultationParams,
        body: StartRunBody,
        response: { 202: CampaignRun, ...errors },
      },
    },
    async (req, reply) => reply.status(202).send(await svc.startRun(ctx, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/consultations/:id/campaign-runs/:runId',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'A campaign detection run with its progress',
        security,
        params: RunParams,
        response: { 200: CampaignRun, ...errors },
      },
    },
    async (req) => svc.getRun(app.db, req.actor, req.params.id, req.params.runId),
  );

  app.get(
    '/api/consultations/:id/campaigns/:campaignId',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'A campaign: its template and each member with the sentences it added or changed',
        security,
        params: CampaignParams,
        response: { 200: CampaignDetail, ...errors },
      },
    },
    async (req) => svc.getCampaign(app.db, req.actor, req.params.id, req.params.campaignId),
  );

  app.post(
    '/api/consultations/:id/campaigns/:campaignId/split',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Take members out of a campaign (detection never puts them back)',
        security,
        params: CampaignParams,
        body: SplitBody,
        response: { 200: CampaignSummary, ...changeErrors },
      },
    },
    async (req) => svc.splitCampaign(app.db, req.actor, req.params.id, req.params.campaignId, req.body),
  );

  app.post(
    '/api/consultations/:id/campaigns/:campaignId/merge',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Merge a campaign into another; returns the campaign it joined',
        security,
        params: CampaignParams,
        body: MergeBody,
        response: { 200: CampaignSummary, ...changeErrors },
      },
    },
    async (req) => svc.mergeCampaign(app.db, req.actor, req.params.id, req.params.campaignId, req.body),
  );

  app.post(
    '/api/consultations/:id/campaigns/:campaignId/status',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Mark a cluster "not a campaign", or a campaign again (later detection runs respect it)',
        security,
        params: CampaignParams,
        body: StatusBody,
        response: { 200: CampaignSummary, ...changeErrors },
      },
    },
    async (req) => svc.setCampaignStatus(app.db, req.actor, req.params.id, req.params.campaignId, req.body),
  );

  app.post(
    '/api/consultations/:id/campaigns/:campaignId/codings',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Code a campaign: one coding of each member with the tag, each kept per member',
        security,
        params: CampaignParams,
        body: CodeBody,
        response: { 201: CodeResult, ...changeErrors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.codeCampaign(app.db, req.actor, req.params.id, req.params.campaignId, req.body)),
  );
};
