import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Db, DbHandle } from '../db/database.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    dbKind: DbHandle['kind'];
  }
}

/** Exposes the Kysely instance; the handle's owner (server.ts or a test) closes it. */
export const dbPlugin = fp(
  async function db(app: FastifyInstance, opts: { handle: DbHandle }) {
    app.decorate('db', opts.handle.db);
    app.decorate('dbKind', opts.handle.kind);
  },
  { name: 'db' },
);
