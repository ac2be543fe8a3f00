import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';
import {
  Coding,
  CodingListQuery,
  CodingPage,
  CodingParams,
  CreateCodingBody,
  ItemCodings,
  ItemParams,
  UpdateCodingBody,
} from './codings.schemas.ts';
import * as svc from './codings.service.ts';

const tags = ['analysis'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const changeErrors = { ...errors, 409: ErrorBody, 422: ErrorBody } as const;

/** Coding input against the codebook (issue 11 story 4): analysts and admins only, guarded before validation. */
export const codingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');

  app.post(
    '/api/consultations/:id/codings',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Code a whole item, one of its texts, or a passage of that text (offsets checked against it)',
        security,
        params: ConsultationParams,
        body: CreateCodingBody,
        response: { 201: Coding, ...changeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCoding(app.db, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/consultations/:id/codings',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The consultation’s codings, newest first, filtered and cursor-paged',
        security,
        params: ConsultationParams,
        querystring: CodingListQuery,
        response: { 200: CodingPage, ...errors },
      },
    },
    async (req) => svc.listCodings(app.db, req.actor, req.params.id, req.query),
  );

  app.get(
    '/api/consultations/:id/items/:kind/:itemId/codings',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Every coding of one item, marked when made on an earlier version',
        security,
        params: ItemParams,
        response: { 200: ItemCodings, ...errors },
      },
    },
    async (req) => svc.listItemCodings(app.db, req.actor, req.params.id, req.params.kind, req.params.itemId),
  );

  app.patch(
    '/api/consultations/:id/codings/:codingId',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Change a coding’s tag, stance or note (its coder, or an admin)',
        security,
        params: CodingParams,
        body: UpdateCodingBody,
        response: { 200: Coding, ...changeErrors },
      },
    },
    async (req) => svc.updateCoding(app.db, req.actor, req.params.id, req.params.codingId, req.body),
  );

  app.delete(
    '/api/consultations/:id/codings/:codingId',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Remove a coding (its coder, or an admin); the audit log keeps what it was',
        security,
        params: CodingParams,
        response: { 204: z.null().describe('Removed'), ...errors },
      },
    },
    async (req, reply) => {
      await svc.deleteCoding(app.db, req.actor, req.params.id, req.params.codingId);
      return reply.status(204).send(null);
    },
  );
};
