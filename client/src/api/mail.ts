import type { z } from 'zod';
import type {
  MailStatus as MailStatusSchema,
  OutboxItem as OutboxItemSchema,
} from '../../../server/modules/mail/mail.schemas.ts';
import { request } from './http.ts';
import type { Page } from './types.ts';

export type OutboxItem = z.infer<typeof OutboxItemSchema>;
export type MailStatus = z.infer<typeof MailStatusSchema>;
export const MAIL_STATUSES: readonly MailStatus[] = ['pending', 'sent', 'outboxed', 'failed'];

export const listOutbox = (q: { status?: MailStatus; to?: string; cursor?: string | null }, signal?: AbortSignal) =>
  request<Page<OutboxItem>>('/api/mail/outbox', { query: q, signal });
