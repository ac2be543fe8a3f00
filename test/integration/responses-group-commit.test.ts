import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Question } from '../../server/modules/questions/questions.schemas.ts';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import { auditEventValues } from '../../server/modules/audit/audit.service.ts';
import { newEditToken, newReceiptCode } from '../../server/modules/responses/responses.crypto.ts';
import type { SubmissionWrite } from '../../server/modules/responses/submission/submission.repository.ts';
import { createSubmissionWriter } from '../../server/modules/responses/submission/submission.writer.ts';
import { call, createTestApp, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { countRows, openConsultation, SCALE_Q, submission, submit, submitOk, TEXT_Q } from '../helpers/factory.ts';

// The one-statement submission path: group commit under concurrency, the guard's stamp, and the
// refusals decided from a cached questionnaire being checked again against a fresh one.

async function stampOf(t: TestApp, consultationId: string): Promise<string> {
  const r = await sql<{ stamp: string }>`
    select samraad_consultation_stamp(version, updated_at) as stamp from consultations where id = ${consultationId}`.execute(
    t.handle.db,
  );
  return r.rows[0]!.stamp;
}

function rawWrite(
  consultationId: string,
  stamp: string,
  overrides: Partial<SubmissionWrite['row']> = {},
): SubmissionWrite {
  const text = 'Et digitalt ID skal kunne bruges af alle.';
  const id = overrides.id ?? randomUUID();
  return {
    row: {
      consultationId,
      id,
      receiptCode: newReceiptCode(),
      respondentName: 'Ib Hansen',
      respondentEmail: 'ib@example.dk',
      actingAs: 'citizen',
      organisationName: null,
      cvr: null,
      invited: false,
      consent: 'not_public',
      channel: 'web',
      locale: 'da',
      body: text,
      fingerprint: 'a'.repeat(64),
      editTokenHash: newEditToken().hash,
      editTokenSealed: null,
      idempotencyKeyHash: null,
      requestHash: null,
      publicationStatus: 'not_requested',
      registeredBy: null,
      submittedAt: new Date(),
      ...overrides,
    },
    stamp,
    snapshot: {
      respondent: { name: 'Ib Hansen', email: 'ib@example.dk', actingAs: 'citizen', organisationName: null, cvr: null },
      consent: 'not_public',
      body: text,
      answers: [],
      attachments: [],
    },
    audit: auditEventValues(null, { action: 'response.submit', itemType: 'response', itemId: id, consultationId }),
    mail: null,
  };
}

describe('the one-statement submission path', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  it('60 concurrent submissions, ten sent twice with one key: 60 responses, each complete, retries answered with the first receipt', async () => {
    const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q, SCALE_Q]);
    const bodies = Array.from({ length: 60 }, (_, i) => ({
      key: randomUUID(),
      body: submission(questions, {
        answers: [
          { questionId: questions[0].id, value: `Svar nummer ${i}` },
          { questionId: questions[1].id, value: (i % 5) + 1 },
        ],
      }),
    }));
    const sends = [...bodies, ...bodies.slice(0, 10)].map((b) => submit(t, c.id, b.body, { key: b.key }));
    const results = await Promise.all(sends);
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(60);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    const byKey = new Map<string, string>();
    results.forEach((r, i) => {
      const key = (i < 60 ? bodies[i] : bodies[i - 60])!.key;
      const code = json<Receipt>(r).receiptCode as string;
      if (byKey.has(key)) expect(code).toBe(byKey.get(key));
      byKey.set(key, code);
    });
    expect(new Set(byKey.values()).size).toBe(60);
    expect(await countRows(t, 'responses', c.id)).toBe(60);
    expect(await countRows(t, 'answers', c.id)).toBe(120);
    expect(await countRows(t, 'response_versions', c.id)).toBe(60);
    expect(await countRows(t, 'mail_outbox', c.id)).toBe(60);
    const audit = await sql<{ n: string }>`
      select count(*) as n from audit_events where consultation_id = ${c.id} and action = 'response.submit'`.execute(
      t.handle.db,
    );
    expect(Number(audit.rows[0]!.n)).toBe(60);
  });

  it('a question added after the questionnaire was cached is accepted at once (the cache is refreshed, not trusted)', async () => {
    const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q]);
    await submitOk(t, c.id, submission(questions));
    const added = await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/questions`,
      payload: { ...SCALE_Q, required: false },
    });
    expect(added.statusCode).toBe(201);
    const scale = json<Question>(added);
    const receipt = await submitOk(
      t,
      c.id,
      submission(questions, {
        answers: [
          { questionId: questions[0].id, value: 'Ja' },
          { questionId: scale.id, value: 5 },
        ],
      }),
    );
    const stored = await sql<{ value: unknown }>`
      select value from answers where response_id = ${receipt.id} and question_id = ${scale.id}`.execute(t.handle.db);
    expect(stored.rows.map((r) => r.value)).toEqual([5]);
  });

  it('a deadline moved forward after caching is honoured, and moved back again it opens at once', async () => {
    const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q]);
    await submitOk(t, c.id, submission(questions));
    await sql`update consultations set closes_at = now() - interval '1 second' where id = ${c.id}`.execute(t.handle.db);
    expect((await submit(t, c.id, submission(questions))).statusCode).toBe(409);
    await sql`update consultations set closes_at = now() + interval '1 day' where id = ${c.id}`.execute(t.handle.db);
    expect((await submit(t, c.id, submission(questions))).statusCode).toBe(201);
  });

  it('the guard: any change to the consultation changes its stamp, and a stale or unknown stamp writes nothing', async () => {
    const { c } = await openConsultation(t, cast.admin, [TEXT_Q]);
    const before = await stampOf(t, c.id);
    await sql`update consultations set summary = summary where id = ${c.id}`.execute(t.handle.db);
    const after = await stampOf(t, c.id);
    expect(after).not.toBe(before);

    const writer = createSubmissionWriter(t.handle.db);
    expect(await writer.write(rawWrite(c.id, before))).toEqual({ guard: 'stale', id: null });
    expect(await writer.write(rawWrite(randomUUID(), before))).toEqual({ guard: 'missing', id: null });
    expect(await countRows(t, 'responses', c.id)).toBe(0);
    const ok = rawWrite(c.id, after);
    expect(await writer.write(ok)).toEqual({ guard: 'ok', id: ok.row.id });
  });

  it('one bad submission in a shared statement fails alone; the others are written', async () => {
    const { c } = await openConsultation(t, cast.admin, [TEXT_Q]);
    const stamp = await stampOf(t, c.id);
    const writer = createSubmissionWriter(t.handle.db, { maxInFlight: 1 });
    const good = Array.from({ length: 8 }, () => rawWrite(c.id, stamp));
    // The fingerprint check constraint refuses this one inside the database.
    const bad = rawWrite(c.id, stamp, { fingerprint: 'not-a-sha256' });
    const outcomes = await Promise.allSettled([...good.slice(0, 4), bad, ...good.slice(4)].map((w) => writer.write(w)));
    expect(outcomes[4]!.status).toBe('rejected');
    const written = outcomes
      .filter((o) => o.status === 'fulfilled')
      .map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof writer.write>>>).value);
    expect(written.map((w) => w.id).sort()).toEqual(good.map((g) => g.row.id).sort());
    expect(await countRows(t, 'responses', c.id)).toBe(8);
  });
});
