import { unzipSync, strFromU8 } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportStart, ExportView } from '../../server/modules/analysis/exports/exports.schemas.ts';
import {
  EXPORT_JOB,
  runExportJob,
  sweepExpiredExports,
} from '../../server/modules/analysis/exports/exports.service.ts';
import { runExportJobInProcess } from '../../server/modules/analysis/exports/exports.process.ts';
import { loadConfig } from '../../server/config.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signInCast,
  signedInUser,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { openConsultation, submission, submitOk } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

// Issue 12 story 4: an inbox view with its codings exported as CSV, JSONL and XLSX, streamed,
// formula-safe; a large one as a background job with an expiring download link.

let t: TestApp;
let cast: Cast;
let cid: string;
const BODIES = [
  '=HYPERLINK("http://evil.example","klik")',
  'Et almindeligt svar om kodeviser',
  '+45 12 34 56 78 ringer',
];

const direct = (q: string, user: TestUser | null = cast.analyst) =>
  call(t, user, { url: `/api/consultations/${cid}/inbox/export?${q}` });
const start = (payload: object, user: TestUser | null = cast.analyst) =>
  call(t, user, { method: 'POST', url: `/api/consultations/${cid}/inbox/exports`, payload });

beforeAll(async () => {
  // Every export of this app runs as a job above 2 items.
  t = await createTestApp({ EXPORT_DIRECT_MAX_ROWS: '2' });
  cast = await signInCast(t);
  const open = await openConsultation(t, cast.admin);
  cid = open.c.id;
  const ids: string[] = [];
  for (const body of BODIES) ids.push((await submitOk(t, cid, submission(open.questions, { body }))).id);
  const tag = await call(t, cast.analyst, {
    method: 'POST',
    url: `/api/consultations/${cid}/codebook/tags`,
    payload: { name: { da: '-Adgang', en: '-Access' } },
  });
  expect(tag.statusCode, tag.body).toBe(201);
  const coding = await call(t, cast.analyst, {
    method: 'POST',
    url: `/api/consultations/${cid}/codings`,
    payload: { tagId: json<{ id: string }>(tag).id, itemKind: 'response', itemId: ids[1] },
  });
  expect(coding.statusCode, coding.body).toBe(201);
  await indexAllNow(t.handle.db);
});
afterAll(async () => t?.close());

describe('inbox exports', () => {
  it('streams CSV with codings, every text cell formula-safe', async () => {
    const res = await direct('format=csv&lang=en&sort=oldest');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="inbox-.*\.csv"$/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^kind,id,received_at/);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"",""klik"")`);
    expect(lines[2]).toContain(`'-Access`);
    expect(lines[3]).toContain(`'+45 12 34 56 78`);
  });

  it('filters like the inbox: a search exports its hits only; JSONL has one object per item', async () => {
    const res = await direct('format=jsonl&q=kodeviser');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { excerpt: string; codings: { tag: { da: string } }[] });
    expect(items).toHaveLength(1);
    expect(items[0]!.codings[0]!.tag.da).toBe("'-Adgang");
  });

  it('writes a real XLSX (a zip with one sheet of inline strings)', async () => {
    const res = await call(t, cast.analyst, { url: `/api/consultations/${cid}/inbox/export?format=xlsx&sort=oldest` });
    expect(res.statusCode).toBe(200);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(files)).toContain('xl/worksheets/sheet1.xml');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row>/g)).toHaveLength(4);
    expect(sheet).toContain("'=HYPERLINK(&quot;http://evil.example&quot;");
  });

  it('refuses bad input and wrong roles', async () => {
    expectError(await direct('format=pdf'), 400, 'VALIDATION_FAILED');
    expectError(await start({ format: 'csv', kind: 'nonsense' }), 400, 'VALIDATION_FAILED');
    expectError(await direct('format=csv', null), 401, 'UNAUTHENTICATED');
    expectError(await direct('format=csv', cast.participant), 403, 'FORBIDDEN');
    expectError(await direct('format=csv', cast.reviewer), 403, 'FORBIDDEN');
    expectError(await start({ format: 'csv' }, null), 401, 'UNAUTHENTICATED');
    expectError(await start({ format: 'csv' }, cast.reviewer), 403, 'FORBIDDEN');
  });

  it('a small view is a direct download; a large one a job with progress and an expiring link', async () => {
    const small = await start({ format: 'csv', q: 'kodeviser' });
    expect(small.statusCode, small.body).toBe(200);
    const s = json<ExportStart>(small);
    expect(s.mode).toBe('direct');
    if (s.mode !== 'direct') return;
    expect((await call(t, cast.analyst, { url: s.url })).body).toContain('kodeviser');

    const big = await start({ format: 'csv', lang: 'da' });
    expect(big.statusCode, big.body).toBe(202);
    const b = json<ExportStart>(big);
    if (b.mode !== 'job') throw new Error('expected a job');
    expect(b.export).toMatchObject({ status: 'queued', total: 3 });
    const [, token] = b.downloadUrl.split('token=');
    // Before it is done the link answers 409; a wrong token 404; another analyst does not see it.
    expectError(await call(t, null, { url: b.downloadUrl }), 409, 'CONFLICT');
    await runExportJob({ db: t.handle.db, store: t.app.blobStore, log: t.app.log }, { exportId: b.export.id });
    const status = await call(t, cast.analyst, { url: `/api/consultations/${cid}/inbox/exports/${b.export.id}` });
    expect(json<ExportView>(status), status.body).toMatchObject({ status: 'done', doneCount: 3 });
    const other = await signedInUser(t, ['analyst']);
    expect((await call(t, other, { url: `/api/consultations/${cid}/inbox/exports/${b.export.id}` })).statusCode).toBe(
      404,
    );
    const file = await call(t, null, { url: b.downloadUrl });
    expect(file.statusCode).toBe(200);
    expect(file.body.trim().split('\r\n')).toHaveLength(4);
    expect(file.body).toContain("'-Adgang");
    const wrong = b.downloadUrl.replace(token!, 'x'.repeat(43));
    expectError(await call(t, null, { url: wrong }), 404, 'NOT_FOUND');
    // Expired: the link stops working.
    await t.handle.db
      .updateTable('inboxExports')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('id', '=', b.export.id)
      .execute();
    expectError(await call(t, null, { url: b.downloadUrl }), 404, 'NOT_FOUND');
    // The hourly sweep deletes the expired file and clears the link; the export's record stays.
    const key = (
      await t.handle.db
        .selectFrom('inboxExports')
        .select('storageKey')
        .where('id', '=', b.export.id)
        .executeTakeFirstOrThrow()
    ).storageKey!;
    expect(await t.app.blobStore.exists(key)).toBe(true);
    const swept = await sweepExpiredExports({ db: t.handle.db, store: t.app.blobStore, log: t.app.log }, { batch: 1 });
    expect(swept.deleted).toBeGreaterThanOrEqual(1);
    expect(swept.failed).toBe(0);
    expect(await t.app.blobStore.exists(key)).toBe(false);
    const after = await t.handle.db
      .selectFrom('inboxExports')
      .select(['storageKey', 'tokenHash', 'status'])
      .where('id', '=', b.export.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ storageKey: null, tokenHash: null, status: 'done' });
    const kept = await call(t, cast.analyst, { url: `/api/consultations/${cid}/inbox/exports/${b.export.id}` });
    expect(json<ExportView>(kept)).toMatchObject({ status: 'done', doneCount: 3 });
    expectError(await call(t, null, { url: b.downloadUrl }), 404, 'NOT_FOUND');
    // Nothing left to sweep: a second run deletes nothing.
    expect(await sweepExpiredExports({ db: t.handle.db, store: t.app.blobStore, log: t.app.log })).toEqual({
      deleted: 0,
      failed: 0,
    });
  });

  // With PostgreSQL a large export runs in a lean child process (an embedded PGlite is one process's).
  it.skipIf(!process.env.TEST_DATABASE_URL)('a job in its own process writes the same file', async () => {
    const big = await start({ format: 'xlsx', lang: 'en' });
    const b = json<ExportStart>(big);
    if (b.mode !== 'job') throw new Error('expected a job');
    const { filesDir, s3 } = loadConfig({});
    await runExportJobInProcess(
      { db: t.handle.db, log: t.app.log },
      { databaseUrl: process.env.TEST_DATABASE_URL!, preparedStatements: false, filesDir, s3 },
      { exportId: b.export.id },
    );
    const status = await call(t, cast.analyst, { url: `/api/consultations/${cid}/inbox/exports/${b.export.id}` });
    expect(json<ExportView>(status), status.body).toMatchObject({ status: 'done', doneCount: 3 });
    const file = await call(t, null, { url: b.downloadUrl });
    expect(file.statusCode).toBe(200);
    const sheet = strFromU8(unzipSync(new Uint8Array(file.rawPayload))['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row>/g)).toHaveLength(4);
    expect(sheet).toContain(`'=HYPERLINK(&quot;http://evil.example&quot;,&quot;klik&quot;)`);
    expect(sheet).toContain("'-Access");
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'a job whose process cannot finish is failed, not left running',
    async () => {
      // The run below is to be the export's only one: its queued job is taken off the queue, as a
      // worker would take it, so no worker of another test's app on the shared database runs it
      // meanwhile (one that took it first, in the few milliseconds before, makes the test start anew).
      let b: ExportStart | undefined;
      for (let attempt = 0; attempt < 3 && !b; attempt++) {
        const started = json<ExportStart>(await start({ format: 'csv' }));
        if (started.mode !== 'job') throw new Error('expected a job');
        const taken = await sql`delete from pgboss.job
          where name = ${EXPORT_JOB} and data->>'exportId' = ${started.export.id}`.execute(t.handle.db);
        if (taken.numAffectedRows === 1n) b = started;
      }
      if (b?.mode !== 'job') throw new Error('every queued export was taken by another worker');
      const { filesDir, s3 } = loadConfig({});
      // A database the child cannot reach: it ends with an error before it claims the export.
      await runExportJobInProcess(
        { db: t.handle.db, log: { warn: () => undefined } },
        { databaseUrl: 'postgres://nobody@127.0.0.1:1/none', preparedStatements: false, filesDir, s3 },
        { exportId: b.export.id },
      );
      const status = await call(t, cast.analyst, { url: `/api/consultations/${cid}/inbox/exports/${b.export.id}` });
      expect(json<ExportView>(status)).toMatchObject({ status: 'failed' });
      expect(json<ExportView>(status).error).toMatch(/export process ended/);
    },
  );
});
