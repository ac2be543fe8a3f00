import type { Db } from '../../db/database.ts';
import type { JobQueue } from '../jobs/jobs.queue.ts';

/** What the responses services need besides the actor and the input. */
export type ResponsesContext = {
  db: Db;
  jobs: Pick<JobQueue, 'send'>;
  /** config.uploadMaxFiles: attachments per response. */
  maxFiles: number;
  clock?: () => Date;
};

/** Per request: where links point (PUBLIC_URL, else the request's origin) and the Idempotency-Key. */
export type RequestInfo = { baseUrl: string; idempotencyKey?: string | undefined };

export const now = (ctx: ResponsesContext): Date => (ctx.clock ?? (() => new Date()))();
