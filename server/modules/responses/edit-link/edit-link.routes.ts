import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../../shared/schemas.ts';
import { EditBody, EditReceipt, OwnResponse, TokenParams, Withdrawal } from '../responses.schemas.ts';
import * as svc from './edit-link.service.ts';
import { type ResponsesRouteOptions, requestInfo } from '../responses.http.ts';

// The token in the path is the credential; a session, when present, only names the actor in the audit log.
// Fastify logs each request's URL at `info`; these routes log from `warn` up, so no edit token lands in the logs.
const quiet = 'warn' as const;
const optionalSession: Record<string, string[]>[] = [{}, { session: [] }];

/** The respondent's private edit link: the token is the only credential (no account). */
export const byTokenRoutes: FastifyPluginAsyncZod<ResponsesRouteOptions> = async (app, opts) => {
  app.get(
    '/api/responses/by-token/:token',
    {
      logLevel: quiet,
      schema: {
        tags: ['responses'],
        summary: 'Read your own response with its edit token (also after the deadline, read-only)',
        params: TokenParams,
        response: { 200: OwnResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.getOwnResponse(opts.ctx(), req.params.token),
  );

  app.patch(
    '/api/responses/by-token/:token',
    {
      logLevel: quiet,
      config: { rateLimit: { max: opts.submitPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['responses'],
        summary: 'Replace your response with a new version until the deadline; the receipt is re-issued by e-mail',
        security: optionalSession,
        params: TokenParams,
        body: EditBody,
        response: { 200: EditReceipt, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody, 429: ErrorBody },
      },
    },
    async (req) => svc.editOwnResponse(opts.ctx(), req.actor, req.params.token, req.body, requestInfo(req, opts)),
  );

  app.delete(
    '/api/responses/by-token/:token',
    {
      logLevel: quiet,
      schema: {
        tags: ['responses'],
        summary: 'Withdraw your response until the deadline (final; repeating it is harmless)',
        security: optionalSession,
        params: TokenParams,
        response: { 200: Withdrawal, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => svc.withdrawOwnResponse(opts.ctx(), req.actor, req.params.token),
  );
};
