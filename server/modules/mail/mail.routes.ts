import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, page } from '../../shared/schemas.ts';
import { OutboxItem, OutboxQuery } from './mail.schemas.ts';
import { createMailRelay } from './mail.relay.ts';
import { listOutbox } from './mail.service.ts';
import { createMailTransport } from './mail.transport.ts';

export type MailPluginOptions = {
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Run this process's outbox relay (false on a web-only instance: JOBS_ENABLED=false). */
  relay: boolean;
  /** MAIL_POLL_MS: how often the relay looks for due mail when nothing kicked it. */
  pollMs: number;
};

/** The outbox for admins, and the outbox relay of this process (none when JOBS_ENABLED=false). */
export const mailRoutes: FastifyPluginAsyncZod<MailPluginOptions> = async (app, opts) => {
  const transport = createMailTransport(opts.smtpUrl);
  const relay = createMailRelay({
    db: app.db,
    transport,
    from: opts.mailFrom,
    log: app.log,
    intervalMs: opts.pollMs,
  });
  if (opts.relay) app.addHook('onReady', async () => relay.start());
  app.addHook('onClose', async () => {
    await relay.stop();
    transport?.close();
  });

  app.get(
    '/api/mail/outbox',
    {
      onRequest: app.requireRole('admin'),
      schema: {
        tags: ['mail'],
        summary:
          'Read the mail outbox, newest first (mails kept when no SMTP server is configured, and delivery status)',
        security: [{ session: [] }],
        querystring: OutboxQuery,
        response: { 200: page(OutboxItem), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => listOutbox(app.db, req.query),
  );
};
