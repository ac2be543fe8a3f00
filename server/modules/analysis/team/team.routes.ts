import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../../shared/schemas.ts';
import { ConsultationParams } from '../analysis.schemas.ts';
import { AssignBody, LimitBody, Team, TeamMemberParams, UserParams } from './team.schemas.ts';
import * as svc from './team.service.ts';

const tags = ['analysis'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/**
 * A consultation's analysts (issue 11 story 5): analysts and admins read the team; admins put
 * analysts on it and limit an analyst to the consultations whose team they are on. Guarded before validation.
 */
export const teamRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/consultations/:id/analysts',
    {
      onRequest: app.requireRole('admin', 'analyst'),
      schema: {
        tags,
        summary: 'Every active analyst, whether on this consultation’s team, and whether limited to their teams',
        security,
        params: ConsultationParams,
        response: { 200: Team, ...errors },
      },
    },
    async (req) => svc.getTeam(app.db, req.actor, req.params.id),
  );

  app.put(
    '/api/consultations/:id/analysts/:userId',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags,
        summary: 'Put an analyst on this consultation’s team, or take them off it (admin)',
        security,
        params: TeamMemberParams,
        body: AssignBody,
        response: { 200: Team, ...errors },
      },
    },
    async (req) => svc.setAssigned(app.db, req.actor, req.params.id, req.params.userId, req.body),
  );

  app.put(
    '/api/analysts/:userId/limit',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags,
        summary: 'Limit an analyst to the consultations whose team they are on, or lift the limit (admin)',
        security,
        params: UserParams,
        body: LimitBody,
        response: { 200: z.object({ userId: z.uuid(), limited: z.boolean() }), ...errors },
      },
    },
    async (req) => svc.setLimited(app.db, req.actor, req.params.userId, req.body),
  );
};
