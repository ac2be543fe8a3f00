import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, optionalSession } from '../../../shared/schemas.ts';
import { z } from 'zod';
import { fileDownloadResponse, sendDownload } from '../../files/files.routes.ts';
import { EditBody, EditReceipt, OwnResponse, TokenParams, Withdrawal } from '../responses.schemas.ts';
import * as svc from './edit-link.service.ts';
import { type ResponsesRouteOptions, requestInfo } from '../responses.http.ts';

// The token in the path is the credential; the audit log records what is done with it as the
// respondent's own, whoever's session cookie the browser also sends (issue 10 item 1).
// Fastify logs each request's URL at `info`; these routes log from `warn` up, so no edit token lands in the logs.
const quiet = 'warn' as const;

/** The respondent's private edit link: the token is the only credential (no account). */
export const editLinkRoutes: FastifyPluginAsyncZod<ResponsesRouteOptions> = async (app, opts) => {
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
    async (req) => svc.getOwnResponse(app.db, req.params.token),
  );

  // PUT, not PATCH: the body is the whole response as it should now read (issue 10 item 12).
  app.put(
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
    async (req) => svc.editOwnResponse(app.db, req.params.token, req.body, requestInfo(req, opts), opts),
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
    async (req) => svc.withdrawOwnResponse(app.db, req.params.token),
  );

  app.get(
    '/api/responses/by-token/:token/attachments/:attachmentId',
    {
      logLevel: quiet,
      schema: {
        tags: ['responses'],
        summary: 'Download a file of your own response with its edit token (whether or not it is published)',
        params: TokenParams.extend({ attachmentId: z.uuid() }),
        response: { 200: fileDownloadResponse, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        await svc.downloadOwnAttachment(app.db, app.blobStore, req.params.token, req.params.attachmentId),
      ),
  );
};
