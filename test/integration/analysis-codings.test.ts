import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import type { InboxItemDetail } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
import type { Coding, ItemCodings } from '../../server/modules/analysis/codings/codings.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signedInUser,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
  type ErrorWith,
} from '../helpers/app.ts';
import { factory, type Page, SINGLE_Q, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';

const WRONG = ['reviewer', 'participant', 'anonymous'] as const;
type Wrong = (typeof WRONG)[number];

const ANSWER = 'Løsningen skal virke uden smartphone, og den skal være gratis.';
const BODY = 'Et digitalt ID skal kunne bruges af alle borgere 👍 også de ældre.';
const COMMENT = 'Banker bør ikke stå for borgernes identitet.';

describe('coding input (issue 11 story 4)', () => {
  let t: TestApp;
  let cast: Cast;
  let analyst: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    analyst = cast.analyst;
  });
  afterAll(async () => t.close());

  const who = (w: Wrong) => (w === 'anonymous' ? null : cast[w]);
  const expectRefused = (res: Parameters<typeof expectError>[0], w: Wrong) =>
    w === 'anonymous' ? expectError(res, 401, 'UNAUTHENTICATED') : expectError(res, 403, 'FORBIDDEN');

  async function tagIn(cid: string, en: string): Promise<CodebookTag> {
    const res = await call(t, analyst, {
      method: 'POST',
      url: `/api/consultations/${cid}/codebook/tags`,
      payload: { name: { da: en, en } },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return json<CodebookTag>(res);
  }

  /** An open consultation with a free-text and a choice question, one response and one comment, and two tags. */
  async function hearing() {
    const f = factory(t);
    const {
      consultation: c,
      scenarios,
      questions,
    } = await f.newOpenConsultation(cast.admin, {
      scenarios: [{ key: 'S1' }],
      questions: [TEXT_Q, SINGLE_Q],
    });
    const [text, choice] = questions;
    const body = submission(questions, {
      body: BODY,
      answers: [
        { questionId: text.id, value: ANSWER },
        { questionId: choice.id, value: 'yes' },
      ],
    });
    const receipt = await submitOk(t, c.id, body);
    const comment = await f.newComment(cast.participant, scenarios[0].id, COMMENT);
    const access = await tagIn(c.id, 'Access');
    const cost = await tagIn(c.id, 'Cost');
    return { c, text, choice, body, receipt, comment, access, cost };
  }

  const create = (cid: string, payload: Record<string, unknown>, user: TestUser | null = analyst) =>
    call(t, user, { method: 'POST', url: `/api/consultations/${cid}/codings`, payload });
  async function code(cid: string, payload: Record<string, unknown>, user: TestUser = analyst): Promise<Coding> {
    const res = await create(cid, payload, user);
    if (res.statusCode !== 201) throw new Error(res.body);
    return json<Coding>(res);
  }
  const itemCodings = async (cid: string, kind: string, id: string): Promise<ItemCodings> => {
    const res = await call(t, analyst, { url: `/api/consultations/${cid}/items/${kind}/${id}/codings` });
    expect(res.statusCode).toBe(200);
    return json<ItemCodings>(res);
  };
  const count = async (cid: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from codings where consultation_id = ${cid}`.execute(t.handle.db))
        .rows[0]!.n,
    );

  describe('creating codings', () => {
    it('codes a whole response, a whole answer, and passages of an answer and of the body, copying the words', async () => {
      const { c, text, receipt, access, cost } = await hearing();
      const whole = await code(c.id, { tagId: access.id, itemKind: 'response', itemId: receipt.id, stance: 'for' });
      expect(whole).toMatchObject({
        consultationId: c.id,
        tagId: access.id,
        itemKind: 'response',
        itemId: receipt.id,
        field: null,
        itemVersion: 1,
        startOffset: null,
        endOffset: null,
        quote: null,
        stance: 'for',
        note: '',
        status: 'confirmed',
        coderId: analyst.id,
        coderName: 'Test analyst',
      });
      const field = await code(c.id, {
        tagId: cost.id,
        itemKind: 'response',
        itemId: receipt.id,
        field: `answer:${text.id}`,
      });
      expect(field).toMatchObject({ field: `answer:${text.id}`, quote: null });

      const start = ANSWER.indexOf('gratis');
      const span = await code(c.id, {
        tagId: cost.id,
        itemKind: 'response',
        itemId: receipt.id,
        field: `answer:${text.id}`,
        startOffset: start,
        endOffset: start + 'gratis'.length,
        stance: 'against',
        note: 'Wants it free',
      });
      expect(span).toMatchObject({ startOffset: start, endOffset: start + 6, quote: 'gratis', note: 'Wants it free' });

      // Offsets count characters (code points): the emoji is one.
      const chars = Array.from(BODY);
      const from = chars.indexOf('👍');
      const inBody = await code(c.id, {
        tagId: access.id,
        itemKind: 'response',
        itemId: receipt.id,
        field: 'body',
        startOffset: from,
        endOffset: from + 6,
      });
      expect(inBody.quote).toBe('👍 også');
      expect(inBody.quote).toBe(chars.slice(from, from + 6).join(''));

      const listed = await itemCodings(c.id, 'response', receipt.id);
      expect(listed).toMatchObject({ itemKind: 'response', itemId: receipt.id, currentVersion: 1 });
      expect(listed.codings.map((x) => x.id)).toEqual([whole.id, field.id, span.id, inBody.id]);
      expect(listed.codings.every((x) => !x.outdated)).toBe(true);
    });

    it('allows several tags on one passage and overlapping passages', async () => {
      const { c, text, receipt, access, cost } = await hearing();
      const on = (tagId: string, startOffset: number, endOffset: number) =>
        code(c.id, {
          tagId,
          itemKind: 'response',
          itemId: receipt.id,
          field: `answer:${text.id}`,
          startOffset,
          endOffset,
        });
      await on(access.id, 0, 20);
      await on(cost.id, 0, 20);
      await on(access.id, 10, 30);
      await on(access.id, 0, 20);
      expect((await itemCodings(c.id, 'response', receipt.id)).codings).toHaveLength(4);
    });

    it('codes a comment’s text, whole or in part', async () => {
      const { c, comment, access } = await hearing();
      const whole = await code(c.id, { tagId: access.id, itemKind: 'comment', itemId: comment.id });
      expect(whole).toMatchObject({ itemKind: 'comment', itemVersion: null, field: null });
      const part = await code(c.id, {
        tagId: access.id,
        itemKind: 'comment',
        itemId: comment.id,
        field: 'body',
        startOffset: 0,
        endOffset: 6,
      });
      expect(part.quote).toBe('Banker');
      expect((await itemCodings(c.id, 'comment', comment.id)).codings.map((x) => x.id)).toEqual([whole.id, part.id]);
    });

    it('refuses a passage outside the text, empty or backwards, or without a field, changing nothing', async () => {
      const { c, text, receipt, comment, access } = await hearing();
      const base = { tagId: access.id, itemKind: 'response', itemId: receipt.id, field: `answer:${text.id}` };
      const length = Array.from(ANSWER).length;
      const out = await create(c.id, { ...base, startOffset: length - 2, endOffset: length + 1 });
      expectError(out, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(out).error.details).toMatchObject({
        reason: 'span_out_of_range',
        length,
      });
      const commentOut = await create(c.id, {
        tagId: access.id,
        itemKind: 'comment',
        itemId: comment.id,
        field: 'body',
        startOffset: 0,
        endOffset: Array.from(COMMENT).length + 1,
      });
      expectError(commentOut, 400, 'BAD_REQUEST');
      expectError(await create(c.id, { ...base, startOffset: 5, endOffset: 5 }), 400, 'VALIDATION_FAILED');
      expectError(await create(c.id, { ...base, startOffset: 6, endOffset: 5 }), 400, 'VALIDATION_FAILED');
      expectError(await create(c.id, { ...base, startOffset: -1, endOffset: 5 }), 400, 'VALIDATION_FAILED');
      expectError(await create(c.id, { ...base, startOffset: 1 }), 400, 'VALIDATION_FAILED');
      expectError(await create(c.id, { ...base, field: null, startOffset: 0, endOffset: 3 }), 400, 'VALIDATION_FAILED');
      expect(await count(c.id)).toBe(0);
      expect(await create(c.id, { ...base, startOffset: 0, endOffset: length })).toMatchObject({ statusCode: 201 });
    });

    it('refuses a field the item does not have, and a passage of a choice answer', async () => {
      const { c, choice, receipt, comment, access } = await hearing();
      const base = { tagId: access.id, itemKind: 'response', itemId: receipt.id };
      const missing = await create(c.id, { ...base, field: `answer:${randomUUID()}` });
      expectError(missing, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(missing).error.details.reason).toBe('no_such_field');
      const attachment = await create(c.id, { ...base, field: `attachment:${randomUUID()}` });
      expect(json<ErrorWith<Record<string, unknown>>>(attachment).error.details.reason).toBe('no_such_field');
      const choicePart = await create(c.id, { ...base, field: `answer:${choice.id}`, startOffset: 0, endOffset: 2 });
      expectError(choicePart, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(choicePart).error.details.reason).toBe('not_text');
      const commentField = await create(c.id, {
        tagId: access.id,
        itemKind: 'comment',
        itemId: comment.id,
        field: `answer:${choice.id}`,
      });
      expectError(commentField, 400, 'BAD_REQUEST');
      // A response has no title (a stakeholder input has, issue 13): refused, not malformed.
      expectError(await create(c.id, { ...base, field: 'title' }), 400, 'BAD_REQUEST');
      expectError(await create(c.id, { ...base, field: 'Title!' }), 400, 'VALIDATION_FAILED');
      // Findings and stakeholder inputs are codable since issue 13; a response's id names neither.
      expectError(await create(c.id, { ...base, itemKind: 'finding' }), 404, 'NOT_FOUND');
      expectError(await create(c.id, { ...base, itemKind: 'stakeholder_input' }), 404, 'NOT_FOUND');
      expectError(await create(c.id, { ...base, stance: 'maybe' }), 400, 'VALIDATION_FAILED');
      expect(await count(c.id)).toBe(0);
      expect((await create(c.id, { ...base, field: `answer:${choice.id}` })).statusCode).toBe(201);
    });

    it('refuses a tag of another consultation (400), an archived tag (422) and an item of another consultation (404)', async () => {
      const a = await hearing();
      const b = await hearing();
      const base = { itemKind: 'response', itemId: a.receipt.id };
      const cross = await create(a.c.id, { ...base, tagId: b.access.id });
      expectError(cross, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(cross).error.details.reason).toBe('other_consultation');
      expectError(await create(a.c.id, { ...base, tagId: randomUUID() }), 404, 'NOT_FOUND');
      expectError(
        await create(a.c.id, { itemKind: 'response', itemId: b.receipt.id, tagId: a.access.id }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await create(a.c.id, { itemKind: 'comment', itemId: b.comment.id, tagId: a.access.id }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await create(a.c.id, { itemKind: 'response', itemId: randomUUID(), tagId: a.access.id }),
        404,
        'NOT_FOUND',
      );
      await call(t, analyst, {
        method: 'POST',
        url: `/api/codebook-tags/${a.cost.id}/archive`,
        payload: { version: 1 },
      });
      const archived = await create(a.c.id, { ...base, tagId: a.cost.id });
      expectError(archived, 422, 'RULE_VIOLATION');
      expect(await count(a.c.id)).toBe(0);
      expect(await count(b.c.id)).toBe(0);
    });
  });

  describe('changing and removing codings', () => {
    type Ref = { id: string; consultationId: string };
    const codingUrl = (x: Ref) => `/api/consultations/${x.consultationId}/codings/${x.id}`;
    const patch = (x: Ref, payload: Record<string, unknown>, user: TestUser | null = analyst) =>
      call(t, user, { method: 'PATCH', url: codingUrl(x), payload });
    const remove = (x: Ref, user: TestUser | null = analyst) => call(t, user, { method: 'DELETE', url: codingUrl(x) });

    it('changes the tag, the stance and the note, audited', async () => {
      const { c, receipt, access, cost } = await hearing();
      const coding = await code(c.id, { tagId: access.id, itemKind: 'response', itemId: receipt.id });
      const res = await patch(coding, { tagId: cost.id, stance: 'mixed', note: 'Both' });
      expect(res.statusCode).toBe(200);
      expect(json<Coding>(res)).toMatchObject({ id: coding.id, tagId: cost.id, stance: 'mixed', note: 'Both' });
      expect(json<Coding>(await patch(coding, { stance: null }))).toMatchObject({ stance: null, tagId: cost.id });
      const audit = await sql<{ action: string; details: Record<string, unknown> }>`
        select action, details from audit_events
         where consultation_id = ${c.id} and item_type = 'coding' and item_id = ${coding.id}
         order by occurred_at`.execute(t.handle.db);
      expect(audit.rows.map((r) => r.action)).toEqual(['coding.create', 'coding.update', 'coding.update']);
      expect(audit.rows[1]!.details).toMatchObject({ fromTagId: access.id, toTagId: cost.id });
    });

    it('refuses another consultation’s tag, bad input, and another analyst; an admin may change it', async () => {
      const a = await hearing();
      const b = await hearing();
      const coding = await code(a.c.id, { tagId: a.access.id, itemKind: 'response', itemId: a.receipt.id });
      expectError(await patch(coding, { tagId: b.access.id }), 400, 'BAD_REQUEST');
      expectError(await patch(coding, {}), 400, 'VALIDATION_FAILED');
      expectError(await patch(coding, { stance: 'maybe' }), 400, 'VALIDATION_FAILED');
      expectError(await patch({ id: randomUUID(), consultationId: a.c.id }, { note: 'x' }), 404, 'NOT_FOUND');
      // Named under another consultation: not found there, and nothing changes.
      expectError(await patch({ ...coding, consultationId: b.c.id }, { note: 'x' }), 404, 'NOT_FOUND');
      expectError(await remove({ ...coding, consultationId: b.c.id }), 404, 'NOT_FOUND');
      const colleague = await signedInUser(t, ['analyst']);
      expectError(await patch(coding, { note: 'Not mine' }, colleague), 403, 'FORBIDDEN');
      expectError(await remove(coding, colleague), 403, 'FORBIDDEN');
      expect((await itemCodings(a.c.id, 'response', a.receipt.id)).codings[0]).toMatchObject({
        tagId: a.access.id,
        note: '',
      });
      expect((await patch(coding, { note: 'Checked' }, cast.admin)).statusCode).toBe(200);
    });

    it('removes a coding; the audit event keeps what it was', async () => {
      const { c, receipt, access } = await hearing();
      const coding = await code(c.id, { tagId: access.id, itemKind: 'response', itemId: receipt.id, field: 'body' });
      const res = await remove(coding);
      expect(res.statusCode).toBe(204);
      expect(await count(c.id)).toBe(0);
      expectError(await remove(coding), 404, 'NOT_FOUND');
      const audit = await sql<{ details: { coding: Coding } }>`
        select details from audit_events where item_id = ${coding.id} and action = 'coding.delete'`.execute(
        t.handle.db,
      );
      expect(audit.rows[0]!.details.coding).toMatchObject({ id: coding.id, tagId: access.id, field: 'body' });
    });
  });

  describe('listing', () => {
    it('pages a consultation’s codings newest first, with filters, and refuses a forged cursor', async () => {
      const { c, receipt, comment, access, cost } = await hearing();
      const made: Coding[] = [];
      for (const tagId of [access.id, cost.id, access.id, cost.id, access.id]) {
        made.push(await code(c.id, { tagId, itemKind: 'response', itemId: receipt.id }));
      }
      made.push(await code(c.id, { tagId: access.id, itemKind: 'comment', itemId: comment.id }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/consultations/${c.id}/codings?limit=4${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await call(t, analyst, { url });
        expect(res.statusCode).toBe(200);
        const page: Page<Coding> = json<Page<Coding>>(res);
        seen.push(...page.items.map((x) => x.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(made.map((x) => x.id).reverse());

      const onCost = json<Page<Coding>>(
        await call(t, analyst, { url: `/api/consultations/${c.id}/codings?tagId=${cost.id}` }),
      );
      expect(onCost.items.map((x) => x.id)).toEqual([made[3]!.id, made[1]!.id]);
      const comments = json<Page<Coding>>(
        await call(t, analyst, { url: `/api/consultations/${c.id}/codings?itemKind=comment` }),
      );
      expect(comments.items.map((x) => x.id)).toEqual([made[5]!.id]);
      expectError(
        await call(t, analyst, { url: `/api/consultations/${c.id}/codings?cursor=forged` }),
        400,
        'BAD_REQUEST',
      );
      expectError(
        await call(t, analyst, { url: `/api/consultations/${c.id}/codings?limit=0` }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('marks codings made on an earlier version once the respondent edits the response', async () => {
      const { c, body, receipt, access } = await hearing();
      const coding = await code(c.id, { tagId: access.id, itemKind: 'response', itemId: receipt.id, field: 'body' });
      const edit = await call(t, null, {
        method: 'PUT',
        url: `/api/responses/by-token/${receipt.editToken}`,
        payload: { ...body, body: 'Jeg har ændret mening.', version: 1 },
      });
      expect(edit.statusCode).toBe(200);
      const listed = await itemCodings(c.id, 'response', receipt.id);
      expect(listed.currentVersion).toBe(2);
      expect(listed.codings).toEqual([expect.objectContaining({ id: coding.id, itemVersion: 1, outdated: true })]);
      // The item view shows the version the coding was made on, as it was.
      const item = json<InboxItemDetail>(
        await call(t, analyst, { url: `/api/consultations/${c.id}/inbox/items/response/${receipt.id}` }),
      );
      expect(item.version).toBe(2);
      expect(item.texts[0]).toMatchObject({ field: 'body', text: 'Jeg har ændret mening.' });
      expect(item.earlierVersions).toEqual([
        expect.objectContaining({
          version: 1,
          texts: [
            expect.objectContaining({ field: 'body', text: body.body }),
            expect.objectContaining({ field: expect.stringMatching(/^answer:/), text: expect.any(String) }),
          ],
        }),
      ]);
    });

    it('answers 404 for an item of another consultation', async () => {
      const a = await hearing();
      const b = await hearing();
      const res = await call(t, analyst, {
        url: `/api/consultations/${a.c.id}/items/response/${b.receipt.id}/codings`,
      });
      expectError(res, 404, 'NOT_FOUND');
    });
  });

  it('refuses reviewers and participants (403) and the signed-out (401) on every route, changing nothing', async () => {
    const { c, receipt, access } = await hearing();
    const coding = await code(c.id, { tagId: access.id, itemKind: 'response', itemId: receipt.id });
    const routes: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: Record<string, unknown> }[] = [
      {
        method: 'POST',
        url: `/api/consultations/${c.id}/codings`,
        payload: { tagId: access.id, itemKind: 'response', itemId: receipt.id },
      },
      { method: 'GET', url: `/api/consultations/${c.id}/codings` },
      { method: 'GET', url: `/api/consultations/${c.id}/items/response/${receipt.id}/codings` },
      { method: 'PATCH', url: `/api/consultations/${c.id}/codings/${coding.id}`, payload: { note: 'x' } },
      { method: 'DELETE', url: `/api/consultations/${c.id}/codings/${coding.id}` },
    ];
    for (const route of routes) {
      for (const w of WRONG) expectRefused(await call(t, who(w), route), w);
    }
    expect(await count(c.id)).toBe(1);
    expect((await itemCodings(c.id, 'response', receipt.id)).codings[0]!.note).toBe('');
  });
});
