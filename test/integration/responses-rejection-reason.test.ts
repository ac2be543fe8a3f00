import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OwnResponse } from '../../server/modules/responses/responses.schemas.ts';
import { call, createTestApp, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { decide, lastMailTo, mailsTo, openConsultation, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';

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

/** Issue 12 story 2: the respondent is also told by mail, in their language, once per new reason. */
describe('the rejection mail', () => {
  let t: TestApp;
  let cast: Cast;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
  });
  afterAll(async () => t.close());

  it('mails the reason in the respondent’s language, again only when the reason changes', async () => {
    const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q]);
    const da = submission(questions, { consent: 'public_named' });
    const en = submission(questions, { consent: 'public_named', locale: 'en' });
    const rDa = await submitOk(t, c.id, da);
    const rEn = await submitOk(t, c.id, en);
    await decide(t, cast.admin, rDa.id, 'reject', 'Indeholder oplysninger om andre');
    await decide(t, cast.admin, rEn.id, 'reject', 'Names other people');
    const toDa = (da.respondent as { email: string }).email;
    const toEn = (en.respondent as { email: string }).email;
    const mailDa = await lastMailTo(t, toDa);
    expect(mailDa).toMatchObject({ kind: 'publication_rejected', locale: 'da' });
    expect(mailDa.subject).toContain('bliver ikke offentliggjort');
    expect(mailDa.textBody).toContain('Begrundelse: Indeholder oplysninger om andre');
    const mailEn = await lastMailTo(t, toEn);
    expect(mailEn.textBody).toContain('Reason: Names other people');
    expect(mailEn.subject).toContain('will not be published');

    await decide(t, cast.admin, rDa.id, 'reject', 'Indeholder oplysninger om andre');
    expect((await mailsTo(t, toDa)).filter((m) => m.kind === 'publication_rejected')).toHaveLength(1);
    await decide(t, cast.admin, rDa.id, 'reject', 'Navngiver en nabo');
    expect((await mailsTo(t, toDa)).filter((m) => m.kind === 'publication_rejected')).toHaveLength(2);
  });
});
