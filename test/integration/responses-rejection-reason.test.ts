import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OwnResponse } from '../../server/modules/responses/responses.schemas.ts';
import { call, createTestApp, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { decide, openConsultation, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';

/** Issue 10 item 16: a respondent whose response is rejected for publication is told why. */
describe('the own response (by token) carries the reason for a rejection', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  const own = async (token: string) =>
    json<OwnResponse>(await call(t, null, { url: `/api/responses/by-token/${token}` }));

  it('gives the rejection reason to the respondent, and none while pending or once approved', async () => {
    const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q]);
    const rejected = await submitOk(t, c.id, submission(questions, { consent: 'public_named' }));
    const approved = await submitOk(t, c.id, submission(questions, { consent: 'public_named' }));
    expect((await own(rejected.editToken)).rejectionReason).toBeNull();

    await decide(t, cast.admin, rejected.id, 'reject', 'Contains personal data about others');
    await decide(t, cast.admin, approved.id, 'approve');

    const mine = await own(rejected.editToken);
    expect(mine.publicationStatus).toBe('rejected');
    expect(mine.rejectionReason).toBe('Contains personal data about others');
    expect((await own(approved.editToken)).rejectionReason).toBeNull();
  });
});
