import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { codebookRoutes } from './codebook/codebook.routes.ts';
import { codingsRoutes } from './codings/codings.routes.ts';

/** The analysis workspace (issue 11): the codebook and the codings, registered by `server/app.ts`. */
export const analysisRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(codebookRoutes);
  await app.register(codingsRoutes);
};
