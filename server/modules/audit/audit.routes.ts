import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, page } from '../../shared/schemas.ts';
import { AuditEvent, AuditQuery } from './audit.schemas.ts';
import { listAudit } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['audit'],
        summary: 'Read the append-only audit log, newest first',
        security: [{ session: [] }],
        querystring: AuditQuery,
        response: { 200: page(AuditEvent), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listAudit(app.db, req.query),
  );
};
