import { PgBoss, fromKysely, fromPglite, type WorkHandler } from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, DbHandle } from '../../db/database.ts';

/**
 * Background work queued in Postgres with pg-boss (STACK.md: runs unchanged on PostgreSQL and on
 * PGlite). Jobs are enqueued inside the caller's transaction (`send(…, { trx })`), so a job exists
 * if and only if the change that asked for it committed, and it survives a restart.
 */
export type JobQueue = {
  send: (name: string, data: object, opts?: { trx?: Db; retryLimit?: number; singletonKey?: string }) => Promise<void>;
  work: <T>(name: string, handler: (data: T) => Promise<void>, opts?: { batchSize?: number }) => Promise<void>;
  /** A recurring job (cron, UTC); pg-boss keeps one schedule per name across instances. */
  schedule: (name: string, cron: string) => Promise<void>;
  start: () => Promise<void>;
  stop: () => Promise<void>;
  /** Names of the queues created so far (send/work create them on demand). */
  readonly boss: PgBoss;
};

export function createJobQueue(
  handle: DbHandle,
  log: FastifyBaseLogger,
  opts: { workers: boolean } = { workers: true },
): JobQueue {
  const boss =
    handle.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(handle.pglite!), backend: 'pglite', useListenNotify: true } as never)
      : new PgBoss({ connectionString: handle.databaseUrl!, max: 3 });
  boss.on('error', (err: unknown) => log.error({ err }, 'job queue error'));
  const queues = new Set<string>();
  let started = false;

  async function ensureQueue(name: string) {
    if (queues.has(name)) return;
    await boss.createQueue(name);
    queues.add(name);
  }

  return {
    boss,
    async start() {
      if (started) return;
      await boss.start();
      started = true;
    },
    async stop() {
      if (!started) return;
      started = false;
      await boss.stop({ graceful: true, timeout: 5000 });
    },
    async send(name, data, opts = {}) {
      await ensureQueue(name);
      await boss.send(name, data, {
        retryLimit: opts.retryLimit ?? 5,
        retryBackoff: true,
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
        ...(opts.trx ? { db: fromKysely(opts.trx as never) } : {}),
      });
    },
    async schedule(name, cron) {
      await ensureQueue(name);
      if (!opts.workers) return;
      await boss.schedule(name, cron, {}, { tz: 'UTC' });
    },
    async work<T>(name: string, handler: (data: T) => Promise<void>, workOpts: { batchSize?: number } = {}) {
      await ensureQueue(name);
      if (!opts.workers) return;
      const h: WorkHandler<T> = async (jobs) => {
        for (const job of jobs) await handler(job.data);
      };
      await boss.work<T>(name, { batchSize: workOpts.batchSize ?? 10 }, h);
    },
  };
}
