import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../shared/schemas.ts';
import {
  ConsultationParams,
  CreateScenarioBody,
  OrderBody,
  Scenario,
  ScenarioIdParams,
  ScenarioSummary,
  ScenarioVersion,
  StatusBody,
  UpdateScenarioBody,
  VersionParams,
} from './scenarios.schemas.ts';
import * as svc from './scenarios.service.ts';

const security = [{ session: [] }];
const staffErrors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

export const scenariosRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/consultations/:id/scenarios',
    {
      schema: {
        tags: ['scenarios'],
        summary: "List a consultation's scenarios in their order",
        params: ConsultationParams,
        response: { 200: z.array(ScenarioSummary), 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.listScenarios(req.readDb, req.actor, req.params.id),
  );

  app.get(
    '/api/scenarios/:id',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'Read a scenario, its paragraphs and its status history',
        params: ScenarioIdParams,
        response: { 200: Scenario, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.getScenario(req.readDb, req.actor, req.params.id),
  );

  app.get(
    '/api/scenarios/:id/versions/:version',
    {
      schema: {
        tags: ['scenarios'],
        summary: 'Read an earlier version of a description',
        params: VersionParams,
        response: { 200: ScenarioVersion, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.getScenarioVersion(req.readDb, req.actor, req.params.id, req.params.version),
  );

  app.post(
    '/api/consultations/:id/scenarios',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['scenarios'],
        summary: 'Add a scenario (at the end of the order)',
        security,
        params: ConsultationParams,
        body: CreateScenarioBody,
        response: { 201: Scenario, ...staffErrors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createScenario(app.db, req.actor, req.params.id, req.body)),
  );

  app.put(
    '/api/consultations/:id/scenarios/order',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['scenarios'],
        summary: 'Reorder the scenarios (every scenario id once)',
        security,
        params: ConsultationParams,
        body: OrderBody,
        response: { 200: z.array(ScenarioSummary), ...staffErrors, 422: ErrorBody },
      },
    },
    async (req) => svc.reorderScenarios(app.db, req.actor, req.params.id, req.body.scenarioIds),
  );

  app.patch(
    '/api/scenarios/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['scenarios'],
        summary: 'Edit a scenario; a changed description is stored as a new version',
        security,
        params: ScenarioIdParams,
        body: UpdateScenarioBody,
        response: { 200: Scenario, ...staffErrors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => svc.updateScenario(app.db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/scenarios/:id/status',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['scenarios'],
        summary: "Change a scenario's status in a round (422 when not allowed)",
        security,
        params: ScenarioIdParams,
        body: StatusBody,
        response: { 200: Scenario, ...staffErrors, 422: ErrorBody },
      },
    },
    async (req) => svc.changeStatus(app.db, req.actor, req.params.id, req.body),
  );
};
