import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { editLinkRoutes } from './edit-link/edit-link.routes.ts';
import { exportRoutes } from './export/export.routes.ts';
import { importRoutes } from './import/import.routes.ts';
import { publicRoutes } from './public/public.routes.ts';
import { publicationRoutes } from './publication/publication.routes.ts';
import { ratingsRoutes } from './ratings/ratings.routes.ts';
import type { ResponsesPluginOptions, ResponsesRouteOptions } from './responses.http.ts';
import { submissionRoutes } from './submission/submission.routes.ts';

export type { ResponsesPluginOptions } from './responses.http.ts';

/**
 * The module's one entry (server/app.ts registers it): hearing responses (issue 4) by use case —
 * submission/ (web and letters), edit-link/, publication/ (staff), public/ (the list and export/).
 */
export const responsesRoutes: FastifyPluginAsyncZod<ResponsesPluginOptions> = async (app, opts) => {
  const routeOpts: ResponsesRouteOptions = {
    publicUrl: opts.publicUrl,
    maxFiles: opts.maxFiles,
    submitPerMinute: opts.submitPerMinute ?? 30,
    mailStatus: opts.smtpConfigured === false ? 'outboxed' : 'pending',
    letterParty: opts.letterParty,
  };
  await app.register(submissionRoutes, routeOpts);
  await app.register(editLinkRoutes, routeOpts);
  await app.register(publicationRoutes);
  await app.register(publicRoutes);
  await app.register(exportRoutes, routeOpts);
  await app.register(ratingsRoutes);
  await app.register(importRoutes, {
    maxFiles: opts.maxFiles,
    maxBytes: opts.importMaxBytes ?? 500 * 1024 * 1024,
  });
};
