import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, sessionRequired } from '../../../shared/schemas.ts';
import { registerNotices } from './used.notices.ts';
import { UsedQuery, UsedTokenParams, UsedView } from './used.schemas.ts';
import * as svc from './used.service.ts';

// The edit token in the path is the credential: Fastify logs each request's URL at `info`, so this
// route logs from `warn` up and no token lands in the logs (as the edit-link routes).
const quiet = 'warn' as const;

/**
 * "How your input was used" (issue 14 story 7): the respondent's view through the edit link, the
 * participant's through their session, and the sweep that tells them by mail once the report is out.
 */
export const usedRoutes: FastifyPluginAsyncZod<{ publicUrl: string; smtpConfigured: boolean }> = async (app, opts) => {
  app.get(
    '/api/responses/by-token/:token/used',
    {
      logLevel: quiet,
      schema: {
        tags: ['reports'],
        summary:
          'How your response was used in the published høringsnotat (themes, quotes, the agency’s answers); 404 before publication',
        params: UsedTokenParams,
        response: { 200: UsedView, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.usedByEditToken(app.db, req.params.token),
  );

  app.get(
    '/api/me/used',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['reports'],
        summary: 'How your comments in a consultation were used in its published høringsnotat; 404 before publication',
        security: sessionRequired,
        querystring: UsedQuery,
        response: { 200: UsedView, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.usedForParticipant(app.db, req.actor!, req.query.consultation),
  );

  await registerNotices(app, {
    baseUrl: opts.publicUrl,
    mailStatus: opts.smtpConfigured ? 'pending' : 'outboxed',
  });
};
