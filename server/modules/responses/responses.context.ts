import type { Db } from '../../db/database.ts';
import type { TargetCache } from './submission/submission.target.ts';
import type { SubmissionWriter } from './submission/submission.writer.ts';

/** What the responses services need besides the actor and the input. */
export type ResponsesContext = {
  db: Db;
  /** This app's cache of what submissions are checked against (submission.target.ts). */
  targets: TargetCache;
  /** This app's group-commit writer of new submissions (submission.writer.ts). */
  writer: SubmissionWriter;
  /** config.uploadMaxFiles: attachments per response. */
  maxFiles: number;
  /** The outbox status a receipt is written with: 'pending' for the relay, 'outboxed' without SMTP. */
  mailStatus: 'pending' | 'outboxed';
  clock?: () => Date;
};

/** Per request: where links point (PUBLIC_URL, else the request's origin) and the Idempotency-Key. */
export type RequestInfo = { baseUrl: string; idempotencyKey?: string | undefined };

export const now = (ctx: ResponsesContext): Date => (ctx.clock ?? (() => new Date()))();
