import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams, IdParams } from '../analysis.schemas.ts';
import { archiveTag, mergeTag, unarchiveTag } from './codebook.archive.ts';
import { copyCodebook, exportCodebook, exportCodebookQdc, importCodebook } from './codebook.exchange.ts';
import {
  Codebook,
  CodebookDocument,
  CodebookQuery,
  CodebookTag,
  CopyBody,
  CreateTagBody,
  ImportResult,
  MergeResult,
  MergeTagBody,
  MoveTagBody,
  UpdateTagBody,
  VersionBody,
} from './codebook.schemas.ts';
import * as svc from './codebook.service.ts';

const tags = ['analysis'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const changeErrors = { ...errors, 409: ErrorBody, 422: ErrorBody } as const;

/** A consultation's codebook (issue 11 story 3): analysts and admins only, guarded before validation. */
export const codebookRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');

  app.get(
    '/api/consultations/:id/codebook',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The codebook: every tag with its depth and coding counts, depth-first',
        security,
        params: ConsultationParams,
        querystring: CodebookQuery,
        response: { 200: Codebook, ...errors },
      },
    },
    async (req) => svc.getCodebook(app.db, req.actor, req.params.id, { archived: req.query.archived }),
  );

  app.post(
    '/api/consultations/:id/codebook/tags',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Add a tag (a theme, or under a parent; at most five levels)',
        security,
        params: ConsultationParams,
        body: CreateTagBody,
        response: { 201: CodebookTag, ...changeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createTag(app.db, req.actor, req.params.id, req.body)),
  );

  app.patch(
    '/api/codebook-tags/:id',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Edit a tag’s name, definition, notes, example or scenario (409 on a stale version)',
        security,
        params: IdParams,
        body: UpdateTagBody,
        response: { 200: CodebookTag, ...changeErrors },
      },
    },
    async (req) => svc.updateTag(app.db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/codebook-tags/:id/move',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Move a tag with its sub-tags to a new parent and position (409 on a cycle or a stale version)',
        security,
        params: IdParams,
        body: MoveTagBody,
        response: { 200: CodebookTag, ...changeErrors },
      },
    },
    async (req) => svc.moveTag(app.db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/codebook-tags/:id/archive',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Archive a tag with its sub-tags (their codings stay)',
        security,
        params: IdParams,
        body: VersionBody,
        response: { 200: CodebookTag, ...changeErrors },
      },
    },
    async (req) => archiveTag(app.db, req.actor, req.params.id, req.body.version),
  );

  app.post(
    '/api/codebook-tags/:id/unarchive',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Restore an archived tag and the sub-tags archived with it',
        security,
        params: IdParams,
        body: VersionBody,
        response: { 200: CodebookTag, ...changeErrors },
      },
    },
    async (req) => unarchiveTag(app.db, req.actor, req.params.id, req.body.version),
  );

  app.post(
    '/api/codebook-tags/:id/merge',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Merge a tag into another: its codings and sub-tags move there, and it is archived',
        security,
        params: IdParams,
        body: MergeTagBody,
        response: { 200: MergeResult, ...changeErrors },
      },
    },
    async (req) => mergeTag(app.db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/consultations/:id/codebook/copy',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Copy another consultation’s active tags (hierarchy kept, codings not) after this codebook’s',
        security,
        params: ConsultationParams,
        body: CopyBody,
        response: { 201: ImportResult, ...changeErrors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await copyCodebook(app.db, req.actor, req.params.id, req.body.fromConsultationId)),
  );

  app.get(
    '/api/consultations/:id/codebook/export',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The active codebook as a JSON document (to import elsewhere)',
        security,
        params: ConsultationParams,
        response: { 200: CodebookDocument, ...errors },
      },
    },
    async (req, reply) => {
      const { slug, doc } = await exportCodebook(app.db, req.actor, req.params.id);
      return reply.header('content-disposition', `attachment; filename="codebook-${slug}.json"`).send(doc);
    },
  );

  app.get(
    '/api/consultations/:id/codebook/export.qdc',
    {
      onRequest: staff,
      schema: {
        tags,
        summary:
          'The active codebook as a REFI-QDA codebook (.qdc, QDA-XML 1.0) for NVivo, ATLAS.ti, MAXQDA, QualCoder',
        security,
        params: ConsultationParams,
        querystring: z.object({ lang: z.enum(['da', 'en']).default('da').describe('The language of the code names') }),
        response: {
          200: {
            description: 'A CodeBook document (urn:QDA-XML:codebook:1.0)',
            content: { 'application/xml': { schema: z.string() } },
          },
          ...errors,
          422: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const { slug, xml } = await exportCodebookQdc(app.db, req.actor, req.params.id, req.query.lang);
      return reply
        .header('content-type', 'application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="codebook-${slug}-${req.query.lang}.qdc"`)
        .send(xml);
    },
  );

  app.post(
    '/api/consultations/:id/codebook/import',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Add the tags of a codebook document after this codebook’s, all or none',
        security,
        params: ConsultationParams,
        body: CodebookDocument,
        response: { 201: ImportResult, ...changeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await importCodebook(app.db, req.actor, req.params.id, req.body)),
  );
};
