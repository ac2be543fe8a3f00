import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../server/modules/audit/audit.schemas.ts';
import type { OutboxItem } from '../../server/modules/mail/mail.schemas.ts';
import { passwordResetsSettled } from '../../server/modules/participants/participants.service.ts';
import { call, createTestApp, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import {
  freshEmail,
  lastMailTo,
  openConsultation,
  type Page,
  registeredParticipant,
  submission,
  submitOk,
  tokenIn,
} from '../helpers/factory.ts';

// Issue 10 item 1: staff can never act as a respondent or take over an account. The outbox masks
// every link secret when an admin reads a kept mail, and what is done through an edit link is
// recorded as the respondent's own.
describe('the outbox shows no link secrets to staff', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const outboxFor = async (to: string) => {
    const res = await call(t, cast.admin, { url: `/api/mail/outbox?to=${encodeURIComponent(to)}` });
    expect(res.statusCode).toBe(200);
    return json<Page<OutboxItem>>(res).items as { kind: string; subject: string; text: string; html: string | null }[];
  };

  it("a kept receipt's edit link is masked, in the text and in the HTML", async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const body = submission(questions);
    const receipt = await submitOk(t, c.id, body);
    const [mail] = await outboxFor(body.respondent.email);
    expect(mail!.kind).toBe('receipt');
    expect(mail!.text).toContain('/responses/edit#token=[hidden]');
    expect(mail!.html).toContain('/responses/edit#token=[hidden]');
    expect(JSON.stringify(mail)).not.toContain(receipt.editToken);
  });

  it('confirmation and password-reset links are masked', async () => {
    const email = freshEmail();
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/participants/register',
      payload: { email, password: 'a long enough password', displayName: 'Someone', locale: 'da' },
    });
    expect(reg.statusCode).toBe(202);
    const confirmToken = tokenIn(await lastMailTo(t, email));
    const [confirm] = await outboxFor(email);
    expect(confirm!.kind).toBe('account.confirm');
    expect(confirm!.text).toContain('#token=[hidden]');
    expect(JSON.stringify(confirm)).not.toContain(confirmToken);

    const p = await registeredParticipant(t);
    await t.app.inject({
      method: 'POST',
      url: '/api/participants/password-reset/request',
      payload: { email: p.email },
    });
    await passwordResetsSettled();
    const resetToken = tokenIn(await lastMailTo(t, p.email));
    const reset = (await outboxFor(p.email)).find((m) => m.kind === 'account.reset');
    expect(reset!.text).toContain('/reset-password#token=[hidden]');
    expect(JSON.stringify(reset)).not.toContain(resetToken);
  });
});

describe('what is done through an edit link is the respondent’s own in the audit log', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const eventsOf = async (responseId: string) => {
    const res = await call(t, cast.admin, { url: `/api/audit?itemType=response&itemId=${responseId}` });
    expect(res.statusCode).toBe(200);
    return json<Page<AuditEvent>>(res).items as {
      action: string;
      actorKind: string;
      actorId: string | null;
      actorLabel: string | null;
    }[];
  };

  it('an edit and a withdrawal, even from a browser signed in as staff, are recorded as the respondent', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const body = submission(questions);
    const receipt = await submitOk(t, c.id, body);
    const url = `/api/responses/by-token/${receipt.editToken}`;
    // The admin's browser also sends its session cookie: it must not name the admin (nor "the system").
    const edit = await call(t, cast.admin, { method: 'PUT', url, payload: { ...body, body: 'Rettet tekst.' } });
    expect(edit.statusCode, edit.body).toBe(200);
    const withdraw = await call(t, null, { method: 'DELETE', url });
    expect(withdraw.statusCode).toBe(200);

    const events = await eventsOf(receipt.id);
    for (const action of ['response.edit', 'response.withdraw']) {
      expect(events.find((e) => e.action === action)).toMatchObject({
        actorKind: 'respondent',
        actorId: null,
        actorLabel: null,
        itemId: receipt.id,
        details: expect.objectContaining({ responseId: receipt.id }),
      });
    }
  });

  it('says which kind of actor made the other events', async () => {
    const { c } = await openConsultation(t, cast.admin);
    const res = await call(t, cast.admin, { url: `/api/audit?consultationId=${c.id}&action=consultation.create` });
    const items = json<Page<AuditEvent>>(res).items as { actorKind: string; actorId: string }[];
    expect(items[0]).toMatchObject({ actorKind: 'account', actorId: cast.admin.id });
  });
});
