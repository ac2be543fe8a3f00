import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
import type { ImportRowPage, ImportView } from '../../server/modules/responses/import/import.schemas.ts';
import { markCommitting } from '../../server/modules/responses/import/import.repository.ts';
import { runImportCommit } from '../../server/modules/responses/import/import.service.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { openConsultation } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

// Issue 12 story 3: bulk import of letters and e-mails — staging with row errors, an all-or-nothing
// commit as a job, idempotent by external reference, for admins and analysts only.

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/files');
let t: TestApp;
let cast: Cast;
let cid: string;
let questionId: string;
let pdf: Buffer;
let png: Buffer;

type Part = { filename: string; content: Buffer | string };
function multipart(parts: Part[]) {
  const boundary = `----samraad${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const stage = (parts: Part[], user: TestUser | null = cast.analyst, consultation = cid) =>
  call(t, user, { method: 'POST', url: `/api/consultations/${consultation}/imports`, ...multipart(parts) });
const staged = async (parts: Part[]) => {
  const res = await stage(parts);
  expect(res.statusCode, res.body).toBe(201);
  return json<ImportView>(res);
};
const rows = async (id: string, q = '') => {
  const res = await call(t, cast.analyst, { url: `/api/consultations/${cid}/imports/${id}/rows${q}` });
  expect(res.statusCode, res.body).toBe(200);
  return json<ImportRowPage>(res);
};
const commit = (id: string, user: TestUser | null = cast.analyst) =>
  call(t, user, { method: 'POST', url: `/api/consultations/${cid}/imports/${id}/commit` });
/** Drives the job through its handler (this app runs no workers) and reads the import back. */
async function committed(id: string): Promise<ImportView> {
  const res = await commit(id);
  expect(res.statusCode, res.body).toBe(202);
  await runImportCommit({ db: t.handle.db, maxFiles: 10, log: t.app.log }, { importId: id });
  const after = await call(t, cast.analyst, { url: `/api/consultations/${cid}/imports/${id}` });
  return json<ImportView>(after);
}
const responsesOf = async () =>
  (
    await sql<{ n: number }>`select count(*)::int as n from responses where consultation_id = ${cid}`.execute(
      t.handle.db,
    )
  ).rows[0]!.n;

const CSV = (q: string) =>
  [
    'external_ref,name,email,received_at,text,files,' + q,
    'L-1,Karen Jensen,karen@example.dk,2026-11-02,"Jeg er imod forslaget, fordi ""alle"" skal kunne bruge det.",brev1.pdf,Enig',
    'L-2,Ole Hansen,,03.11.2026,Et brev med en linje,,',
    'L-3,,,,"En tekst\nover to linjer",,',
  ].join('\r\n');

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  const open = await openConsultation(t, cast.admin);
  cid = open.c.id;
  questionId = open.questions[0]!.id;
  pdf = await readFile(path.join(FIXTURES, 'hoeringssvar.pdf'));
  png = await readFile(path.join(FIXTURES, 'flag.png'));
});
afterAll(async () => t?.close());

describe('bulk import: staging', () => {
  it('stages a CSV with its files: a preview of every row, nothing written yet', async () => {
    const before = await responsesOf();
    const v = await staged([
      { filename: 'letters.csv', content: CSV(`question:${questionId}`) },
      { filename: 'brev1.pdf', content: pdf },
    ]);
    expect(v).toMatchObject({ status: 'staged', source: 'csv', rowCount: 3, errorCount: 0, toImportCount: 3 });
    const page = await rows(v.id);
    expect(page.items.map((r) => r.externalRef)).toEqual(['L-1', 'L-2', 'L-3']);
    expect(page.items[0]).toMatchObject({ name: 'Karen Jensen', files: ['brev1.pdf'], answerCount: 1, errors: [] });
    expect(page.items[0]!.text).toContain('"alle"');
    expect(page.items[2]).toMatchObject({ name: 'Ukendt afsender', channel: 'letter' });
    expect(await responsesOf()).toBe(before);
  });

  it('shows each row error: missing text, bad date, unknown question, file not found, wrong type, and refuses the commit', async () => {
    const csv = [
      'external_ref,received_at,text,files,question:00000000-0000-4000-8000-000000000000',
      'E-1,2026-11-02,,,',
      'E-2,31.02.2026,tekst,,',
      'E-3,2026-11-02,tekst,,svar',
      'E-4,2026-11-02,tekst,mangler.pdf,',
      'E-5,2026-11-02,tekst,fake.pdf,',
      'E-6,2026-11-02,ok,,',
      'E-6,2026-11-02,same ref again,,',
    ].join('\n');
    const v = await staged([
      { filename: 'errors.csv', content: csv },
      { filename: 'fake.pdf', content: png },
    ]);
    expect(v).toMatchObject({ rowCount: 7, errorCount: 6 });
    const page = await rows(v.id, '?errors=true');
    const codes = Object.fromEntries(page.items.map((r) => [r.externalRef + r.rowNo, r.errors.map((e) => e.code)]));
    expect(Object.values(codes)).toEqual([
      ['missing_text'],
      ['bad_date'],
      ['unknown_question'],
      ['file_not_found'],
      ['file_wrong_type'],
      ['duplicate_ref'],
    ]);
    const before = await responsesOf();
    expectError(await commit(v.id), 422, 'RULE_VIOLATION');
    expect(await responsesOf()).toBe(before);
  });

  it('refuses bad input with a clear 4xx: no file, no header, two CSVs, a broken ZIP', async () => {
    const empty = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${cid}/imports`,
      ...multipart([]),
    });
    expect(empty.statusCode).toBe(400);
    expectError(await stage([{ filename: 'x.csv', content: 'a,b\n1,2\n' }]), 400, 'VALIDATION_FAILED');
    expectError(
      await stage([
        { filename: 'a.csv', content: 'external_ref,text\n1,a\n' },
        { filename: 'b.csv', content: 'external_ref,text\n1,a\n' },
      ]),
      400,
      'BAD_REQUEST',
    );
    expectError(await stage([{ filename: 'x.zip', content: 'not a zip' }]), 400, 'BAD_REQUEST');
    expectError(await stage([{ filename: 'x.txt', content: 'hello' }]), 400, 'BAD_REQUEST');
  });

  it('is for admins and analysts: 401 anonymous, 403 participant and reviewer, 404 for an unknown import', async () => {
    const parts = [{ filename: 'l.csv', content: 'external_ref,text\nR-1,tekst\n' }];
    expectError(await stage(parts, null), 401, 'UNAUTHENTICATED');
    expectError(await stage(parts, cast.participant), 403, 'FORBIDDEN');
    expectError(await stage(parts, cast.reviewer), 403, 'FORBIDDEN');
    const v = await staged(parts);
    for (const [user, status] of [
      [null, 401],
      [cast.participant, 403],
      [cast.reviewer, 403],
    ] as const) {
      expect((await commit(v.id, user)).statusCode).toBe(status);
      expect((await call(t, user, { url: `/api/consultations/${cid}/imports/${v.id}` })).statusCode).toBe(status);
    }
    const admin = await call(t, cast.admin, { url: `/api/consultations/${cid}/imports/${v.id}` });
    expect(admin.statusCode).toBe(200);
    expectError(
      await call(t, cast.analyst, { url: `/api/consultations/${cid}/imports/${randomUUID()}` }),
      404,
      'NOT_FOUND',
    );
  });
});

describe('bulk import: commit', () => {
  it('commits all rows as letters registered by staff, with their files; they reach the inbox; a re-run adds nothing', async () => {
    const parts = [
      {
        filename: 'letters.zip',
        content: Buffer.from(zipSync({ 'letters.csv': Buffer.from(CSV(`q1`)), 'brev1.pdf': pdf })),
      },
    ];
    const v = await staged(parts);
    expect(v).toMatchObject({ source: 'zip', rowCount: 3, errorCount: 0 });
    const before = await responsesOf();
    const done = await committed(v.id);
    expect(done).toMatchObject({ status: 'committed', importedCount: 3, doneCount: 3 });
    expect(await responsesOf()).toBe(before + 3);
    const r = await sql<{ channel: string; registeredBy: string; n: number; submittedAt: Date }>`
      select r.channel, r.registered_by::text, r.submitted_at,
             (select count(*)::int from attachments a where a.response_id = r.id) as n
        from responses r where r.consultation_id = ${cid} and r.respondent_name = 'Karen Jensen'`.execute(t.handle.db);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ channel: 'letter', registeredBy: cast.analyst.id, n: 1 });
    expect(r.rows[0]!.submittedAt.toISOString().slice(0, 10)).toBe('2026-11-02');

    await indexAllNow(t.handle.db);
    const inbox = await call(t, cast.analyst, { url: `/api/consultations/${cid}/inbox?q=imod` });
    expect(inbox.statusCode, inbox.body).toBe(200);
    const items = json<InboxPage>(inbox).items;
    expect(items.some((i) => i.author === 'Karen Jensen' && i.channel === 'letter' && i.hasAttachments)).toBe(true);

    // The same file again: every row is a duplicate, and the commit adds nothing.
    const again = await staged(parts);
    expect(again).toMatchObject({ rowCount: 3, duplicateCount: 3, toImportCount: 0 });
    const twice = await committed(again.id);
    expect(twice).toMatchObject({ status: 'committed', importedCount: 0 });
    expect(await responsesOf()).toBe(before + 3);
    expectError(await commit(v.id), 409, 'CONFLICT');
  });

  it('a failure midway leaves nothing: zero rows, the import failed with its reason, and it can be committed again', async () => {
    const lines = ['external_ref,text'];
    for (let i = 0; i < 2500; i++) lines.push(`M-${i},Brev nummer ${i}`);
    const v = await staged([{ filename: 'many.csv', content: lines.join('\n') }]);
    expect(v.rowCount).toBe(2500);
    const before = await responsesOf();
    // Committing without the route's job (a worker of another app on a shared database could take it first).
    expect(await markCommitting(t.handle.db, cid, v.id)).toBeDefined();
    await runImportCommit(
      {
        db: t.handle.db,
        maxFiles: 10,
        log: t.app.log,
        afterBatch: () => {
          throw new Error('the disk is full');
        },
      },
      { importId: v.id },
    );
    const failed = json<ImportView>(await call(t, cast.analyst, { url: `/api/consultations/${cid}/imports/${v.id}` }));
    expect(failed).toMatchObject({ status: 'failed', error: 'the disk is full', importedCount: 0 });
    expect(await responsesOf()).toBe(before);
    const ok = await committed(v.id);
    expect(ok).toMatchObject({ status: 'committed', importedCount: 2500 });
    expect(await responsesOf()).toBe(before + 2500);
  });

  it('imports .eml and .mbox mail: sender, date, subject and body, attachments, the Message-ID as reference', async () => {
    const eml = (id: string, from: string, body: string, attach = false) => {
      const b = 'BOUNDARY42';
      const head = [
        `From: ${from}`,
        'To: hoering@example.dk',
        `Subject: Høringssvar ${id}`,
        'Date: Mon, 02 Nov 2026 10:15:00 +0100',
        `Message-ID: <${id}@mail.example.dk>`,
        'MIME-Version: 1.0',
      ];
      if (!attach) return [...head, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n');
      return [
        ...head,
        `Content-Type: multipart/mixed; boundary="${b}"`,
        '',
        `--${b}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        body,
        `--${b}`,
        'Content-Type: application/pdf; name="bilag.pdf"',
        'Content-Disposition: attachment; filename="bilag.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf.toString('base64').replace(/.{76}/g, '$&\r\n'),
        `--${b}--`,
        '',
      ].join('\r\n');
    };
    const mbox = [
      'From sender@example.dk Mon Nov  2 10:15:00 2026',
      eml('m2', 'Bo Berg <bo@example.dk>', 'Første linje\n>From the start of a line'),
      '',
      'From other@example.dk Mon Nov  2 11:15:00 2026',
      eml('m3', 'eva@example.dk', 'Andet svar'),
      '',
    ].join('\n');
    const v = await staged([
      { filename: 'one.eml', content: eml('m1', '"Anna Andersen" <anna@example.dk>', 'Mit svar på høringen.', true) },
      { filename: 'box.mbox', content: mbox },
    ]);
    expect(v).toMatchObject({ source: 'mail', rowCount: 3, errorCount: 0 });
    const page = await rows(v.id);
    expect(page.items.map((r) => [r.externalRef, r.name, r.email, r.channel])).toEqual([
      ['<m1@mail.example.dk>', 'Anna Andersen', 'anna@example.dk', 'email'],
      ['<m2@mail.example.dk>', 'Bo Berg', 'bo@example.dk', 'email'],
      ['<m3@mail.example.dk>', 'eva@example.dk', 'eva@example.dk', 'email'],
    ]);
    expect(page.items[0]!.files).toEqual(['bilag.pdf']);
    expect(page.items[0]!.text).toContain('Høringssvar m1');
    expect(page.items[1]!.text).toContain('From the start of a line');
    expect(page.items[0]!.receivedAt).toBe('2026-11-02T09:15:00.000Z');
    expect((await committed(v.id)).importedCount).toBe(3);
    const again = await staged([{ filename: 'box.mbox', content: mbox }]);
    expect(again.duplicateCount).toBe(2);
  });
});
