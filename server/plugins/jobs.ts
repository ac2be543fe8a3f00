import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { DbHandle } from '../db/database.ts';
import { createJobQueue, type JobQueue } from '../modules/jobs/jobs.queue.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
  }
}

/**
 * The job queue (pg-boss). Modules register workers in `onReady`-time hooks with `app.jobs.work`;
 * the queue starts when the app is ready and stops gracefully on close.
 * With JOBS_ENABLED=false the process only enqueues (a web-only instance; another runs the workers).
 */
export const jobsPlugin = fp(
  async function jobs(app: FastifyInstance, opts: { handle: DbHandle; enabled: boolean }) {
    const queue = createJobQueue(opts.handle, app.log, { workers: opts.enabled });
    app.decorate('jobs', queue);
    await queue.start();
    app.addHook('onClose', async () => {
      await queue.stop();
    });
  },
  { name: 'jobs', dependencies: ['db'] },
);
