import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping } from '../../db/database.ts';
import { migrationsAreCurrent } from '../../db/migrate.ts';

const Health = z.object({ status: z.literal('ok') }).describe('The process is up');
const Ready = z
  .object({ status: z.enum(['ready', 'unavailable']), database: z.boolean(), migrations: z.boolean() })
  .describe('Whether the database is reachable and all migrations are applied');

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'Liveness: the process is up', response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: database reachable and migrations applied (503 otherwise)',
        response: { 200: Ready, 503: Ready },
      },
    },
    async (_req, reply) => {
      const database = await ping(app.db);
      const migrations = database ? await migrationsAreCurrent(app.db).catch(() => false) : false;
      const ok = database && migrations;
      if (!ok) void reply.header('retry-after', '5');
      return reply.status(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable', database, migrations });
    },
  );
};
