import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../shared/schemas.ts';
import {
  ConsultationParams,
  Finding,
  FindingBody,
  FindingListQuery,
  FindingPage,
  FindingParams,
  FindingsOverview,
  OverviewQuery,
  ScenarioOverviewParams,
  SessionBody,
  SessionList,
  SessionParams,
  TestSession,
} from './findings.schemas.ts';
import { evidenceRoutes } from './evidence.routes.ts';
import * as svc from './findings.service.ts';
import { importRoutes } from './import/import.routes.ts';
import * as sessions from './sessions.service.ts';

const tags = ['findings'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const changeErrors = { ...errors, 409: ErrorBody, 422: ErrorBody } as const;
const access =
  'Analysts and admins of the consultation’s workspace (an analyst limited to their team: its consultations only).';

/** Sessions, findings and the per-scenario overview (issue 13 story 1); the role is checked before validation. */
export const findingRecordsRoutes: FastifyPluginAsyncZod = async (app) => {
  const staff = app.requireRole('admin', 'analyst');
  const sessionsUrl = '/api/consultations/:id/test-sessions';
  const findingsUrl = '/api/consultations/:id/findings';

  app.get(
    sessionsUrl,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The user-test sessions of a consultation, newest first',
        description: access,
        security,
        params: ConsultationParams,
        response: { 200: SessionList, ...errors },
      },
    },
    async (req) => sessions.listSessions(app.db, req.actor, req.params.id),
  );

  app.post(
    sessionsUrl,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Record a user-test session',
        description: `${access} 409 when another session has the same reference.`,
        security,
        params: ConsultationParams,
        body: SessionBody,
        response: { 201: TestSession, ...changeErrors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await sessions.createSession(app.db, req.actor, req.params.id, req.body)),
  );

  app.get(
    `${sessionsUrl}/:sessionId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'A user-test session',
        security,
        params: SessionParams,
        response: { 200: TestSession, ...errors },
      },
    },
    async (req) => sessions.getSession(app.db, req.actor, req.params.id, req.params.sessionId),
  );

  app.put(
    `${sessionsUrl}/:sessionId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Change a user-test session (the whole session)',
        description: `${access} 422 when its findings would have met more participants than their sessions had.`,
        security,
        params: SessionParams,
        body: SessionBody,
        response: { 200: TestSession, ...changeErrors },
      },
    },
    async (req) => sessions.updateSession(app.db, req.actor, req.params.id, req.params.sessionId, req.body),
  );

  app.delete(
    `${sessionsUrl}/:sessionId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Remove a user-test session that no finding names (409 otherwise)',
        security,
        params: SessionParams,
        response: { 204: z.null().describe('Removed'), ...changeErrors },
      },
    },
    async (req, reply) => {
      await sessions.deleteSession(app.db, req.actor, req.params.id, req.params.sessionId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    findingsUrl,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'The findings of a consultation: most severe first, then those that met the most participants',
        description: access,
        security,
        params: ConsultationParams,
        querystring: FindingListQuery,
        response: { 200: FindingPage, ...errors },
      },
    },
    async (req) => svc.listFindings(app.db, req.actor, req.params.id, req.query),
  );

  app.post(
    findingsUrl,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Record a user-test finding',
        description:
          `${access} 422 when the scenario or a session is not the consultation’s, or more participants are ` +
          'affected than the sessions had. Audited; it reaches the analysis inbox within seconds.',
        security,
        params: ConsultationParams,
        body: FindingBody,
        response: { 201: Finding, ...changeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createFinding(app.db, req.actor, req.params.id, req.body)),
  );

  app.get(
    `${findingsUrl}/:findingId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'A user-test finding with its sessions and evidence',
        security,
        params: FindingParams,
        response: { 200: Finding, ...errors },
      },
    },
    async (req) => svc.getFinding(app.db, req.actor, req.params.id, req.params.findingId),
  );

  app.put(
    `${findingsUrl}/:findingId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Change a finding (the whole finding, its status and note too)',
        description: `${access} With \`version\`: 409 STALE_VERSION when it changed since.`,
        security,
        params: FindingParams,
        body: FindingBody,
        response: { 200: Finding, ...changeErrors },
      },
    },
    async (req) => svc.updateFinding(app.db, req.actor, req.params.id, req.params.findingId, req.body),
  );

  app.delete(
    `${findingsUrl}/:findingId`,
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Remove a finding (the analysis inbox keeps it, marked deleted, with its codings)',
        security,
        params: FindingParams,
        response: { 204: z.null().describe('Removed'), ...errors },
      },
    },
    async (req, reply) => {
      await svc.deleteFinding(app.db, req.actor, req.params.id, req.params.findingId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/consultations/:id/scenarios/:scenarioId/findings-overview',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'A scenario’s findings by severity and frequency, and the list in that order (a page at a time)',
        description: access,
        security,
        params: ScenarioOverviewParams,
        querystring: OverviewQuery,
        response: { 200: FindingsOverview, ...errors },
      },
    },
    async (req) => svc.findingsOverview(app.db, req.actor, req.params.id, req.params.scenarioId, req.query),
  );
};

export type FindingsRouteOptions = { evidenceMaxBytes: number; importMaxBytes: number };

/** The findings module (issue 13 story 1), registered by server/app.ts. */
export const findingsRoutes: FastifyPluginAsyncZod<FindingsRouteOptions> = async (app, opts) => {
  await app.register(findingRecordsRoutes);
  await app.register(evidenceRoutes, { maxBytes: opts.evidenceMaxBytes });
  await app.register(importRoutes, { maxBytes: opts.importMaxBytes });
};
