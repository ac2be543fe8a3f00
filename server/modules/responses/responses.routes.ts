import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { byTokenRoutes } from './edit-link/edit-link.routes.ts';
import { publicRoutes } from './public/public.routes.ts';
import { publicationRoutes } from './publication/publication.routes.ts';
import type { ResponsesContext } from './responses.context.ts';
import type { ResponsesPluginOptions, ResponsesRouteOptions } from './responses.http.ts';
import { submissionRoutes } from './submission/submission.routes.ts';
import { createTargetCache } from './submission/submission.target.ts';
import { createSubmissionWriter } from './submission/submission.writer.ts';

export type { ResponsesPluginOptions } from './responses.http.ts';

/** Hearing responses (issue 4): submission, the edit link, the publication queue, the public view and export. */
export const responsesRoutes: FastifyPluginAsyncZod<ResponsesPluginOptions> = async (app, opts) => {
  const targets = createTargetCache();
  const writer = createSubmissionWriter(app.db);
  const mailStatus = opts.smtpConfigured === false ? 'outboxed' : 'pending';
  const ctx = (): ResponsesContext => ({ db: app.db, targets, writer, maxFiles: opts.maxFiles, mailStatus });
  const routeOpts: ResponsesRouteOptions = { ...opts, submitPerMinute: opts.submitPerMinute ?? 30, ctx };
  await app.register(submissionRoutes, routeOpts);
  await app.register(byTokenRoutes, routeOpts);
  await app.register(publicationRoutes, routeOpts);
  await app.register(publicRoutes, routeOpts);
};
