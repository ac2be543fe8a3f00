import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import {
  countRows,
  type Made,
  MULTI_Q,
  openConsultation,
  SCALE_Q,
  setClosesAt,
  SINGLE_Q,
  submission,
  submit,
  submitOk,
  TEXT_Q,
  upload,
} from '../helpers/factory.ts';
import type { Question } from '../../server/modules/questions/questions.schemas.ts';
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../server/modules/responses/fingerprint.rules.ts';
import type { StaffResponse } from '../../server/modules/responses/publication.schemas.ts';
import { RECEIPT_CODE_PATTERN } from '../../server/modules/responses/receipt.rules.ts';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import type { AnswerIssue } from '../../server/modules/responses/responses.rules.ts';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  makeConsultation,
  signInCast,
  type Cast,
  type ErrorWith,
  type TestApp,
  type ValidationError,
} from '../helpers/app.ts';
import { renderedOf } from '../../server/modules/mail/mail.templates.ts';

/** A web submission's first receipt carries its edit token. */
type WebReceipt = Receipt & { editToken: string };

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('submitting a hearing response', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  it('answers 201 with a receipt, and stores the response, its answers, version 1, an audit event and a receipt mail', async () => {
    const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q, SINGLE_Q, MULTI_Q, SCALE_Q]);
    const [text, single, multi, scale] = questions;
    const body = submission(questions, {
      answers: [
        { questionId: text.id, value: 'Borgere uden smartphone må ikke glemmes.' },
        { questionId: single.id, value: 'yes' },
        { questionId: multi.id, value: ['tax', 'bank'] },
        { questionId: scale.id, value: 4 },
      ],
      locale: 'en',
    });
    const res = await submit(t, c.id, body);
    expect(res.statusCode).toBe(201);
    const receipt = json<WebReceipt>(res);
    expect(receipt).toEqual({
      id: expect.any(String),
      receiptCode: expect.stringMatching(RECEIPT_CODE_PATTERN),
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      editToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      submittedAt: expect.any(String),
    });

    const row = await t.handle.db
      .selectFrom('responses')
      .selectAll()
      .where('id', '=', receipt.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      consultationId: c.id,
      status: 'submitted',
      channel: 'web',
      consent: 'public_named',
      publicationStatus: 'pending',
      respondentEmail: body.respondent.email,
      locale: 'en',
      version: 1,
    });
    // Only a hash of the edit token is stored; the token itself appears nowhere in the row.
    expect(row.editTokenHash).toBe(sha256(receipt.editToken));
    expect(JSON.stringify(row)).not.toContain(receipt.editToken);

    const answers = await t.handle.db.selectFrom('answers').selectAll().where('responseId', '=', receipt.id).execute();
    expect(Object.fromEntries(answers.map((a) => [a.questionId, a.value]))).toEqual({
      [text.id]: 'Borgere uden smartphone må ikke glemmes.',
      [single.id]: 'yes',
      [multi.id]: ['bank', 'tax'],
      [scale.id]: 4,
    });

    const audit = await t.handle.db.selectFrom('auditEvents').selectAll().where('itemId', '=', receipt.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['response.submit']);
    expect(JSON.stringify(audit)).not.toContain(body.respondent.email);

    const mails = await t.handle.db.selectFrom('mailOutbox').selectAll().where('responseId', '=', receipt.id).execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ recipient: body.respondent.email, kind: 'receipt', locale: 'en' });
    // Kept as its template until sent; what it says, rendered:
    const mailText = renderedOf(mails[0]!).text;
    expect(mailText).toContain(receipt.receiptCode);
    expect(mailText).toContain(receipt.fingerprint);
  });

  it('gives a fingerprint anyone can recompute from the stored snapshot (canonical JSON, SHA-256)', async () => {
    const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q, MULTI_Q]);
    const body = submission(questions, {
      respondent: { name: '  Åse Ørsted ', email: 'aase@example.dk', actingAs: 'ngo', organisationName: 'Ældre Sagen' },
      answers: [
        { questionId: questions[1].id, value: ['health', 'bank'] },
        { questionId: questions[0].id, value: 'Tekst med "citat" og æøå' },
      ],
    });
    const receipt = await submitOk(t, c.id, body);
    const v = await t.handle.db
      .selectFrom('responseVersions')
      .selectAll()
      .where('responseId', '=', receipt.id)
      .executeTakeFirstOrThrow();
    expect(v.version).toBe(1);
    expect(v.fingerprint).toBe(receipt.fingerprint);
    expect(sha256(canonicalJson(v.snapshot))).toBe(receipt.fingerprint);
    const sorted = [questions[0].id, questions[1].id].sort();
    expect(v.snapshot).toEqual({
      respondent: {
        name: 'Åse Ørsted',
        email: 'aase@example.dk',
        actingAs: 'ngo',
        organisationName: 'Ældre Sagen',
        cvr: null,
      },
      consent: 'public_named',
      body: body.body,
      answers: sorted.map((id) =>
        id === questions[0].id
          ? { questionId: id, value: 'Tekst med "citat" og æøå' }
          : { questionId: id, value: ['bank', 'health'] },
      ),
      attachments: [],
    });
  });

  it('validates a per-scenario scale against the consultation’s scenarios', async () => {
    const c = await makeConsultation(t, cast.admin);
    const s1 = json<Scenario>(
      await call(t, cast.admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/scenarios`,
        payload: { key: 'S1', title: { da: 'Bankerne', en: 'The banks' } },
      }),
    );
    const s2 = json<Scenario>(
      await call(t, cast.admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/scenarios`,
        payload: { key: 'S2', title: { da: 'Staten', en: 'The state' } },
      }),
    );
    const q = json<Question>(
      await call(t, cast.admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/questions`,
        payload: {
          kind: 'scenario_scale',
          required: true,
          prompt: { da: 'Vurder scenarierne', en: 'Rate the scenarios' },
        },
      }),
    );
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/transition`,
      payload: { to: 'open' },
    });
    const base = submission([]);
    const partial = await submit(t, c.id, { ...base, answers: [{ questionId: q.id, value: { [s1.id]: 5 } }] });
    expectError(partial, 400, 'VALIDATION_FAILED');
    expect(json<ErrorWith<{ issues: AnswerIssue[] }>>(partial).error.details.issues[0]).toMatchObject({
      questionId: q.id,
      message: 'This question must be answered',
    });
    const foreign = await submit(t, c.id, {
      ...base,
      answers: [{ questionId: q.id, value: { [s1.id]: 5, [randomUUID()]: 3 } }],
    });
    expectError(foreign, 400, 'VALIDATION_FAILED');
    const outOfRange = await submit(t, c.id, {
      ...base,
      answers: [{ questionId: q.id, value: { [s1.id]: 5, [s2.id]: 6 } }],
    });
    expectError(outOfRange, 400, 'VALIDATION_FAILED');
    expect(await countRows(t, 'responses', c.id)).toBe(0);
    const ok = await submit(t, c.id, { ...base, answers: [{ questionId: q.id, value: { [s1.id]: 5, [s2.id]: 1 } }] });
    expect(ok.statusCode).toBe(201);
  });

  describe('bad input gets a 400 and creates nothing', () => {
    const cases: [string, (qs: Made<Question>) => unknown][] = [
      ['no respondent', (qs) => ({ ...submission(qs), respondent: undefined })],
      [
        'an invalid e-mail',
        (qs) => submission(qs, { respondent: { name: 'A', email: 'not-an-email', actingAs: 'citizen' } }),
      ],
      [
        'an unknown stakeholder type',
        (qs) => submission(qs, { respondent: { name: 'A', email: 'a@example.dk', actingAs: 'lobbyist' } }),
      ],
      ['an unknown consent', (qs) => submission(qs, { consent: 'public' })],
      [
        'a business without CVR',
        (qs) =>
          submission(qs, {
            respondent: { name: 'A', email: 'a@example.dk', actingAs: 'business', organisationName: 'A/S' },
          }),
      ],
      [
        'a CVR with a wrong check digit',
        (qs) =>
          submission(qs, {
            respondent: {
              name: 'A',
              email: 'a@example.dk',
              actingAs: 'business',
              organisationName: 'A/S',
              cvr: '34051179',
            },
          }),
      ],
      [
        'an organisation without its name',
        (qs) => submission(qs, { respondent: { name: 'A', email: 'a@example.dk', actingAs: 'ngo' } }),
      ],
      ['a required question left out', (qs) => submission(qs, { answers: [] })],
      [
        'an answer to a question of another consultation',
        (qs) => submission(qs, { answers: [...submission(qs).answers, { questionId: randomUUID(), value: 'x' }] }),
      ],
      [
        'a choice that is not an option',
        (qs) => submission(qs, { answers: [...submission(qs).answers, { questionId: qs[1].id, value: 'maybe' }] }),
      ],
      [
        'a multiple choice with an option twice',
        (qs) =>
          submission(qs, { answers: [...submission(qs).answers, { questionId: qs[2].id, value: ['tax', 'tax'] }] }),
      ],
      [
        'a scale of 6',
        (qs) => submission(qs, { answers: [...submission(qs).answers, { questionId: qs[3].id, value: 6 }] }),
      ],
      [
        'a scale of 2.5',
        (qs) => submission(qs, { answers: [...submission(qs).answers, { questionId: qs[3].id, value: 2.5 }] }),
      ],
      [
        'text where a number belongs',
        (qs) => submission(qs, { answers: [...submission(qs).answers, { questionId: qs[3].id, value: 'fire' }] }),
      ],
      [
        'a text answer over 20 000 characters',
        (qs) => submission(qs, { answers: [{ questionId: qs[0].id, value: 'x'.repeat(20_001) }] }),
      ],
      [
        'a question answered twice',
        (qs) => submission(qs, { answers: [...submission(qs).answers, ...submission(qs).answers] }),
      ],
      ['a NUL character in the text', (qs) => submission(qs, { body: 'før\u0000efter' })],
      [
        'a NUL character in an answer',
        (qs) => submission(qs, { answers: [{ questionId: qs[0].id, value: '\u0000' }] }),
      ],
      [
        'a name of spaces only',
        (qs) => submission(qs, { respondent: { name: '   ', email: 'a@example.dk', actingAs: 'citizen' } }),
      ],
      ['an attachment id that is not a UUID', (qs) => submission(qs, { attachmentIds: ['../../etc/passwd'] })],
    ];
    let c: Consultation;
    let qs: Made<Question>;
    beforeAll(async () => {
      ({ c, questions: qs } = await openConsultation(t, cast.admin, [
        { ...TEXT_Q, required: false },
        SINGLE_Q,
        MULTI_Q,
        SCALE_Q,
      ]));
      // The first question is required for the "left out" case.
      await call(t, cast.admin, { method: 'PATCH', url: `/api/questions/${qs[0].id}`, payload: { required: true } });
    });

    it.each(cases)('%s', async (_name, make) => {
      const res = await submit(t, c.id, make(qs));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(json<ValidationError>(res).error.details.issues.length).toBeGreaterThan(0);
      expect(await countRows(t, 'responses', c.id)).toBe(0);
    });

    it('malformed JSON', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/consultations/${c.id}/responses`,
        headers: { 'content-type': 'application/json' },
        payload: '{"respondent": {',
      });
      expectError(res, 400, 'INVALID_JSON');
    });

    it('an empty response (no text, answers or files)', async () => {
      const { c: c2 } = await openConsultation(t, cast.admin, []);
      const res = await submit(t, c2.id, submission([], { body: '   ', answers: [] }));
      expectError(res, 400, 'VALIDATION_FAILED');
      expect(await countRows(t, 'responses', c2.id)).toBe(0);
    });

    it('a body over the size limit is 413', async () => {
      const res = await submit(t, c.id, submission(qs, { body: 'æ'.repeat(600_000) }));
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
      expect(await countRows(t, 'responses', c.id)).toBe(0);
    });
  });

  it('accepts a valid CVR written with spaces and stores it normalised', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const receipt = await submitOk(
      t,
      c.id,
      submission(questions, {
        respondent: {
          name: 'Mette Holm',
          email: 'mh@firma.dk',
          actingAs: 'business',
          organisationName: 'Digitaliseringsstyrelsen',
          cvr: '3405 1178',
        },
      }),
    );
    const row = await t.handle.db
      .selectFrom('responses')
      .select(['cvr', 'organisationName'])
      .where('id', '=', receipt.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ cvr: '34051178', organisationName: 'Digitaliseringsstyrelsen' });
  });

  describe('attachments', () => {
    it('links uploaded files and puts their SHA-256 into the fingerprint', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const a = await upload(t, c.id, 'kort.png');
      const receipt = await submitOk(t, c.id, submission(questions, { attachmentIds: [a.id] }));
      const v = await t.handle.db
        .selectFrom('responseVersions')
        .selectAll()
        .where('responseId', '=', receipt.id)
        .executeTakeFirstOrThrow();
      expect(v.snapshot.attachments).toEqual([a.sha256]);
      expect(sha256(canonicalJson(v.snapshot))).toBe(receipt.fingerprint);
      const staff = json<StaffResponse>(await call(t, cast.analyst, { url: `/api/responses/${receipt.id}` }));
      expect(staff.attachments).toEqual([
        expect.objectContaining({
          id: a.id,
          filename: 'kort.png',
          url: `/api/consultations/${c.id}/attachments/${a.id}`,
        }),
      ]);
    });

    it('refuses a file that belongs to another response, and creates nothing', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const a = await upload(t, c.id);
      await submitOk(t, c.id, submission(questions, { attachmentIds: [a.id] }));
      const res = await submit(t, c.id, submission(questions, { attachmentIds: [a.id] }));
      expectError(res, 422, 'RULE_VIOLATION');
      expect(await countRows(t, 'responses', c.id)).toBe(1);
    });

    it('refuses an unknown attachment id', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const res = await submit(t, c.id, submission(questions, { attachmentIds: [randomUUID()] }));
      expectError(res, 422, 'RULE_VIOLATION');
      expect(await countRows(t, 'responses', c.id)).toBe(0);
    });
  });

  describe('the deadline, by the server clock', () => {
    it('refuses a response after the deadline with 409 CONSULTATION_CLOSED and creates nothing', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      await setClosesAt(t, c.id, new Date(Date.now() - 1000));
      const res = await submit(t, c.id, submission(questions));
      expectError(res, 409, 'CONSULTATION_CLOSED');
      expect(await countRows(t, 'responses', c.id)).toBe(0);
      const page = json<Consultation>(await call(t, null, { url: `/api/consultations/${c.id}` }));
      expect(page.acceptsInput).toBe(false);
    });

    it('accepts a response just before the deadline', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      await setClosesAt(t, c.id, new Date(Date.now() + 3000));
      const res = await submit(t, c.id, submission(questions));
      expect(res.statusCode).toBe(201);
    });

    it('refuses a consultation that is not open yet, or already closed by phase', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      await sql`update consultations set opens_at = ${new Date(Date.now() + 3_600_000)} where id = ${c.id}`.execute(
        t.handle.db,
      );
      expectError(await submit(t, c.id, submission(questions)), 409, 'CONSULTATION_CLOSED');
      const { c: c2, questions: q2 } = await openConsultation(t, cast.admin);
      await call(t, cast.admin, {
        method: 'POST',
        url: `/api/consultations/${c2.id}/transition`,
        payload: { to: 'closed' },
      });
      expectError(await submit(t, c2.id, submission(q2)), 409, 'CONSULTATION_CLOSED');
    });
  });

  it('a draft consultation is 404 to the public, and an unknown one too', async () => {
    const c = await makeConsultation(t, cast.admin);
    expectError(await submit(t, c.id, submission([])), 404, 'NOT_FOUND');
    expectError(await submit(t, c.slug, submission([])), 404, 'NOT_FOUND');
    expectError(await submit(t, randomUUID(), submission([])), 404, 'NOT_FOUND');
    // Staff can see the draft, but it does not accept responses either.
    expectError(await submit(t, c.id, submission([]), { user: cast.admin }), 409, 'CONSULTATION_CLOSED');
    expect(await countRows(t, 'responses', c.id)).toBe(0);
  });

  describe('Idempotency-Key', () => {
    it('a retry with the same key returns the first receipt (200), edit token included, and creates nothing more', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const body = submission(questions);
      const key = randomUUID();
      const first = await submit(t, c.id, body, { key });
      const again = await submit(t, c.id, body, { key });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(json<Receipt>(again)).toEqual(json<Receipt>(first));
      expect(await countRows(t, 'responses', c.id)).toBe(1);
      expect(await countRows(t, 'mail_outbox', c.id)).toBe(1);
      // The recovered token works.
      const own = await call(t, null, { url: `/api/responses/by-token/${json<Receipt>(again).editToken}` });
      expect(own.statusCode).toBe(200);
      // Only the key's hash is stored, never the key.
      const row = await t.handle.db
        .selectFrom('responses')
        .selectAll()
        .where('id', '=', json<Receipt>(first).id)
        .executeTakeFirstOrThrow();
      expect(row.idempotencyKeyHash).toBe(sha256(key));
      expect(JSON.stringify(row)).not.toContain(key);
    });

    it('the same key with a different body is 422 IDEMPOTENCY_KEY_REUSED and reveals nothing', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const key = randomUUID();
      await submitOk(t, c.id, submission(questions), { key });
      const res = await submit(t, c.id, submission(questions, { body: 'Noget helt andet.' }), { key });
      expectError(res, 422, 'IDEMPOTENCY_KEY_REUSED');
      expect(res.body).not.toMatch(/editToken|receiptCode/);
      expect(await countRows(t, 'responses', c.id)).toBe(1);
    });

    it('five concurrent submissions with one key create exactly one response', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const body = submission(questions);
      const key = randomUUID();
      const results = await Promise.all(Array.from({ length: 5 }, () => submit(t, c.id, body, { key })));
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => json<Receipt>(r).receiptCode)).size).toBe(1);
      expect(new Set(results.map((r) => json<Receipt>(r).editToken)).size).toBe(1);
      expect(await countRows(t, 'responses', c.id)).toBe(1);
      expect(await countRows(t, 'response_versions', c.id)).toBe(1);
    });

    it('a retry after the deadline still gets the receipt of a response that made it in time', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const body = submission(questions);
      const key = randomUUID();
      const first = await submitOk(t, c.id, body, { key });
      await setClosesAt(t, c.id, new Date(Date.now() - 1000));
      const again = await submit(t, c.id, body, { key });
      expect(again.statusCode).toBe(200);
      expect(json<Receipt>(again).receiptCode).toBe(first.receiptCode);
      expectError(await submit(t, c.id, body, { key: randomUUID() }), 409, 'CONSULTATION_CLOSED');
    });

    it('keys are scoped to their consultation, and a key over 200 characters is refused', async () => {
      const a = await openConsultation(t, cast.admin);
      const b = await openConsultation(t, cast.admin);
      const key = randomUUID();
      const ra = await submitOk(t, a.c.id, submission(a.questions), { key });
      const rb = await submitOk(t, b.c.id, submission(b.questions), { key });
      expect(ra.id).not.toBe(rb.id);
      expectError(await submit(t, a.c.id, submission(a.questions), { key: 'k'.repeat(201) }), 400, 'VALIDATION_FAILED');
    });
  });

  it('rate-limits submissions per IP with 429 and Retry-After', async () => {
    const { c } = await openConsultation(t, cast.admin);
    const ip = '192.0.2.77';
    for (let i = 0; i < 30; i++) {
      const res = await submit(t, c.id, { nothing: true }, { ip });
      expect(res.statusCode).toBe(400);
    }
    const limited = await submit(t, c.id, { nothing: true }, { ip });
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await submit(t, c.id, { nothing: true })).statusCode).toBe(400);
  });
});
