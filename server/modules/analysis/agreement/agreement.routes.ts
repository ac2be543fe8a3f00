import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';
import {
  AgreementResults,
  CreateSampleBody,
  ItemSamples,
  SampleDetail,
  SampleItemParams,
  SampleList,
  SampleParams,
} from './agreement.schemas.ts';
import * as svc from './agreement.service.ts';

const tags = ['analysis'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/**
 * Coder agreement (issue 11 story 7): an admin draws and closes samples; analysts and admins read
 * them. Every route is guarded by role before validation.
 */
export const agreementRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');
  const admin = app.requireRole('admin');
  const base = '/api/consultations/:id/agreement-samples';

  app.post(
    base,
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Draw a reproducible random sample of the inbox for two or more coders (admins)',
        security,
        params: ConsultationParams,
        body: CreateSampleBody,
        response: { 201: SampleDetail, ...errors, 422: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.drawSample(app.db, req.actor, req.params.id, req.body)),
  );

  app.get(
    base,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The consultation’s agreement samples with each coder’s progress, newest first',
        security,
        params: ConsultationParams,
        response: { 200: SampleList, ...errors },
      },
    },
    async (req) => svc.listSamples(app.db, req.actor, req.params.id),
  );

  app.get(
    `${base}/:sampleId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'One agreement sample: its items in draw order and who has coded each',
        security,
        params: SampleParams,
        response: { 200: SampleDetail, ...errors },
      },
    },
    async (req) => svc.getSample(app.db, req.actor, req.params.id, req.params.sampleId),
  );

  app.post(
    `${base}/:sampleId/close`,
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Close a sample: its coders no longer code blind (admins)',
        security,
        params: SampleParams,
        response: { 200: SampleDetail, ...errors, 409: ErrorBody },
      },
    },
    async (req) => svc.closeSample(app.db, req.actor, req.params.id, req.params.sampleId),
  );

  app.get(
    `${base}/:sampleId/results`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary:
          'Agreement per tag and overall (percentage, Cohen’s κ, Krippendorff’s α) and the disagreements side by side',
        security,
        params: SampleParams,
        response: { 200: AgreementResults, ...errors },
      },
    },
    async (req) => svc.sampleResults(app.db, req.actor, req.params.id, req.params.sampleId),
  );

  app.get(
    '/api/consultations/:id/items/:kind/:itemId/agreement-samples',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The agreement samples an item is in, and whether you code it blind',
        security,
        params: SampleItemParams,
        response: { 200: ItemSamples, ...errors },
      },
    },
    async (req) => svc.itemSamples(app.db, req.actor, req.params.id, req.params.itemId),
  );
};
