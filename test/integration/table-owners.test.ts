import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import type { Db } from '../../server/db/database.ts';
import { type AuditInput, recordAudit } from '../../server/modules/audit/audit.service.ts';
import { queueMail } from '../../server/modules/mail/mail.service.ts';
import { parseStoredTemplate } from '../../server/modules/mail/mail.templates.ts';
import type { Actor } from '../../server/shared/actor.ts';
import { call, createTestApp, json, signInCast, type Cast, type TestApp, type TestUser } from '../helpers/app.ts';
import { openConsultation, submission, submitOk } from '../helpers/factory.ts';

// Each table has one owner (issue 9 item 2). The one-statement submission writes its audit event and
// its receipt mail itself, from the values the audit and mail modules make: these rows must be the
// same as recordAudit and queueMail write for the same event and mail (all but id and time).

type Row = Record<string, unknown>;
const ROLLBACK = new Error('rollback');

async function auditOf(db: Db, responseId: string): Promise<Row[]> {
  const r = await sql<Row>`
    select * from audit_events where item_type = 'response' and item_id = ${responseId} order by occurred_at`.execute(
    db,
  );
  return r.rows;
}

async function mailsOf(db: Db, responseId: string): Promise<Row[]> {
  const r = await sql<Row>`select * from mail_outbox where response_id = ${responseId} order by created_at`.execute(db);
  return r.rows;
}

const without = (row: Row, ...keys: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));

/** What the owners' own functions write for the same event and mail, read back in a transaction that is rolled back. */
async function ownersWrite(db: Db, actor: Actor | null, audit: AuditInput, mail: Row) {
  let out: { audit: Row; mail: Row } | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      await recordAudit(trx, actor, audit);
      await queueMail(
        trx,
        {
          to: String(mail.recipient),
          locale: mail.locale as 'da' | 'en',
          consultationId: String(mail.consultationId),
          responseId: String(mail.responseId),
          template: parseStoredTemplate(mail.template),
        },
        mail.status as 'pending' | 'outboxed',
      );
      out = { audit: (await auditOf(trx, audit.itemId!)).at(-1)!, mail: (await mailsOf(trx, audit.itemId!)).at(-1)! };
      throw ROLLBACK;
    })
    .catch((err: unknown) => {
      if (err !== ROLLBACK) throw err;
    });
  return out!;
}

describe('each table has one owner: the submission writes the owners’ rows', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const asActor = (u: TestUser): Actor => ({ id: u.id, email: u.email, displayName: u.email, roles: u.roles });

  it('a web submission: its audit event and receipt mail are what recordAudit and queueMail write', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const receipt = await submitOk(t, c.id, submission(questions));
    const [audit] = await auditOf(t.handle.db, receipt.id);
    const [mail] = await mailsOf(t.handle.db, receipt.id);
    expect(audit).toBeDefined();
    expect(mail).toBeDefined();

    const owners = await ownersWrite(
      t.handle.db,
      null,
      {
        action: 'response.submit',
        itemType: 'response',
        itemId: receipt.id,
        consultationId: c.id,
        details: { channel: 'web', receiptCode: receipt.receiptCode, fingerprint: receipt.fingerprint },
      },
      mail!,
    );
    expect(owners.audit.id).not.toBe(audit!.id);
    expect(without(owners.audit, 'id', 'occurredAt')).toEqual(without(audit!, 'id', 'occurredAt'));
    expect(owners.mail.id).not.toBe(mail!.id);
    expect(without(owners.mail, 'id', 'createdAt', 'nextAttemptAt')).toEqual(
      without(mail!, 'id', 'createdAt', 'nextAttemptAt'),
    );
  });

  it('a letter registered by staff: the same, with the staff member as the actor', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${c.id}/responses/letters`,
      payload: { ...submission(questions), channel: 'letter', receivedAt: new Date().toISOString() },
    });
    expect(res.statusCode).toBe(201);
    const receipt = json<Receipt>(res);
    const [audit] = await auditOf(t.handle.db, receipt.id);
    const [mail] = await mailsOf(t.handle.db, receipt.id);
    expect(audit!.actorId).toBe(cast.analyst.id);

    const owners = await ownersWrite(
      t.handle.db,
      asActor(cast.analyst),
      {
        action: 'response.register',
        itemType: 'response',
        itemId: receipt.id,
        consultationId: c.id,
        details: { channel: 'letter', receiptCode: receipt.receiptCode, fingerprint: receipt.fingerprint },
      },
      mail!,
    );
    expect(without(owners.audit, 'id', 'occurredAt')).toEqual(without(audit!, 'id', 'occurredAt'));
    expect(without(owners.mail, 'id', 'createdAt', 'nextAttemptAt')).toEqual(
      without(mail!, 'id', 'createdAt', 'nextAttemptAt'),
    );
  });
});
