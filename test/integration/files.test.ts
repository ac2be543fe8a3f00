import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalBlobStore, readAll } from '../../server/modules/files/blob-store.ts';
import { ExtractionError, extractInWorker, extractText } from '../../server/modules/files/extraction/extract.ts';
import type { AttachmentRef } from '../../server/modules/files/files.schemas.ts';
import * as files from '../../server/modules/files/files.service.ts';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import {
  call,
  createIsolatedTestApp,
  createTestApp,
  type ErrorWith,
  expectError,
  json,
  makeConsultation,
  signedInUser,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/files');
const fixture = (name: string) => readFile(path.join(FIXTURES, name));

/** The parts of the OpenAPI document the test reads. */
type OpenApiDoc = {
  paths: {
    '/api/consultations/{id}/attachments': {
      post: { tags: string[]; requestBody: { content: Record<string, unknown> }; responses: Record<string, unknown> };
    };
    '/api/consultations/{id}/attachments/{attachmentId}': {
      get: { responses: { '200': { content: Record<string, unknown> } } };
    };
  };
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/** A multipart/form-data body built by hand, so a test controls every byte of the file name. */
function multipart(parts: { name: string; filename?: string; content: Buffer | string; type?: string }[]) {
  const boundary = `----samraad-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const fn = p.filename === undefined ? '' : `; filename="${p.filename.replace(/"/g, '%22')}"`;
    const type = p.filename === undefined ? '' : `\r\nContent-Type: ${p.type ?? 'application/pdf'}`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${fn}${type}\r\n\r\n`));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

// Each upload comes from its own address so the per-IP rate limit only bites where a test wants it to.
const someIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

function upload(
  t: TestApp,
  user: TestUser | null,
  consultationId: string,
  file: { filename: string; content: Buffer },
  opts: { query?: string; ip?: string } = {},
): Promise<LightMyRequestResponse> {
  return call(t, user, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/attachments${opts.query ?? ''}`,
    remoteAddress: opts.ip ?? someIp(),
    ...multipart([{ name: 'file', filename: file.filename, content: file.content }]),
  });
}

async function consultationIn(t: TestApp, admin: TestUser, phase: 'draft' | 'open' | 'closed') {
  const c = await makeConsultation(t, admin);
  for (const to of phase === 'draft' ? [] : phase === 'open' ? ['open'] : ['open', 'closed']) {
    const res = await call(t, admin, { method: 'POST', url: `/api/consultations/${c.id}/transition`, payload: { to } });
    expect(res.statusCode).toBe(200);
  }
  return c.id as string;
}

/** A real hearing response through the responses API (the FK makes claims need one); returns its id. */
async function submitResponse(
  t: TestApp,
  consultationId: string,
  opts: { attachmentIds?: string[]; consent?: 'public_named' | 'public_anonymous' | 'not_public' } = {},
): Promise<string> {
  const res = await call(t, null, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/responses`,
    remoteAddress: someIp(),
    headers: { 'idempotency-key': randomUUID() },
    payload: {
      respondent: {
        name: 'Test Testesen',
        email: `svar-${randomUUID().slice(0, 8)}@test.example`,
        actingAs: 'citizen',
      },
      consent: opts.consent ?? 'public_named',
      body: 'Se vedhæftede fil.',
      answers: [],
      attachmentIds: opts.attachmentIds ?? [],
    },
  });
  if (res.statusCode !== 201) throw new Error(`submit failed: ${res.statusCode} ${res.body}`);
  return json<Receipt>(res).id as string;
}

const rowsOf = (t: TestApp, consultationId: string) =>
  t.handle.db.selectFrom('attachments').selectAll().where('consultationId', '=', consultationId).execute();

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function waitForExtraction(t: TestApp, consultationId: string, id: string, timeoutMs = 45_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const row = await t.handle.db
      .selectFrom('attachments')
      .select(['extractionStatus', 'extractedText', 'extractionError'])
      .where('consultationId', '=', consultationId)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (row.extractionStatus !== 'pending') return row;
    if (Date.now() > until) throw new Error(`extraction of ${id} still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('attachments (local blob store)', () => {
  let t: TestApp;
  let filesDir: string;
  let admin: TestUser;
  let analyst: TestUser;
  let reviewer: TestUser;
  let participant: TestUser;
  let open: string;

  beforeAll(async () => {
    filesDir = await mkdtemp(path.join(tmpdir(), 'samraad-files-'));
    // A database of its own on PostgreSQL: only this app's worker takes its extraction jobs.
    t = await createIsolatedTestApp({ FILES_DIR: filesDir });
    [admin, analyst, reviewer, participant] = await Promise.all([
      signedInUser(t, ['admin']),
      signedInUser(t, ['analyst']),
      signedInUser(t, ['reviewer']),
      signedInUser(t, ['participant']),
    ]);
    open = await consultationIn(t, admin, 'open');
  });
  afterAll(async () => {
    await t?.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  describe('upload', () => {
    it.each([
      ['hoeringssvar.pdf', 'Høringssvar.pdf', MIME.pdf, 'pending'],
      ['hoeringssvar.docx', 'Høringssvar.docx', MIME.docx, 'pending'],
      ['hoeringssvar.odt', 'Høringssvar.odt', MIME.odt, 'pending'],
      ['flag.png', 'Kort.PNG', MIME.png, 'skipped'],
      ['flag.jpg', 'foto.jpeg', MIME.jpeg, 'skipped'],
    ])(
      'anyone uploads %s as %j → 201, a row, the blob and an audit event',
      async (name, filename, mediaType, status) => {
        const content = await fixture(name);
        const res = await upload(t, null, open, { filename, content });
        expect(res.statusCode).toBe(201);
        const ref = json<AttachmentRef>(res);
        expect(ref).toEqual({
          id: expect.any(String),
          filename,
          mediaType,
          sizeBytes: content.length,
          sha256: sha256(content),
        });

        const row = (await rowsOf(t, open)).find((r) => r.id === ref.id)!;
        expect(row).toMatchObject({
          filename,
          mediaType,
          sha256: sha256(content),
          responseId: null,
          source: 'upload',
          uploadedBy: null,
        });
        expect(Number(row.sizeBytes)).toBe(content.length);
        expect(row.storageKey).toMatch(new RegExp(`^\\d{4}/\\d{2}/${ref.id}$`));
        if (status === 'skipped') expect(row.extractionStatus).toBe('skipped');
        expect(await readFile(path.join(filesDir, row.storageKey))).toEqual(content);

        const audit = await t.handle.db
          .selectFrom('auditEvents')
          .selectAll()
          .where('consultationId', '=', open)
          .where('itemId', '=', ref.id)
          .execute();
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({ action: 'attachment.upload', itemType: 'attachment', actorId: null });
        expect(audit[0]!.details).toMatchObject({ filename, mediaType, sha256: sha256(content), source: 'upload' });
      },
    );

    it('works with a body serialised the way a browser does (FormData)', async () => {
      const content = await fixture('hoeringssvar.odt');
      const form = new FormData();
      form.append('note', 'ignored text field');
      form.append('file', new Blob([content], { type: 'application/octet-stream' }), 'Svar fra kommunen.odt');
      const req = new Request('http://localhost/', { method: 'POST', body: form });
      const res = await call(t, participant, {
        method: 'POST',
        url: `/api/consultations/${open}/attachments`,
        remoteAddress: someIp(),
        payload: Buffer.from(await req.arrayBuffer()),
        headers: { 'content-type': req.headers.get('content-type')! },
      });
      expect(res.statusCode).toBe(201);
      expect(json<AttachmentRef>(res)).toMatchObject({ filename: 'Svar fra kommunen.odt', mediaType: MIME.odt });
      const row = (await rowsOf(t, open)).find((r) => r.id === json<AttachmentRef>(res).id)!;
      expect(row.uploadedBy).toBe(participant.id);
    });

    it('accepts a slug in place of the consultation id', async () => {
      const c = await makeConsultation(t, admin);
      await call(t, admin, { method: 'POST', url: `/api/consultations/${c.id}/transition`, payload: { to: 'open' } });
      const res = await upload(t, null, c.slug, { filename: 'kort.png', content: await fixture('flag.png') });
      expect(res.statusCode).toBe(201);
      expect((await rowsOf(t, c.id)).map((r) => r.id)).toEqual([json<AttachmentRef>(res).id]);
    });
  });

  describe('text extraction job', () => {
    it.each([
      [
        'hoeringssvar.pdf',
        'x.pdf',
        'Kodeviserens tilgængelighed for ældre borgere',
        'kodeviserens tilgængelighed',
        'senior citizen',
        'danish',
      ],
      [
        'hoeringssvar.docx',
        'x.docx',
        'Borgerservicecentrene skal have ressourcer',
        'borgerservicecentre',
        'trust frameworks',
        'danish',
      ],
      // Half Danish, half English; its English sentence has more stop words, so it is read as English.
      [
        'hoeringssvar.odt',
        'x.odt',
        'Øresundsregionen bør inddrages',
        'øresundsregionen',
        'contactless reader',
        'english',
      ],
    ])(
      'extracts the text of %s and indexes it in Danish and English',
      async (name, filename, phrase, danish, english, language) => {
        const c = await consultationIn(t, admin, 'open');
        const res = await upload(t, null, c, { filename, content: await fixture(name) });
        expect(res.statusCode).toBe(201);
        const id = json<AttachmentRef>(res).id as string;
        const row = await waitForExtraction(t, c, id);
        expect(row).toMatchObject({ extractionStatus: 'done', extractionError: null });
        expect(row.extractedText!.replace(/\s+/g, ' ')).toContain(phrase);

        // A document is indexed in its own language only (issue #10 item 10): its words in the
        // other language are found through the same configuration.
        const lang = await t.handle.db
          .selectFrom('attachments')
          .select('textLanguage')
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        expect(lang.textLanguage).toBe(language);
        for (const [config, query] of [
          [language, danish],
          [language, english],
        ] as const) {
          const hit = await sql<{ id: string }>`select id from attachments
           where consultation_id = ${c} and text_search @@ websearch_to_tsquery(${config}::regconfig, ${query})`.execute(
            t.handle.db,
          );
          expect(
            hit.rows.map((r) => r.id),
            `${config}: ${query}`,
          ).toEqual([id]);
        }
        const miss = await sql`select id from attachments
         where consultation_id = ${c} and text_search @@ websearch_to_tsquery(${language}::regconfig, 'vindmølle')`.execute(
          t.handle.db,
        );
        expect(miss.rows).toEqual([]);
      },
      60_000,
    );

    it('marks a document that cannot be read as failed, with the reason', async () => {
      const broken = Buffer.concat([
        Buffer.from('%PDF-1.7\n'),
        Buffer.from('this is not a PDF body at all\n'.repeat(20)),
      ]);
      const res = await upload(t, null, open, { filename: 'broken.pdf', content: broken });
      expect(res.statusCode).toBe(201);
      const row = await waitForExtraction(t, open, json<AttachmentRef>(res).id);
      expect(row.extractionStatus).toBe('failed');
      expect(row.extractionError).toEqual(expect.any(String));
      expect(row.extractedText).toBeNull();
    }, 60_000);

    it('finds attachment text per response and highlights it safely (the responses search hooks)', async () => {
      const c = await consultationIn(t, admin, 'open');
      const res = await upload(t, null, c, { filename: 'svar.odt', content: await fixture('hoeringssvar.odt') });
      const id = json<AttachmentRef>(res).id as string;
      await waitForExtraction(t, c, id);
      const responseId = await submitResponse(t, c, { attachmentIds: [id] });
      const q = 'chipbaseret';
      const match = await sql<{
        id: string;
      }>`select r.id from (values (${c}::uuid, ${responseId}::uuid), (${c}::uuid, ${randomUUID()}::uuid))
          as r(consultation_id, id) where ${files.attachmentTextMatch('r', q)}`.execute(t.handle.db);
      expect(match.rows.map((r) => r.id)).toEqual([responseId]);

      const heads = await files.attachmentHeadlines(t.handle.db, {
        consultationId: c,
        responseIds: [responseId],
        q,
      });
      expect(heads.get(responseId)).toEqual([
        { attachmentId: id, filename: 'svar.odt', snippetHtml: expect.stringContaining('<mark>chipbaseret</mark>') },
      ]);
    }, 60_000);
  });

  describe('files that lie about their type', () => {
    it.each([
      ['page-html.pdf', 'svar.pdf', null],
      ['program-elf.pdf', 'svar.pdf', 'application/x-elf'],
      ['program-exe.pdf', 'svar.pdf', 'application/x-msdownload'],
      ['archive-zip.docx', 'svar.docx', 'application/zip'],
      ['word-document.odt', 'svar.odt', MIME.docx],
      ['flag.png', 'foto.jpg', MIME.png],
      ['flag.jpg', 'kort.pdf', MIME.jpeg],
      ['hoeringssvar.pdf', 'svar', MIME.pdf],
      ['hoeringssvar.pdf', 'svar.pdf.exe', MIME.pdf],
    ])('%s named %j → 415, no row, no blob', async (name, filename, detected) => {
      const before = { rows: (await rowsOf(t, open)).length, blobs: await listFiles(filesDir) };
      const res = await upload(t, null, open, { filename, content: await fixture(name) });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect(json<ErrorWith<{ detected: string }>>(res).error.details.detected).toBe(detected);
      expect((await rowsOf(t, open)).length).toBe(before.rows);
      expect(await listFiles(filesDir)).toEqual(before.blobs);
    });

    it('an empty file → 415', async () => {
      const res = await upload(t, null, open, { filename: 'tom.pdf', content: Buffer.alloc(0) });
      expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('file names', () => {
    it.each([
      ['../../etc/passwd.pdf', 'passwd.pdf'],
      ['C:\\Users\\jens\\Høringssvar.pdf', 'Høringssvar.pdf'],
      ['svar\u202Egnp.pdf', 'svargnp.pdf'],
      ['a\u0001b\u0007c\u001b.pdf', 'abc.pdf'],
      ['.bashrc.pdf', 'bashrc.pdf'],
      ['CON.pdf', '_CON.pdf'],
      ['<script>alert(1)</script>.pdf', 'script_.pdf'],
      ['svar: endelig | v2?.pdf', 'svar_ endelig _ v2_.pdf'],
    ])('%j is stored as %j, under a key the server made', async (raw, safe) => {
      const res = await upload(t, null, open, { filename: raw, content: await fixture('hoeringssvar.pdf') });
      expect(res.statusCode).toBe(201);
      expect(json<AttachmentRef>(res).filename).toBe(safe);
      const row = (await rowsOf(t, open)).find((r) => r.id === json<AttachmentRef>(res).id)!;
      expect(row.filename).toBe(safe);
      expect(row.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
      // Every stored file sits under yyyy/mm/ inside FILES_DIR, whatever the name said.
      const stored = await listFiles(filesDir);
      expect(stored).toContain(row.storageKey);
      expect(stored.filter((f) => !/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/.test(f) && !f.startsWith('.tmp/'))).toEqual([]);
    });

    it('a very long name is shortened, keeping its extension', async () => {
      const res = await upload(t, null, open, {
        filename: `${'æ'.repeat(300)}.pdf`,
        content: await fixture('hoeringssvar.pdf'),
      });
      expect(res.statusCode).toBe(201);
      const name = json<AttachmentRef>(res).filename as string;
      expect([...name]).toHaveLength(150);
      expect(name.endsWith('.pdf')).toBe(true);
    });
  });

  describe('who may upload when', () => {
    it('a closed consultation: 409 for the public and participants, allowed for analysts and admins', async () => {
      const closed = await consultationIn(t, admin, 'closed');
      const pdf = await fixture('hoeringssvar.pdf');
      expectError(await upload(t, null, closed, { filename: 'a.pdf', content: pdf }), 409, 'CONSULTATION_CLOSED');
      expectError(
        await upload(t, participant, closed, { filename: 'a.pdf', content: pdf }),
        409,
        'CONSULTATION_CLOSED',
      );
      expectError(await upload(t, reviewer, closed, { filename: 'a.pdf', content: pdf }), 409, 'CONSULTATION_CLOSED');
      expect((await rowsOf(t, closed)).length).toBe(0);

      const late = await upload(t, analyst, closed, { filename: 'brev.pdf', content: pdf });
      expect(late.statusCode).toBe(201);
      const letter = await upload(
        t,
        admin,
        closed,
        { filename: 'brev.pdf', content: pdf },
        { query: '?source=letter' },
      );
      expect(letter.statusCode).toBe(201);
      const rows = await rowsOf(t, closed);
      expect(rows.map((r) => [r.id, r.source, r.uploadedBy]).sort()).toEqual(
        [
          [json<AttachmentRef>(late).id, 'upload', analyst.id],
          [json<AttachmentRef>(letter).id, 'letter', admin.id],
        ].sort(),
      );
    });

    it('letters are for admins and analysts only: 401 signed out, 403 for others', async () => {
      const png = await fixture('flag.png');
      expectError(
        await upload(t, null, open, { filename: 'a.png', content: png }, { query: '?source=letter' }),
        401,
        'UNAUTHENTICATED',
      );
      expectError(
        await upload(t, participant, open, { filename: 'a.png', content: png }, { query: '?source=letter' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await upload(t, reviewer, open, { filename: 'a.png', content: png }, { query: '?source=letter' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await upload(t, analyst, open, { filename: 'a.png', content: png }, { query: '?source=post' }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('an unknown consultation → 404; a draft → 404 for the public, allowed for staff', async () => {
      const png = await fixture('flag.png');
      expectError(await upload(t, null, randomUUID(), { filename: 'a.png', content: png }), 404, 'NOT_FOUND');
      const draft = await consultationIn(t, admin, 'draft');
      expectError(await upload(t, null, draft, { filename: 'a.png', content: png }), 404, 'NOT_FOUND');
      expectError(await upload(t, participant, draft, { filename: 'a.png', content: png }), 404, 'NOT_FOUND');
      expect((await rowsOf(t, draft)).length).toBe(0);
      expect((await upload(t, analyst, draft, { filename: 'a.png', content: png })).statusCode).toBe(201);
    });

    it('bad requests: no file, two files, not multipart', async () => {
      const pdf = await fixture('hoeringssvar.pdf');
      const before = (await rowsOf(t, open)).length;
      const post = (body: { payload: Buffer | object; headers?: Record<string, string> }) =>
        call(t, null, {
          method: 'POST',
          url: `/api/consultations/${open}/attachments`,
          remoteAddress: someIp(),
          ...body,
        });
      expectError(await post(multipart([{ name: 'note', content: 'no file here' }])), 400, 'BAD_REQUEST');
      expectError(
        await post(
          multipart([
            { name: 'file', filename: 'a.pdf', content: pdf },
            { name: 'file', filename: 'b.pdf', content: pdf },
          ]),
        ),
        400,
        'BAD_REQUEST',
      );
      expectError(await post({ payload: { file: 'x' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expect((await rowsOf(t, open)).length).toBe(before);
      expect((await readdir(path.join(filesDir, '.tmp'))).filter((f) => f.endsWith('.upload'))).toEqual([]);
    });

    it('is rate-limited per address (429 with Retry-After)', async () => {
      const closed = await consultationIn(t, admin, 'closed');
      const ip = someIp();
      const png = await fixture('flag.png');
      for (let i = 0; i < 60; i++) {
        expect((await upload(t, null, closed, { filename: 'a.png', content: png }, { ip })).statusCode).toBe(409);
      }
      const res = await upload(t, null, closed, { filename: 'a.png', content: png }, { ip });
      expectError(res, 429, 'RATE_LIMITED');
      expect(res.headers['retry-after']).toBeDefined();
      expect((await upload(t, null, closed, { filename: 'a.png', content: png })).statusCode).toBe(409);
      // Staff registering many letters are not throttled.
      const liar = await fixture('page-html.pdf');
      for (let i = 0; i < 61; i++) {
        expect((await upload(t, analyst, closed, { filename: 'a.pdf', content: liar }, { ip })).statusCode).toBe(415);
      }
    });
  });

  describe('download', () => {
    let pdf: Buffer;
    let id: string;
    beforeAll(async () => {
      pdf = await fixture('hoeringssvar.pdf');
      id = json<AttachmentRef>(await upload(t, null, open, { filename: 'Høringssvar (endelig).pdf', content: pdf })).id;
    });

    it.each([
      ['analyst', () => analyst],
      ['admin', () => admin],
    ])('%s gets the bytes as an attachment, with the detected type and nosniff', async (_who, who) => {
      const res = await call(t, who(), { url: `/api/consultations/${open}/attachments/${id}` });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload).toEqual(pdf);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-length']).toBe(String(pdf.length));
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="H_ringssvar (endelig).pdf"; filename*=UTF-8''H%C3%B8ringssvar%20%28endelig%29.pdf`,
      );
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain('sandbox');
    });

    it('an unclaimed upload is 404 to the public and to participants', async () => {
      expectError(await call(t, null, { url: `/api/consultations/${open}/attachments/${id}` }), 404, 'NOT_FOUND');
      expectError(
        await call(t, participant, { url: `/api/consultations/${open}/attachments/${id}` }),
        404,
        'NOT_FOUND',
      );
    });

    it('404 under another consultation or for an unknown id; 400 for a malformed id', async () => {
      const other = await consultationIn(t, admin, 'open');
      expectError(await call(t, analyst, { url: `/api/consultations/${other}/attachments/${id}` }), 404, 'NOT_FOUND');
      expectError(
        await call(t, analyst, { url: `/api/consultations/${open}/attachments/${randomUUID()}` }),
        404,
        'NOT_FOUND',
      );
      expectError(
        await call(t, analyst, { url: `/api/consultations/${open}/attachments/..%2F..%2Fetc` }),
        400,
        'VALIDATION_FAILED',
      );
    });

    it('the public gets a file of a published response, and only that (through the isPublished hook)', async () => {
      const url = `/api/consultations/${open}/attachments/${id}`;
      const responseId = await submitResponse(t, open, { attachmentIds: [id] });
      expect((await call(t, analyst, { url })).statusCode).toBe(200);
      expectError(await call(t, null, { url }), 404, 'NOT_FOUND');

      const approve = await call(t, analyst, {
        method: 'POST',
        url: `/api/responses/${responseId}/publication`,
        payload: { decision: 'approve' },
      });
      expect(approve.statusCode).toBe(200);
      for (const who of [null, participant]) {
        const res = await call(t, who, { url });
        expect(res.statusCode).toBe(200);
        expect(res.rawPayload).toEqual(pdf);
        expect(res.headers['content-disposition']).toMatch(/^attachment; /);
      }

      // A file of a response that did not consent to publication stays staff-only.
      const png = await fixture('flag.png');
      const privateFile = json<AttachmentRef>(await upload(t, null, open, { filename: 'privat.png', content: png }))
        .id as string;
      await submitResponse(t, open, { attachmentIds: [privateFile], consent: 'not_public' });
      expectError(
        await call(t, null, { url: `/api/consultations/${open}/attachments/${privateFile}` }),
        404,
        'NOT_FOUND',
      );
      // Reviewers read only what is public (issue 10 item 8).
      expect(
        (await call(t, reviewer, { url: `/api/consultations/${open}/attachments/${privateFile}` })).statusCode,
      ).toBe(404);
    });
  });

  describe('claimAttachments / releaseAttachments / listAttachments', () => {
    let a: string;
    let b: string;
    let a1: string;
    let a2: string;
    let a3: string;
    let b1: string;
    beforeAll(async () => {
      a = await consultationIn(t, admin, 'open');
      b = await consultationIn(t, admin, 'open');
      const png = await fixture('flag.png');
      const up = async (n: number) =>
        json<AttachmentRef>(await upload(t, null, a, { filename: `${n}.png`, content: png })).id as string;
      [a1, a2, a3] = [await up(1), await up(2), await up(3)];
      b1 = json<AttachmentRef>(await upload(t, null, b, { filename: 'b.png', content: png })).id;
    });
    const tx = <T>(fn: (trx: TestApp['handle']['db']) => Promise<T>) => t.handle.db.transaction().execute(fn);
    const linkOf = async (id: string) =>
      (await t.handle.db.selectFrom('attachments').select('responseId').where('id', '=', id).executeTakeFirstOrThrow())
        .responseId;

    it('claims files for a response and returns their refs sorted by id', async () => {
      const [r1, r2] = await Promise.all([submitResponse(t, a), submitResponse(t, a)]);
      const refs = await tx((trx) =>
        files.claimAttachments(trx, { consultationId: a, responseId: r1, attachmentIds: [a2, a1, a1], maxFiles: 10 }),
      );
      expect(refs.map((r) => r.id)).toEqual([a1, a2].sort());
      expect(refs[0]).toEqual({
        id: expect.any(String),
        filename: expect.stringMatching(/\.png$/),
        mediaType: MIME.png,
        sizeBytes: expect.any(Number),
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect([await linkOf(a1), await linkOf(a2)]).toEqual([r1, r1]);

      // The same response may claim them again (an edit that keeps them).
      const again = await tx((trx) =>
        files.claimAttachments(trx, { consultationId: a, responseId: r1, attachmentIds: [a1, a2], maxFiles: 10 }),
      );
      expect(again).toEqual(refs);

      // Another response may not; nothing changes.
      await expect(
        tx((trx) =>
          files.claimAttachments(trx, { consultationId: a, responseId: r2, attachmentIds: [a3, a1], maxFiles: 10 }),
        ),
      ).rejects.toMatchObject({
        code: 'RULE_VIOLATION',
        statusCode: 422,
        details: { attachmentIds: [a1] },
      });
      expect(await linkOf(a3)).toBeNull();

      // After an edit drops a2, it is released and free again; a1 stays.
      const released = await tx((trx) =>
        files.releaseAttachments(trx, { consultationId: a, responseId: r1, keepIds: [a1] }),
      );
      expect(released).toEqual([a2]);
      expect([await linkOf(a1), await linkOf(a2)]).toEqual([r1, null]);
      await tx((trx) =>
        files.claimAttachments(trx, { consultationId: a, responseId: r2, attachmentIds: [a2], maxFiles: 10 }),
      );

      const lists = await files.listAttachments(t.handle.db, a, [r1, r2, randomUUID()]);
      expect([...lists.keys()].sort()).toEqual([r1, r2].sort());
      expect(lists.get(r1)!.map((r) => r.id)).toEqual([a1]);
      expect(lists.get(r2)!.map((r) => r.id)).toEqual([a2]);
    });

    it("refuses another consultation's file, unknown and malformed ids (422, listing them)", async () => {
      const r = await submitResponse(t, a);
      const unknown = randomUUID();
      await expect(
        tx((trx) =>
          files.claimAttachments(trx, {
            consultationId: a,
            responseId: r,
            attachmentIds: [a3, b1, unknown, 'x'],
            maxFiles: 10,
          }),
        ),
      ).rejects.toMatchObject({
        code: 'RULE_VIOLATION',
        details: { attachmentIds: expect.arrayContaining([b1, unknown, 'x']) },
      });
      expect(await linkOf(a3)).toBeNull();
      expect(await linkOf(b1)).toBeNull();
    });

    it('refuses more than maxFiles, counting files already linked', async () => {
      const any = await submitResponse(t, a);
      await expect(
        tx((trx) =>
          files.claimAttachments(trx, { consultationId: a, responseId: any, attachmentIds: [a1, a2, a3], maxFiles: 2 }),
        ),
      ).rejects.toMatchObject({
        code: 'RULE_VIOLATION',
        details: { maxFiles: 2 },
      });
      const c = await consultationIn(t, admin, 'open');
      const r = await submitResponse(t, c);
      const png = await fixture('flag.png');
      const ids = await Promise.all(
        [1, 2, 3].map(
          async () => json<AttachmentRef>(await upload(t, null, c, { filename: 'x.png', content: png })).id as string,
        ),
      );
      await tx((trx) =>
        files.claimAttachments(trx, { consultationId: c, responseId: r, attachmentIds: ids.slice(0, 2), maxFiles: 2 }),
      );
      await expect(
        tx((trx) =>
          files.claimAttachments(trx, { consultationId: c, responseId: r, attachmentIds: [ids[2]!], maxFiles: 2 }),
        ),
      ).rejects.toMatchObject({
        code: 'RULE_VIOLATION',
      });
      expect(await linkOf(ids[2]!)).toBeNull();
      expect(
        await files.claimAttachments(t.handle.db, { consultationId: c, responseId: r, attachmentIds: [], maxFiles: 2 }),
      ).toEqual([]);
    });
  });

  it('documents both routes in the OpenAPI document', async () => {
    const doc = json<OpenApiDoc>(await call(t, null, { url: '/api/openapi.json' }));
    const up = doc.paths['/api/consultations/{id}/attachments'].post;
    expect(up.tags).toEqual(['files']);
    expect(Object.keys(up.requestBody.content)).toEqual(['multipart/form-data']);
    expect(Object.keys(up.responses)).toEqual(expect.arrayContaining(['201', '400', '404', '409', '413', '415']));
    const down = doc.paths['/api/consultations/{id}/attachments/{attachmentId}'].get;
    expect(Object.keys(down.responses['200'].content)).toContain('application/pdf');
  });
});

describe('attachments over the size limit', () => {
  let t: TestApp;
  let filesDir: string;
  let open: string;
  beforeAll(async () => {
    filesDir = await mkdtemp(path.join(tmpdir(), 'samraad-files-small-'));
    t = await createTestApp({ UPLOAD_MAX_BYTES: '2048', FILES_DIR: filesDir, JOBS_ENABLED: 'false' });
    const admin = await signedInUser(t, ['admin']);
    open = await consultationIn(t, admin, 'open');
  });
  afterAll(async () => {
    await t?.close();
    await rm(filesDir, { recursive: true, force: true });
  });

  it('→ 413, no row, no blob, no staging file left', async () => {
    const res = await upload(t, null, open, { filename: 'svar.pdf', content: await fixture('hoeringssvar.pdf') });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    expect(await rowsOf(t, open)).toEqual([]);
    expect(await listFiles(filesDir)).toEqual([]);
  });

  it('exactly at the limit is accepted; one byte more is not', async () => {
    const png = await fixture('flag.png');
    const at = Buffer.concat([png, Buffer.alloc(2048 - png.length)]);
    expect((await upload(t, null, open, { filename: 'at.png', content: at })).statusCode).toBe(201);
    const over = Buffer.concat([at, Buffer.alloc(1)]);
    expectError(await upload(t, null, open, { filename: 'over.png', content: over }), 413, 'PAYLOAD_TOO_LARGE');
    expect((await rowsOf(t, open)).map((r) => r.filename)).toEqual(['at.png']);
    expect(await listFiles(filesDir)).toHaveLength(1);
  });
});

/** A minimal S3-compatible server (path-style PUT/GET/HEAD/DELETE) on the loopback, for the SDK wiring. */
async function fakeS3() {
  const objects = new Map<string, Buffer>();
  const server = http.createServer((req, res) => {
    const key = decodeURIComponent(new URL(req.url!, 'http://s3.local').pathname);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const obj = objects.get(key);
      if (req.method === 'PUT') {
        objects.set(key, Buffer.concat(chunks));
        res.writeHead(200, { etag: '"0"' }).end();
      } else if (req.method === 'DELETE') {
        objects.delete(key);
        res.writeHead(204).end();
      } else if (!obj) {
        res.writeHead(404, { 'content-type': 'application/xml' });
        res.end(
          req.method === 'HEAD'
            ? undefined
            : '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>no</Message></Error>',
        );
      } else {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': obj.length });
        res.end(req.method === 'HEAD' ? undefined : obj);
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    objects,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('attachments in S3-compatible object storage', () => {
  let s3: Awaited<ReturnType<typeof fakeS3>>;
  let t: TestApp;
  let open: string;
  let analyst: TestUser;
  beforeAll(async () => {
    s3 = await fakeS3();
    t = await createTestApp({
      S3_BUCKET: 'samraad',
      S3_ENDPOINT: s3.url,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'test',
      S3_SECRET_ACCESS_KEY: 'test-secret',
      UPLOAD_MAX_BYTES: '4096',
      JOBS_ENABLED: 'false',
    });
    const admin = await signedInUser(t, ['admin']);
    analyst = await signedInUser(t, ['analyst']);
    open = await consultationIn(t, admin, 'open');
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it('stores the upload under its server-made key and streams it back', async () => {
    expect(t.app.blobStore.kind).toBe('s3');
    const jpg = await fixture('flag.jpg');
    const res = await upload(t, null, open, { filename: 'foto.jpg', content: jpg });
    expect(res.statusCode).toBe(201);
    const row = (await rowsOf(t, open)).find((r) => r.id === json<AttachmentRef>(res).id)!;
    expect(s3.objects.get(`/samraad/${row.storageKey}`)).toEqual(jpg);
    const down = await call(t, analyst, { url: `/api/consultations/${open}/attachments/${row.id}` });
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload).toEqual(jpg);
    expect(await t.app.blobStore.exists(row.storageKey)).toBe(true);
    await t.app.blobStore.delete(row.storageKey);
    expect(await t.app.blobStore.exists(row.storageKey)).toBe(false);
    await expect(t.app.blobStore.get(row.storageKey)).rejects.toMatchObject({ name: 'BlobNotFoundError' });
  });

  it('a liar or an oversized file leaves no object behind', async () => {
    const before = s3.objects.size;
    expectError(
      await upload(t, null, open, { filename: 'svar.pdf', content: await fixture('program-elf.pdf') }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expectError(
      await upload(t, null, open, { filename: 'svar.pdf', content: await fixture('hoeringssvar.pdf') }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(s3.objects.size).toBe(before);
  });
});

describe('local blob store', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'samraad-blobs-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('puts, gets, checks and deletes, with size and SHA-256', async () => {
    const store = createLocalBlobStore(dir);
    const body = Buffer.from('høringssvar');
    expect(await store.put('2026/11/one', Readable.from([body]))).toEqual({ size: body.length, sha256: sha256(body) });
    expect(await store.exists('2026/11/one')).toBe(true);
    expect(await readAll(await store.get('2026/11/one'))).toEqual(body);
    await store.delete('2026/11/one');
    await store.delete('2026/11/one');
    expect(await store.exists('2026/11/one')).toBe(false);
    await expect(store.get('2026/11/one')).rejects.toMatchObject({ name: 'BlobNotFoundError' });
  });

  it('never leaves half a file under the key when the source fails', async () => {
    const store = createLocalBlobStore(dir);
    async function* failing() {
      yield Buffer.alloc(64 * 1024, 1);
      throw new Error('connection lost');
    }
    await expect(store.put('2026/11/half', Readable.from(failing()))).rejects.toThrow('connection lost');
    expect(await store.exists('2026/11/half')).toBe(false);
    expect(await listFiles(dir)).toEqual([]);
  });

  it.each(['../escape', '/abs', '2026/../x', '2026//x', '', 'a\\b', '.hidden'])('refuses the key %j', async (key) => {
    const store = createLocalBlobStore(dir);
    await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
    await expect(store.get(key)).rejects.toThrow(/Invalid storage key/);
  });
});

describe('text extraction', () => {
  it.each([
    ['hoeringssvar.pdf', MIME.pdf, 'Kodeviserens'],
    ['hoeringssvar.docx', MIME.docx, 'Borgerservicecentrene'],
    ['hoeringssvar.odt', MIME.odt, 'Øresundsregionen'],
  ])('reads %s in a worker thread', async (name, mediaType, word) => {
    const outcome = await extractInWorker(await fixture(name), mediaType);
    expect(outcome.status).toBe('done');
    expect(outcome.status === 'done' && outcome.text).toContain(word);
  });

  it('skips images', async () => {
    expect(await extractInWorker(await fixture('flag.png'), MIME.png)).toEqual({ status: 'skipped' });
  });

  it('fails cleanly on a broken document, an over-size part or a timeout', async () => {
    await expect(extractInWorker(Buffer.from('%PDF-1.7\nnonsense'), MIME.pdf)).rejects.toBeInstanceOf(ExtractionError);
    await expect(extractInWorker(await fixture('archive-zip.docx'), MIME.docx)).rejects.toBeInstanceOf(ExtractionError);
    const odt = await fixture('hoeringssvar.odt');
    await expect(extractText(odt, MIME.odt, { maxChars: 1000, maxPdfPages: 1, maxXmlBytes: 100 })).rejects.toThrow(
      /larger than 100 bytes/,
    );
    await expect(
      extractInWorker(await fixture('hoeringssvar.pdf'), MIME.pdf, { timeoutMs: 1, maxMemoryMb: 256 }),
    ).rejects.toThrow(/longer than 1 ms/);
  });

  it('caps the text', async () => {
    const out = await extractText(await fixture('hoeringssvar.docx'), MIME.docx, {
      maxChars: 20,
      maxPdfPages: 10,
      maxXmlBytes: 1 << 20,
    });
    expect(out).toEqual({ status: 'done', text: 'Høringssvar (docxsrc' });
  });
});
