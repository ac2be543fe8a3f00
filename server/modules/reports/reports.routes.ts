import type { FastifyPluginAsync } from 'fastify';
import { summariesRoutes } from './summaries/summaries.routes.ts';

/**
 * The reports module (issue 14 stories 5 and 6): it only registers its sub-plugins, one per use case
 * (theme summaries; the høringsnotat).
 */
export const reportsRoutes: FastifyPluginAsync = async (app) => {
  await app.register(summariesRoutes);
};
