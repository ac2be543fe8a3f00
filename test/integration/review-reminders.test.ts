import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Db } from '../../server/db/database.ts';
import { REMINDER_JOB, sweepReminders } from '../../server/modules/reviews/rounds/reminders.job.ts';
import { startSmtp } from '../helpers/smtp.ts';
import { call, createIsolatedTestApp, signedInUser, type TestApp, type TestUser } from '../helpers/app.ts';
import { DAY_MS, makeOpenConsultation, waitFor } from '../helpers/factory.ts';

// Issue 14 story 3: reviewers who have not signed off every scenario get one reminder mail a set
// number of days before the due date, through the outbox and a real SMTP server; a run cut short by
// a restart, and a second run, send nothing twice. The app has a database of its own (see mail.test.ts).

const ENV = (port: number) => ({
  SMTP_URL: `smtp://127.0.0.1:${port}`,
  PUBLIC_URL: 'https://samraad.example',
  MAIL_FROM: 'Samråd <noreply@samraad.example>',
  MAIL_POLL_MS: '100',
  REVIEW_REMINDER_DAYS: '3',
});

describe('review reminders', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let app: FastifyInstance;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createIsolatedTestApp(ENV(smtp.port));
    app = t.app;
  });
  afterAll(async () => {
    if (app !== t.app) await app.close();
    await t.close();
    await smtp.close();
  });

  /** The app stops and a new one starts on the same database, as a restarted process would. */
  async function restart() {
    await app.close();
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      CLIENT_DIST: './no-client-in-tests',
      RATE_LIMIT_NAMESPACE: `test-${randomUUID()}`,
      LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
      LOAD_SHED_DB_QUEUE: '0',
      ANALYSIS_INDEX_MS: '0',
      ...ENV(smtp.port),
    });
    app = await buildApp({ config, db: t.handle });
    await app.ready();
  }

  it('is scheduled with pg-boss', async () => {
    const schedules = await t.app.jobs.boss.getSchedules();
    expect(schedules.map((s: { name: string }) => s.name)).toContain(REMINDER_JOB);
  });

  it('reminds each reviewer who has not signed off, once, also when a run is cut short by a restart', async () => {
    const admin = await signedInUser(t, ['admin']);
    const { consultation: c, scenarios } = await makeOpenConsultation(t, admin);
    const reviewers: TestUser[] = [];
    for (const authority of ['Finansministeriet', 'KL', 'Datatilsynet']) {
      const r = await signedInUser(t, ['reviewer']);
      const res = await call(t, admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/reviewers`,
        payload: { email: r.email, authority },
      });
      expect(res.statusCode).toBe(201);
      reviewers.push(r);
    }
    const dueAt = new Date(Date.now() + 10 * DAY_MS);
    const opened = await call(t, admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/review-rounds`,
      payload: { dueAt: dueAt.toISOString() },
    });
    const roundId = opened.json<{ id: string }>().id;
    // The third reviewer has signed off every scenario: no reminder for them.
    for (const s of scenarios) {
      const res = await call(t, reviewers[2]!, {
        method: 'PUT',
        url: `/api/consultations/${c.id}/review-rounds/${roundId}/scenarios/${s.id}/review`,
        payload: { position: 'supports' },
      });
      expect(res.statusCode).toBe(200);
    }
    // Each was told by mail that they review this consultation: those mails arrive first.
    const mine = (r: TestUser) => smtp.received.filter((m) => m.to.includes(r.email));
    await waitFor(async () => (reviewers.every((r) => mine(r).length === 1) ? true : undefined));
    const opts = { baseUrl: 'https://samraad.example', days: 3 };
    // Eight days before the due date: too early.
    expect(await sweepReminders(t.handle.db, opts, () => new Date(dueAt.getTime() - 8 * DAY_MS))).toBe(0);

    // Two days before: the run writes the first reminder, then the process dies (the second
    // transaction never happens).
    const at = () => new Date(dueAt.getTime() - 2 * DAY_MS);
    let transactions = 0;
    const dying = new Proxy(t.handle.db, {
      get(target, prop) {
        if (prop === 'transaction' && ++transactions > 1) throw new Error('the process was killed');
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    }) as Db;
    await expect(sweepReminders(dying, opts, at)).rejects.toThrow('killed');
    await restart();
    expect(await sweepReminders(t.handle.db, opts, at)).toBe(1);
    expect(await sweepReminders(t.handle.db, opts, at)).toBe(0);

    await waitFor(async () => (mine(reviewers[0]!).length > 1 && mine(reviewers[1]!).length > 1 ? true : undefined));
    // A moment more for anything that would arrive twice.
    await new Promise((r) => setTimeout(r, 500));
    expect(mine(reviewers[0]!)).toHaveLength(2);
    expect(mine(reviewers[1]!)).toHaveLength(2);
    expect(mine(reviewers[2]!)).toHaveLength(1);
    expect(mine(reviewers[0]!)[1]!.raw.replace(/=\r?\n/g, '')).toContain(`/reviews/${c.id}/rounds/${roundId}`);
    const rows = await t.handle.db
      .selectFrom('reviewReminders')
      .select(['reviewerId', 'mailId'])
      .where('roundId', '=', roundId)
      .execute();
    expect(rows.map((r) => r.reviewerId).sort()).toEqual([reviewers[0]!.id, reviewers[1]!.id].sort());
    expect(rows.every((r) => r.mailId)).toBe(true);
  });
});
