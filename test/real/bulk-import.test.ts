/**
 * Real-data check (issue 12 story 3): the regulations.gov docket USDA-2017-0002's comments CSV
 * (199 comments, multi-line quoted cells, `Document ID` and `Text Comment` columns) and the docket's
 * attachment files (named `<Document ID>_N.pdf`), read from ../shared/data, are imported by the bulk
 * importer into a fresh in-memory database: every comment becomes one letter response with its
 * files, and importing the same upload again adds nothing.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { ImportView } from '../../server/modules/responses/import/import.schemas.ts';
import { runImportCommit } from '../../server/modules/responses/import/import.service.ts';
import { call, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { openConsultation } from '../helpers/factory.ts';

const DATA = path.resolve(import.meta.dirname, '../../../shared/data/regulations-gov-usda-2017-0002');
let t: TestApp;
let cast: Cast;
let cid: string;
let filesDir: string;

function multipart(parts: { filename: string; content: Buffer }[]) {
  const boundary = `----samraad${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      p.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(): Promise<ImportView> {
  const parts = [
    { filename: 'text-comments-example.csv', content: await readFile(path.join(DATA, 'text-comments-example.csv')) },
  ];
  for (const f of (await readdir(path.join(DATA, 'attachments'))).sort()) {
    parts.push({ filename: f, content: await readFile(path.join(DATA, 'attachments', f)) });
  }
  const res = await call(t, cast.analyst, {
    method: 'POST',
    url: `/api/consultations/${cid}/imports`,
    ...multipart(parts),
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<ImportView>(res);
}

async function commit(id: string): Promise<ImportView> {
  const res = await call(t, cast.analyst, { method: 'POST', url: `/api/consultations/${cid}/imports/${id}/commit` });
  expect(res.statusCode, res.body).toBe(202);
  await runImportCommit({ db: t.handle.db, maxFiles: 10, log: t.app.log }, { importId: id });
  return json<ImportView>(await call(t, cast.analyst, { url: `/api/consultations/${cid}/imports/${id}` }));
}

beforeAll(async () => {
  filesDir = await mkdtemp(path.join(os.tmpdir(), 'samraad-real-import-'));
  const handle = await createDb({});
  await migrateToLatest(handle.db);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    CLIENT_DIST: './no-client-in-tests',
    RATE_LIMIT_LOGIN_PER_MINUTE: '1000',
    ANALYSIS_INDEX_MS: '0',
    JOBS_ENABLED: 'false',
    FILES_DIR: filesDir,
  });
  const app = await buildApp({ config, db: handle });
  await app.ready();
  t = { app, handle, close: async () => (await app.close(), await handle.close()) };
  cast = await signInCast(t);
  cid = (await openConsultation(t, cast.admin)).c.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
  await rm(filesDir, { recursive: true, force: true });
});

describe('regulations.gov USDA-2017-0002 by the bulk importer', () => {
  it('imports the 199 comments with their files; a re-run adds nothing', async () => {
    const staged = await upload();
    expect(staged).toMatchObject({ rowCount: 199, errorCount: 0, duplicateCount: 0, toImportCount: 199 });
    const done = await commit(staged.id);
    expect(done).toMatchObject({ status: 'committed', importedCount: 199 });

    const r = await sql<{ n: number; letters: number; files: number; withFiles: number }>`
      select count(*)::int as n,
             count(*) filter (where channel = 'letter' and registered_by is not null)::int as letters,
             (select count(*)::int from attachments a where a.consultation_id = ${cid} and a.response_id is not null) as files,
             count(*) filter (where exists (select 1 from attachments a where a.response_id = r.id))::int as "withFiles"
        from responses r where r.consultation_id = ${cid}`.execute(t.handle.db);
    // The seven USDA PDFs belong to seven comments; the EPA .doc names no comment of this docket.
    expect(r.rows[0]).toEqual({ n: 199, letters: 199, files: 7, withFiles: 7 });
    const multiLine = await sql<{ n: number }>`select count(*)::int as n from responses
      where consultation_id = ${cid} and body like '%Re: Supplemental Nutrition Assistance Program%'`.execute(
      t.handle.db,
    );
    expect(multiLine.rows[0]!.n).toBe(162);
    console.log(`imported ${done.importedCount} comments, ${r.rows[0]!.files} attachments`);

    const again = await upload();
    expect(again).toMatchObject({ rowCount: 199, duplicateCount: 199, toImportCount: 0 });
    expect((await commit(again.id)).importedCount).toBe(0);
    const after = await sql<{
      n: number;
    }>`select count(*)::int as n from responses where consultation_id = ${cid}`.execute(t.handle.db);
    expect(after.rows[0]!.n).toBe(199);
  }, 300_000);
});
