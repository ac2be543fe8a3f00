import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../shared/schemas.ts';
import * as list from './parties.list.ts';
import * as matching from './parties.matching.ts';
import {
  AddResult,
  AddToListBody,
  Board,
  BoardQuery,
  EntryParams,
  InviteBody,
  InviteResult,
  LinkBody,
  ListEntry,
  ListParams,
  MatchBody,
  MatchList,
  Settings,
  SettingsBody,
} from './parties.schemas.ts';

const tags = ['parties'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;
const changeErrors = { ...errors, 409: ErrorBody } as const;

/**
 * A consultation's høringsliste (issue 13 story 3): admins manage the list and its mail; analysts
 * also read the status board, record "no comments", link letters and decide match proposals.
 */
export const listRoutes: FastifyPluginAsyncZod<list.ListContext> = async (app, ctx) => {
  const admin = app.requireRole('admin');
  const staff = app.requireRole('admin', 'analyst');

  app.get(
    '/api/consultations/:id/parties',
    {
      onRequest: staff,
      schema: {
        tags,
        summary:
          'The status board of the consultation’s høringsliste: per party invited, reminded, responded, no comments, no reply',
        description:
          'No read or open tracking of any kind. The counts are over the whole list; the filter narrows the items.',
        security,
        params: ListParams,
        querystring: BoardQuery,
        response: { 200: Board, ...errors },
      },
    },
    async (req) => list.getBoard(ctx, req.actor, req.params.id, req.query),
  );

  app.post(
    '/api/consultations/:id/parties',
    {
      onRequest: admin,
      schema: {
        tags,
        summary:
          'Put parties on the list: from the directory by id, or every party of some kinds ("all municipalities")',
        security,
        params: ListParams,
        body: AddToListBody,
        response: { 200: AddResult, ...errors },
      },
    },
    async (req) => list.addToList(ctx, req.actor, req.params.id, req.body),
  );

  app.put(
    '/api/consultations/:id/parties/settings',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'How many days before the deadline the reminder goes out (null: the default)',
        security,
        params: ListParams,
        body: SettingsBody,
        response: { 200: Settings, ...errors },
      },
    },
    async (req) => list.setReminderDays(ctx, req.actor, req.params.id, req.body.reminderDays),
  );

  app.post(
    '/api/consultations/:id/parties/invitations',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Send the invitations: each party a mail in its language with the deadline and its personal links',
        description:
          'Without partyIds every party not yet invited; with them, those parties (again, with new links). The ' +
          'links are never shown to staff: only their hashes are kept, and the outbox masks them.',
        security,
        params: ListParams,
        body: InviteBody,
        response: { 200: InviteResult, ...changeErrors },
      },
    },
    async (req) => list.invite(ctx, req.actor, req.params.id, req.body.partyIds),
  );

  app.delete(
    '/api/consultations/:id/parties/:partyId',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Take a party off the list (its personal links stop working)',
        security,
        params: EntryParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await list.removeFromList(ctx, req.actor, req.params.id, req.params.partyId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/consultations/:id/parties/:partyId/no-comments',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Record that the party has no comments (ingen bemærkninger)',
        security,
        params: EntryParams,
        response: { 200: ListEntry, ...changeErrors },
      },
    },
    async (req) => list.recordNoComments(ctx, req.actor, req.params.id, req.params.partyId),
  );

  app.post(
    '/api/consultations/:id/parties/:partyId/response',
    {
      onRequest: staff,
      schema: {
        tags,
        summary:
          'Link a response to the party (e.g. a letter registered by staff; after the deadline it is marked late)',
        security,
        params: EntryParams,
        body: LinkBody,
        response: { 200: ListEntry, ...changeErrors },
      },
    },
    async (req) => list.linkResponse(ctx, req.actor, req.params.id, req.params.partyId, req.body.responseId),
  );

  app.get(
    '/api/consultations/:id/party-matches',
    {
      onRequest: staff,
      schema: {
        tags,
        summary: 'Proposed matches: responses that may be a listed party’s, by CVR or e-mail domain (not webmail)',
        security,
        params: ListParams,
        response: { 200: MatchList, ...errors },
      },
    },
    async (req) => matching.listProposals(ctx, req.actor, req.params.id),
  );

  for (const [path, summary, decide] of [
    [
      'confirm',
      'Confirm a proposed match: the response is linked to the party and becomes invited',
      matching.confirmMatch,
    ],
    ['reject', 'Reject a proposed match (it is not proposed again)', matching.rejectMatch],
  ] as const) {
    app.post(
      `/api/consultations/:id/party-matches/${path}`,
      {
        onRequest: staff,
        schema: {
          tags,
          summary,
          security,
          params: ListParams,
          body: MatchBody,
          response: { 200: MatchList, ...changeErrors },
        },
      },
      async (req) => decide(ctx, req.actor, req.params.id, req.body),
    );
  }
};
