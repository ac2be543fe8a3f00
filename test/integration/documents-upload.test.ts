import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { DocumentFile } from '../../server/modules/files/documents/documents.schemas.ts';
import type { ErrorBody } from '../helpers/factory.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  makeConsultation,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';

type DocumentFile = z.infer<typeof DocumentFile>;

/**
 * Issue 10 item 14: an admin uploads a consultation's documents; the type is detected from the
 * content and the size counted, the file is kept in the blob store and served to whoever can read
 * the consultation. A document list linking the file takes its type and size from the file.
 */

const fixture = (name: string) => readFile(path.resolve('test/fixtures/files', name));

function multipart(parts: { filename: string; content: Buffer }[]) {
  const boundary = `----samraad${randomUUID().replace(/-/g, '')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${p.filename}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      p.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('uploaded consultation documents', () => {
  let t: TestApp;
  let cast: Cast;
  let pdf: Buffer;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    pdf = await fixture('hoeringssvar.pdf');
  });
  afterAll(async () => t.close());

  const upload = (user: TestUser | null, id: string, parts: { filename: string; content: Buffer }[]) =>
    call(t, user, { method: 'POST', url: `/api/consultations/${id}/document-files`, ...multipart(parts) });
  const stored = async (id: string) =>
    (await t.handle.db.selectFrom('documentFiles').select('id').where('consultationId', '=', id).execute()).length;
  const open = async (id: string) =>
    expect(
      (
        await call(t, cast.admin, {
          method: 'POST',
          url: `/api/consultations/${id}/transition`,
          payload: { to: 'open' },
        })
      ).statusCode,
    ).toBe(200);

  it('an admin uploads a PDF: type and size from the file; the public downloads it once the hearing is open', async () => {
    const c = await makeConsultation(t, cast.admin);
    const res = await upload(cast.admin, c.id, [{ filename: 'Høringsnotat.pdf', content: pdf }]);
    expect(res.statusCode, res.body).toBe(201);
    const file = json<DocumentFile>(res);
    expect(file).toMatchObject({ mediaType: 'application/pdf', sizeBytes: pdf.length, filename: 'Høringsnotat.pdf' });
    expect(file.url).toBe(`/api/consultations/${c.id}/document-files/${file.id}`);
    expectError(await call(t, null, { url: file.url }), 404, 'NOT_FOUND');
    await open(c.id);
    const got = await call(t, null, { url: file.url });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(pdf)).toBe(true);
  });

  it('the document list takes the type and size of a linked file, not what the request says', async () => {
    const c = await makeConsultation(t, cast.admin);
    const file = json<DocumentFile>(await upload(cast.admin, c.id, [{ filename: 'notat.pdf', content: pdf }]));
    const res = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/consultations/${c.id}/documents`,
      payload: {
        documents: [
          { title: { da: 'Høringsnotat', en: 'Memo' }, url: file.url, mediaType: 'text/html', sizeBytes: 1 },
          { title: { da: 'Ekstern', en: 'External' }, url: 'https://www.digst.dk/a.pdf', mediaType: null },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<Consultation>(res).documents[0]).toMatchObject({
      url: file.url,
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
    });
  });

  it('a link to a file of another consultation or an unknown file is refused (422), nothing changed', async () => {
    const [a, b] = [await makeConsultation(t, cast.admin), await makeConsultation(t, cast.admin)];
    const other = json<DocumentFile>(await upload(cast.admin, b.id, [{ filename: 'notat.pdf', content: pdf }]));
    for (const url of [other.url.replace(b.id, a.id), `/api/consultations/${a.id}/document-files/${randomUUID()}`]) {
      const res = await call(t, cast.admin, {
        method: 'PUT',
        url: `/api/consultations/${a.id}/documents`,
        payload: { documents: [{ title: { da: 'x', en: 'x' }, url }] },
      });
      expectError(res, 422, 'RULE_VIOLATION');
    }
    expect(json<Consultation>(await call(t, cast.admin, { url: `/api/consultations/${a.id}` })).documents).toEqual([]);
  });

  it.each([
    ['no file', [] as { filename: string; content: Buffer }[], 400, 'BAD_REQUEST'],
    ['two files', 'two', 400, 'BAD_REQUEST'],
    [
      'text named .pdf',
      [{ filename: 'notat.pdf', content: Buffer.from('<html>not a pdf</html>') }],
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ],
    ['an empty file', [{ filename: 'tom.pdf', content: Buffer.alloc(0) }], 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ] as const)('refuses %s (%i), nothing stored', async (_what, parts, status, code) => {
    const c = await makeConsultation(t, cast.admin);
    const list =
      parts === 'two'
        ? [
            { filename: 'a.pdf', content: pdf },
            { filename: 'b.pdf', content: pdf },
          ]
        : [...parts];
    const res = await upload(cast.admin, c.id, list);
    expect(res.statusCode, res.body).toBe(status);
    expect(json<ErrorBody>(res).error.code).toBe(code);
    expect(await stored(c.id)).toBe(0);
  });

  it.each([
    ['anonymous', null, 401, 'UNAUTHENTICATED'],
    ['analyst', 'analyst', 403, 'FORBIDDEN'],
    ['participant', 'participant', 403, 'FORBIDDEN'],
    ['reviewer', 'reviewer', 403, 'FORBIDDEN'],
  ] as const)('is closed to %s, nothing stored', async (_who, role, status, code) => {
    const c = await makeConsultation(t, cast.admin);
    await open(c.id);
    expectError(await upload(role ? cast[role] : null, c.id, [{ filename: 'a.pdf', content: pdf }]), status, code);
    expect(await stored(c.id)).toBe(0);
  });

  it('a bad file id answers 400; an unknown one 404', async () => {
    const c = await makeConsultation(t, cast.admin);
    expectError(
      await call(t, cast.admin, { url: `/api/consultations/${c.id}/document-files/x` }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call(t, cast.admin, { url: `/api/consultations/${c.id}/document-files/${randomUUID()}` }),
      404,
      'NOT_FOUND',
    );
  });
});
