import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectError, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import {
  decide,
  makeOpenConsultation,
  openConsultation,
  PNG_1x1,
  submission,
  submitOk,
  upload,
} from '../helpers/factory.ts';

// Issue 10 item 8: until reviewers get a scoped view of their own, they read only what is public.
describe('reviewers read only what is public', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  it('cannot download the file of a response whose respondent chose "not public"', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const file = await upload(t, c.id, 'privat.png', PNG_1x1);
    await submitOk(t, c.id, submission(questions, { consent: 'not_public', attachmentIds: [file.id] }));
    const url = `/api/consultations/${c.id}/attachments/${file.id}`;
    expectError(await call(t, cast.reviewer, { url }), 404, 'NOT_FOUND');
    expectError(await call(t, null, { url }), 404, 'NOT_FOUND');
    expect((await call(t, cast.analyst, { url })).statusCode).toBe(200);
    expect((await call(t, cast.admin, { url })).statusCode).toBe(200);
  });

  it('cannot download a file of a response awaiting review, and can once it is published', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const file = await upload(t, c.id, 'offentlig.png', PNG_1x1);
    const receipt = await submitOk(t, c.id, submission(questions, { attachmentIds: [file.id] }));
    const url = `/api/consultations/${c.id}/attachments/${file.id}`;
    expectError(await call(t, cast.reviewer, { url }), 404, 'NOT_FOUND');
    await decide(t, cast.analyst, receipt.id, 'approve');
    expect((await call(t, cast.reviewer, { url })).statusCode).toBe(200);
  });

  it('cannot read ranking results before an admin publishes them', async () => {
    const { consultation } = await makeOpenConsultation(t, cast.admin);
    const url = `/api/consultations/${consultation.id}/results`;
    expectError(await call(t, cast.reviewer, { url }), 403, 'RESULTS_NOT_PUBLISHED');
    expectError(await call(t, cast.reviewer, { url: `${url}.json` }), 403, 'RESULTS_NOT_PUBLISHED');
    expect((await call(t, cast.analyst, { url })).statusCode).toBe(200);
    const pub = await call(t, cast.admin, { method: 'POST', url: `${url}/publish`, payload: { confirmSmall: true } });
    expect(pub.statusCode).toBe(200);
    expect((await call(t, cast.reviewer, { url })).statusCode).toBe(200);
  });
});
