import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, optionalSession, page } from '../../shared/schemas.ts';
import { AppError } from '../../shared/errors.ts';
import {
  Account,
  AccountListQuery,
  CreateAccountBody,
  LoginBody,
  Me,
  RecoveryCodes,
  SecondFactorCode,
  SecondFactorStart,
  SecondFactorStatus,
  UpdateAccountBody,
} from './accounts.schemas.ts';
import * as totp from './accounts.totp.ts';
import * as svc from './accounts.service.ts';

const IdParams = z.object({ id: z.uuid() });
const security = [{ session: [] }];

export const accountsRoutes: FastifyPluginAsyncZod<{
  ttlHours: number;
  secure: 'auto' | 'true' | 'false';
  loginPerMinute: number;
}> = async (app, opts) => {
  app.post(
    '/api/auth/login',
    {
      // Per client address (config.rateLimit) and per account named (preValidation), counted in PostgreSQL
      // so every instance shares them (issue 15 item 5).
      config: { rateLimit: { max: opts.loginPerMinute, timeWindow: '1 minute' } },
      preValidation: app.accountLimit(
        'login',
        opts.loginPerMinute,
        (req) => (req.body as { email?: unknown } | undefined)?.email,
      ),
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        // Public: declared as an explicitly empty requirement, so every mutation states its security.
        security: [],
        body: LoginBody,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const { token, actor, expiresAt } = await svc.login(app.db, req.body, opts.ttlHours, {
        ip: req.ip,
        previousToken: req.sessionToken,
      });
      const secure = opts.secure === 'auto' ? req.protocol === 'https' : opts.secure === 'true';
      void reply.setCookie(svc.SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        expires: expiresAt,
      });
      return { id: actor.id, email: actor.email, displayName: actor.displayName, roles: [...actor.roles] };
    },
  );

  // The account's own second factor (issue 15 item 3): status, enrolment, confirmation, turning it off.
  app.get(
    '/api/me/second-factor',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['auth'],
        summary: 'Whether a second factor (TOTP) is on for your account, and recovery codes left',
        security,
        response: { 200: SecondFactorStatus, 401: ErrorBody },
      },
    },
    async (req) => totp.totpStatus(app.db, req.actor!),
  );

  app.post(
    '/api/me/second-factor/start',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['auth'],
        summary: 'Start enrolling an authenticator app: a new secret, shown once (409 while one is on)',
        security,
        response: { 200: SecondFactorStart, 401: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => totp.startTotp(app.db, req.actor!),
  );

  app.post(
    '/api/me/second-factor/confirm',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['auth'],
        summary: 'Confirm the enrolment with a code from the app; answers ten recovery codes, shown once',
        security,
        body: SecondFactorCode,
        response: { 200: RecoveryCodes, 400: ErrorBody, 401: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => totp.confirmTotp(app.db, req.actor!, req.body.code),
  );

  app.post(
    '/api/me/second-factor/disable',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['auth'],
        summary: 'Turn the second factor off with a current code or a recovery code',
        security,
        body: SecondFactorCode,
        response: { 204: z.null().describe('Off'), 400: ErrorBody, 401: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      await totp.disableTotp(app.db, req.actor!, req.body.code);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out and end the session (a visitor without one gets 204 too)',
        security: optionalSession,
        response: { 204: z.null().describe('Signed out'), 403: ErrorBody },
      },
    },
    async (req, reply) => {
      await svc.logout(app.db, req.actor, req.sessionToken);
      void reply.clearCookie(svc.SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/me',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account',
        security,
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (req) => {
      const a = req.actor!;
      return { id: a.id, email: a.email, displayName: a.displayName, roles: [...a.roles] };
    },
  );

  // Who is signed in, for the client's shell: a signed-out visitor is a normal answer here, not an
  // error, so no anonymous page logs a failed request (issue 10 item 22). /api/auth/me keeps its 401.
  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in account, or null when signed out',
        // The session is optional here: anyone may ask.
        security: [{}, ...security],
        response: { 200: z.object({ account: Me.nullable() }) },
      },
    },
    async (req, reply) => {
      void reply.header('cache-control', 'no-store');
      const a = req.actor;
      return { account: a ? { id: a.id, email: a.email, displayName: a.displayName, roles: [...a.roles] } : null };
    },
  );

  app.get(
    '/api/accounts',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['accounts'],
        summary: 'List accounts (admin)',
        security,
        querystring: AccountListQuery,
        response: { 200: page(Account), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => svc.listAccounts(app.db, req.actor, req.query),
  );

  app.post(
    '/api/accounts',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['accounts'],
        summary: 'Create an account with roles (admin)',
        security,
        body: CreateAccountBody,
        response: { 201: Account, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createAccount(app.db, req.actor, req.body)),
  );

  app.get(
    '/api/accounts/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['accounts'],
        summary: 'Read an account (admin)',
        security,
        params: IdParams,
        response: { 200: Account, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => svc.getAccount(app.db, req.actor, req.params.id),
  );

  app.patch(
    '/api/accounts/:id',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['accounts'],
        summary: 'Change roles, name, language, password or disable an account (admin)',
        security,
        params: IdParams,
        body: UpdateAccountBody,
        response: { 200: Account, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody },
      },
    },
    async (req) => {
      if (req.actor!.id === req.params.id && req.body.disabled) {
        throw new AppError('RULE_VIOLATION', 'You cannot disable your own account');
      }
      return svc.updateAccount(app.db, req.actor, req.params.id, req.body);
    },
  );
};
