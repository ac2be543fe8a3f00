import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import { call, createTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { countRows, openConsultation, submission, submit, upload } from '../helpers/factory.ts';

/**
 * Issue 10 item 3: a client that lost the connection retries with the same Idempotency-Key. With a
 * file attached the retry used to answer 422 "Some attachments do not exist…" (the file is already
 * this response's), so the respondent never got the receipt of a stored response.
 */
describe('a retried submission with attachments gets the first receipt', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  it('web: the retry answers 200 with the first receipt and edit link; one response, the file linked once', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const file = await upload(t, c.id);
    const payload = submission(questions, { attachmentIds: [file.id] });
    const key = randomUUID();
    const first = await submit(t, c.id, payload, { key });
    expect(first.statusCode).toBe(201);
    const retry = await submit(t, c.id, payload, { key });
    expect(retry.statusCode).toBe(200);
    expect(json<Receipt>(retry)).toEqual(json<Receipt>(first));
    expect(await countRows(t, 'responses', c.id)).toBe(1);
    const linked = await t.handle.db
      .selectFrom('attachments')
      .select('responseId')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(linked.responseId).toBe(json<Receipt>(first).id);
  });

  it('web: the same key with another file is still refused (422 IDEMPOTENCY_KEY_REUSED), nothing added', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const [a, b] = [await upload(t, c.id), await upload(t, c.id, 'andet.png')];
    const key = randomUUID();
    expect((await submit(t, c.id, submission(questions, { attachmentIds: [a.id] }), { key })).statusCode).toBe(201);
    const other = await submit(t, c.id, submission(questions, { attachmentIds: [b.id] }), { key });
    expect(other.statusCode).toBe(422);
    expect(await countRows(t, 'responses', c.id)).toBe(1);
  });

  it('web: without a key a second submission claiming the same file is refused (422 RULE_VIOLATION)', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const file = await upload(t, c.id);
    const payload = submission(questions, { attachmentIds: [file.id] });
    expect((await submit(t, c.id, payload, { key: randomUUID() })).statusCode).toBe(201);
    expectError(await submit(t, c.id, payload, { key: randomUUID() }), 422, 'RULE_VIOLATION');
    expect(await countRows(t, 'responses', c.id)).toBe(1);
  });

  it('letters: a retried registration with a file answers 200 with the first receipt', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const file = await upload(t, c.id, 'brev.png', undefined, cast.analyst);
    const payload = {
      ...submission(questions, { answers: [], attachmentIds: [file.id] }),
      respondent: { name: 'Kommunernes Landsforening', actingAs: 'public_authority', organisationName: 'KL' },
      channel: 'letter',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
    };
    const register = (key: string) =>
      call(t, cast.analyst, {
        method: 'POST',
        url: `/api/consultations/${c.id}/responses/letters`,
        payload,
        headers: { 'idempotency-key': key },
      });
    const key = randomUUID();
    const first = await register(key);
    expect(first.statusCode).toBe(201);
    const retry = await register(key);
    expect(retry.statusCode).toBe(200);
    expect(json<Receipt>(retry)).toEqual(json<Receipt>(first));
    expect(await countRows(t, 'responses', c.id)).toBe(1);
  });
});
