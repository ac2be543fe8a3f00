import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxItem } from '../../server/modules/mail/mail.schemas.ts';
import { openConsultation, type Page, submission, submitOk, waitFor } from '../helpers/factory.ts';
import { call, createIsolatedTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { renderedOf } from '../../server/modules/mail/mail.templates.ts';

// Each app here has a database of its own: on a shared PostgreSQL test database every app's worker
// takes `mail.send` jobs from one queue, and an app without SMTP would deliver another's mail to its outbox.

type Received = { from: string; to: string[]; raw: string };

/** A real SMTP server on a free port, without TLS, that keeps what it receives (or refuses recipients). */
async function startSmtp(opts: { refuse?: boolean } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.refuse) return cb(new Error('550 mailbox unavailable'));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        cb();
      });
    },
  });
  // A client socket reset in the middle of a transaction is emitted as 'error' on the server; with no
  // listener Node would treat it as an uncaught exception of the whole test file.
  const errors: Error[] = [];
  server.on('error', (err: Error) => errors.push(err));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { received, errors, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The text of a quoted-printable MIME body, enough to find ASCII tokens in it. */
const unQuotedPrintable = (s: string) =>
  s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

async function outboxRow(t: TestApp, responseId: string, status: string) {
  return waitFor(async () => {
    const row = await t.handle.db
      .selectFrom('mailOutbox')
      .selectAll()
      .where('responseId', '=', responseId)
      .executeTakeFirst();
    return row && row.status === status ? row : undefined;
  });
}

describe('mail over SMTP', () => {
  let t: TestApp;
  let cast: Cast;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createIsolatedTestApp({
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      PUBLIC_URL: 'https://samraad.example',
      MAIL_FROM: 'Samråd <noreply@samraad.example>',
    });
    cast = await signInCast(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('the receipt arrives at the SMTP server with the code, the fingerprint and the private edit link', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const body = submission(questions, { locale: 'da' });
    const receipt = await submitOk(t, c.id, body);
    const mail = await waitFor(async () => smtp.received.find((m) => m.to.includes(body.respondent.email)));
    expect(mail.from).toBe('noreply@samraad.example');
    const text = unQuotedPrintable(mail.raw);
    expect(text).toContain(receipt.receiptCode);
    expect(text).toContain(receipt.fingerprint);
    expect(text).toContain(`https://samraad.example/responses/edit#token=${receipt.editToken}`);
    expect(text).toMatch(/Subject: =\?UTF-8\?Q\?Kvittering/);

    // Once handed over, the stored copy keeps no usable link.
    const row = await outboxRow(t, receipt.id, 'sent');
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.textBody).toContain('#token=[sent]');
    expect(String(row.textBody) + String(row.htmlBody)).not.toContain(receipt.editToken);
    // What was sent is kept as text; the template, with the link's secret in its data, is not.
    expect(row.template).toBeNull();
    expect(row.subject).toMatch(/Kvittering/);
  });

  it('writes in English when the respondent chose English', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const body = submission(questions, { locale: 'en' });
    await submitOk(t, c.id, body);
    const mail = await waitFor(async () => smtp.received.find((m) => m.to.includes(body.respondent.email)));
    const text = unQuotedPrintable(mail.raw);
    expect(text).toContain('Subject: Receipt for your consultation response');
    expect(text).toContain('You can view, edit or withdraw your response until the deadline');
  });
});

describe('mail when SMTP refuses it', () => {
  let t: TestApp;
  let cast: Cast;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp({ refuse: true });
    t = await createIsolatedTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
    cast = await signInCast(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('marks the mail failed with the reason (retried later with backoff) and keeps it in the outbox', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const receipt = await submitOk(t, c.id, submission(questions));
    const row = await outboxRow(t, receipt.id, 'failed');
    expect(row.attempts).toBeGreaterThanOrEqual(1);
    expect(row.lastError).toMatch(/mailbox unavailable/);
    expect(renderedOf(row).text).toContain(receipt.editToken);
  });
});

describe('mail without SMTP: the outbox', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createIsolatedTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  it('keeps the mail in the outbox (nothing lost), readable by admins only', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const body = submission(questions);
    const receipt = await submitOk(t, c.id, body);
    await outboxRow(t, receipt.id, 'outboxed');

    const res = await call(t, cast.admin, { url: `/api/mail/outbox?to=${encodeURIComponent(body.respondent.email)}` });
    expect(res.statusCode).toBe(200);
    const page = json<Page<OutboxItem>>(res);
    expect(page.items).toEqual([
      expect.objectContaining({
        to: body.respondent.email,
        kind: 'receipt',
        locale: 'da',
        status: 'outboxed',
        consultationId: c.id,
        responseId: receipt.id,
        subject: expect.stringContaining('Kvittering'),
        text: expect.stringContaining('/responses/edit#token=[hidden]'),
      }),
    ]);
    expect(page.items[0]!.html).toContain('<a href=');
    expect(
      json<Page<OutboxItem>>(await call(t, cast.admin, { url: '/api/mail/outbox?status=outboxed&limit=1' })).items,
    ).toHaveLength(1);

    expectError(await call(t, null, { url: '/api/mail/outbox' }), 401, 'UNAUTHENTICATED');
    for (const role of ['participant', 'reviewer', 'analyst'] as const) {
      expectError(await call(t, cast[role], { url: '/api/mail/outbox' }), 403, 'FORBIDDEN');
    }
    expectError(await call(t, cast.admin, { url: '/api/mail/outbox?status=lost' }), 400, 'VALIDATION_FAILED');
    expectError(await call(t, cast.admin, { url: '/api/mail/outbox?cursor=xyz' }), 400, 'BAD_REQUEST');
  });

  it('pages newest first', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    for (let i = 0; i < 3; i++) await submitOk(t, c.id, submission(questions));
    const p1 = json<Page<OutboxItem>>(await call(t, cast.admin, { url: '/api/mail/outbox?limit=2' }));
    const p2 = json<Page<OutboxItem>>(
      await call(t, cast.admin, { url: `/api/mail/outbox?limit=2&cursor=${p1.nextCursor}` }),
    );
    const all = [...p1.items, ...p2.items];
    expect(new Set(all.map((m) => m.id)).size).toBe(4);
    const times = all.map((m) => Date.parse(m.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
