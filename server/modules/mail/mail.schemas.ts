import { z } from 'zod';

/** Contracts of the mail outbox (issue 4: "kept in a database outbox that admins can read"). Imports only zod. */
export const MailStatus = z
  .enum(['pending', 'sent', 'outboxed', 'failed'])
  .describe(
    'pending: queued · sent: handed to SMTP · outboxed: no SMTP configured, kept here · failed: SMTP refused (retried with growing delays, attempts counted)',
  );

export const OutboxItem = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid().nullable(),
    responseId: z.uuid().nullable(),
    kind: z.string(),
    locale: z.enum(['da', 'en']),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    status: MailStatus,
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .describe('A mail in the outbox');
export type OutboxItem = z.infer<typeof OutboxItem>;

export const OutboxQuery = z.object({
  status: MailStatus.optional(),
  to: z.email().max(320).optional().describe('Exact recipient address'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type OutboxQuery = z.infer<typeof OutboxQuery>;
