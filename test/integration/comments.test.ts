import { randomUUID } from 'node:crypto';
import type { Activity } from '../../server/modules/participants/participants.schemas.ts';
import type { Comment, CommentList, SupportState } from '../../server/modules/comments/comments.schemas.ts';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import {
  lastMailTo,
  type Made,
  mailsTo,
  makeOpenConsultation,
  passDeadline,
  registeredParticipant,
  restoreDeadline,
} from '../helpers/factory.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  expectError,
  json,
  makeConsultation,
  signedInUser,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';

describe('comments', () => {
  let t: TestApp;
  let admin: TestUser;
  let analyst: TestUser;
  let reviewer: TestUser;
  let p1: TestUser;
  let p2: TestUser;
  let consultation: Consultation;
  let scenarios: Made<Scenario>;

  const list = (who: TestUser | null, scenarioId: string, query = '') =>
    call(t, who, { url: `/api/scenarios/${scenarioId}/comments${query}` });
  const post = (who: TestUser | null, scenarioId: string, payload: Record<string, unknown>, key?: string) =>
    call(t, who, {
      method: 'POST',
      url: `/api/scenarios/${scenarioId}/comments`,
      payload,
      ...(key ? { headers: { 'idempotency-key': key } } : {}),
    });
  const rowsOf = (scenarioId: string) =>
    t.handle.db.selectFrom('comments').selectAll().where('scenarioId', '=', scenarioId).execute();
  const paragraph = (s: Scenario, i = 0) => s.paragraphs.da[i] as { id: string; text: string };

  beforeAll(async () => {
    t = await createTestApp();
    [admin, analyst, reviewer, p1] = await Promise.all([
      signedInUser(t, ['admin']),
      signedInUser(t, ['analyst']),
      signedInUser(t, ['reviewer']),
      registeredParticipant(t, { locale: 'en' }),
    ]);
    p2 = await registeredParticipant(t);
    ({ consultation, scenarios } = await makeOpenConsultation(t, admin));
  });
  afterAll(async () => t.close());

  describe('POST /api/scenarios/:id/comments', () => {
    it('comments on the whole scenario and on a paragraph, with a snapshot of its text', async () => {
      const s = scenarios[0];
      const whole = await post(p1, s.id, { body: 'I like this scenario.' });
      expect(whole.statusCode).toBe(201);
      expect(json<Comment>(whole)).toMatchObject({
        scenarioId: s.id,
        parentId: null,
        anchor: null,
        scenarioVersion: 1,
        status: 'visible',
        body: 'I like this scenario.',
        author: { displayName: 'Registered Person' },
        mine: true,
        supportCount: 0,
        supportedByMe: false,
        canEdit: true,
        canSupport: false,
        editedAt: null,
      });
      const p = paragraph(s);
      const anchored = await post(p1, s.id, { body: 'About the first paragraph.', paragraphId: p.id });
      expect(anchored.statusCode).toBe(201);
      // A translation's paragraphs share their ids, so the snapshot holds both languages.
      expect(s.paragraphs.en[0]!.id).toBe(p.id);
      expect(json<Comment>(anchored).anchor).toEqual({
        paragraphId: p.id,
        version: 1,
        text: { da: p.text, en: s.paragraphs.en[0]!.text },
        outdated: false,
      });
      const audit = await t.handle.db
        .selectFrom('auditEvents')
        .selectAll()
        .where('itemId', '=', json<Comment>(anchored).id)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['comment.create']);
    });

    it('keeps only the language a paragraph is in when the two texts do not line up', async () => {
      const {
        scenarios: [s],
      } = await makeOpenConsultation(t, admin, [
        { key: 'U1', description: { da: 'Kun ét afsnit.', en: 'First.\n\nSecond.' } },
      ]);
      const en = s.paragraphs.en[1]!;
      expect(s.paragraphs.da.map((x) => x.id)).not.toContain(en.id);
      const res = await post(p2, s.id, { body: 'On the English text.', paragraphId: en.id });
      expect(res.statusCode).toBe(201);
      expect(json<Comment>(res).anchor).toMatchObject({ paragraphId: en.id, text: { da: null, en: 'Second.' } });
    });

    it.each([
      ['an empty body', { body: '   ' }],
      ['a body over 5000 characters', { body: 'x'.repeat(5001) }],
      ['a NUL character', { body: 'a\u0000b' }],
      ['a malformed paragraph id', { body: 'x', paragraphId: 'para-1' }],
      ['a malformed parent id', { body: 'x', parentId: 'nope' }],
      ['an unknown field', { body: 'x', status: 'hidden' }],
      ['a number as body', { body: 42 }],
    ])('is a 400 for %s and creates nothing', async (_n, payload) => {
      const s = scenarios[2];
      const before = (await rowsOf(s.id)).length;
      expectError(await post(p1, s.id, payload), 400, 'VALIDATION_FAILED');
      expect((await rowsOf(s.id)).length).toBe(before);
    });

    it('is a 422 for a paragraph not in the current version, and creates nothing', async () => {
      const s = scenarios[2];
      const before = (await rowsOf(s.id)).length;
      expectError(await post(p1, s.id, { body: 'x', paragraphId: 'p-00000000' }), 422, 'RULE_VIOLATION');
      expect((await rowsOf(s.id)).length).toBe(before);
    });

    it('needs a session (401); a draft consultation’s scenario is not found (404)', async () => {
      expectError(await post(null, scenarios[0].id, { body: 'anonymous' }), 401, 'UNAUTHENTICATED');
      const draft = await makeConsultation(t, admin);
      const sc = await call(t, admin, {
        method: 'POST',
        url: `/api/consultations/${draft.id}/scenarios`,
        payload: { key: 'D1', title: { da: 'Kladde', en: 'Draft' } },
      });
      expectError(await post(p1, json<Scenario>(sc).id, { body: 'on a draft' }), 404, 'NOT_FOUND');
      expectError(await list(null, json<Scenario>(sc).id), 404, 'NOT_FOUND');
      expectError(await post(p1, randomUUID(), { body: 'nowhere' }), 404, 'NOT_FOUND');
    });

    it('honours Idempotency-Key: the same key returns the first comment and creates nothing more', async () => {
      const s = scenarios[1];
      const key = randomUUID();
      const first = await post(p1, s.id, { body: 'Once only.' }, key);
      const again = await post(p1, s.id, { body: 'Once only, resent.' }, key);
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(json<Comment>(again).id).toBe(json<Comment>(first).id);
      expect(json<Comment>(again).body).toBe('Once only.');
      const parallel = await Promise.all(Array.from({ length: 6 }, () => post(p2, s.id, { body: 'Parallel.' }, key)));
      expect(parallel.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(parallel.map((r) => json<Comment>(r).id)).size).toBe(1);
      // The key is the author's own: another person's same key made their own comment.
      expect(json<Comment>(parallel[0]!).id).not.toBe(json<Comment>(first).id);
      const rows = (await rowsOf(s.id)).filter((r) => r.idempotencyKey === key);
      expect(rows).toHaveLength(2);
    });

    it('is a 400 for a malformed Idempotency-Key', async () => {
      expectError(await post(p1, scenarios[1].id, { body: 'x' }, 'has spaces in it'), 400, 'VALIDATION_FAILED');
    });
  });

  describe('replies', () => {
    it('go one level deep, under a visible comment of the same scenario, on its paragraph', async () => {
      const s = scenarios[1];
      const p = paragraph(s);
      const top = json<Comment>(await post(p1, s.id, { body: 'Top.', paragraphId: p.id }));
      const reply = await post(p2, s.id, { body: 'Reply.', parentId: top.id });
      expect(reply.statusCode).toBe(201);
      expect(json<Comment>(reply)).toMatchObject({
        parentId: top.id,
        anchor: { paragraphId: p.id, text: { da: p.text } },
      });

      expectError(await post(p1, s.id, { body: 'Deeper.', parentId: json<Comment>(reply).id }), 422, 'RULE_VIOLATION');
      expectError(await post(p1, scenarios[0].id, { body: 'Elsewhere.', parentId: top.id }), 422, 'RULE_VIOLATION');
      expectError(
        await post(p1, s.id, { body: 'Other paragraph.', parentId: top.id, paragraphId: paragraph(s, 1).id }),
        422,
        'RULE_VIOLATION',
      );
      expectError(await post(p1, s.id, { body: 'Ghost.', parentId: randomUUID() }), 422, 'RULE_VIOLATION');

      const thread = json<CommentList>(await list(null, s.id)).items.find((i) => i.id === top.id);
      expect(thread!.replies.map((r) => r.id)).toEqual([json<Comment>(reply).id]);
    });
  });

  describe('GET /api/scenarios/:id/comments', () => {
    it('shows threads oldest first with counts per paragraph, supports and the viewer’s own marks', async () => {
      const {
        scenarios: [s],
      } = await makeOpenConsultation(t, admin, [{ key: 'L1' }]);
      const [a, b] = [paragraph(s, 0), paragraph(s, 1)];
      const c1 = json<Comment>(await post(p1, s.id, { body: 'one', paragraphId: a.id }));
      const c2 = json<Comment>(await post(p2, s.id, { body: 'two', paragraphId: a.id }));
      await post(p2, s.id, { body: 'three', paragraphId: b.id });
      await post(p1, s.id, { body: 'reply', parentId: c2.id });
      await post(p2, s.id, { body: 'whole' });
      await call(t, p2, { method: 'PUT', url: `/api/comments/${c1.id}/support` });

      const res = await list(p2, s.id);
      expect(res.statusCode).toBe(200);
      const body = json<CommentList>(res);
      expect(body).toMatchObject({
        scenarioId: s.id,
        currentVersion: 1,
        acceptsInput: true,
        canModerate: false,
        total: 5,
        nextCursor: null,
      });
      expect(body.paragraphCounts).toEqual({ [a.id]: 3, [b.id]: 1 });
      expect(body.items.map((i) => i.body)).toEqual(['one', 'two', 'three', 'whole']);
      expect(body.items[0]).toMatchObject({
        supportCount: 1,
        supportedByMe: true,
        mine: false,
        canSupport: true,
        canEdit: false,
      });
      expect(body.items[1]).toMatchObject({ mine: true, canEdit: true, canSupport: false });
      expect(body.items[1]!.replies.map((r) => r.body)).toEqual(['reply']);

      const onA = json<CommentList>(await list(null, s.id, `?paragraph=${a.id}`));
      expect(onA.items.map((i) => i.body)).toEqual(['one', 'two']);
      expect(onA.items[0]).toMatchObject({ mine: false, supportedByMe: false, canSupport: false });
      expect(json<CommentList>(await list(null, s.id, '?paragraph=none')).items.map((i) => i.body)).toEqual(['whole']);
    });

    it('pages with a cursor and refuses a bad one', async () => {
      const {
        scenarios: [s],
      } = await makeOpenConsultation(t, admin, [{ key: 'P1' }]);
      for (const body of ['a', 'b', 'c']) await post(p1, s.id, { body });
      const first = json<CommentList>(await list(null, s.id, '?limit=2'));
      expect(first.items.map((i) => i.body)).toEqual(['a', 'b']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = json<CommentList>(await list(null, s.id, `?limit=2&cursor=${first.nextCursor}`));
      expect(second.items.map((i) => i.body)).toEqual(['c']);
      expect(second.nextCursor).toBeNull();
      expectError(await list(null, s.id, '?cursor=garbage'), 400, 'BAD_REQUEST');
      expectError(await list(null, s.id, '?limit=0'), 400, 'VALIDATION_FAILED');
      expectError(await list(null, s.id, '?paragraph=abc'), 400, 'VALIDATION_FAILED');
      expectError(await list(null, 'not-a-uuid'), 400, 'VALIDATION_FAILED');
    });

    it('keeps the paragraph text of an earlier version and marks the anchor outdated (story 3)', async () => {
      const {
        scenarios: [s],
      } = await makeOpenConsultation(t, admin, [
        {
          key: 'V1',
          description: { da: 'Afsnit der bliver.\n\nAfsnit der ændres.', en: 'Kept paragraph.\n\nChanged paragraph.' },
        },
      ]);
      const [kept, changed] = [paragraph(s, 0), paragraph(s, 1)];
      const onKept = json<Comment>(await post(p1, s.id, { body: 'kept', paragraphId: kept.id }));
      const onChanged = json<Comment>(await post(p1, s.id, { body: 'changed', paragraphId: changed.id }));
      const edit = await call(t, admin, {
        method: 'PATCH',
        url: `/api/scenarios/${s.id}`,
        payload: {
          description: { da: 'Afsnit der bliver.\n\nEt helt nyt afsnit.', en: 'Kept paragraph.\n\nA new paragraph.' },
        },
      });
      expect(json<Scenario>(edit).version).toBe(2);
      const body = json<CommentList>(await list(null, s.id));
      expect(body.currentVersion).toBe(2);
      const byId = new Map(body.items.map((i) => [i.id, i]));
      expect(byId.get(onKept.id)!.anchor).toMatchObject({ paragraphId: kept.id, version: 1, outdated: false });
      expect(byId.get(onChanged.id)!.anchor).toEqual({
        paragraphId: changed.id,
        version: 1,
        text: { da: 'Afsnit der ændres.', en: 'Changed paragraph.' },
        outdated: true,
      });
      // The old paragraph can no longer be commented on.
      expectError(await post(p1, s.id, { body: 'late', paragraphId: changed.id }), 422, 'RULE_VIOLATION');
    });
  });

  describe('PATCH and DELETE /api/comments/:id', () => {
    it('lets the author edit; others get 403 and nothing changes', async () => {
      const c = json<Comment>(await post(p1, scenarios[2].id, { body: 'original' }));
      for (const who of [p2, analyst, admin]) {
        expectError(
          await call(t, who, { method: 'PATCH', url: `/api/comments/${c.id}`, payload: { body: 'hijacked' } }),
          403,
          'FORBIDDEN',
        );
        expectError(await call(t, who, { method: 'DELETE', url: `/api/comments/${c.id}` }), 403, 'FORBIDDEN');
      }
      expectError(
        await call(t, null, { method: 'PATCH', url: `/api/comments/${c.id}`, payload: { body: 'anon' } }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await call(t, p1, { method: 'PATCH', url: `/api/comments/${c.id}`, payload: { body: '' } }),
        400,
        'VALIDATION_FAILED',
      );
      const res = await call(t, p1, { method: 'PATCH', url: `/api/comments/${c.id}`, payload: { body: 'edited' } });
      expect(res.statusCode).toBe(200);
      expect(json<Comment>(res)).toMatchObject({ id: c.id, body: 'edited', editedAt: expect.any(String) });
      expectError(
        await call(t, p1, { method: 'PATCH', url: `/api/comments/${randomUUID()}`, payload: { body: 'x' } }),
        404,
        'NOT_FOUND',
      );
    });

    it('deletes: a comment without replies disappears, one with replies shows as removed', async () => {
      const s = scenarios[2];
      const lone = json<Comment>(await post(p1, s.id, { body: 'lone' }));
      const parent = json<Comment>(await post(p1, s.id, { body: 'parent with a secret' }));
      await post(p2, s.id, { body: 'answer', parentId: parent.id });
      for (const c of [lone, parent]) {
        const res = await call(t, p1, { method: 'DELETE', url: `/api/comments/${c.id}` });
        expect(res.statusCode).toBe(204);
      }
      const items = json<CommentList>(await list(null, s.id)).items;
      expect(items.find((i) => i.id === lone.id)).toBeUndefined();
      const removed = items.find((i) => i.id === parent.id);
      expect(removed).toMatchObject({ status: 'deleted', body: null, author: null, replies: [{ body: 'answer' }] });
      expect(JSON.stringify(items)).not.toContain('secret');
      const row = await t.handle.db
        .selectFrom('comments')
        .selectAll()
        .where('id', '=', parent.id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'deleted', body: '' });
      expectError(
        await call(t, p1, { method: 'PATCH', url: `/api/comments/${lone.id}`, payload: { body: 'back' } }),
        404,
        'NOT_FOUND',
      );
      expectError(await call(t, p1, { method: 'DELETE', url: `/api/comments/${lone.id}` }), 404, 'NOT_FOUND');
    });
  });

  describe('supports', () => {
    it('+1 once, idempotent, can be taken back; not on one’s own comment', async () => {
      const c = json<Comment>(await post(p1, scenarios[2].id, { body: 'support me' }));
      const url = `/api/comments/${c.id}/support`;
      const on = await call(t, p2, { method: 'PUT', url });
      expect(on.statusCode).toBe(200);
      expect(json<SupportState>(on)).toEqual({ commentId: c.id, supportCount: 1, supportedByMe: true });
      expect(json<SupportState>(await call(t, p2, { method: 'PUT', url }))).toEqual({
        commentId: c.id,
        supportCount: 1,
        supportedByMe: true,
      });
      expect(json<SupportState>(await call(t, analyst, { method: 'PUT', url })).supportCount).toBe(2);
      expectError(await call(t, p1, { method: 'PUT', url }), 422, 'RULE_VIOLATION');
      expectError(await call(t, null, { method: 'PUT', url }), 401, 'UNAUTHENTICATED');
      const off = await call(t, p2, { method: 'DELETE', url });
      expect(json<SupportState>(off)).toEqual({ commentId: c.id, supportCount: 1, supportedByMe: false });
      expect(json<SupportState>(await call(t, p2, { method: 'DELETE', url })).supportCount).toBe(1);
      expectError(await call(t, p2, { method: 'PUT', url: `/api/comments/${randomUUID()}/support` }), 404, 'NOT_FOUND');
    });
  });

  describe('the deadline', () => {
    it('closes commenting, editing, deleting and supporting; reading and replaying a key still work', async () => {
      const {
        consultation: c,
        scenarios: [s],
      } = await makeOpenConsultation(t, admin, [{ key: 'D1' }]);
      const key = randomUUID();
      const mine = json<Comment>(await post(p1, s.id, { body: 'before the deadline' }, key));
      const theirs = json<Comment>(await post(p2, s.id, { body: 'theirs' }));
      await passDeadline(t, c.id);
      try {
        expectError(await post(p1, s.id, { body: 'too late' }), 409, 'CONSULTATION_CLOSED');
        expectError(await post(p1, s.id, { body: 'too late', parentId: theirs.id }), 409, 'CONSULTATION_CLOSED');
        expectError(
          await call(t, p1, { method: 'PATCH', url: `/api/comments/${mine.id}`, payload: { body: 'late edit' } }),
          409,
          'CONSULTATION_CLOSED',
        );
        expectError(
          await call(t, p1, { method: 'DELETE', url: `/api/comments/${mine.id}` }),
          409,
          'CONSULTATION_CLOSED',
        );
        expectError(
          await call(t, p1, { method: 'PUT', url: `/api/comments/${theirs.id}/support` }),
          409,
          'CONSULTATION_CLOSED',
        );
        // Someone else's comment is still a 403, not a 409.
        expectError(
          await call(t, p2, { method: 'PATCH', url: `/api/comments/${mine.id}`, payload: { body: 'x' } }),
          403,
          'FORBIDDEN',
        );
        const replay = await post(p1, s.id, { body: 'before the deadline' }, key);
        expect(replay.statusCode).toBe(200);
        expect(json<Comment>(replay).id).toBe(mine.id);
        const body = json<CommentList>(await list(p1, s.id));
        expect(body.acceptsInput).toBe(false);
        expect(body.items.map((i) => [i.body, i.canEdit, i.canSupport])).toEqual([
          ['before the deadline', false, false],
          ['theirs', false, false],
        ]);
        expect((await rowsOf(s.id)).map((r) => r.body).sort()).toEqual(['before the deadline', 'theirs']);
      } finally {
        await restoreDeadline(t, c.id);
      }
      // Just before the deadline (it is still in the future) everything works again.
      expect(
        (await call(t, p1, { method: 'PATCH', url: `/api/comments/${mine.id}`, payload: { body: 'in time' } }))
          .statusCode,
      ).toBe(200);
    });
  });

  describe('moderation', () => {
    it('is for analysts and admins only, and a hide needs a reason', async () => {
      const c = json<Comment>(await post(p1, scenarios[2].id, { body: 'moderate me' }));
      const url = `/api/comments/${c.id}/moderation`;
      for (const who of [p1, p2, reviewer]) {
        expectError(
          await call(t, who, { method: 'POST', url, payload: { action: 'hide', reason: 'x' } }),
          403,
          'FORBIDDEN',
        );
      }
      expectError(
        await call(t, null, { method: 'POST', url, payload: { action: 'hide', reason: 'x' } }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await call(t, analyst, { method: 'POST', url, payload: { action: 'hide' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call(t, analyst, { method: 'POST', url, payload: { action: 'hide', reason: '  ' } }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await call(t, analyst, { method: 'POST', url, payload: { action: 'delete', reason: 'x' } }),
        400,
        'VALIDATION_FAILED',
      );
      const row = await t.handle.db
        .selectFrom('comments')
        .select('status')
        .where('id', '=', c.id)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('visible');
    });

    it('hides a comment everywhere public, tells the author, audits; a restore brings it back', async () => {
      const {
        scenarios: [s],
      } = await makeOpenConsultation(t, admin, [{ key: 'M1' }]);
      const p = paragraph(s);
      const bad = json<Comment>(await post(p1, s.id, { body: 'Offensive words here', paragraphId: p.id }));
      await post(p2, s.id, { body: 'A fine reply', parentId: bad.id });
      await call(t, p2, { method: 'PUT', url: `/api/comments/${bad.id}/support` });
      const mailsBefore = (await mailsTo(t, p1.email)).length;

      const hide = await call(t, analyst, {
        method: 'POST',
        url: `/api/comments/${bad.id}/moderation`,
        payload: { action: 'hide', reason: 'Breaks the house rules' },
      });
      expect(hide.statusCode).toBe(200);
      expect(json<Comment>(hide)).toMatchObject({
        status: 'hidden',
        hiddenReason: 'Breaks the house rules',
        body: 'Offensive words here',
      });

      for (const viewer of [null, p2, reviewer]) {
        const res = await list(viewer, s.id);
        const body = json<CommentList>(res);
        const item = body.items.find((i) => i.id === bad.id);
        expect(item).toMatchObject({
          status: 'hidden',
          hiddenReason: 'Breaks the house rules',
          body: null,
          author: null,
          supportCount: 0,
        });
        expect(item!.replies.map((r) => r.body)).toEqual(['A fine reply']);
        expect(res.body).not.toContain('Offensive');
        expect(body.paragraphCounts).toEqual({ [p.id]: 1 });
        expect(body.total).toBe(1);
        expect(json<CommentList>(await list(viewer, s.id, `?paragraph=${p.id}`)).items[0]!.body).toBeNull();
      }
      expectError(await call(t, p2, { method: 'PUT', url: `/api/comments/${bad.id}/support` }), 422, 'RULE_VIOLATION');
      expectError(await post(p2, s.id, { body: 'reply to hidden', parentId: bad.id }), 422, 'RULE_VIOLATION');
      expectError(
        await call(t, p1, { method: 'PATCH', url: `/api/comments/${bad.id}`, payload: { body: 'softened' } }),
        422,
        'RULE_VIOLATION',
      );

      // Moderators and the author still read it.
      expect(json<CommentList>(await list(admin, s.id)).items[0]).toMatchObject({
        body: 'Offensive words here',
        author: { displayName: 'Registered Person' },
      });
      expect(json<CommentList>(await list(p1, s.id)).items[0]).toMatchObject({
        body: 'Offensive words here',
        mine: true,
        canEdit: false,
      });

      // The author is told, and sees it in their activity; nobody else's activity has it.
      const mails = await mailsTo(t, p1.email);
      expect(mails.length).toBe(mailsBefore + 1);
      expect(mails.at(-1)).toMatchObject({ kind: 'comment.hidden', locale: 'en' });
      expect(mails.at(-1)!.textBody).toContain('Breaks the house rules');
      const act = json<Activity>(await call(t, p1, { url: '/api/me/activity' }));
      expect(act.comments.find((x) => x.id === bad.id)).toMatchObject({
        status: 'hidden',
        hiddenReason: 'Breaks the house rules',
      });
      expect(JSON.stringify(json<Activity>(await call(t, p2, { url: '/api/me/activity' })))).not.toContain('Offensive');

      const audit = await t.handle.db
        .selectFrom('auditEvents')
        .selectAll()
        .where('itemId', '=', bad.id)
        .where('action', '=', 'comment.hide')
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actorId: analyst.id,
        details: { reason: 'Breaks the house rules', before: 'visible' },
      });

      const restore = await call(t, admin, {
        method: 'POST',
        url: `/api/comments/${bad.id}/moderation`,
        payload: { action: 'restore' },
      });
      expect(restore.statusCode).toBe(200);
      expect(json<Comment>(restore)).toMatchObject({ status: 'visible', hiddenReason: null });
      const after = json<CommentList>(await list(null, s.id));
      expect(after.items[0]).toMatchObject({ body: 'Offensive words here', supportCount: 1 });
      expect(after.paragraphCounts).toEqual({ [p.id]: 2 });
      expect((await lastMailTo(t, p1.email)).kind).toBe('comment.restored');
      const restored = await t.handle.db
        .selectFrom('auditEvents')
        .select('actorId')
        .where('itemId', '=', bad.id)
        .where('action', '=', 'comment.restore')
        .execute();
      expect(restored).toEqual([{ actorId: admin.id }]);
    });
  });

  describe('GET /api/me/activity', () => {
    it('lists your own comments (not deleted ones) and ballots across consultations', async () => {
      const me = await registeredParticipant(t);
      const {
        consultation: c,
        scenarios: [s, s2],
      } = await makeOpenConsultation(t, admin, [{ key: 'A1' }, { key: 'A2' }]);
      const kept = json<Comment>(await post(me, s.id, { body: 'my comment' }));
      const gone = json<Comment>(await post(me, s.id, { body: 'my deleted comment' }));
      await call(t, me, { method: 'DELETE', url: `/api/comments/${gone.id}` });
      await call(t, p2, { method: 'PUT', url: `/api/comments/${kept.id}/support` });
      await post(p2, s.id, { body: 'not mine' });
      await call(t, me, {
        method: 'PUT',
        url: `/api/consultations/${c.id}/ballot`,
        payload: { ranks: [{ scenarioId: s2.id, rank: 1 }] },
      });

      const act = json<Activity>(await call(t, me, { url: '/api/me/activity' }));
      expect(act.comments).toEqual([
        {
          id: kept.id,
          consultation: { id: c.id, slug: c.slug, title: c.title },
          scenario: { id: s.id, key: 'A1', title: s.title },
          parentId: null,
          paragraphId: null,
          body: 'my comment',
          status: 'visible',
          hiddenReason: null,
          supportCount: 1,
          createdAt: kept.createdAt,
          editedAt: null,
        },
      ]);
      expect(act.ballots).toEqual([
        {
          consultation: { id: c.id, slug: c.slug, title: c.title, acceptsInput: true },
          ranks: [{ scenarioId: s2.id, rank: 1 }],
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
      ]);
    });
  });

  it('keeps consultation ids in the audit trail of comments', async () => {
    const c = json<Comment>(await post(p2, scenarios[0].id, { body: 'audited' }));
    const ev = await t.handle.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('itemId', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ consultationId: consultation.id, actorId: p2.id, itemType: 'comment' });
  });
});
