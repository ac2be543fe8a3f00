import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database.ts';
import * as repo from './mail.repository.ts';
import { redactSecrets, renderedOf } from './mail.templates.ts';
import type { MailTransport } from './mail.transport.ts';

/**
 * The outbox relay (the transactional-outbox pattern): a mail is a row written in the transaction
 * that caused it, and this loop hands due rows to SMTP. No job row per mail, so writing a mail costs
 * the caller one INSERT (or a CTE branch of its own statement) and nothing after commit.
 *
 * - Claims are leases (`next_attempt_at` pushed ahead, `FOR UPDATE SKIP LOCKED`): several instances
 *   never claim one row together, and a crash mid-send makes the row due again after the lease.
 * - Sent → 'sent' (the stored copy loses its edit link); refused → 'failed' with the reason, retried
 *   with exponential backoff up to `maxAttempts`; no SMTP configured → 'outboxed' for admins to read.
 * - Polls every `intervalMs`; `kick()` (called when a mail was just written) drains sooner.
 */
export type MailRelay = {
  start: () => void;
  stop: () => Promise<void>;
  /** Drain soon: something was queued (a hint; the poll catches anything a kick misses). */
  kick: () => void;
  /** One pass over due mail; returns how many rows it handled. For tests and the CLI. */
  drain: () => Promise<number>;
};

export type MailRelayDeps = {
  db: Db;
  transport: MailTransport | null;
  from: string;
  log: FastifyBaseLogger;
  intervalMs: number;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claim holds a row before another relay may try it (a crashed sender). */
  leaseSeconds?: number;
};

/** Seconds until the next attempt after `attempts` failures: 30 s, 1 min, 2 min … capped at 6 h. */
export const retryDelaySeconds = (attempts: number): number => Math.min(30 * 2 ** Math.max(0, attempts - 1), 6 * 3600);

const running = new Set<MailRelay>();

/** Tells this process's relays that a mail was queued (after the caller's commit, ideally). */
export function mailQueued(): void {
  for (const relay of running) relay.kick();
}

export function createMailRelay(deps: MailRelayDeps): MailRelay {
  const batchSize = deps.batchSize ?? 20;
  const maxAttempts = deps.maxAttempts ?? 8;
  const leaseSeconds = deps.leaseSeconds ?? 600;
  let timer: NodeJS.Timeout | null = null;
  let timerDue = 0;
  let active: Promise<void> | null = null;
  let stopped = true;
  let again = false;

  async function deliver(
    transport: MailTransport,
    row: Awaited<ReturnType<typeof repo.claimDue>>[number],
  ): Promise<void> {
    let mail: ReturnType<typeof renderedOf>;
    try {
      mail = renderedOf(row);
      await transport.send({
        from: deps.from,
        to: row.recipient,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    } catch (err) {
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      deps.log.warn({ err, mailId: row.id, attempts: row.attempts }, 'mail delivery failed');
      await repo.markFailed(deps.db, row.consultationId, row.id, message, retryDelaySeconds(row.attempts));
      return;
    }
    await repo.markSent(deps.db, row.consultationId, row.id, {
      subject: mail.subject,
      textBody: redactSecrets(mail.text),
      htmlBody: mail.html === null ? null : redactSecrets(mail.html),
    });
  }

  async function drain(): Promise<number> {
    let handled = 0;
    if (!deps.transport) {
      for (;;) {
        const n = await repo.outboxDue(deps.db, 500);
        handled += n;
        if (n < 500 || stopped) return handled;
      }
    }
    for (;;) {
      const rows = await repo.claimDue(deps.db, { limit: batchSize, maxAttempts, leaseSeconds });
      for (const row of rows) await deliver(deps.transport, row);
      handled += rows.length;
      if (rows.length < batchSize || stopped) return handled;
    }
  }

  function schedule(ms: number) {
    if (stopped) return;
    // Never postpone a pass that is already due sooner (a stream of kicks must not starve it).
    if (timer && timerDue <= Date.now() + ms) return;
    if (timer) clearTimeout(timer);
    timerDue = Date.now() + ms;
    timer = setTimeout(run, ms);
    timer.unref?.();
  }

  function run() {
    timer = null;
    if (active) {
      again = true;
      return;
    }
    active = drain()
      .then(() => undefined)
      .catch((err: unknown) => deps.log.error({ err }, 'mail relay pass failed'))
      .finally(() => {
        active = null;
        const soon = again;
        again = false;
        schedule(soon ? 0 : deps.intervalMs);
      });
  }

  const relay: MailRelay = {
    start() {
      if (!stopped) return;
      stopped = false;
      running.add(relay);
      schedule(0);
    },
    async stop() {
      stopped = true;
      running.delete(relay);
      if (timer) clearTimeout(timer);
      timer = null;
      await active;
    },
    kick() {
      if (stopped) return;
      if (active) {
        again = true;
        return;
      }
      // A short delay lets the writer's transaction commit first; a kick that comes too early is
      // caught by the next poll.
      schedule(20);
    },
    drain,
  };
  return relay;
}
