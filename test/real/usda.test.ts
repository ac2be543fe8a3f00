/**
 * Real-data check (issue #4): the 199 public comments of regulations.gov docket USDA-2017-0002 and
 * the original attachments (../shared/data/regulations-gov-usda-2017-0002/SOURCE.md) are registered
 * by staff as letter responses, approved for publication, and then:
 * - the public list returns every one of them exactly once, walking the cursor pages;
 * - a phrase that only the typed PDF letter holds (not its text comment, nor any other comment) is
 *   found by the public search, which returns the response owning the PDF, highlighted in the attachment;
 * - a phrase of a text comment is found, highlighted with <mark>.
 * Prints a summary. Runs on PGlite, or on PostgreSQL with TEST_DATABASE_URL (a scratch database).
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  expectError,
  json,
  makeConsultation,
  signedInUser,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import type { AttachmentRef } from '../../server/modules/files/files.schemas.ts';
import type { PublicResponse } from '../../server/modules/responses/public.schemas.ts';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import { createRealApp } from './helpers/real-app.ts';
import {
  type AttachmentFile,
  listAttachmentFiles,
  loadDocket,
  loadTextComments,
  type Submitter,
  type TextComment,
} from './helpers/regulations-gov.ts';

const COMMENTS = 199;
/** Only in the typed letter USDA-2017-0002-0439_1.pdf: its closing questions, which the text comment lacks. */
const PDF_ONLY_PHRASE = '"stump differentiation"';
const PDF_ONLY_DOCUMENT = 'USDA-2017-0002-0439';
/** Only in the text comment USDA-2017-0002-2889 ("Workfare NOT Welfare! …"). */
const CSV_PHRASE = 'workfare';
const CSV_DOCUMENT = 'USDA-2017-0002-2889';

// Each request from its own address, as the integration fixtures do: no per-IP limit is what is tested here.
const someIp = () =>
  `10.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

function uploadLetterFile(t: TestApp, staff: TestUser, consultationId: string, file: AttachmentFile, bytes: Buffer) {
  const boundary = `----samraad${randomUUID().replace(/-/g, '')}`;
  const type = file.extension === 'pdf' ? 'application/pdf' : 'application/msword';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return call(t, staff, {
    method: 'POST',
    url: `/api/consultations/${consultationId}/attachments?source=letter`,
    payload,
    remoteAddress: someIp(),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

/**
 * Who sent it, as far as the docket says. A 'business' must give a Danish CVR number, which a US firm
 * has not: firms are registered as 'other' with their organisation's name.
 */
function respondentOf(s: Submitter | undefined) {
  const name = [s?.firstName, s?.lastName].filter(Boolean).join(' ') || 'Unknown submitter';
  const organisationName = s?.organisation?.replace(/[\s,;]+$/, '') || null;
  let actingAs: 'citizen' | 'ngo' | 'public_authority' | 'other' = 'citizen';
  if (organisationName) {
    if (/association|alliance|institute|producers|union|council|society|foundation/i.test(organisationName))
      actingAs = 'ngo';
    else if (/school district|county|city of|state of|department/i.test(organisationName))
      actingAs = 'public_authority';
    else actingAs = 'other';
  }
  return { name, actingAs, organisationName, email: null };
}

type Page = { items: PublicResponse[]; nextCursor: string | null };
type Registered = { id: string; documentId: string; attachmentIds: string[] };
type Extraction = { file: string; status: string; chars: number; error: string | null };

describe('real data: regulations.gov docket USDA-2017-0002 as letter responses', () => {
  let t: TestApp;
  let filesDir: string;
  let admin: TestUser;
  let analyst: TestUser;
  let consultationId: string;
  const comments: TextComment[] = loadTextComments();
  const docket = loadDocket();
  const files = listAttachmentFiles();
  const registered = new Map<string, Registered>(); // by Document ID
  const attachmentOf = new Map<string, { file: AttachmentFile; id: string }>(); // by attachment id
  const extraction: Extraction[] = [];
  const summary: string[] = [];
  const timings: Record<string, number> = {};
  let docRefused: LightMyRequestResponse | undefined;

  beforeAll(async () => {
    const started = Date.now();
    filesDir = await mkdtemp(path.join(tmpdir(), 'samraad-usda-'));
    // A database of its own: only this app's worker takes its extraction jobs.
    t = await createRealApp({ FILES_DIR: filesDir, RATE_LIMIT_SUBMIT_PER_MINUTE: '100000' });
    [admin, analyst] = await Promise.all([signedInUser(t, ['admin']), signedInUser(t, ['analyst'])]);
    const c = await makeConsultation(t, admin, {
      title: { da: 'Identificering af regelforenklinger', en: 'Identifying Regulatory Reform Initiatives' },
    });
    consultationId = c.id;
    // Letters are registered after the deadline: open, then closed.
    for (const to of ['open', 'closed']) {
      const res = await call(t, admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/transition`,
        payload: { to },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    timings.setup = Date.now() - started;

    // The files first, as staff do: each upload queues its text extraction.
    let at = Date.now();
    const byDocument = new Map<string, string[]>();
    for (const file of files) {
      const bytes = await readFile(file.path);
      const res = await uploadLetterFile(t, analyst, consultationId, file, bytes);
      if (file.extension === 'doc') {
        docRefused = res;
        continue;
      }
      expect(res.statusCode, `${file.filename}: ${res.body}`).toBe(201);
      const ref = json<AttachmentRef>(res);
      expect(ref).toMatchObject({ filename: file.filename, mediaType: 'application/pdf', sizeBytes: bytes.length });
      attachmentOf.set(ref.id, { file, id: ref.id });
      byDocument.set(file.documentId, [...(byDocument.get(file.documentId) ?? []), ref.id]);
    }
    timings.upload = Date.now() - at;

    // The 199 text comments, each with the PDFs of the same Document ID.
    at = Date.now();
    const register = async (documentId: string, body: string) => {
      const s = docket.get(documentId);
      const attachmentIds = byDocument.get(documentId) ?? [];
      const res = await call(t, analyst, {
        method: 'POST',
        url: `/api/consultations/${consultationId}/responses/letters`,
        remoteAddress: someIp(),
        headers: { 'idempotency-key': `regulations.gov:${documentId}` },
        payload: {
          respondent: respondentOf(s),
          consent: 'public_named',
          body,
          answers: [],
          attachmentIds,
          channel: 'letter',
          receivedAt: `${s?.receivedDate ?? '2017-09-15'}T12:00:00Z`,
          locale: 'en',
        },
      });
      expect(res.statusCode, `${documentId}: ${res.body}`).toBe(201);
      registered.set(documentId, { id: json<Receipt>(res).id, documentId, attachmentIds });
    };
    for (const comment of comments) await register(comment.documentId, comment.text);
    // An attachment whose comment is not among the 199 gets a letter of its own.
    for (const documentId of byDocument.keys()) {
      if (!registered.has(documentId)) await register(documentId, 'See attachment');
    }
    timings.register = Date.now() - at;

    at = Date.now();
    for (const r of registered.values()) {
      const res = await call(t, analyst, {
        method: 'POST',
        url: `/api/responses/${r.id}/publication`,
        payload: { decision: 'approve' },
      });
      expect(res.statusCode, `${r.documentId}: ${res.body}`).toBe(200);
    }
    timings.approve = Date.now() - at;

    // Extraction runs in the background; scanned PDFs may give little or no text, which is fine.
    at = Date.now();
    const until = Date.now() + 90_000;
    for (;;) {
      const rows = await t.handle.db
        .selectFrom('attachments')
        .select(['id', 'extractionStatus', 'extractedText', 'extractionError'])
        .where('consultationId', '=', consultationId)
        .execute();
      if (rows.every((r) => r.extractionStatus !== 'pending')) {
        for (const r of rows) {
          extraction.push({
            file: attachmentOf.get(r.id)?.file.filename ?? r.id,
            status: r.extractionStatus,
            chars: r.extractedText?.length ?? 0,
            error: r.extractionError,
          });
        }
        extraction.sort((a, b) => a.file.localeCompare(b.file));
        break;
      }
      if (Date.now() > until) throw new Error(`extraction still pending after 90 s: ${JSON.stringify(rows)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    timings.extraction = Date.now() - at;
  }, 180_000);

  afterAll(async () => {
    const pdfs = files.filter((f) => f.extension === 'pdf').length;
    console.log(
      [
        `USDA-2017-0002 on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`,
        `  text comments read: ${comments.length}; docket rows: ${docket.size}`,
        `  responses registered: ${registered.size} (letters with a PDF: ${[...registered.values()].filter((r) => r.attachmentIds.length > 0).length})`,
        `  attachments uploaded: ${attachmentOf.size} of ${pdfs} PDF; .doc refused with ${docRefused?.statusCode ?? '—'} ${docRefused?.body ?? ''}`,
        `  extraction:`,
        ...extraction.map(
          (e) =>
            `    ${e.file.padEnd(28)} ${e.status.padEnd(7)} ${String(e.chars).padStart(6)} chars${e.error ? ` (${e.error})` : ''}`,
        ),
        ...summary,
        `  timings (ms): ${Object.entries(timings)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      ].join('\n'),
    );
    await t?.close();
    if (filesDir) await rm(filesDir, { recursive: true, force: true });
  });

  const list = (query: Record<string, string>) =>
    call(t, null, {
      method: 'GET',
      url: `/api/consultations/${consultationId}/responses?${new URLSearchParams(query)}`,
    });

  it('reads the data as SOURCE.md describes it', () => {
    expect(comments).toHaveLength(COMMENTS);
    expect(new Set(comments.map((c) => c.documentId)).size).toBe(COMMENTS);
    // Multi-line cells stay whole; 162 end with the appended "Re: Supplemental Nutrition …" line.
    expect(comments.filter((c) => /\nRe: Supplemental Nutrition Assistance Program/.test(c.text))).toHaveLength(162);
    expect(comments.some((c) => c.text.includes('&amp;'))).toBe(false);
    expect(comments.filter((c) => c.text.includes(' & ')).length).toBeGreaterThan(0);
    expect(docket.get('USDA-2017-0002-0028')).toMatchObject({
      firstName: 'Ken',
      lastName: 'Olsson',
      organisation: 'Cheese Importers Association of America',
    });
  });

  it('refuses the old binary Word .doc with 415: it is not an accepted type (PDF, DOCX, ODT, PNG, JPEG)', () => {
    expect(files.some((f) => f.extension === 'doc')).toBe(true);
    expectError(docRefused!, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('registers every comment, and every PDF on the response of its Document ID', async () => {
    expect(registered.size).toBe(COMMENTS); // each PDF's comment is among the 199
    expect(attachmentOf.size).toBe(files.filter((f) => f.extension === 'pdf').length);
    const rows = await t.handle.db
      .selectFrom('attachments')
      .select(['id', 'responseId', 'source'])
      .where('consultationId', '=', consultationId)
      .execute();
    expect(rows).toHaveLength(attachmentOf.size);
    for (const row of rows) {
      const { file } = attachmentOf.get(row.id)!;
      expect(row).toMatchObject({ source: 'letter', responseId: registered.get(file.documentId)!.id });
    }
    summary.push(
      `  extraction done: ${extraction.filter((e) => e.status === 'done' && e.chars > 0).length} of ${extraction.length} with text`,
    );
  });

  it('lists every published response exactly once across the cursor pages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await list({ limit: '50', ...(cursor ? { cursor } : {}) });
      expect(res.statusCode, res.body).toBe(200);
      const body = json<Page>(res);
      seen.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor ?? undefined;
      pages++;
      expect(pages).toBeLessThan(20);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(registered.size);
    expect(new Set(seen)).toEqual(new Set([...registered.values()].map((r) => r.id)));
    summary.push(`  public list: ${seen.length} responses in ${pages} pages of 50, none twice`);

    // What the public sees of a letter with a PDF: the docket's submitter, the organisation, the file.
    const all: PublicResponse[] = [];
    cursor = undefined;
    do {
      const body: Page = json<Page>(await list({ limit: '100', ...(cursor ? { cursor } : {}) }));
      all.push(...body.items);
      cursor = body.nextCursor ?? undefined;
    } while (cursor);
    const cheese = all.find((i) => i.id === registered.get('USDA-2017-0002-0028')!.id);
    expect(cheese).toMatchObject({
      channel: 'letter',
      name: 'Ken Olsson',
      actingAs: 'ngo',
      organisationName: 'Cheese Importers Association of America',
      attachments: [expect.objectContaining({ filename: 'USDA-2017-0002-0028_1.pdf', mediaType: 'application/pdf' })],
    });
    // HTML entities were decoded before registering: the public text has "&", never "&amp;".
    expect(all.some((i) => i.body.includes('&amp;'))).toBe(false);
    expect(all.filter((i) => i.body.includes(' & ')).length).toBe(
      comments.filter((c) => c.text.includes(' & ')).length,
    );
  });

  it('finds the PDF letter by a phrase only its extracted text holds, highlighted in the attachment', async () => {
    const pdf = attachmentOf.get(registered.get(PDF_ONLY_DOCUMENT)!.attachmentIds[0]!)!;
    expect(pdf.file.filename).toBe(`${PDF_ONLY_DOCUMENT}_1.pdf`);
    const pdfText = await t.handle.db
      .selectFrom('attachments')
      .select(['extractionStatus', 'extractedText'])
      .where('consultationId', '=', consultationId)
      .where('id', '=', pdf.id)
      .executeTakeFirstOrThrow();
    expect(pdfText.extractionStatus).toBe('done');
    const words = PDF_ONLY_PHRASE.replace(/"/g, '');
    expect(pdfText.extractedText!.replace(/\s+/g, ' ').toLowerCase()).toContain(words);
    // Neither the letter's own text comment nor any other comment says it.
    expect(comments.filter((c) => c.text.replace(/\s+/g, ' ').toLowerCase().includes(words))).toEqual([]);

    const res = await list({ q: PDF_ONLY_PHRASE });
    expect(res.statusCode, res.body).toBe(200);
    const items = json<Page>(res).items;
    expect(items.map((i) => i.id)).toEqual([registered.get(PDF_ONLY_DOCUMENT)!.id]);
    const highlight = items[0]!.highlight!;
    expect(highlight).toMatchObject({ source: 'attachment', attachmentId: pdf.id });
    expect(highlight.html).toMatch(/<mark>stump<\/mark>/i);
    expect(highlight.html).toMatch(/<mark>differentiation<\/mark>/i);
    summary.push(
      `  search ${PDF_ONLY_PHRASE}: ${items.length} hit(s), ${PDF_ONLY_DOCUMENT} via ${highlight.source}: ${highlight.html.replace(/\s+/g, ' ')}`,
    );
  });

  it('finds a text comment by a phrase of it, highlighted with <mark>', async () => {
    const res = await list({ q: CSV_PHRASE });
    expect(res.statusCode, res.body).toBe(200);
    const items = json<Page>(res).items;
    expect(items.map((i) => i.id)).toEqual([registered.get(CSV_DOCUMENT)!.id]);
    const highlight = items[0]!.highlight!;
    expect(highlight).toMatchObject({ source: 'response', attachmentId: null });
    expect(highlight.html).toMatch(/<mark>Workfare<\/mark>/);
    summary.push(
      `  search "${CSV_PHRASE}": ${items.length} hit(s), ${CSV_DOCUMENT} via ${highlight.source}: ${highlight.html.replace(/\s+/g, ' ')}`,
    );
  });
});
