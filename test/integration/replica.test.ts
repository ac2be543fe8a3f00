import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { DbHandle } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createIsolatedTestApp, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { factory, someIp, submission, TEXT_Q } from '../helpers/factory.ts';

// Issue 15 item 8: "public reads go to the replica when configured and never show a
// read-your-own-write anomaly to the person who just wrote (read after write goes to the primary)".
// The "replica" here is a second database that holds none of the primary's rows, so every answer
// says which database served it. (npm run test:cluster runs the same against a streaming replica.)

describe('reads from a replica, writes and own reads from the primary', () => {
  let t: TestApp;
  let replica: DbHandle;
  let app: FastifyInstance;
  let cast: Cast;

  beforeAll(async () => {
    t = await createIsolatedTestApp();
    // The replica: a migrated database of its own (PGlite in memory, or a scratch PostgreSQL database).
    const other = await createIsolatedTestApp();
    replica = { ...other.handle, close: other.close };
    await migrateToLatest(replica.db);
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      CLIENT_DIST: './no-client-in-tests',
      ANALYSIS_INDEX_MS: '0',
      JOBS_ENABLED: 'false',
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
      RATE_LIMIT_NAMESPACE: `replica-${randomUUID()}`,
      READ_AFTER_WRITE_SECONDS: '20',
    });
    app = await buildApp({ config, db: t.handle, readDb: replica });
    await app.ready();
    cast = await signInCast(t);
  });
  afterAll(async () => {
    await app.close();
    await replica.close();
    await t.close();
  });

  it('serves anonymous public reads from the replica, signed-in reads from the primary', async () => {
    const f = factory(t);
    const { consultation } = await f.newOpenConsultation(cast.admin, { questions: [TEXT_Q] });
    const anonymous = await app.inject({ url: `/api/consultations/${consultation.slug}` });
    expect(anonymous.statusCode).toBe(404); // the replica has not got it
    const staff = await app.inject({
      url: `/api/consultations/${consultation.slug}`,
      headers: { cookie: cast.admin.cookie },
    });
    expect(staff.statusCode).toBe(200);
    const list = await app.inject({ url: `/api/consultations/${consultation.id}/scenarios` });
    expect(list.statusCode).toBe(404);
  });

  it('sends a browser that just wrote to the primary for its reads, on any instance', async () => {
    const f = factory(t);
    const { consultation, questions } = await f.newOpenConsultation(cast.admin, { questions: [TEXT_Q] });
    const submitted = await app.inject({
      method: 'POST',
      url: `/api/consultations/${consultation.id}/responses`,
      remoteAddress: someIp(),
      headers: { 'idempotency-key': randomUUID() },
      payload: submission(questions),
    });
    expect(submitted.statusCode).toBe(201);
    const set = String(submitted.headers['set-cookie']);
    expect(set).toMatch(/samraad_wrote=1/);
    expect(set).toMatch(/Max-Age=20/);
    expect(set).toMatch(/HttpOnly/);
    const wrote = set.split(';')[0]!;
    const own = await app.inject({ url: `/api/consultations/${consultation.id}`, headers: { cookie: wrote } });
    expect(own.statusCode).toBe(200);
    // A failed write sets nothing.
    const refused = await app.inject({
      method: 'POST',
      url: `/api/consultations/${consultation.id}/responses`,
      remoteAddress: someIp(),
      headers: { 'idempotency-key': randomUUID() },
      payload: { nothing: true },
    });
    expect(refused.statusCode).toBe(400);
    expect(String(refused.headers['set-cookie'] ?? '')).not.toMatch(/samraad_wrote/);
  });
});

describe('without a replica', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createIsolatedTestApp();
  });
  afterAll(async () => t.close());

  it('reads everything from the primary and sets no read-after-write cookie', async () => {
    const cast = await signInCast(t);
    const f = factory(t);
    const { consultation } = await f.newOpenConsultation(cast.admin, { questions: [TEXT_Q] });
    expect((await t.app.inject({ url: `/api/consultations/${consultation.slug}` })).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(String(res.headers['set-cookie'] ?? '')).not.toMatch(/samraad_wrote/);
  });
});
