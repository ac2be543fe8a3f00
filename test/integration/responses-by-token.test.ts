import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../server/modules/responses/fingerprint.rules.ts';
import type { z } from 'zod';
import type { EditReceipt, OwnResponse, Withdrawal } from '../../server/modules/responses/responses.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import {
  countRows,
  decide,
  openConsultation,
  setClosesAt,
  submission,
  submitOk,
  TEXT_Q,
  upload,
} from '../helpers/factory.ts';
import { renderedOf } from '../../server/modules/mail/mail.templates.ts';

type Withdrawal = z.infer<typeof Withdrawal>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('the edit link: view, edit, withdraw until the deadline', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const byToken = (method: 'GET' | 'PUT' | 'DELETE', token: string, payload?: unknown, user: TestUser | null = null) =>
    call(t, user, {
      method,
      url: `/api/responses/by-token/${token}`,
      ...(payload ? { payload: payload as object } : {}),
    });

  async function fresh(extra: Record<string, unknown> = {}) {
    const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q]);
    const body = submission(questions, extra);
    const receipt = await submitOk(t, c.id, body);
    return { c, questions, body, receipt };
  }

  it('shows the respondent their own response, e-mail included', async () => {
    const { c, questions, body, receipt } = await fresh();
    const res = await byToken('GET', receipt.editToken);
    expect(res.statusCode).toBe(200);
    expect(json<OwnResponse>(res)).toMatchObject({
      id: receipt.id,
      consultationId: c.id,
      receiptCode: receipt.receiptCode,
      fingerprint: receipt.fingerprint,
      status: 'submitted',
      version: 1,
      editable: true,
      respondent: { name: 'Karen Jensen', email: body.respondent.email, actingAs: 'citizen' },
      consent: 'public_named',
      publicationStatus: 'pending',
      body: body.body,
      answers: [{ questionId: questions[0].id, value: 'Jeg støtter forslaget.' }],
      attachments: [],
    });
  });

  it('an unknown, malformed or other response’s token finds nothing but its own', async () => {
    const a = await fresh();
    const b = await fresh();
    expectError(await byToken('GET', randomBytes(32).toString('base64url')), 404, 'NOT_FOUND');
    expectError(await byToken('GET', 'abc'), 404, 'NOT_FOUND');
    expectError(
      await byToken('GET', a.receipt.editToken.slice(0, -1) + (a.receipt.editToken.endsWith('A') ? 'B' : 'A')),
      404,
      'NOT_FOUND',
    );
    // The response id, the receipt code and the hash stored in the database are not tokens.
    expectError(await byToken('GET', a.receipt.id), 404, 'NOT_FOUND');
    expectError(await byToken('GET', a.receipt.receiptCode), 404, 'NOT_FOUND');
    expectError(await byToken('GET', sha256(a.receipt.editToken)), 404, 'NOT_FOUND');
    expect(json<OwnResponse>(await byToken('GET', b.receipt.editToken)).id).toBe(b.receipt.id);
    expectError(await byToken('PUT', randomBytes(32).toString('base64url'), submission(a.questions)), 404, 'NOT_FOUND');
    expectError(await byToken('DELETE', randomBytes(32).toString('base64url')), 404, 'NOT_FOUND');
    expect(json<OwnResponse>(await byToken('GET', a.receipt.editToken)).status).toBe('submitted');
  });

  it('an edit is a new version with a new fingerprint; the previous version is kept and the receipt re-issued by mail', async () => {
    const { c, questions, body, receipt } = await fresh();
    const edited = {
      ...body,
      body: 'Jeg har ændret mening: løsningen skal også virke uden smartphone.',
      consent: 'public_anonymous',
      locale: 'en',
    };
    const res = await byToken('PUT', receipt.editToken, { ...edited, version: 1 });
    expect(res.statusCode).toBe(200);
    const again = json<EditReceipt>(res);
    expect(again).toMatchObject({
      id: receipt.id,
      receiptCode: receipt.receiptCode,
      editToken: receipt.editToken,
      version: 2,
      submittedAt: receipt.submittedAt,
    });
    expect(again.fingerprint).not.toBe(receipt.fingerprint);

    const versions = await t.handle.db
      .selectFrom('responseVersions')
      .selectAll()
      .where('responseId', '=', receipt.id)
      .orderBy('version')
      .execute();
    expect(versions.map((v) => [v.version, v.fingerprint])).toEqual([
      [1, receipt.fingerprint],
      [2, again.fingerprint],
    ]);
    expect(versions[0]!.snapshot.body).toBe(body.body);
    expect(versions[1]!.snapshot.body).toBe(edited.body);
    expect(sha256(canonicalJson(versions[1]!.snapshot))).toBe(again.fingerprint);

    const own = json<OwnResponse>(await byToken('GET', receipt.editToken));
    expect(own).toMatchObject({
      version: 2,
      body: edited.body,
      consent: 'public_anonymous',
      locale: 'en',
      editedAt: expect.any(String),
    });
    expect(own.answers).toEqual([{ questionId: questions[0].id, value: 'Jeg støtter forslaget.' }]);

    const mails = await t.handle.db
      .selectFrom('mailOutbox')
      .selectAll()
      .where('responseId', '=', receipt.id)
      .orderBy('createdAt')
      .execute();
    expect(mails.map((m) => [m.kind, m.locale])).toEqual([
      ['receipt', 'da'],
      ['receipt', 'en'],
    ]);
    expect(renderedOf(mails[1]!).subject).toMatch(/^New receipt/);
    expect(renderedOf(mails[1]!).text).toContain(again.fingerprint);
    expect(await countRows(t, 'responses', c.id)).toBe(1);
  });

  it('the same content again changes nothing; a stale version is 409', async () => {
    const { body, receipt } = await fresh();
    const same = await byToken('PUT', receipt.editToken, body);
    expect(json<EditReceipt>(same)).toMatchObject({ version: 1, fingerprint: receipt.fingerprint });
    await byToken('PUT', receipt.editToken, { ...body, body: 'Ny tekst.' });
    expectError(
      await byToken('PUT', receipt.editToken, { ...body, body: 'Tredje tekst.', version: 1 }),
      409,
      'STALE_VERSION',
    );
    expect(json<OwnResponse>(await byToken('GET', receipt.editToken))).toMatchObject({ version: 2, body: 'Ny tekst.' });
  });

  it('bad input in an edit is 400 and changes nothing', async () => {
    const { body, receipt } = await fresh();
    expectError(await byToken('PUT', receipt.editToken, { ...body, answers: [] }), 400, 'VALIDATION_FAILED');
    expectError(await byToken('PUT', receipt.editToken, { ...body, consent: 'everyone' }), 400, 'VALIDATION_FAILED');
    expectError(
      await byToken('PUT', receipt.editToken, { ...body, respondent: { ...body.respondent, email: null } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(json<OwnResponse>(await byToken('GET', receipt.editToken))).toMatchObject({
      version: 1,
      fingerprint: receipt.fingerprint,
    });
  });

  it('an edit can swap attachments; the fingerprint follows the files', async () => {
    const { c, body, receipt } = await fresh();
    const a = await upload(t, c.id, 'a.png');
    const withFile = json<EditReceipt>(await byToken('PUT', receipt.editToken, { ...body, attachmentIds: [a.id] }));
    expect(json<OwnResponse>(await byToken('GET', receipt.editToken)).attachments.map((x) => x.id)).toEqual([a.id]);
    const without = json<EditReceipt>(await byToken('PUT', receipt.editToken, { ...body, attachmentIds: [] }));
    expect(without.fingerprint).toBe(receipt.fingerprint);
    expect(withFile.fingerprint).not.toBe(receipt.fingerprint);
    expect(json<OwnResponse>(await byToken('GET', receipt.editToken)).attachments).toEqual([]);
  });

  it('an edit of an approved response sends it back to the publication queue', async () => {
    const { body, receipt } = await fresh();
    await decide(t, cast.analyst, receipt.id, 'approve');
    expect(json<OwnResponse>(await byToken('GET', receipt.editToken)).publicationStatus).toBe('approved');
    await byToken('PUT', receipt.editToken, { ...body, body: 'Rettet efter godkendelse.' });
    expect(json<OwnResponse>(await byToken('GET', receipt.editToken)).publicationStatus).toBe('pending');
    await byToken('PUT', receipt.editToken, { ...body, consent: 'not_public' });
    expect(json<OwnResponse>(await byToken('GET', receipt.editToken)).publicationStatus).toBe('not_requested');
  });

  it('withdrawing is final and harmless to repeat; a withdrawn response cannot be edited', async () => {
    const { body, receipt } = await fresh();
    const res = await byToken('DELETE', receipt.editToken);
    expect(res.statusCode).toBe(200);
    expect(json<Withdrawal>(res)).toMatchObject({
      id: receipt.id,
      status: 'withdrawn',
      withdrawnAt: expect.any(String),
    });
    const twice = await byToken('DELETE', receipt.editToken);
    expect(json<Withdrawal>(twice)).toEqual(json<Withdrawal>(res));
    expect(json<OwnResponse>(await byToken('GET', receipt.editToken))).toMatchObject({
      status: 'withdrawn',
      editable: false,
    });
    expectError(await byToken('PUT', receipt.editToken, body), 422, 'RULE_VIOLATION');
    const mails = await t.handle.db
      .selectFrom('mailOutbox')
      .select('kind')
      .where('responseId', '=', receipt.id)
      .execute();
    expect(mails.map((m) => m.kind).sort()).toEqual(['receipt', 'withdrawal']);
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('action')
      .where('itemId', '=', receipt.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['response.submit', 'response.withdraw']);
  });

  describe('after the deadline', () => {
    it('edit and withdraw are 409 CONSULTATION_CLOSED and change nothing; reading still works, read-only', async () => {
      const { c, body, receipt } = await fresh();
      await setClosesAt(t, c.id, new Date(Date.now() - 1000));
      expectError(await byToken('PUT', receipt.editToken, { ...body, body: 'For sent.' }), 409, 'CONSULTATION_CLOSED');
      expectError(await byToken('DELETE', receipt.editToken), 409, 'CONSULTATION_CLOSED');
      const own = json<OwnResponse>(await byToken('GET', receipt.editToken));
      expect(own).toMatchObject({ status: 'submitted', version: 1, body: body.body, editable: false });
      expect(new Date(own.closesAt!).getTime()).toBeLessThan(Date.parse(own.serverTime));
    });

    it('just before the deadline an edit is accepted', async () => {
      const { c, body, receipt } = await fresh();
      await setClosesAt(t, c.id, new Date(Date.now() + 3000));
      const res = await byToken('PUT', receipt.editToken, { ...body, body: 'I sidste øjeblik.' });
      expect(res.statusCode).toBe(200);
      expect(json<EditReceipt>(res).version).toBe(2);
    });
  });
});
