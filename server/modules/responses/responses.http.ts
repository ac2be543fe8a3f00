import type { FastifyRequest } from 'fastify';
import type { MailStatus } from './responses.mail.ts';

export type ResponsesPluginOptions = {
  /** config.publicUrl: the origin of links in mails and exports; the request's origin when unset. */
  publicUrl: string | undefined;
  /** config.uploadMaxFiles. */
  maxFiles: number;
  /** Submissions and edits per IP and minute (default 30). */
  submitPerMinute?: number;
  /**
   * Whether this process delivers mail (SMTP_URL set). Without SMTP a receipt is written straight to
   * the outbox as kept for admins ('outboxed'), so the relay has nothing to do for it.
   */
  smtpConfigured?: boolean;
};

/** What the entry (responses.routes.ts) works out once and passes to each use case's routes. */
export type ResponsesRouteOptions = {
  publicUrl: string | undefined;
  maxFiles: number;
  submitPerMinute: number;
  mailStatus: MailStatus;
};

/** Per request: where links point (PUBLIC_URL, else the request's origin) and the Idempotency-Key. */
export type RequestInfo = { baseUrl: string; idempotencyKey?: string | undefined };

export function baseUrlOf(req: FastifyRequest, opts: { publicUrl: string | undefined }): string {
  return (opts.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');
}

export function requestInfo(req: FastifyRequest, opts: { publicUrl: string | undefined }): RequestInfo {
  const key = req.headers['idempotency-key'];
  return { baseUrl: baseUrlOf(req, opts), idempotencyKey: typeof key === 'string' ? key : undefined };
}
