import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, page } from '../../shared/schemas.ts';
import {
  Consultation,
  ConsultationSummary,
  CreateConsultationBody,
  DocumentsBody,
  IdOrSlugParams,
  IdParams,
  ListQuery,
  TransitionBody,
  UpdateConsultationBody,
} from './consultations.schemas.ts';
import * as svc from './consultations.service.ts';

const security = [{ session: [] }];
const staffErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

export const consultationsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/consultations',
    {
      schema: {
        tags: ['consultations'],
        summary: 'List consultations, newest first (drafts only for staff)',
        querystring: ListQuery,
        response: { 200: page(ConsultationSummary), 400: ErrorBody },
      },
    },
    async (req) => svc.listConsultations(req.readDb, req.actor, req.query),
  );

  app.get(
    '/api/consultations/:id',
    {
      schema: {
        tags: ['consultations'],
        summary: 'Read a consultation by id or slug',
        params: IdOrSlugParams,
        response: { 200: Consultation, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) =>
      // Already-serialised JSON from the versioned cache (same shape as the schema above).
      reply
        .type('application/json; charset=utf-8')
        .send((await svc.getConsultationJson(req.readDb, req.actor, req.params.id)) as never),
  );

  app.post(
    '/api/consultations',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['consultations'],
        summary: 'Create a consultation (as a draft)',
        security,
        body: CreateConsultationBody,
        response: { 201: Consultation, ...staffErrors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createConsultation(app.db, req.actor, req.body)),
  );

  app.patch(
    '/api/consultations/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['consultations'],
        summary: 'Edit a consultation; send the version you edited (409 when stale)',
        security,
        params: IdParams,
        body: UpdateConsultationBody,
        response: { 200: Consultation, ...staffErrors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => svc.updateConsultation(app.db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/consultations/:id/transition',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['consultations'],
        summary: 'Move a consultation to another phase (422 when the move is not allowed)',
        description:
          '"concluded" needs a recorded scenario decision that selects a scenario (422 `no_decision`) and a ' +
          'published hearing report, or a `reason` for concluding without one (422 `no_report`); the reason is audited.',
        security,
        params: IdParams,
        body: TransitionBody,
        response: { 200: Consultation, ...staffErrors, 422: ErrorBody },
      },
    },
    async (req) =>
      svc.transitionConsultation(app.db, req.actor, req.params.id, req.body.to, undefined, req.body.reason),
  );

  app.put(
    '/api/consultations/:id/documents',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['consultations'],
        summary: "Replace the consultation's list of documents",
        security,
        params: IdParams,
        body: DocumentsBody,
        // 422: a link to an uploaded file that is not this consultation's (issue 10 item 14).
        response: { 200: Consultation, ...staffErrors, 422: ErrorBody },
      },
    },
    async (req) => svc.replaceDocuments(app.db, req.actor, req.params.id, req.body),
  );
};
