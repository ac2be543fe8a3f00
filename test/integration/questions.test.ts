import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Question } from '../../server/modules/questions/questions.schemas.ts';
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
import { MULTI_Q, openConsultation, SINGLE_Q, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';

describe('the questionnaire', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const create = (user: TestUser | null, consultationId: string, payload: unknown) =>
    call(t, user, {
      method: 'POST',
      url: `/api/consultations/${consultationId}/questions`,
      payload: payload as object,
    });
  const list = async (user: TestUser | null, consultationId: string) =>
    call(t, user, { url: `/api/consultations/${consultationId}/questions` });

  it('an admin builds it; anyone reads it in order once the consultation is public', async () => {
    const c = await makeConsultation(t, cast.admin);
    const q1 = await create(cast.admin, c.id, TEXT_Q);
    expect(q1.statusCode).toBe(201);
    expect(json<Question>(q1)).toMatchObject({
      kind: 'text',
      required: true,
      position: 0,
      options: [],
      help: { da: '', en: '' },
    });
    const q2 = json<Question>(
      await create(cast.admin, c.id, {
        ...SINGLE_Q,
        options: [{ label: { da: 'Ja', en: 'Yes' } }, { label: { da: 'Nej', en: 'No' } }],
      }),
    );
    expect(q2.position).toBe(1);
    expect(q2.options.map((o) => o.id)).toEqual([
      expect.stringMatching(/^o-[0-9a-f]{8}$/),
      expect.stringMatching(/^o-[0-9a-f]{8}$/),
    ]);

    // A draft's questionnaire is staff-only.
    expectError(await list(null, c.id), 404, 'NOT_FOUND');
    expect(json<Question[]>(await list(cast.analyst, c.id))).toHaveLength(2);
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/transition`,
      payload: { to: 'open' },
    });
    const items = json<Question[]>(await list(null, c.slug));
    expect(items.map((q) => q.id)).toEqual([json<Question>(q1).id, q2.id]);
  });

  it.each([
    ['anonymous', null, 401, 'UNAUTHENTICATED'],
    ['participant', 'participant', 403, 'FORBIDDEN'],
    ['reviewer', 'reviewer', 403, 'FORBIDDEN'],
    ['analyst', 'analyst', 403, 'FORBIDDEN'],
  ] as const)('%s may not change it', async (_who, role, status, code) => {
    const c = await makeConsultation(t, cast.admin);
    const q = json<Question>(await create(cast.admin, c.id, TEXT_Q));
    const user = role ? cast[role] : null;
    expectError(await create(user, c.id, TEXT_Q), status, code);
    expectError(
      await call(t, user, { method: 'PATCH', url: `/api/questions/${q.id}`, payload: { required: false } }),
      status,
      code,
    );
    expectError(await call(t, user, { method: 'DELETE', url: `/api/questions/${q.id}` }), status, code);
    expectError(
      await call(t, user, {
        method: 'PUT',
        url: `/api/consultations/${c.id}/questions/order`,
        payload: { questionIds: [q.id] },
      }),
      status,
      code,
    );
    expect(json<Question[]>(await list(cast.admin, c.id))).toEqual([
      expect.objectContaining({ id: q.id, required: true }),
    ]);
  });

  it('refuses malformed questions and creates nothing', async () => {
    const c = await makeConsultation(t, cast.admin);
    expectError(
      await create(cast.admin, c.id, { kind: 'essay', prompt: { da: 'x', en: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await create(cast.admin, c.id, { kind: 'text', prompt: { da: '', en: 'x' } }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await create(cast.admin, c.id, { kind: 'text' }), 400, 'VALIDATION_FAILED');
    expectError(
      await create(cast.admin, c.id, { ...SINGLE_Q, options: [{ id: 'only', label: { da: 'Én', en: 'One' } }] }),
      422,
      'RULE_VIOLATION',
    );
    expectError(await create(cast.admin, c.id, { ...TEXT_Q, options: SINGLE_Q.options }), 422, 'RULE_VIOLATION');
    expectError(
      await create(cast.admin, c.id, {
        ...SINGLE_Q,
        options: [
          { id: 'a', label: { da: 'A', en: 'A' } },
          { id: 'a', label: { da: 'B', en: 'B' } },
        ],
      }),
      422,
      'RULE_VIOLATION',
    );
    expectError(
      await create(cast.admin, c.id, {
        ...SINGLE_Q,
        options: [
          { id: 'Ugly Id', label: { da: 'A', en: 'A' } },
          { id: 'b', label: { da: 'B', en: 'B' } },
        ],
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(json<Question[]>(await list(cast.admin, c.id))).toEqual([]);
    expectError(await create(cast.admin, randomUUID(), TEXT_Q), 404, 'NOT_FOUND');
    expectError(
      await call(t, cast.admin, {
        method: 'PATCH',
        url: `/api/questions/${randomUUID()}`,
        payload: { required: false },
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(t, cast.admin, { method: 'PATCH', url: `/api/questions/not-a-uuid`, payload: { required: false } }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('before any response, everything may change and questions may be deleted', async () => {
    const c = await makeConsultation(t, cast.admin);
    const q = json<Question>(await create(cast.admin, c.id, TEXT_Q));
    const changed = await call(t, cast.admin, {
      method: 'PATCH',
      url: `/api/questions/${q.id}`,
      payload: { kind: 'multi', required: false, options: MULTI_Q.options },
    });
    expect(changed.statusCode).toBe(200);
    expect(json<Question>(changed)).toMatchObject({ kind: 'multi', required: false, options: MULTI_Q.options });
    const back = json<Question>(
      await call(t, cast.admin, { method: 'PATCH', url: `/api/questions/${q.id}`, payload: { kind: 'scale' } }),
    );
    expect(back).toMatchObject({ kind: 'scale', options: [] });
    const del = await call(t, cast.admin, { method: 'DELETE', url: `/api/questions/${q.id}` });
    expect(del.statusCode).toBe(204);
    expect(json<Question[]>(await list(cast.admin, c.id))).toEqual([]);
  });

  describe('once a response exists', () => {
    let c: Consultation;
    let text: Question;
    let single: Question;
    let multi: Question;
    beforeAll(async () => {
      const made = await openConsultation(t, cast.admin, [TEXT_Q, SINGLE_Q, MULTI_Q]);
      c = made.c;
      [text, single, multi] = made.questions;
      await submitOk(t, c.id, submission(made.questions));
    });

    it.each([
      ['the kind', () => ({ id: text.id, payload: { kind: 'scale' } })],
      ['whether it is required', () => ({ id: text.id, payload: { required: false } })],
      [
        'an added option',
        () => ({
          id: single.id,
          payload: {
            options: [...(SINGLE_Q.options as object[]), { id: 'maybe', label: { da: 'Måske', en: 'Maybe' } }],
          },
        }),
      ],
      ['a removed option', () => ({ id: multi.id, payload: { options: (MULTI_Q.options as object[]).slice(0, 2) } })],
    ])('refuses a change of %s with 422 QUESTIONNAIRE_LOCKED', async (_what, make) => {
      const { id, payload } = make();
      const res = await call(t, cast.admin, { method: 'PATCH', url: `/api/questions/${id}`, payload });
      expectError(res, 422, 'QUESTIONNAIRE_LOCKED');
      const now = json<Question[]>(await list(null, c.id));
      expect(now.find((q) => q.id === text.id)).toMatchObject({ kind: 'text', required: true });
      expect(now.find((q) => q.id === single.id)!.options.map((o) => o.id)).toEqual(['yes', 'no']);
      expect(now.find((q) => q.id === multi.id)!.options).toHaveLength(3);
    });

    it('allows new wording, reordered options and a reordered questionnaire', async () => {
      const res = await call(t, cast.admin, {
        method: 'PATCH',
        url: `/api/questions/${single.id}`,
        payload: {
          prompt: { da: 'Hvilken løsning foretrækker du?', en: 'Which solution do you prefer?' },
          help: { da: 'Vælg én.', en: 'Pick one.' },
          options: [
            { id: 'no', label: { da: 'Nej tak', en: 'No thanks' } },
            { id: 'yes', label: { da: 'Ja tak', en: 'Yes please' } },
          ],
        },
      });
      expect(res.statusCode).toBe(200);
      expect(json<Question>(res).options).toEqual([
        { id: 'no', label: { da: 'Nej tak', en: 'No thanks' } },
        { id: 'yes', label: { da: 'Ja tak', en: 'Yes please' } },
      ]);
      const order = await call(t, cast.admin, {
        method: 'PUT',
        url: `/api/consultations/${c.id}/questions/order`,
        payload: { questionIds: [single.id, multi.id, text.id] },
      });
      expect(json<Question[]>(order).map((q) => q.id)).toEqual([single.id, multi.id, text.id]);
    });

    it('refuses deleting a question, and adding a required one; an optional one may be added', async () => {
      expectError(
        await call(t, cast.admin, { method: 'DELETE', url: `/api/questions/${text.id}` }),
        422,
        'QUESTIONNAIRE_LOCKED',
      );
      expectError(await create(cast.admin, c.id, TEXT_Q), 422, 'QUESTIONNAIRE_LOCKED');
      const optional = await create(cast.admin, c.id, { ...TEXT_Q, required: false });
      expect(optional.statusCode).toBe(201);
      expect(json<Question[]>(await list(null, c.id))).toHaveLength(4);
    });
  });

  it('a reorder must list every question once', async () => {
    const c = await makeConsultation(t, cast.admin);
    const a = json<Question>(await create(cast.admin, c.id, TEXT_Q));
    const b = json<Question>(await create(cast.admin, c.id, SINGLE_Q));
    const put = (ids: string[]) =>
      call(t, cast.admin, {
        method: 'PUT',
        url: `/api/consultations/${c.id}/questions/order`,
        payload: { questionIds: ids },
      });
    expectError(await put([a.id]), 422, 'RULE_VIOLATION');
    expectError(await put([a.id, a.id]), 422, 'RULE_VIOLATION');
    expectError(await put([a.id, randomUUID()]), 422, 'RULE_VIOLATION');
    expect(json<Question[]>(await put([b.id, a.id])).map((q) => q.position)).toEqual([0, 1]);
    expect(json<Question[]>(await list(cast.admin, c.id)).map((q) => q.id)).toEqual([b.id, a.id]);
  });
});
