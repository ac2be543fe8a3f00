import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';
import { startTestOp } from '../helpers/oidc-provider.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** GET ?to=<address>: the mails the app sent there, as JSON (see startMailbox). */
    mailboxUrl: string;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** The text of a quoted-printable MIME body, enough to find the ASCII links in it. */
const unQuotedPrintable = (s: string) =>
  s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/**
 * The recipients' mailboxes: an SMTP server the app delivers to, and a small HTTP reader for the
 * tests. The outbox never shows staff a link's secret (issue 10 item 1), so a journey that follows
 * a mailed link reads it here, as the recipient would.
 */
async function startMailbox(): Promise<{ smtpUrl: string; readUrl: string; close: () => Promise<void> }> {
  const mails: { to: string[]; at: string; text: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const text = unQuotedPrintable(Buffer.concat(chunks).toString('utf8'));
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), at: new Date().toISOString(), text });
        cb();
      });
    },
  });
  smtp.on('error', () => {});
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const reader = createHttpServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://mailbox').searchParams.get('to');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(mails.filter((m) => !to || m.to.includes(to))));
  });
  await new Promise<void>((resolve) => reader.listen(0, '127.0.0.1', resolve));
  return {
    smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    readUrl: `http://127.0.0.1:${(reader.address() as AddressInfo).port}/`,
    close: async () => {
      await new Promise<void>((resolve) => reader.close(() => resolve()));
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

/** Starts the real server (built client, fresh embedded database with the demo data) for the run. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'samraad-e2e-'));
  const port = await freePort();
  const mailbox = await startMailbox();
  // The in-process MitID brokers and staff provider (issue 15): the app's links and the providers'
  // redirects use the address the browser uses, so the flow's cookie comes back.
  const baseUrl = `http://127.0.0.1:${port}`;
  const op = await startTestOp({ publicUrl: baseUrl });
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      SEED_DEMO: 'true',
      DATABASE_URL: '',
      SMTP_URL: mailbox.smtpUrl,
      MAIL_POLL_MS: '200',
      // The journeys sign in many times from one address; the default is 10 a minute.
      RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
      PUBLIC_URL: baseUrl,
      ...op.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/ready`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become ready:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  project.provide('mailboxUrl', mailbox.readUrl);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await mailbox.close();
    await op.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
