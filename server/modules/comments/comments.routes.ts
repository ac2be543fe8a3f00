import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, optionalSession } from '../../shared/schemas.ts';
import {
  Comment,
  CommentIdParams,
  CommentList,
  CommentListQuery,
  CreateCommentBody,
  IdempotencyHeaders,
  ModerationBody,
  ScenarioIdParams,
  SupportState,
  UpdateCommentBody,
} from './comments.schemas.ts';
import { moderateComment } from './comments.moderation.ts';
import * as svc from './comments.service.ts';

const security = [{ session: [] }];
// Public; signed in, the list also marks your own comments and supports.
const writeErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
} as const;

/** Paragraph-anchored comment threads on scenarios (issue #5 stories 2–4, DESIGN.md §5). */
export const commentsRoutes: FastifyPluginAsyncZod<{ publicUrl: string }> = async (app, opts) => {
  app.get(
    '/api/scenarios/:id/comments',
    {
      schema: {
        tags: ['comments'],
        summary: "A scenario's comment threads with replies, supports and per-paragraph counts",
        security: optionalSession,
        params: ScenarioIdParams,
        querystring: CommentListQuery,
        response: { 200: CommentList, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.listComments(req.readDb, req.actor, req.params.id, req.query),
  );

  app.post(
    '/api/scenarios/:id/comments',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['comments'],
        summary: 'Comment on a scenario or one paragraph of it, or reply to a comment (honours Idempotency-Key)',
        security,
        params: ScenarioIdParams,
        headers: IdempotencyHeaders,
        body: CreateCommentBody,
        response: {
          201: Comment.describe('Created'),
          200: Comment.describe('The first comment with this Idempotency-Key'),
          ...writeErrors,
        },
      },
    },
    async (req, reply) => {
      const { comment, created } = await svc.createComment(
        app.db,
        req.actor,
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      return reply.status(created ? 201 : 200).send(comment);
    },
  );

  app.patch(
    '/api/comments/:id',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['comments'],
        summary: 'Edit your own comment until the deadline',
        security,
        params: CommentIdParams,
        body: UpdateCommentBody,
        response: { 200: Comment, ...writeErrors },
      },
    },
    async (req) => svc.editComment(app.db, req.actor, req.params.id, req.body.body),
  );

  app.delete(
    '/api/comments/:id',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['comments'],
        summary: 'Delete your own comment until the deadline',
        security,
        params: CommentIdParams,
        response: { 204: z.null().describe('Deleted'), ...writeErrors },
      },
    },
    async (req, reply) => {
      await svc.deleteComment(app.db, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/comments/:id/support',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['comments'],
        summary: "Support (+1) someone else's comment; idempotent",
        security,
        params: CommentIdParams,
        response: { 200: SupportState, ...writeErrors },
      },
    },
    async (req) => svc.setSupport(app.db, req.actor, req.params.id, true),
  );

  app.delete(
    '/api/comments/:id/support',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['comments'],
        summary: 'Take your support back; idempotent',
        security,
        params: CommentIdParams,
        response: { 200: SupportState, ...writeErrors },
      },
    },
    async (req) => svc.setSupport(app.db, req.actor, req.params.id, false),
  );

  app.post(
    '/api/comments/:id/moderation',
    {
      onRequest: app.requireRole('analyst', 'admin'),
      schema: {
        tags: ['comments'],
        summary: 'Hide a comment with a reason, or restore it (analyst, admin); audited, the author is told',
        security,
        params: CommentIdParams,
        body: ModerationBody,
        response: { 200: Comment, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => moderateComment(app.db, req.actor, req.params.id, req.body, opts.publicUrl),
  );
};
