import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../shared/schemas.ts';
import {
  Accepted,
  Activity,
  AdminProfileBody,
  ConfirmBody,
  Confirmed,
  Profile,
  RegisterBody,
  ResetConfirmBody,
  ResetRequestBody,
  UpdateMyProfileBody,
  UserIdParams,
} from './participants.schemas.ts';
import * as profile from './participants.profile.ts';
import * as svc from './participants.service.ts';

const security = [{ session: [] }];
// Public mutations declare an explicitly empty requirement, so every mutation states its security.

/**
 * Participant self-service (issue #5 story 1). Registration, confirmation and reset are rate-limited
 * per client address with the sign-in limit (RATE_LIMIT_LOGIN_PER_MINUTE).
 */
export const participantsRoutes: FastifyPluginAsyncZod<{ publicUrl: string; perMinute: number }> = async (
  app,
  opts,
) => {
  const rateLimit = { max: opts.perMinute, timeWindow: '1 minute' };
  // A reset is done after its answer (participants.service.ts): closing waits for those under way.
  app.addHook('onClose', async () => svc.passwordResetsSettled());
  // Mailed links are built from PUBLIC_URL only, never from the request's Host (issue 10 item 2).
  const mailContext: svc.MailContext = { baseUrl: opts.publicUrl };
  const mail = (_req: FastifyRequest): svc.MailContext => mailContext;

  app.post(
    '/api/participants/register',
    {
      config: { rateLimit },
      preValidation: app.accountLimit(
        'register',
        opts.perMinute,
        (req) => (req.body as { email?: unknown } | undefined)?.email,
      ),
      schema: {
        tags: ['participants'],
        summary:
          'Register as a participant; a confirmation link is mailed (always 202, whether or not the address is known)',
        security: [],
        body: RegisterBody,
        response: { 202: Accepted, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => reply.status(202).send(await svc.register(app.db, mail(req), req.body)),
  );

  app.post(
    '/api/participants/confirm',
    {
      config: { rateLimit },
      schema: {
        tags: ['participants'],
        summary: 'Confirm the e-mail address with the token from the mailed link',
        security: [],
        body: ConfirmBody,
        response: { 200: Confirmed, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req) => svc.confirmEmail(app.db, req.body.token),
  );

  app.post(
    '/api/participants/password-reset/request',
    {
      config: { rateLimit },
      preValidation: app.accountLimit(
        'reset',
        opts.perMinute,
        (req) => (req.body as { email?: unknown } | undefined)?.email,
      ),
      schema: {
        tags: ['participants'],
        summary: 'Ask for a password-reset link by e-mail (always 202, at once; the mail follows)',
        security: [],
        body: ResetRequestBody,
        response: { 202: Accepted, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => reply.status(202).send(svc.queuePasswordReset(app.db, mail(req), req.body.email, req.log)),
  );

  app.post(
    '/api/participants/password-reset/confirm',
    {
      config: { rateLimit },
      schema: {
        tags: ['participants'],
        summary: 'Set a new password with the token from the mailed link; ends every session of the account',
        security: [],
        body: ResetConfirmBody,
        response: { 200: Confirmed, 400: ErrorBody, 429: ErrorBody },
      },
    },
    async (req) => svc.resetPassword(app.db, req.body),
  );

  app.get(
    '/api/me/profile',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['participants'],
        summary: 'Your profile, with the stakeholder segment your ballots count in',
        security,
        response: { 200: Profile, 401: ErrorBody },
      },
    },
    async (req) => profile.getMyProfile(app.db, req.actor),
  );

  app.patch(
    '/api/me/profile',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['participants'],
        summary: 'Change your name, language or segment (acting as, organisation); `invited` follows the høringsliste',
        security,
        body: UpdateMyProfileBody,
        response: { 200: Profile, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => profile.updateMyProfile(app.db, req.actor, req.body),
  );

  app.get(
    '/api/me/activity',
    {
      onRequest: app.requireAuth,
      schema: {
        tags: ['participants'],
        summary: 'Your own comments and ballots across consultations',
        security,
        response: { 200: Activity, 401: ErrorBody },
      },
    },
    async (req) => profile.getActivity(app.db, req.actor),
  );

  app.get(
    '/api/participants/:id/profile',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['participants'],
        summary: "Read a person's profile and segment (admin)",
        security,
        params: UserIdParams,
        response: { 200: Profile, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => profile.getProfile(app.db, req.actor, req.params.id),
  );

  app.patch(
    '/api/participants/:id/profile',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['participants'],
        summary: "Set a person's segment: acting as and organisation (admin); invited follows the høringsliste",
        security,
        params: UserIdParams,
        body: AdminProfileBody,
        response: { 200: Profile, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => profile.updateProfile(app.db, req.actor, req.params.id, req.body),
  );
};
