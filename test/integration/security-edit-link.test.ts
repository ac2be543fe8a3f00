import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditReceipt, OwnResponse } from '../../server/modules/responses/responses.schemas.ts';
import { call, createTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { openConsultation, PNG_1x1, submission, submitOk, upload } from '../helpers/factory.ts';

// Issue 10 item 12: the edit link replaces the whole response with PUT, and its holder can open the
// files of their own response (published or not).
describe('the edit link', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  async function withFile(consent = 'not_public') {
    const { c, questions } = await openConsultation(t, cast.admin);
    const file = await upload(t, c.id, 'bilag.png', PNG_1x1);
    const body = submission(questions, { consent, attachmentIds: [file.id] });
    const receipt = await submitOk(t, c.id, body);
    return { c, questions, file, body, receipt, url: `/api/responses/by-token/${receipt.editToken}` };
  }

  it('replaces the response with PUT; PATCH is not a route and changes nothing', async () => {
    const { body, url } = await withFile();
    const patch = await call(t, null, { method: 'PATCH', url, payload: { ...body, body: 'Med PATCH.' } });
    expect(patch.statusCode).toBe(404);
    const put = await call(t, null, { method: 'PUT', url, payload: { ...body, body: 'Med PUT.' } });
    expect(put.statusCode, put.body).toBe(200);
    expect(json<EditReceipt>(put).version).toBe(2);
    expect(json<OwnResponse>(await call(t, null, { url }))).toMatchObject({ body: 'Med PUT.', version: 2 });
    // Bad input: a clear 400, nothing changed.
    expectError(
      await call(t, null, { method: 'PUT', url, payload: { ...body, consent: 'all' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(json<OwnResponse>(await call(t, null, { url })).version).toBe(2);
  });

  it("lets the token holder download their own response's file, which the public URL does not", async () => {
    const { c, file, url } = await withFile();
    const own = json<OwnResponse>(await call(t, null, { url }));
    expect(own.attachments).toEqual([expect.objectContaining({ id: file.id, url: `${url}/attachments/${file.id}` })]);
    const res = await call(t, null, { url: own.attachments[0]!.url });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload).toEqual(PNG_1x1);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="bilag.png"/);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expectError(await call(t, null, { url: `/api/consultations/${c.id}/attachments/${file.id}` }), 404, 'NOT_FOUND');
  });

  it("is 404 for another response's file, a released file, an unknown token; 400 for a malformed id", async () => {
    const mine = await withFile();
    const other = await withFile();
    expectError(await call(t, null, { url: `${mine.url}/attachments/${other.file.id}` }), 404, 'NOT_FOUND');
    expectError(await call(t, null, { url: `${mine.url}/attachments/${randomUUID()}` }), 404, 'NOT_FOUND');
    const stranger = `/api/responses/by-token/${randomBytes(32).toString('base64url')}`;
    expectError(await call(t, null, { url: `${stranger}/attachments/${mine.file.id}` }), 404, 'NOT_FOUND');
    // Staff sessions give no access through someone else's token route either.
    expectError(await call(t, cast.admin, { url: `${stranger}/attachments/${mine.file.id}` }), 404, 'NOT_FOUND');
    expectError(await call(t, null, { url: `${mine.url}/attachments/not-a-uuid` }), 400, 'VALIDATION_FAILED');

    const edit = await call(t, null, { method: 'PUT', url: mine.url, payload: { ...mine.body, attachmentIds: [] } });
    expect(edit.statusCode, edit.body).toBe(200);
    expectError(await call(t, null, { url: `${mine.url}/attachments/${mine.file.id}` }), 404, 'NOT_FOUND');
  });
});
