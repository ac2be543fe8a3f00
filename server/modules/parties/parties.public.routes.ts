import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, optionalSession } from '../../shared/schemas.ts';
import * as invitation from './parties.invitation.ts';
import { consultedParties, type ListContext } from './parties.list.ts';
import { ConsultedParties, Invitation, InvitationLinkBody, ListParams, TokenParams } from './parties.schemas.ts';

const tags = ['parties'];
// The token in the path is the party's credential: Fastify logs each request's URL at `info`, so
// these routes log from `warn` up and no personal link lands in the logs (as the edit link's routes).
const quiet = 'warn' as const;

/** What anyone may read (the consulted parties) and what a party does with its personal link. */
export const invitationRoutes: FastifyPluginAsyncZod<ListContext> = async (app, ctx) => {
  app.get(
    '/api/consultations/:id/consulted-parties',
    {
      schema: {
        tags,
        summary:
          'The consulted parties (høringsliste): names, kinds and whether each answered, as Høringsportalen shows',
        security: optionalSession,
        params: ListParams,
        response: { 200: ConsultedParties, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => consultedParties(ctx.db, req.actor, req.params.id),
  );

  app.get(
    '/api/invitations/:token',
    {
      logLevel: quiet,
      schema: {
        tags,
        summary:
          'What a personal link is for: the consultation, the party (to fill in the respond form) and its status',
        description: 'Reading changes nothing. 404 for any link that is not (or no longer) valid.',
        params: TokenParams,
        response: { 200: Invitation, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => invitation.readInvitation(ctx.db, req.params.token),
  );

  app.post(
    '/api/invitations/:token/no-comments',
    {
      logLevel: quiet,
      schema: {
        tags,
        summary: 'The party has no comments (ingen bemærkninger): recorded after the confirmation on the page',
        description:
          '409 CONFLICT once the party has responded; 409 CONSULTATION_CLOSED after the deadline. Repeating it is harmless.',
        security: optionalSession,
        params: TokenParams,
        response: { 200: Invitation, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => invitation.noCommentsByToken(ctx.db, req.params.token),
  );

  app.post(
    '/api/invitations/:token/response',
    {
      logLevel: quiet,
      schema: {
        tags,
        summary: 'Link the response just submitted through the personal link to the party (it becomes invited)',
        description:
          'The receipt’s edit token proves the response is the caller’s; 404 when either token does not fit.',
        security: optionalSession,
        params: TokenParams,
        body: InvitationLinkBody,
        response: { 200: Invitation, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => invitation.linkByToken(ctx.db, req.params.token, req.body),
  );
};
