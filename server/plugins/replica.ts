import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The database a public read should use: the read replica for an anonymous visitor who has not
     * just written, else the primary (issue 15 item 8: read after write goes to the primary).
     */
    readDb: Db;
  }
}

/** Set after a successful write; while it lives, this browser's reads go to the primary. */
export const WROTE_COOKIE = 'samraad_wrote';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Read replicas for public reads. Only anonymous GETs go to the replica: a signed-in person (staff
 * editing, a participant commenting) always reads the primary, and so does a browser that wrote in
 * the last READ_AFTER_WRITE_SECONDS (a short-lived cookie set on every successful write, so any
 * instance behind the load balancer knows), so nobody misses their own write to replication lag.
 * Without a replica every read uses the primary.
 */
export const replicaPlugin = fp(
  async function replica(
    app: FastifyInstance,
    opts: { replica: Db | undefined; readAfterWriteSeconds: number; secure: 'auto' | 'true' | 'false' },
  ) {
    const replicaDb = opts.replica;
    app.decorateRequest('readDb', null as unknown as Db);
    app.addHook('onRequest', async (req: FastifyRequest) => {
      req.readDb =
        replicaDb && (req.method === 'GET' || req.method === 'HEAD') && !req.actor && !req.cookies[WROTE_COOKIE]
          ? replicaDb
          : app.db;
    });
    if (!replicaDb || opts.readAfterWriteSeconds === 0) return;
    app.addHook('onSend', async (req, reply) => {
      if (!UNSAFE.has(req.method) || reply.statusCode >= 300) return;
      const secure = opts.secure === 'auto' ? req.protocol === 'https' : opts.secure === 'true';
      void reply.setCookie(WROTE_COOKIE, '1', {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: opts.readAfterWriteSeconds,
      });
    });
  },
  { name: 'replica', dependencies: ['db', 'auth'] },
);
