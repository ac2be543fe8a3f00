import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import { json, type TestApp, type TestUser } from './app.ts';
import { factory, freshEmail, type Made, type ScenarioSpec } from './factory.ts';
import { renderedOf } from '../../server/modules/mail/mail.templates.ts';

/** Factories for the debate-and-ranking tests (issue #5). Each makes its own rows. */

export type { ScenarioSpec };

/** An open consultation with scenarios, made through the API by an admin. */
export async function makeOpenConsultation(
  t: TestApp,
  admin: TestUser,
  specs: ScenarioSpec[] = [{ key: 'S1' }, { key: 'S2' }, { key: 'S3' }],
): Promise<{ consultation: Consultation; scenarios: Made<Scenario> }> {
  const { consultation, scenarios } = await factory(t).newOpenConsultation(admin, { scenarios: specs });
  return { consultation, scenarios };
}

/** Moves the deadline into the past (the consultation stays "open" but no longer takes input). */
export async function passDeadline(t: TestApp, consultationId: string): Promise<void> {
  await sql`update consultations set closes_at = now() - interval '1 minute' where id = ${consultationId}`.execute(
    t.handle.db,
  );
}

export async function restoreDeadline(t: TestApp, consultationId: string): Promise<void> {
  await sql`update consultations set closes_at = now() + interval '7 days' where id = ${consultationId}`.execute(
    t.handle.db,
  );
}

export type OutboxMail = { recipient: string; subject: string; textBody: string; kind: string; locale: string };

/** Mails written to the outbox for an address, oldest first (one kept as a template, rendered). */
export async function mailsTo(t: TestApp, recipient: string): Promise<OutboxMail[]> {
  const { rows } = await sql<
    OutboxMail & {
      subject: string | null;
      textBody: string | null;
      htmlBody: string | null;
      template: unknown;
      locale: 'da' | 'en';
    }
  >`
    select recipient, subject, text_body, html_body, template, kind, locale from mail_outbox
    where recipient = ${recipient} order by created_at, id`.execute(t.handle.db);
  return rows.map((r) => {
    const m = renderedOf(r);
    return { recipient: r.recipient, subject: m.subject, textBody: m.text, kind: r.kind, locale: r.locale };
  });
}

export async function lastMailTo(t: TestApp, recipient: string): Promise<OutboxMail> {
  const all = await mailsTo(t, recipient);
  const last = all.at(-1);
  if (!last) throw new Error(`no mail to ${recipient}`);
  return last;
}

export function tokenIn(mail: OutboxMail): string {
  const m = /#token=([A-Za-z0-9_-]{43})/.exec(mail.textBody);
  if (!m) throw new Error(`no token in mail: ${mail.textBody}`);
  return m[1]!;
}

export { freshEmail };

export const login = (t: TestApp, email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

/** Registers through the API, opens the mailed link and signs in: a self-registered participant. */
export async function registeredParticipant(t: TestApp, opts: { locale?: 'da' | 'en' } = {}): Promise<TestUser> {
  const email = freshEmail();
  const password = `pw-${randomUUID()}`;
  const reg = await t.app.inject({
    method: 'POST',
    url: '/api/participants/register',
    payload: { email, password, displayName: 'Registered Person', locale: opts.locale ?? 'da' },
  });
  if (reg.statusCode !== 202) throw new Error(`register failed: ${reg.body}`);
  const token = tokenIn(await lastMailTo(t, email));
  const conf = await t.app.inject({ method: 'POST', url: '/api/participants/confirm', payload: { token } });
  if (conf.statusCode !== 200) throw new Error(`confirm failed: ${conf.body}`);
  const res = await login(t, email, password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return {
    id: json<{ id: string }>(res).id,
    email,
    password,
    roles: ['participant'],
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
  };
}
