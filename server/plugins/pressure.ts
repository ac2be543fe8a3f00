import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import underPressure from '@fastify/under-pressure';
import { AppError } from '../shared/errors.ts';

export type PressureOptions = {
  /** Shed when the event loop's mean delay over the last sample passes this many ms (0: never). */
  maxEventLoopDelayMs: number;
  /** Shed when more than this many queries wait for a database connection (0: never). */
  maxDbQueue: number;
  /** Seconds a shed client is asked to wait (Retry-After). */
  retryAfterS: number;
  /** The database pool's queue length now; undefined on the embedded database (no pool). */
  dbQueue: (() => number) | undefined;
};

/** Sampled this often: a burst is noticed, and its end too, within a tenth of a second. */
const SAMPLE_MS = 100;

/**
 * Load shedding (issue 15 item 6): when the event loop falls behind or the database pool's queue
 * grows past its limit, every request but the health check gets 503 UNAVAILABLE with Retry-After at
 * once, instead of queueing without bound until every client times out. @fastify/under-pressure
 * samples the event loop's delay; its health check reads the pool's queue on the same beat. The
 * client's forms keep their draft and retry after the time given (client/src/api).
 */
export const pressurePlugin = fp(
  async function pressure(app: FastifyInstance, opts: PressureOptions) {
    const { dbQueue } = opts;
    const watchQueue = opts.maxDbQueue > 0 && dbQueue !== undefined;
    if (opts.maxEventLoopDelayMs <= 0 && !watchQueue) return;
    await app.register(underPressure, {
      sampleInterval: SAMPLE_MS,
      ...(opts.maxEventLoopDelayMs > 0 ? { maxEventLoopDelay: opts.maxEventLoopDelayMs } : {}),
      ...(watchQueue ? { healthCheck: async () => dbQueue() <= opts.maxDbQueue, healthCheckInterval: SAMPLE_MS } : {}),
      retryAfter: opts.retryAfterS,
      pressureHandler: (req, reply, type, value) => {
        // The load balancer's probe still learns that the instance is alive (and how it is doing).
        if (req.url.startsWith('/api/health')) return undefined;
        req.log.warn({ type, value }, 'load shed');
        void reply.header('retry-after', String(opts.retryAfterS));
        return Promise.reject(
          new AppError('UNAVAILABLE', 'The service is busy; try again shortly', { reason: 'overloaded' }),
        );
      },
    });
  },
  { name: 'pressure' },
);
