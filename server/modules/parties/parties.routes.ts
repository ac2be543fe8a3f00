import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, sessionRequired as security } from '../../shared/schemas.ts';
import { listRoutes } from './parties.list.routes.ts';
import type { ListContext } from './parties.list.ts';
import { invitationRoutes } from './parties.public.routes.ts';
import { REMINDERS_CRON, REMINDERS_JOB, runReminders } from './parties.reminders.ts';
import {
  ImportBody,
  ImportPreview,
  ImportResult,
  Party,
  PartyInput,
  PartyList,
  PartyParams,
  PartyQuery,
} from './parties.schemas.ts';
import * as svc from './parties.service.ts';

export type PartiesRouteOptions = {
  publicUrl: string;
  smtpConfigured: boolean;
  /** PARTY_REMINDER_DAYS: days before the deadline, for consultations without a setting of their own. */
  reminderDays: number;
};

const tags = ['parties'];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody } as const;

/**
 * Consulted parties (issue 13 stories 2, 3 and 5): the directory (admins), each consultation's
 * høringsliste with invitations, reminders, matching and the status board, the personal links, and
 * the `parties.reminders` job on the instances that run workers.
 */
export const partiesRoutes: FastifyPluginAsyncZod<PartiesRouteOptions> = async (app, opts) => {
  const ctx: ListContext = {
    db: app.db,
    publicUrl: opts.publicUrl,
    mailStatus: opts.smtpConfigured ? 'pending' : 'outboxed',
    defaultReminderDays: opts.reminderDays,
  };
  app.addHook('onReady', async () => {
    await app.jobs.work<unknown>(REMINDERS_JOB, async () => {
      await runReminders({ ...ctx, log: app.log });
    });
    await app.jobs.schedule(REMINDERS_JOB, REMINDERS_CRON);
  });
  await app.register(listRoutes, ctx);
  await app.register(invitationRoutes, ctx);

  const admin = app.requireRole('admin');

  app.get(
    '/api/parties',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'The directory of parties (organisations consulted in hearings), by name',
        security,
        querystring: PartyQuery,
        response: { 200: PartyList, ...errors },
      },
    },
    async (req) => svc.listParties(app.db, req.actor, req.query),
  );

  app.post(
    '/api/parties',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Add a party to the directory',
        description:
          '409 CONFLICT with details.reason duplicate_cvr or duplicate_name (and details.partyId) when the CVR ' +
          'number or the normalised name is already in the directory: duplicates are reported, never merged.',
        security,
        body: PartyInput,
        response: { 201: Party, ...errors, 409: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createParty(app.db, req.actor, req.body)),
  );

  app.post(
    '/api/parties/import/preview',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Check a CSV of parties: every row with its errors (nothing is written)',
        description:
          'Columns by header: name, kind, cvr, emails (several separated by ";" or spaces), locale (da/en), note. ' +
          'Errors: missing or invalid values, the same CVR or name twice in the file or already in the directory.',
        security,
        body: ImportBody,
        response: { 200: ImportPreview, ...errors },
      },
    },
    async (req) => svc.previewImport(app.db, req.actor, req.body.csv),
  );

  app.post(
    '/api/parties/import',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Import a CSV of parties: every row in one transaction, or none (422 while any row has an error)',
        security,
        body: ImportBody,
        response: { 201: ImportResult, ...errors, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.commitImport(app.db, req.actor, req.body.csv)),
  );

  app.get(
    '/api/parties/:partyId',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'A party of the directory',
        security,
        params: PartyParams,
        response: { 200: Party, ...errors },
      },
    },
    async (req) => svc.getParty(app.db, req.actor, req.params.partyId),
  );

  app.put(
    '/api/parties/:partyId',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Change a party of the directory (the whole party as it should now read)',
        security,
        params: PartyParams,
        body: PartyInput,
        response: { 200: Party, ...errors, 409: ErrorBody },
      },
    },
    async (req) => svc.updateParty(app.db, req.actor, req.params.partyId, req.body),
  );

  app.delete(
    '/api/parties/:partyId',
    {
      onRequest: admin,
      schema: {
        tags,
        summary: 'Delete a party from the directory (409 while it is on a consultation’s list)',
        security,
        params: PartyParams,
        response: { 204: z.null(), ...errors, 409: ErrorBody },
      },
    },
    async (req, reply) => {
      await svc.deleteParty(app.db, req.actor, req.params.partyId);
      return reply.status(204).send(null);
    },
  );
};
