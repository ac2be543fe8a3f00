import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { codebookRoutes } from './codebook/codebook.routes.ts';
import { codingsRoutes } from './codings/codings.routes.ts';
import { inboxRoutes } from './inbox/inbox.routes.ts';
import { themesRoutes } from './themes/themes.routes.ts';

/**
 * The analysis workspace (issue 11): the inbox, the codebook and the codings, registered by
 * `server/app.ts`. With `indexEveryMs` > 0 this instance also runs the inbox indexer.
 */
export const analysisRoutes: FastifyPluginAsyncZod<{ indexEveryMs: number }> = async (app, opts) => {
  await app.register(inboxRoutes, { indexEveryMs: opts.indexEveryMs });
  await app.register(codebookRoutes);
  await app.register(codingsRoutes);
  await app.register(themesRoutes);
};
