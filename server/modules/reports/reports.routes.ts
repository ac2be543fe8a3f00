import type { FastifyPluginAsync } from 'fastify';
import { notatRoutes } from './notat/notat.routes.ts';

/** The reports module (issue 14 stories 5 and 6): each part registers its own routes here. */
export const reportsRoutes: FastifyPluginAsync<{ publicUrl: string }> = async (app, opts) => {
  await app.register(notatRoutes, { publicUrl: opts.publicUrl });
};
