import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { ErrorBody } from '../../shared/schemas.ts';
import { SESSION_COOKIE } from '../accounts/accounts.service.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { FLOW_COOKIE, FLOW_TTL_MS, safeReturnTo } from './identity.rules.ts';
import {
  Accepted,
  CallbackQuery,
  ConsultationIdParams,
  IdentityRule,
  LinkBody,
  Pending,
  PendingBody,
  ProviderParams,
  Providers,
  Redirect,
  StartQuery,
  VerifyBody,
  OwnVerificationBody,
  OwnVerification,
  ResponseIdParams,
  StaffVerification,
} from './identity.schemas.ts';
import { Identity, minLoaOf, ownVerification, responseVerification, STAFF_PROVIDER } from './identity.service.ts';

const security = [{ session: [] }];

/**
 * MitID through OpenID Connect brokers and staff single sign-on (issue 15). A flow starts here with
 * a redirect to the provider and ends at /api/identity/callback/:provider, which signs in (a
 * session made by the accounts service), records a response's verification, or asks a first MitID
 * sign-in for its e-mail address.
 */
export const identityRoutes: FastifyPluginAsyncZod<{
  config: Config;
  publicUrl: string;
  perMinute: number;
}> = async (app, opts) => {
  const identity = new Identity(opts.config, opts.publicUrl);
  const mail = { baseUrl: opts.publicUrl };
  const rateLimit = { max: opts.perMinute, timeWindow: '1 minute' };
  const secure = (req: FastifyRequest) =>
    opts.config.cookieSecure === 'auto' ? req.protocol === 'https' : opts.config.cookieSecure === 'true';
  // Lax: the provider's redirect back is a top-level GET, which carries a Lax cookie.
  const setFlowCookie = (req: FastifyRequest, reply: FastifyReply, state: string) =>
    reply.setCookie(FLOW_COOKIE, state, {
      path: '/api/identity/callback',
      httpOnly: true,
      sameSite: 'lax',
      secure: secure(req),
      maxAge: FLOW_TTL_MS / 1000,
    });

  app.get(
    '/api/identity/providers',
    {
      schema: {
        tags: ['identity'],
        summary: 'The MitID brokers and staff single sign-on this deployment offers',
        security: [],
        response: { 200: Providers },
      },
    },
    async () => identity.providers(),
  );

  app.get(
    '/api/identity/login/:provider',
    {
      config: { rateLimit },
      schema: {
        tags: ['identity'],
        summary: 'Sign in with MitID (a broker) or staff single sign-on ("staff"): redirects to the provider',
        security: [],
        params: ProviderParams,
        querystring: StartQuery,
        response: {
          302: z.null().describe('Redirect to the provider'),
          400: ErrorBody,
          404: ErrorBody,
          503: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      const p = req.params.provider;
      const { url, state } = await identity.start(app.db, {
        provider: p,
        purpose: p === STAFF_PROVIDER ? 'staff' : 'login',
        returnTo: safeReturnTo(req.query.returnTo),
        locale: req.query.locale,
      });
      setFlowCookie(req, reply, state);
      return reply.redirect(url, 302);
    },
  );

  app.post(
    '/api/identity/verify',
    {
      config: { rateLimit },
      schema: {
        tags: ['identity'],
        summary: 'Verify a response (reached with its edit token) with MitID: answers where to send the browser',
        security: [],
        body: VerifyBody,
        response: { 200: Redirect, 400: ErrorBody, 404: ErrorBody, 422: ErrorBody, 503: ErrorBody },
      },
    },
    async (req, reply) => {
      const { url, state } = await identity.startVerification(app.db, {
        provider: req.body.provider,
        editToken: req.body.token,
        returnTo: safeReturnTo(req.body.returnTo, '/responses/edit'),
        locale: req.body.locale,
      });
      setFlowCookie(req, reply, state);
      return { url };
    },
  );

  app.get(
    '/api/identity/callback/:provider',
    {
      schema: {
        tags: ['identity'],
        summary: "The provider's redirect back (authorization code): signs in or records a verification",
        security: [],
        params: ProviderParams,
        querystring: CallbackQuery,
        response: { 302: z.null().describe('Redirect to the page the flow ends on'), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      const url = new URL(req.url, `${opts.publicUrl}/`);
      const out = await identity.callback(app.db, {
        provider: req.params.provider,
        url: new URL(`${opts.publicUrl}/api/identity/callback/${req.params.provider}${url.search}`),
        cookieState: req.cookies[FLOW_COOKIE],
        previousToken: req.sessionToken,
        ip: req.ip,
      });
      void reply.clearCookie(FLOW_COOKIE, { path: '/api/identity/callback' });
      if (out.session) {
        void reply.setCookie(SESSION_COOKIE, out.session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: secure(req),
          expires: out.session.expiresAt,
        });
      }
      return reply.redirect(out.redirect, 302);
    },
  );

  app.post(
    '/api/identity/pending',
    {
      config: { rateLimit },
      schema: {
        tags: ['identity'],
        summary: 'A first MitID sign-in waiting for its e-mail address: the name the broker gave',
        security: [],
        body: PendingBody,
        response: { 200: Pending, 400: ErrorBody },
      },
    },
    async (req) => identity.pendingOf(app.db, req.body.token),
  );

  app.post(
    '/api/identity/link',
    {
      config: { rateLimit },
      schema: {
        tags: ['identity'],
        summary:
          'Link a first MitID sign-in to an e-mail address: a confirmation link is mailed (202 whatever the address)',
        security: [],
        body: LinkBody,
        response: { 202: Accepted, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      await identity.requestLink(app.db, mail, req.body);
      return reply.status(202).send({ status: 'accepted' as const });
    },
  );

  app.get(
    '/api/consultations/:id/identity-rule',
    {
      schema: {
        tags: ['identity'],
        summary: 'The lowest MitID assurance level a verified response needs in this consultation',
        security: [],
        params: ConsultationIdParams,
        response: { 200: IdentityRule, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const c = await requireReadableConsultation(app.db, req.actor, req.params.id);
      return { minLoa: await minLoaOf(app.db, c.id) };
    },
  );

  app.put(
    '/api/consultations/:id/identity-rule',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['identity'],
        summary: 'Set the lowest MitID assurance level for verification (admin); null for none',
        security,
        params: ConsultationIdParams,
        body: IdentityRule,
        response: { 200: IdentityRule, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const c = await requireReadableConsultation(app.db, req.actor, req.params.id);
      return identity.setMinLoa(app.db, req.actor, c.id, req.body.minLoa);
    },
  );

  app.post(
    '/api/identity/verification',
    {
      config: { rateLimit },
      schema: {
        tags: ['identity'],
        summary: "The respondent's own response's MitID verification (read with the edit token)",
        security: [],
        body: OwnVerificationBody,
        response: { 200: OwnVerification, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => ownVerification(app.db, req.body.token),
  );

  app.get(
    '/api/responses/:id/verification',
    {
      onRequest: app.requireRole('admin', 'analyst'),
      schema: {
        tags: ['identity'],
        summary: "A response's MitID verification (staff)",
        security,
        params: ResponseIdParams,
        response: { 200: StaffVerification, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => responseVerification(app.db, req.actor, req.params.id),
  );
};
