import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/schemas.ts';
import {
  ConsultationParams,
  CreateQuestionBody,
  Question,
  QuestionOrderBody,
  QuestionParams,
  UpdateQuestionBody,
} from './questions.schemas.ts';
import * as svc from './questions.service.ts';

const security = [{ session: [] }];
const staffErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody } as const;

export const questionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/consultations/:id/questions',
    {
      schema: {
        tags: ['questions'],
        summary: "List a consultation's questionnaire in its order",
        params: ConsultationParams,
        response: { 200: z.array(Question), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.listQuestions(req.readDb, req.actor, req.params.id),
  );

  app.post(
    '/api/consultations/:id/questions',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['questions'],
        summary: 'Add a question at the end (only optional ones once responses exist)',
        security,
        params: ConsultationParams,
        body: CreateQuestionBody,
        response: { 201: Question, ...staffErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createQuestion(app.db, req.actor, req.params.id, req.body)),
  );

  app.put(
    '/api/consultations/:id/questions/order',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['questions'],
        summary: 'Reorder the questionnaire (every question id once)',
        security,
        params: ConsultationParams,
        body: QuestionOrderBody,
        response: { 200: z.array(Question), ...staffErrors },
      },
    },
    async (req) => svc.reorderQuestions(app.db, req.actor, req.params.id, req.body.questionIds),
  );

  app.patch(
    '/api/questions/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['questions'],
        summary: 'Edit a question; once responses exist only its wording (422 QUESTIONNAIRE_LOCKED otherwise)',
        security,
        params: QuestionParams,
        body: UpdateQuestionBody,
        response: { 200: Question, ...staffErrors },
      },
    },
    async (req) => svc.updateQuestion(app.db, req.actor, req.params.id, req.body),
  );

  app.delete(
    '/api/questions/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['questions'],
        summary: 'Delete a question (422 QUESTIONNAIRE_LOCKED once responses exist)',
        security,
        params: QuestionParams,
        response: { 204: z.null().describe('Deleted'), ...staffErrors },
      },
    },
    async (req, reply) => {
      await svc.deleteQuestion(app.db, req.actor, req.params.id);
      return reply.status(204).send(null);
    },
  );
};
