import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { remindBatch, runReminders } from '../../server/modules/parties/parties.reminders.ts';
import { startSmtp } from '../helpers/smtp.ts';
import { call, createIsolatedTestApp, signedInUser, type TestApp, type TestUser } from '../helpers/app.ts';
import { DAY_MS, openConsultation, setClosesAt, waitFor } from '../helpers/factory.ts';

// Issue 13: "a test with a real SMTP server shows that a restart in the middle of a reminder run
// sends each mail once". The app is stopped after the first batch of a reminder run has been
// claimed and queued (its relay stops mid-delivery), started again on the same database, and the
// run is repeated, twice at once (as two instances would); every party gets one reminder.

const PARTIES = 30;

describe('party reminders over SMTP, across a restart', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let env: Record<string, string>;
  beforeAll(async () => {
    smtp = await startSmtp();
    env = {
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      PUBLIC_URL: 'https://samraad.example',
      MAIL_POLL_MS: '200',
    };
    t = await createIsolatedTestApp(env);
    app = t.app;
  });
  afterAll(async () => {
    await app.close();
    await t.handle.close();
    await smtp.close();
  });

  const reminders = () => smtp.received.filter((m) => /^Subject: Reminder: consultation/m.test(m.raw));

  it('sends each party one reminder although the run was cut off and repeated', async () => {
    const admin: TestUser = await signedInUser(t, ['admin']);
    const run = randomUUID().slice(0, 8);
    const ids: string[] = [];
    const addresses: string[] = [];
    for (let i = 0; i < PARTIES; i++) {
      const email = `p${i}-${run}@parties.example`;
      const res = await call(t, admin, {
        method: 'POST',
        url: '/api/parties',
        payload: { name: `Part ${i} ${run}`, kind: 'ngo', emails: [email], locale: 'en' },
      });
      ids.push((JSON.parse(res.body) as { id: string }).id);
      addresses.push(email);
    }
    const { c } = await openConsultation(t, admin);
    await call(t, admin, { method: 'POST', url: `/api/consultations/${c.id}/parties`, payload: { partyIds: ids } });
    const inv = await call(t, admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties/invitations`,
      payload: {},
    });
    expect(JSON.parse(inv.body)).toEqual({ queued: PARTIES });
    await waitFor(async () => (smtp.received.length >= PARTIES ? true : undefined), 60_000);

    // Three days before the deadline: the reminders are due (PARTY_REMINDER_DAYS defaults to 5).
    await setClosesAt(t, c.id, new Date(Date.now() + 3 * DAY_MS));
    const deps = {
      db: t.handle.db,
      publicUrl: 'https://samraad.example',
      mailStatus: 'pending' as const,
      defaultReminderDays: 5,
    };
    // The first batch is claimed and queued; then the process goes down (its relay stops mid-run).
    expect(await remindBatch(deps, undefined, 10)).toBe(10);
    await app.close();
    const sentBeforeRestart = reminders().length;
    expect(sentBeforeRestart).toBeLessThanOrEqual(10);

    // Started again on the same database: the run is repeated, by two workers at once.
    app = await buildApp({
      config: loadConfig({
        LOG_LEVEL: 'silent',
        CLIENT_DIST: './no-client-in-tests',
        RATE_LIMIT_NAMESPACE: `test-${randomUUID()}`,
        LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
        LOAD_SHED_DB_QUEUE: '0',
        ANALYSIS_INDEX_MS: '0',
        ...env,
      }),
      db: t.handle,
    });
    await app.ready();
    const again = { ...deps, db: app.db };
    const [a, b] = await Promise.all([runReminders(again), runReminders(again)]);
    expect(a + b).toBe(PARTIES - 10);
    expect(await runReminders(again)).toBe(0);

    await waitFor(async () => (reminders().length >= PARTIES ? true : undefined), 60_000);
    // Give a double a chance to arrive before counting.
    await new Promise((r) => setTimeout(r, 1000));
    const perAddress = new Map<string, number>();
    for (const m of reminders()) for (const to of m.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect([...perAddress.keys()].sort()).toEqual([...addresses].sort());
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
  }, 180_000);
});
