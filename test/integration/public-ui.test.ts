import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, json, signedInUser, type TestApp } from '../helpers/app.ts';
import { makeOpenConsultation, registeredParticipant } from '../helpers/debate.ts';

// Issue 10 items 15, 18 and 22: what the public side's pages need from the API.

describe('public side (issue 10)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  describe('GET /api/auth/session (item 22)', () => {
    it('answers a signed-out visitor with 200 and no account, not an error', async () => {
      const res = await call(t, null, { url: '/api/auth/session' });
      expect(res.statusCode).toBe(200);
      expect(json(res)).toEqual({ account: null });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('names the signed-in account, and nobody for a stale or forged cookie', async () => {
      const u = await signedInUser(t, ['participant']);
      const res = await call(t, u, { url: '/api/auth/session' });
      expect(json(res).account).toMatchObject({ id: u.id, email: u.email, roles: ['participant'] });
      await call(t, u, { method: 'POST', url: '/api/auth/logout' });
      expect(json(await call(t, u, { url: '/api/auth/session' }))).toEqual({ account: null });
      const forged = await t.app.inject({
        url: '/api/auth/session',
        headers: { cookie: 'samraad_session=%00nonsense' },
      });
      expect(forged.statusCode).toBe(200);
      expect(json(forged)).toEqual({ account: null });
    });
  });

  describe('support counts (item 22)', () => {
    it('shows a visitor how many support a comment', async () => {
      const admin = await signedInUser(t, ['admin']);
      const { scenarios } = await makeOpenConsultation(t, admin, [{ key: 'S1' }]);
      const author = await registeredParticipant(t);
      const fan = await registeredParticipant(t);
      const posted = await call(t, author, {
        method: 'POST',
        url: `/api/scenarios/${scenarios[0].id}/comments`,
        payload: { body: 'Godt forslag.' },
      });
      expect(posted.statusCode).toBe(201);
      const id = json(posted).id;
      expect((await call(t, fan, { method: 'PUT', url: `/api/comments/${id}/support` })).statusCode).toBe(200);
      const list = json(await call(t, null, { url: `/api/scenarios/${scenarios[0].id}/comments` }));
      const c = list.items.find((th: any) => th.id === id || th.comment?.id === id);
      const comment = c.comment ?? c;
      expect(comment.supportCount).toBe(1);
      expect(comment.canSupport).toBe(false);
    });
  });
});
