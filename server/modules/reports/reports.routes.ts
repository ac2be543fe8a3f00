import type { FastifyPluginAsync } from 'fastify';
import { notatRoutes } from './notat/notat.routes.ts';
import { summariesRoutes } from './summaries/summaries.routes.ts';
import { usedRoutes } from './used/used.routes.ts';

/**
 * The reports module (issue 14 stories 5–7): it only registers its sub-plugins, one per use case
 * (theme summaries; the høringsnotat; how each respondent's input was used).
 */
export const reportsRoutes: FastifyPluginAsync<{ publicUrl: string; smtpConfigured: boolean }> = async (app, opts) => {
  await app.register(summariesRoutes);
  await app.register(notatRoutes, { publicUrl: opts.publicUrl });
  await app.register(usedRoutes, { publicUrl: opts.publicUrl, smtpConfigured: opts.smtpConfigured });
};
