import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Question } from '../../server/modules/questions/questions.schemas.ts';
import type { StaffResponse } from '../../server/modules/responses/publication.schemas.ts';
import {
  countRows,
  decide,
  listNewParty,
  type Made,
  openConsultation,
  type Page,
  setClosesAt,
  submission,
  submitOk,
  TEXT_Q,
} from '../helpers/factory.ts';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  expectError,
  json,
  makeConsultation,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { renderedOf } from '../../server/modules/mail/mail.templates.ts';

describe('staff: the publication queue, decisions, letters', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const queue = (user: TestUser | null, consultationId: string, query = '') =>
    call(t, user, { url: `/api/consultations/${consultationId}/publication-queue${query}` });

  const wrongRoles = [
    ['anonymous', null, 401, 'UNAUTHENTICATED'],
    ['participant', 'participant', 403, 'FORBIDDEN'],
    ['reviewer', 'reviewer', 403, 'FORBIDDEN'],
  ] as const;

  describe('the queue', () => {
    let c: Consultation;
    let receipts: Made<Receipt>;
    beforeAll(async () => {
      const made = await openConsultation(t, cast.admin, [TEXT_Q]);
      c = made.c;
      receipts = [] as Receipt[] as Made<Receipt>;
      for (const consent of ['public_named', 'public_anonymous', 'not_public', 'public_named', 'public_named']) {
        receipts.push(await submitOk(t, c.id, submission(made.questions, { consent })));
      }
      // The last one is withdrawn: nothing to decide.
      await call(t, null, { method: 'DELETE', url: `/api/responses/by-token/${receipts[4].editToken}` });
    });

    it.each(wrongRoles)('is closed to %s', async (_who, role, status, code) => {
      expectError(await queue(role ? cast[role] : null, c.id), status, code);
    });

    it('lists pending responses that consented to publication, oldest first, with the respondent’s details, page by page', async () => {
      for (const staff of [cast.analyst, cast.admin]) {
        const page1 = json<Page<StaffResponse>>(await queue(staff, c.id, '?limit=2'));
        expect(page1.items.map((r: StaffResponse) => r.id)).toEqual([receipts[0].id, receipts[1].id]);
        expect(page1.items[0]).toMatchObject({
          consent: 'public_named',
          publicationStatus: 'pending',
          respondent: { email: expect.stringContaining('@example.dk') },
          late: false,
          answers: [expect.objectContaining({ value: 'Jeg støtter forslaget.' })],
        });
        expect(page1.nextCursor).toEqual(expect.any(String));
        const page2 = json<Page<StaffResponse>>(await queue(staff, c.id, `?limit=2&cursor=${page1.nextCursor}`));
        expect(page2.items.map((r: StaffResponse) => r.id)).toEqual([receipts[3].id]);
        expect(page2.nextCursor).toBeNull();
      }
      expectError(await queue(cast.analyst, c.id, '?cursor=nonsense'), 400, 'BAD_REQUEST');
      expectError(await queue(cast.analyst, c.id, '?status=published'), 400, 'VALIDATION_FAILED');
    });

    it('approve and reject (with a reason), each audited; the status filter follows', async () => {
      expectError(
        await call(t, cast.analyst, {
          method: 'POST',
          url: `/api/responses/${receipts[1].id}/publication`,
          payload: { decision: 'reject' },
        }),
        400,
        'VALIDATION_FAILED',
      );
      const approved = await decide(t, cast.analyst, receipts[0].id, 'approve');
      expect(approved).toMatchObject({
        publicationStatus: 'approved',
        reviewedBy: expect.stringContaining('analyst'),
        reviewedAt: expect.any(String),
      });
      const rejected = await decide(
        t,
        cast.admin,
        receipts[1].id,
        'reject',
        'Indeholder personoplysninger om tredjemand.',
      );
      expect(rejected).toMatchObject({
        publicationStatus: 'rejected',
        publicationReason: 'Indeholder personoplysninger om tredjemand.',
      });
      expect(
        json<Page<StaffResponse>>(await queue(cast.analyst, c.id, '?status=approved')).items.map(
          (r: StaffResponse) => r.id,
        ),
      ).toEqual([receipts[0].id]);
      expect(
        json<Page<StaffResponse>>(await queue(cast.analyst, c.id, '?status=rejected')).items.map(
          (r: StaffResponse) => r.id,
        ),
      ).toEqual([receipts[1].id]);
      expect(json<Page<StaffResponse>>(await queue(cast.analyst, c.id)).items.map((r: StaffResponse) => r.id)).toEqual([
        receipts[3].id,
      ]);
      const audit = await t.handle.db
        .selectFrom('auditEvents')
        .select(['action', 'details'])
        .where('itemId', '=', receipts[1].id)
        .where('action', '=', 'response.publication')
        .execute();
      expect(audit).toEqual([
        { action: 'response.publication', details: expect.objectContaining({ decision: 'reject', from: 'pending' }) },
      ]);
    });

    it('refuses a decision without consent or on a withdrawn response (422), and wrong roles', async () => {
      expectError(
        await call(t, cast.analyst, {
          method: 'POST',
          url: `/api/responses/${receipts[2].id}/publication`,
          payload: { decision: 'approve' },
        }),
        422,
        'RULE_VIOLATION',
      );
      expectError(
        await call(t, cast.analyst, {
          method: 'POST',
          url: `/api/responses/${receipts[4].id}/publication`,
          payload: { decision: 'approve' },
        }),
        422,
        'RULE_VIOLATION',
      );
      expectError(
        await call(t, cast.analyst, {
          method: 'POST',
          url: `/api/responses/${randomUUID()}/publication`,
          payload: { decision: 'approve' },
        }),
        404,
        'NOT_FOUND',
      );
      for (const [, role, status, code] of wrongRoles) {
        const user = role ? cast[role] : null;
        expectError(
          await call(t, user, {
            method: 'POST',
            url: `/api/responses/${receipts[3].id}/publication`,
            payload: { decision: 'approve' },
          }),
          status,
          code,
        );
        expectError(await call(t, user, { url: `/api/responses/${receipts[3].id}` }), status, code);
      }
      const row = await t.handle.db
        .selectFrom('responses')
        .select(['publicationStatus', 'invited'])
        .where('id', '=', receipts[3].id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ publicationStatus: 'pending', invited: false });
    });

    it('has no way to mark a respondent invited by hand: invited follows the list (issue 13 story 5)', async () => {
      const res = await call(t, cast.analyst, {
        method: 'PUT',
        url: `/api/responses/${receipts[3].id}/invited`,
        payload: { invited: true },
      });
      expect(res.statusCode).toBe(404);
      expect(json<StaffResponse>(await call(t, cast.admin, { url: `/api/responses/${receipts[3].id}` })).invited).toBe(
        false,
      );
    });
  });

  describe('responses registered from letters and e-mails', () => {
    const letter = (questions: Question[], overrides: Record<string, unknown> = {}) => ({
      ...submission(questions, { answers: [] }),
      respondent: { name: 'Kommunernes Landsforening', actingAs: 'public_authority', organisationName: 'KL' },
      channel: 'letter',
      receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
      ...overrides,
    });
    const register = (user: TestUser | null, consultationId: string, payload: unknown, key?: string) =>
      call(t, user, {
        method: 'POST',
        url: `/api/consultations/${consultationId}/responses/letters`,
        payload: payload as object,
        headers: key ? { 'idempotency-key': key } : {},
      });

    it.each(wrongRoles)('is closed to %s', async (_who, role, status, code) => {
      const { c, questions } = await openConsultation(t, cast.admin);
      expectError(await register(role ? cast[role] : null, c.id, letter(questions)), status, code);
      expect(await countRows(t, 'responses', c.id)).toBe(0);
    });

    it('registers a letter from a listed party without e-mail, also after the deadline: a letter, late, invited through the list; no edit link, no mail', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const partyId = await listNewParty(t, cast.admin, c.id);
      await setClosesAt(t, c.id, new Date(Date.now() - 60_000));
      const receivedAt = new Date(Date.now() - 1000).toISOString();
      const res = await register(cast.analyst, c.id, letter(questions, { receivedAt, partyId }));
      expect(res.statusCode).toBe(201);
      const receipt = json<Receipt>(res);
      expect(receipt).toMatchObject({ editToken: null, submittedAt: receivedAt, receiptCode: expect.any(String) });
      const staff = json<StaffResponse>(await call(t, cast.analyst, { url: `/api/responses/${receipt.id}` }));
      expect(staff).toMatchObject({
        channel: 'letter',
        late: true,
        invited: true,
        respondent: { email: null, organisationName: 'KL' },
      });
      expect(await countRows(t, 'mail_outbox', c.id)).toBe(0);
      const row = await t.handle.db
        .selectFrom('responses')
        .select(['registeredBy', 'editTokenHash'])
        .where('id', '=', receipt.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ registeredBy: cast.analyst.id, editTokenHash: null });
      const board = json<{
        items: { party: { id: string }; responseId: string | null; late: boolean; linkedBy: string }[];
      }>(await call(t, cast.admin, { url: `/api/consultations/${c.id}/parties` }));
      expect(board.items.find((e) => e.party.id === partyId)).toMatchObject({
        responseId: receipt.id,
        late: true,
        linkedBy: 'staff',
      });
    });

    it('refuses a party that is not on the list, or already answered, storing nothing; a hand-set invited flag is ignored', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      expectError(await register(cast.analyst, c.id, letter(questions, { partyId: randomUUID() })), 404, 'NOT_FOUND');
      expectError(
        await register(cast.analyst, c.id, letter(questions, { partyId: 'not-a-uuid' })),
        400,
        'VALIDATION_FAILED',
      );
      expect(await countRows(t, 'responses', c.id)).toBe(0);
      const partyId = await listNewParty(t, cast.admin, c.id);
      expect((await register(cast.analyst, c.id, letter(questions, { partyId }))).statusCode).toBe(201);
      expectError(await register(cast.analyst, c.id, letter(questions, { partyId })), 409, 'CONFLICT');
      expect(await countRows(t, 'responses', c.id)).toBe(1);
      const plain = json<Receipt>(await register(cast.analyst, c.id, letter(questions, { invited: true })));
      expect(json<StaffResponse>(await call(t, cast.analyst, { url: `/api/responses/${plain.id}` })).invited).toBe(
        false,
      );
    });

    it('an e-mailed response with an address gets a receipt mail without an edit link; a retry with its key creates nothing more', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      const key = randomUUID();
      const body = letter(questions, {
        channel: 'email',
        respondent: { name: 'Jens Hansen', email: 'jens@example.dk', actingAs: 'citizen' },
      });
      const first = await register(cast.admin, c.id, body, key);
      const again = await register(cast.admin, c.id, body, key);
      expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
      expect(json<Receipt>(again).receiptCode).toBe(json<Receipt>(first).receiptCode);
      const mails = await t.handle.db.selectFrom('mailOutbox').selectAll().where('consultationId', '=', c.id).execute();
      expect(mails).toHaveLength(1);
      const text = renderedOf(mails[0]!).text;
      expect(text).not.toContain('#token=');
      expect(text).toContain(json<Receipt>(first).receiptCode);
    });

    it('refuses bad input, a future time of receipt and a draft consultation, creating nothing', async () => {
      const { c, questions } = await openConsultation(t, cast.admin);
      expectError(await register(cast.analyst, c.id, letter(questions, { channel: 'web' })), 400, 'VALIDATION_FAILED');
      expectError(
        await register(cast.analyst, c.id, letter(questions, { receivedAt: 'yesterday' })),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await register(
          cast.analyst,
          c.id,
          letter(questions, { receivedAt: new Date(Date.now() + 86_400_000).toISOString() }),
        ),
        422,
        'RULE_VIOLATION',
      );
      expect(await countRows(t, 'responses', c.id)).toBe(0);
      const draft = await makeConsultation(t, cast.admin);
      expectError(await register(cast.analyst, draft.id, letter([])), 422, 'RULE_VIOLATION');
    });
  });
});
