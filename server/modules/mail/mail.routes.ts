import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBody, page } from '../../shared/schemas.ts';
import { OutboxItem, OutboxQuery } from './mail.schemas.ts';
import { deliverMail, listOutbox, MAIL_JOB } from './mail.service.ts';
import { createMailTransport } from './mail.transport.ts';

export type MailPluginOptions = { smtpUrl: string | undefined; mailFrom: string };

/** The outbox for admins, and the `mail.send` worker of this process (none when JOBS_ENABLED=false). */
export const mailRoutes: FastifyPluginAsyncZod<MailPluginOptions> = async (app, opts) => {
  const transport = createMailTransport(opts.smtpUrl);
  app.addHook('onReady', async () => {
    await app.jobs.work<unknown>(MAIL_JOB, (data) =>
      deliverMail({ db: app.db, transport, from: opts.mailFrom, log: app.log }, data),
    );
  });
  app.addHook('onClose', async () => transport?.close());

  app.get(
    '/api/mail/outbox',
    {
      preHandler: app.requireRole('admin'),
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
