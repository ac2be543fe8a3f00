import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import type { MailStatus } from './responses.mail.ts';

export type ResponsesPluginOptions = {
  /** config.publicUrl: the origin of links in mails and exports, never the request's Host (issue 10 item 2). */
  publicUrl: string;
  /** config.uploadMaxFiles. */
  maxFiles: number;
  /** Submissions and edits per IP and minute (default 30). */
  submitPerMinute?: number;
  /**
   * Whether this process delivers mail (SMTP_URL set). Without SMTP a receipt is written straight to
   * the outbox as kept for admins ('outboxed'), so the relay has nothing to do for it.
   */
  smtpConfigured?: boolean;
  /** config.importMaxBytes: one bulk import upload, all its files together. */
  importMaxBytes?: number;
  /** A letter registered on behalf of a party on the list is linked to it (see LetterParty). */
  letterParty?: LetterParty;
};

/** Links a letter to a party on the høringsliste (the parties module's `letterParty`, given by server/app.ts). */
export type LetterParty = {
  check: (db: Db, actor: Actor | null, idOrSlug: string, partyId: string) => Promise<void>;
  link: (db: Db, actor: Actor | null, idOrSlug: string, partyId: string, responseId: string) => Promise<void>;
};

/** What the entry (responses.routes.ts) works out once and passes to each use case's routes. */
export type ResponsesRouteOptions = {
  publicUrl: string;
  letterParty?: LetterParty | undefined;
  maxFiles: number;
  submitPerMinute: number;
  mailStatus: MailStatus;
};

/** Per request: where links point (PUBLIC_URL, never the request's Host) and the Idempotency-Key. */
export type RequestInfo = { baseUrl: string; idempotencyKey?: string | undefined };

export function baseUrlOf(_req: FastifyRequest, opts: { publicUrl: string }): string {
  return opts.publicUrl.replace(/\/+$/, '');
}

export function requestInfo(req: FastifyRequest, opts: { publicUrl: string }): RequestInfo {
  const key = req.headers['idempotency-key'];
  return { baseUrl: baseUrlOf(req, opts), idempotencyKey: typeof key === 'string' ? key : undefined };
}
