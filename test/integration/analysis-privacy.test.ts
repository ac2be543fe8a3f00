import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, FindingPage } from '../../server/modules/analysis/privacy/privacy.schemas.ts';
import { call, createTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { decide, factory, openConsultation, submission, submitOk, TEXT_Q, upload } from '../helpers/factory.ts';

// Issue 12 story 2: personal data found before anything is published. The scanner's findings, the
// redaction queue's routes (every wrong role, bad input changes nothing), the publication gate, and
// a redacted CPR number absent from the public page, the public search and the open-data export.

let t: TestApp;
let cast: Cast;
let cid: string;
let questionId: string;

const CPR = '010190-1234';
const PHONE = '+45 22 34 56 78';

const url = (suffix = '') => `/api/consultations/${cid}/redactions${suffix}`;
const list = async (query = '') => json<FindingPage>(await call(t, cast.analyst, { url: url(query) }));
const scan = () => call(t, cast.analyst, { method: 'POST', url: url('/scan') });
const findingsOf = async (responseId: string) => (await list(`?responseId=${responseId}`)).items;
const rowOf = async (id: string) =>
  (
    await sql<{
      status: string;
      reason: string | null;
    }>`select status, reason from privacy_findings where id = ${id}`.execute(t.handle.db)
  ).rows[0];

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q]);
  cid = c.id;
  questionId = questions[0]!.id;
});
afterAll(async () => t?.close());

describe('the scanner and the queue', () => {
  let responseId: string;

  it('finds a CPR number, a phone number and an anonymous respondent’s own name, with context', async () => {
    const r = await submitOk(
      t,
      cid,
      submission([{ id: questionId, kind: 'text' }], {
        consent: 'public_anonymous',
        respondent: { name: 'Grethe Ibsen', email: 'grethe@example.dk', actingAs: 'citizen' },
        body: `Min mor har CPR ${CPR} og kan ringes op på ${PHONE}. Hilsen Grethe Ibsen`,
      }),
    );
    responseId = r.id;
    // On a shared PostgreSQL database a run may stop at its budget before this response: scan again.
    for (let i = 0; i < 20 && (await findingsOf(responseId)).length < 3; i++)
      expect((await scan()).statusCode).toBe(200);
    const found = await findingsOf(responseId);
    expect(found.map((f) => [f.kind, f.context.quote]).sort()).toEqual(
      [
        ['cpr', CPR],
        ['own_name', 'Grethe Ibsen'],
        ['phone', PHONE],
      ].sort(),
    );
    const cpr = found.find((f) => f.kind === 'cpr')!;
    expect(cpr).toMatchObject({ status: 'pending', field: 'body', itemKind: 'response' });
    expect(cpr.context.before).toContain('Min mor har CPR');
    // Scanning again finds nothing new.
    await scan();
    expect(await findingsOf(responseId)).toHaveLength(3);
  });

  it('refuses approval for publication while a finding is undecided (409 with a reason)', async () => {
    const res = await call(t, cast.admin, {
      method: 'POST',
      url: `/api/responses/${responseId}/publication`,
      payload: { decision: 'approve' },
    });
    expectError(res, 409, 'CONFLICT');
    expect(json<{ error: { details: { reason: string; count: number } } }>(res).error.details).toMatchObject({
      reason: 'unresolved_personal_data',
      count: 3,
    });
  });

  it('refuses every wrong role and bad input, changing nothing', async () => {
    const [f] = await findingsOf(responseId);
    const decideUrl = url(`/${f!.id}/decision`);
    const good = { decision: 'accept', reason: 'CPR-nummer' };
    for (const who of [null, cast.participant, cast.reviewer]) {
      const expected = who ? 403 : 401;
      expect((await call(t, who, { url: url() })).statusCode).toBe(expected);
      expect((await call(t, who, { method: 'POST', url: decideUrl, payload: good })).statusCode).toBe(expected);
      expect((await call(t, who, { method: 'POST', url: url('/scan') })).statusCode).toBe(expected);
      expect(
        (
          await call(t, who, {
            method: 'POST',
            url: url(),
            payload: { itemKind: 'response', itemId: responseId, field: 'body', start: 0, end: 3, reason: 'x' },
          })
        ).statusCode,
      ).toBe(expected);
    }
    for (const payload of [
      {},
      { decision: 'accept' },
      { decision: 'accept', reason: '   ' },
      { decision: 'maybe', reason: 'x' },
      { ...good, reason: 'x'.repeat(501) },
    ]) {
      expectError(await call(t, cast.analyst, { method: 'POST', url: decideUrl, payload }), 400, 'VALIDATION_FAILED');
    }
    expect(
      (await call(t, cast.analyst, { method: 'POST', url: url(`/${crypto.randomUUID()}/decision`), payload: good }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(t, cast.analyst, { method: 'POST', url: url('/not-a-uuid/decision'), payload: good })).statusCode,
    ).toBe(400);
    expect((await call(t, cast.analyst, { url: url('?status=nope') })).statusCode).toBe(400);
    expect((await call(t, cast.analyst, { url: url('?cursor=forged') })).statusCode).toBe(400);
    for (const payload of [
      { itemKind: 'response', itemId: responseId, field: 'body', start: 5, end: 5, reason: 'x' },
      { itemKind: 'response', itemId: responseId, field: 'body', start: 0, end: 100_000, reason: 'x' },
      { itemKind: 'response', itemId: responseId, field: 'nope', start: 0, end: 2, reason: 'x' },
    ]) {
      expectError(await call(t, cast.analyst, { method: 'POST', url: url(), payload }), 422, 'RULE_VIOLATION');
    }
    expectError(
      await call(t, cast.analyst, {
        method: 'POST',
        url: url(),
        payload: { itemKind: 'response', itemId: responseId, field: 'body', start: -1, end: 2, reason: 'x' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(
      (
        await call(t, cast.analyst, {
          method: 'POST',
          url: url(),
          payload: { itemKind: 'response', itemId: crypto.randomUUID(), field: 'body', start: 0, end: 2, reason: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect((await rowOf(f!.id))!.status).toBe('pending');
    expect((await findingsOf(responseId)).every((x) => x.status === 'pending')).toBe(true);
  });

  it('accepts and rejects with a reason, audited; then the response can be approved', async () => {
    const found = await findingsOf(responseId);
    const cpr = found.find((f) => f.kind === 'cpr')!;
    for (const f of found) {
      const decision = f.kind === 'phone' ? 'reject' : 'accept';
      const res = await call(t, cast.analyst, {
        method: 'POST',
        url: url(`/${f.id}/decision`),
        payload: { decision, reason: decision === 'accept' ? 'Personoplysning' : 'Offentligt hovednummer' },
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(json<Finding>(res)).toMatchObject({ status: decision === 'accept' ? 'accepted' : 'rejected' });
    }
    const audit = await sql<{ action: string; details: { decision: string; reason: string } }>`
      select action, details from audit_events where item_type = 'redaction' and item_id = ${cpr.id}`.execute(
      t.handle.db,
    );
    expect(audit.rows).toEqual([
      expect.objectContaining({
        action: 'redaction.decide',
        details: expect.objectContaining({ decision: 'accept', reason: 'Personoplysning' }),
      }),
    ]);
    await decide(t, cast.admin, responseId, 'approve');
    const counts = (await list()).counts;
    expect(counts.pending).toBe(0);
  });

  it('a redacted CPR number is not on the public page, in public search, or in the open-data export; staff keep it', async () => {
    const pub = await call(t, null, { url: `/api/consultations/${cid}/responses` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Min mor har CPR […]');
    expect(pub.body).not.toContain(CPR);
    expect(pub.body).not.toContain('Grethe Ibsen');
    expect(pub.body).toContain(PHONE); // rejected: not personal data here
    for (const q of ['0101901234', CPR, '010190', 'Grethe']) {
      const hits = await call(t, null, { url: `/api/consultations/${cid}/responses?q=${encodeURIComponent(q)}` });
      expect(json<{ items: unknown[] }>(hits).items, q).toHaveLength(0);
    }
    const mor = await call(t, null, { url: `/api/consultations/${cid}/responses?q=mor` });
    expect(json<{ items: { highlight: { html: string } | null }[] }>(mor).items).toHaveLength(1);
    expect(mor.body).not.toContain(CPR);
    for (const path of ['responses.csv', 'responses.json']) {
      const res = await call(t, null, { url: `/api/consultations/${cid}/${path}` });
      expect(res.statusCode, path).toBe(200);
      expect(res.body).toContain('[…]');
      expect(res.body).not.toContain(CPR);
    }
    const staff = await call(t, cast.admin, { url: `/api/responses/${responseId}` });
    expect(staff.body).toContain(CPR);
  });

  it('marks a passage by hand: redacted at once, also in the search index of a published response', async () => {
    const body = `Min mor har CPR ${CPR} og kan ringes op på ${PHONE}. Hilsen Grethe Ibsen`;
    const start = Array.from(body).indexOf('m', 4); // "mor"
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: url(),
      payload: { itemKind: 'response', itemId: responseId, field: 'body', start, end: start + 3, reason: 'Slægtskab' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Finding>(res)).toMatchObject({ kind: 'manual', status: 'accepted', context: { quote: 'mor' } });
    const again = await call(t, cast.analyst, {
      method: 'POST',
      url: url(),
      payload: { itemKind: 'response', itemId: responseId, field: 'body', start, end: start + 3, reason: 'Slægtskab' },
    });
    expectError(again, 409, 'CONFLICT');
    const hits = await call(t, null, { url: `/api/consultations/${cid}/responses?q=mor` });
    expect(json<{ items: unknown[] }>(hits).items).toHaveLength(0);
  });
});

describe('comments', () => {
  it('a redacted phone number in a comment is cut from what the public reads; moderators keep it', async () => {
    const debate = await factory(t).newDebate(cast.admin, 'privacy');
    const scenarioId = debate.scenarios[0]!.id;
    const made = await factory(t).newComment(cast.participant, scenarioId, 'Ring til mig på 22 34 56 78 om forslaget');
    const pending = async () =>
      json<FindingPage>(
        await call(t, cast.analyst, { url: `/api/consultations/${debate.id}/redactions?status=pending` }),
      );
    for (let i = 0; i < 20 && (await pending()).items.length === 0; i++)
      await call(t, cast.analyst, { method: 'POST', url: `/api/consultations/${debate.id}/redactions/scan` });
    const page = await pending();
    const found = page.items.find((f) => f.itemId === made.id)!;
    expect(found).toMatchObject({ itemKind: 'comment', kind: 'phone', context: { quote: '22 34 56 78' } });
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${debate.id}/redactions/${found.id}/decision`,
      payload: { decision: 'accept', reason: 'Privat telefonnummer' },
    });
    expect(res.statusCode).toBe(200);
    const visitor = await call(t, null, { url: `/api/scenarios/${scenarioId}/comments` });
    expect(visitor.body).toContain('Ring til mig på […] om forslaget');
    expect(visitor.body).not.toContain('22 34 56 78');
    const moderator = await call(t, cast.admin, { url: `/api/scenarios/${scenarioId}/comments` });
    expect(moderator.body).toContain('22 34 56 78');
  });
});

describe('attachments', () => {
  it('a file with personal data is not published nor searchable; staff publish its redacted text instead', async () => {
    const file = await upload(t, cid, 'brev.png');
    const r = await submitOk(
      t,
      cid,
      submission([{ id: questionId, kind: 'text' }], { body: 'Se vedhæftede brev.', attachmentIds: [file.id] }),
    );
    // Stands in for the extraction job (a PNG has no text): what a scanned letter would yield.
    const text = 'Brev fra borger med CPR 020202-2222 om kortlæsere til ældre borgere.';
    await sql`
      update attachments set extracted_text = ${text}, extraction_status = 'done',
             text_language = 'danish', text_search = to_tsvector('danish', ${text})
       where consultation_id = ${cid} and id = ${file.id}`.execute(t.handle.db);
    // The gate scans the response (and its file) before it refuses.
    const refused = await call(t, cast.admin, {
      method: 'POST',
      url: `/api/responses/${r.id}/publication`,
      payload: { decision: 'approve' },
    });
    expectError(refused, 409, 'CONFLICT');
    const [finding] = (await findingsOf(r.id)).filter((f) => f.itemKind === 'attachment');
    expect(finding).toMatchObject({ kind: 'cpr', itemId: file.id, context: { quote: '020202-2222' } });

    const versionUrl = url(`/attachments/${file.id}/text-version`);
    // Not while the finding is undecided; never for a wrong role or bad input.
    expectError(
      await call(t, cast.analyst, { method: 'PUT', url: versionUrl, payload: { publish: true } }),
      409,
      'CONFLICT',
    );
    for (const who of [null, cast.participant, cast.reviewer])
      expect((await call(t, who, { method: 'PUT', url: versionUrl, payload: { publish: true } })).statusCode).toBe(
        who ? 403 : 401,
      );
    expectError(
      await call(t, cast.analyst, { method: 'PUT', url: versionUrl, payload: { publish: 'yes' } }),
      400,
      'VALIDATION_FAILED',
    );
    expect(
      (
        await call(t, cast.analyst, {
          method: 'PUT',
          url: url(`/attachments/${crypto.randomUUID()}/text-version`),
          payload: { publish: true },
        })
      ).statusCode,
    ).toBe(404);

    await call(t, cast.analyst, {
      method: 'POST',
      url: url(`/${finding!.id}/decision`),
      payload: { decision: 'accept', reason: 'CPR-nummer' },
    });
    await decide(t, cast.admin, r.id, 'approve');
    const item = () =>
      call(t, null, { url: `/api/consultations/${cid}/responses?q=${encodeURIComponent('Se vedhæftede')}` });
    // Withheld: not listed, not downloadable, and its text not searchable.
    expect((await item()).body).not.toContain(file.id);
    expect((await call(t, null, { url: `/api/consultations/${cid}/attachments/${file.id}` })).statusCode).toBe(404);
    const byText = await call(t, null, { url: `/api/consultations/${cid}/responses?q=kortlæsere` });
    expect(json<{ items: unknown[] }>(byText).items).toHaveLength(0);
    expect(
      (await call(t, null, { url: `/api/consultations/${cid}/attachments/${file.id}/redacted.txt` })).statusCode,
    ).toBe(404);

    const res = await call(t, cast.analyst, { method: 'PUT', url: versionUrl, payload: { publish: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await item()).body).toContain(`/attachments/${file.id}/redacted.txt`);
    const txt = await call(t, null, { url: `/api/consultations/${cid}/attachments/${file.id}/redacted.txt` });
    expect(txt.statusCode).toBe(200);
    expect(txt.body).toBe('Brev fra borger med CPR […] om kortlæsere til ældre borgere.');
    // Staff keep the original file.
    expect((await call(t, cast.admin, { url: `/api/consultations/${cid}/attachments/${file.id}` })).statusCode).toBe(
      200,
    );
  });
});
