import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  createTestApp,
  json,
  makeConsultation,
  signedInUser,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import type { z } from 'zod';
import type { Me } from '../../server/modules/accounts/accounts.schemas.ts';
import type { Comment, CommentList } from '../../server/modules/comments/comments.schemas.ts';
import type { Question } from '../../server/modules/questions/questions.schemas.ts';
import type { PublicResponse } from '../../server/modules/responses/public.schemas.ts';
import type { ScenarioRatings } from '../../server/modules/responses/ratings/ratings.schemas.ts';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import {
  decide,
  type ErrorBody,
  type Made,
  makeOpenConsultation,
  type Page,
  registeredParticipant,
  submission,
  submitOk,
} from '../helpers/factory.ts';

/** GET /api/auth/session: the signed-in account, or null. */
type Session = { account: z.infer<typeof Me> | null };

/** An open consultation with two scenarios and an optional scenario-scale question. */
async function ratedConsultation(t: TestApp, admin: TestUser) {
  const c = await makeConsultation(t, admin);
  const scenarios = [] as Scenario[] as Made<Scenario>;
  for (const key of ['S1', 'S2']) {
    const res = await call(t, admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/scenarios`,
      payload: {
        key,
        title: { da: `Scenarie ${key}`, en: `Scenario ${key}` },
        description: { da: 'Tekst.', en: 'Text.' },
      },
    });
    scenarios.push(json<Scenario>(res));
  }
  const q = json<Question>(
    await call(t, admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/questions`,
      payload: {
        kind: 'scenario_scale',
        required: false,
        prompt: { da: 'Vurder scenarierne', en: 'Rate the scenarios' },
      },
    }),
  );
  await call(t, admin, { method: 'POST', url: `/api/consultations/${c.id}/transition`, payload: { to: 'open' } });
  return { c, scenarios, question: q };
}

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
      expect(json<Session>(res)).toEqual({ account: null });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('names the signed-in account, and nobody for a stale or forged cookie', async () => {
      const u = await signedInUser(t, ['participant']);
      const res = await call(t, u, { url: '/api/auth/session' });
      expect(json<Session>(res).account).toMatchObject({ id: u.id, email: u.email, roles: ['participant'] });
      await call(t, u, { method: 'POST', url: '/api/auth/logout' });
      expect(json<Session>(await call(t, u, { url: '/api/auth/session' }))).toEqual({ account: null });
      const forged = await t.app.inject({
        url: '/api/auth/session',
        headers: { cookie: 'samraad_session=%00nonsense' },
      });
      expect(forged.statusCode).toBe(200);
      expect(json<Session>(forged)).toEqual({ account: null });
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
      const id = json<Comment>(posted).id;
      expect((await call(t, fan, { method: 'PUT', url: `/api/comments/${id}/support` })).statusCode).toBe(200);
      const list = json<CommentList>(await call(t, null, { url: `/api/scenarios/${scenarios[0].id}/comments` }));
      const comment = list.items.find((th) => th.id === id)!;
      expect(comment.supportCount).toBe(1);
      expect(comment.canSupport).toBe(false);
    });
  });

  describe('public search: scenario, dates and sort (item 18)', () => {
    let admin: TestUser;
    let ctx: Awaited<ReturnType<typeof ratedConsultation>>;
    const ids: Record<string, string> = {};
    const list = async (qs: string) => call(t, null, { url: `/api/consultations/${ctx.c.id}/responses${qs}` });
    const idsOf = async (qs: string) => {
      const res = await list(qs);
      expect(res.statusCode, res.body).toBe(200);
      return json<Page<PublicResponse>>(res).items.map((r) => r.id);
    };

    beforeAll(async () => {
      admin = await signedInUser(t, ['admin']);
      ctx = await ratedConsultation(t, admin);
      const [s1, s2] = ctx.scenarios;
      const rate = (v: Record<string, number>) => [{ questionId: ctx.question.id, value: v }];
      const specs: [string, string, unknown[], string][] = [
        [
          'many',
          'Vindmøller, vindmøller og atter vindmøller ved kysten.',
          rate({ [s1.id]: 5 }),
          '2026-01-10T10:00:00Z',
        ],
        // 23:30 UTC on 15 January is 00:30 on 16 January in Copenhagen.
        [
          'once',
          'Et svar der nævner vindmøller én gang blandt meget andet om cykelstier.',
          rate({ [s2.id]: 2 }),
          '2026-01-15T23:30:00Z',
        ],
        ['none', 'Intet om energi her, kun om busser.', [], '2026-01-20T10:00:00Z'],
      ];
      for (const [name, body, answers, at] of specs) {
        const r = await submitOk(t, ctx.c.id, submission([], { body, answers }));
        await decide(t, admin, r.id, 'approve');
        await sql`update responses set submitted_at = ${new Date(at)} where id = ${r.id}`.execute(t.handle.db);
        ids[name] = r.id;
      }
    });

    it('sorts newest first by default, oldest first on request', async () => {
      expect(await idsOf('')).toEqual([ids.none, ids.once, ids.many]);
      expect(await idsOf('?sort=oldest')).toEqual([ids.many, ids.once, ids.none]);
    });

    it('filters by the scenario a response rates', async () => {
      expect(await idsOf(`?scenario=${ctx.scenarios[0].id}`)).toEqual([ids.many]);
      expect(await idsOf(`?scenario=${ctx.scenarios[1].id}`)).toEqual([ids.once]);
    });

    it('filters by Danish calendar days, both ends included', async () => {
      expect(await idsOf('?from=2026-01-16&to=2026-01-20&sort=oldest')).toEqual([ids.once, ids.none]);
      expect(await idsOf('?to=2026-01-15')).toEqual([ids.many]);
      expect(await idsOf('?from=2026-01-21')).toEqual([]);
    });

    it('sorts by relevance with a query, paging by keyset without gaps or repeats', async () => {
      expect(await idsOf('?q=vindmøller&sort=relevance')).toEqual([ids.many, ids.once]);
      const first = json<Page<PublicResponse>>(await list('?q=vindmøller&sort=relevance&limit=1'));
      expect(first.items.map((r) => r.id)).toEqual([ids.many]);
      expect(first.nextCursor).toBeTruthy();
      const second = json<Page<PublicResponse>>(
        await list(`?q=vindmøller&sort=relevance&limit=1&cursor=${first.nextCursor}`),
      );
      expect(second.items.map((r) => r.id)).toEqual([ids.once]);
      expect(second.nextCursor).toBeNull();
    });

    it('refuses bad filters with 400 and the error envelope', async () => {
      for (const qs of [
        '?sort=relevance',
        '?sort=random',
        '?scenario=S1',
        '?from=2026-02-30',
        '?from=2026-01-20&to=2026-01-10',
        `?q=vind&sort=relevance&cursor=${Buffer.from(JSON.stringify(['rank', 'x', 'y'])).toString('base64url')}`,
        `?q=vind&sort=relevance&cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', ids.many])).toString('base64url')}`,
      ]) {
        const res = await list(qs);
        expect(res.statusCode, qs).toBe(400);
        expect(json<ErrorBody>(res).error.code, qs).toBeTruthy();
      }
    });
  });
  describe('GET /api/consultations/{id}/scenario-ratings (item 15)', () => {
    it('sums the published ratings per scenario: mean and distribution, nothing unpublished', async () => {
      const admin = await signedInUser(t, ['admin']);
      const ctx = await ratedConsultation(t, admin);
      const [s1, s2] = ctx.scenarios;
      const rate = (v: Record<string, number>) => [{ questionId: ctx.question.id, value: v }];
      for (const [v, approve] of [
        [{ [s1.id]: 5, [s2.id]: 2 }, true],
        [{ [s1.id]: 4 }, true],
        [{ [s1.id]: 1, [s2.id]: 1 }, false],
      ] as const) {
        const r = await submitOk(t, ctx.c.id, submission([], { answers: rate(v) }));
        if (approve) await decide(t, admin, r.id, 'approve');
      }
      const res = await call(t, null, { url: `/api/consultations/${ctx.c.slug}/scenario-ratings` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      const body = json<ScenarioRatings>(res);
      expect(body.basis).toBe('published');
      expect(body.questions).toHaveLength(1);
      const by = Object.fromEntries(body.questions[0]!.scenarios.map((x) => [x.scenarioId, x]));
      expect(by[s1.id]).toEqual({ scenarioId: s1.id, count: 2, mean: 4.5, distribution: [0, 0, 0, 1, 1] });
      expect(by[s2.id]).toEqual({ scenarioId: s2.id, count: 1, mean: 2, distribution: [0, 1, 0, 0, 0] });
    });

    it('hides a draft from visitors and refuses a bad id', async () => {
      const admin = await signedInUser(t, ['admin']);
      const draft = await makeConsultation(t, admin);
      expect((await call(t, null, { url: `/api/consultations/${draft.id}/scenario-ratings` })).statusCode).toBe(404);
      const mine = await call(t, admin, { url: `/api/consultations/${draft.id}/scenario-ratings` });
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['cache-control']).toBe('private, max-age=60');
      expect(json<ScenarioRatings>(mine).questions).toEqual([]);
      const bad = await call(t, null, { url: `/api/consultations/${'x'.repeat(101)}/scenario-ratings` });
      expect(bad.statusCode).toBe(400);
      expect(json<ErrorBody>(bad).error.code).toBeTruthy();
    });
  });
});
