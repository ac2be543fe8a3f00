import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Codebook, CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import type { Coding } from '../../server/modules/analysis/codings/codings.schemas.ts';
import type { ImportReport } from '../../server/modules/analysis/exchange/exchange.schemas.ts';
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
import { factory, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';
import { bombPart, part, zip } from '../helpers/zip-bomb.ts';
import { validateXML } from 'xmllint-wasm';

/** The standard's schema (MIT) in ../shared/data/refi-qda beside the clone; the real-data tier always has it. */
const PROJECT_XSD = path.join(
  process.env.SAMRAAD_SHARED_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared'),
  'data/refi-qda/Project.xsd',
);

const WRONG = ['reviewer', 'participant', 'anonymous'] as const;
type Wrong = (typeof WRONG)[number];

const BODY = 'Et digitalt ID skal kunne bruges af alle borgere 👍 også de ældre.';
const ANSWER = 'Løsningen skal virke uden smartphone, og den skal være gratis.';
const COMMENT = '=HYPERLINK("http://evil.example") Banker bør ikke stå for borgernes identitet.';

/** A multipart/form-data body with one file part. */
function multipart(filename: string, bytes: Uint8Array | string) {
  const boundary = `----samraad${randomUUID().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('the analysis exchange (issue 11 story 9)', () => {
  let t: TestApp;
  let cast: Cast;
  let analyst: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    analyst = cast.analyst;
  });
  afterAll(async () => t.close());

  const who = (w: Wrong) => (w === 'anonymous' ? null : cast[w]);
  const expectRefused = (res: Parameters<typeof expectError>[0], w: Wrong) =>
    w === 'anonymous' ? expectError(res, 401, 'UNAUTHENTICATED') : expectError(res, 403, 'FORBIDDEN');

  async function tagIn(cid: string, en: string, parentId: string | null = null, extra = {}): Promise<CodebookTag> {
    const res = await call(t, analyst, {
      method: 'POST',
      url: `/api/consultations/${cid}/codebook/tags`,
      payload: { name: { da: `${en} (da)`, en }, parentId, ...extra },
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return json<CodebookTag>(res);
  }
  async function code(cid: string, payload: Record<string, unknown>, user: TestUser = analyst): Promise<Coding> {
    const res = await call(t, user, { method: 'POST', url: `/api/consultations/${cid}/codings`, payload });
    if (res.statusCode !== 201) throw new Error(res.body);
    return json<Coding>(res);
  }
  const codebook = async (cid: string): Promise<Codebook> => {
    const res = await call(t, analyst, { url: `/api/consultations/${cid}/codebook` });
    expect(res.statusCode).toBe(200);
    return json<Codebook>(res);
  };
  const outline = async (cid: string, lang: 'da' | 'en' = 'en') =>
    (await codebook(cid)).tags.map((x) => `${'-'.repeat(x.depth - 1)}${x.name[lang]}`);
  const count = async (table: 'codebook_tags' | 'codings', cid: string) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where consultation_id = ${cid}`.execute(
          t.handle.db,
        )
      ).rows[0]!.n,
    );
  const audits = async (cid: string) =>
    (
      await sql<{ action: string; details: Record<string, unknown> }>`select action, details from audit_events
        where consultation_id = ${cid} and action = 'analysis.import'`.execute(t.handle.db)
    ).rows;

  /** A hearing with a response (body and a free-text answer), a comment, a three-level codebook and codings. */
  async function hearing() {
    const f = factory(t);
    const {
      consultation: c,
      scenarios,
      questions,
    } = await f.newOpenConsultation(cast.admin, {
      scenarios: [{ key: 'S1' }],
      questions: [TEXT_Q],
    });
    const [text] = questions;
    const receipt = await submitOk(
      t,
      c.id,
      submission(questions, { body: BODY, answers: [{ questionId: text.id, value: ANSWER }] }),
    );
    const comment = await f.newComment(cast.participant, scenarios[0].id, COMMENT);
    const access = await tagIn(c.id, 'Access', null, { definition: 'About access', includeNote: 'Also relatives' });
    const digital = await tagIn(c.id, 'Digital', access.id);
    const phone = await tagIn(c.id, 'Smartphone', digital.id);
    const cost = await tagIn(c.id, 'Cost');
    const start = Array.from(BODY).indexOf('o'); // after the emoji: code points, not UTF-16 units
    const word = 'også de ældre';
    const s = Array.from(BODY).join('').indexOf(word);
    const cpStart = Array.from(BODY.slice(0, s)).length;
    void start;
    const codings = [
      await code(c.id, { tagId: access.id, itemKind: 'response', itemId: receipt.id, stance: 'for' }),
      await code(c.id, {
        tagId: phone.id,
        itemKind: 'response',
        itemId: receipt.id,
        field: 'body',
        startOffset: cpStart,
        endOffset: cpStart + Array.from(word).length,
        note: '-note with a leading minus',
      }),
      await code(c.id, { tagId: cost.id, itemKind: 'response', itemId: receipt.id, field: `answer:${text.id}` }),
      await code(c.id, {
        tagId: cost.id,
        itemKind: 'response',
        itemId: receipt.id,
        field: `answer:${text.id}`,
        startOffset: ANSWER.indexOf('gratis'),
        endOffset: ANSWER.indexOf('gratis') + 6,
      }),
      await code(c.id, { tagId: digital.id, itemKind: 'comment', itemId: comment.id, field: 'body' }),
    ];
    return { c, text, receipt, comment, access, digital, phone, cost, codings, word };
  }

  const get = (url: string, user: TestUser | null = analyst) => call(t, user, { url });
  const importFile = (
    cid: string,
    filename: string,
    bytes: Uint8Array | string,
    apply = false,
    user: TestUser | null = analyst,
  ) =>
    call(t, user, {
      method: 'POST',
      url: `/api/consultations/${cid}/analysis/import${apply ? '?apply=true' : ''}`,
      ...multipart(filename, bytes),
    });
  const qdpxOf = async (cid: string, lang: 'da' | 'en' = 'da') => {
    const res = await get(`/api/consultations/${cid}/analysis/export.qdpx?lang=${lang}`);
    expect(res.statusCode, res.body).toBe(200);
    return new Uint8Array(res.rawPayload);
  };

  describe('who may use it', () => {
    it.each(WRONG)('refuses %s on every route', async (w) => {
      const { c } = await hearing();
      for (const url of [
        `/api/consultations/${c.id}/analysis/codings.csv`,
        `/api/consultations/${c.id}/analysis/codings.json`,
        `/api/consultations/${c.id}/analysis/export.qdpx`,
      ]) {
        expectRefused(await get(url, who(w)), w);
      }
      const before = await count('codebook_tags', c.id);
      expectRefused(await importFile(c.id, 'x.qdc', '<CodeBook/>', true, who(w)), w);
      expect(await count('codebook_tags', c.id)).toBe(before);
    });

    it('answers 404 for a consultation that does not exist', async () => {
      const id = randomUUID();
      for (const url of [
        `/api/consultations/${id}/analysis/codings.csv`,
        `/api/consultations/${id}/analysis/codings.json`,
        `/api/consultations/${id}/analysis/export.qdpx`,
      ]) {
        expectError(await get(url), 404, 'NOT_FOUND');
      }
      const { c } = await hearing();
      const qdc = await get(`/api/consultations/${c.id}/codebook/export.qdc`);
      expectError(await importFile(id, 'c.qdc', qdc.body, true), 404, 'NOT_FOUND');
    });
  });

  describe('codings as CSV and JSON', () => {
    it('streams one row per confirmed coding with the tag path, quote, coder and the formula guard', async () => {
      const { c, receipt, comment, codings, word } = await hearing();
      await sql`update codings set status = 'proposed' where id = ${codings[4]!.id}`.execute(t.handle.db);
      const res = await get(`/api/consultations/${c.id}/analysis/codings.csv`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="codings-.*\.csv"$/);
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = res.body
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe(
        'item_kind,item_id,item_version,field,start,end,quote,tag_id,tag_path_da,tag_path_en,stance,note,status,coder,created_at',
      );
      expect(lines).toHaveLength(5); // the proposed one is left out
      const span = lines.find((l) => l.includes(word))!;
      expect(span).toContain(`response,${receipt.id},1,body,`);
      expect(span).toContain('Access (da) > Digital (da) > Smartphone (da),Access > Digital > Smartphone');
      expect(span).toContain(",'-note with a leading minus,");
      expect(span).toContain(',confirmed,');
      expect(lines.some((l) => l.includes(comment.id))).toBe(false);

      const all = await get(`/api/consultations/${c.id}/analysis/codings.csv?proposed=true`);
      const withProposed = all.body.trimEnd().split('\r\n');
      expect(withProposed).toHaveLength(6);
      expect(withProposed.find((l) => l.includes(comment.id))).toContain(',proposed,');
    });

    it('neutralises a quote that starts like a formula', async () => {
      const { c, comment, cost } = await hearing();
      await code(c.id, {
        tagId: cost.id,
        itemKind: 'comment',
        itemId: comment.id,
        field: 'body',
        startOffset: 0,
        endOffset: 10,
      });
      const res = await get(`/api/consultations/${c.id}/analysis/codings.csv`);
      expect(res.body).toContain(`,'=HYPERLINK,`);
      expect(res.body).not.toMatch(/,=HYPERLINK/);
    });

    it('gives the same rows as JSON', async () => {
      const { c, codings } = await hearing();
      const res = await get(`/api/consultations/${c.id}/analysis/codings.json`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="codings-.*\.json"$/);
      const doc = json<{ format: string; codings: Record<string, unknown>[] }>(res);
      expect(doc.format).toBe('samraad.codings');
      expect(doc.codings).toHaveLength(codings.length);
      expect(doc.codings[1]).toMatchObject({
        itemKind: 'response',
        field: 'body',
        tagPath: { da: ['Access (da)', 'Digital (da)', 'Smartphone (da)'], en: ['Access', 'Digital', 'Smartphone'] },
        status: 'confirmed',
        coder: expect.any(String),
      });
      expect(doc.codings[0]).toMatchObject({ stance: 'for', field: null, start: null });
    });

    it('refuses a bad query with 400', async () => {
      const { c } = await hearing();
      expectError(
        await get(`/api/consultations/${c.id}/analysis/codings.csv?proposed=maybe`),
        400,
        'VALIDATION_FAILED',
      );
      expectError(await get(`/api/consultations/${c.id}/analysis/export.qdpx?lang=fr`), 400, 'VALIDATION_FAILED');
    });
  });

  describe('the REFI-QDA project', () => {
    it('holds the coders, the codebook, one text per item and each coding at its place, without names', async () => {
      const { c, receipt, comment, phone, codings, word } = await hearing();
      const files = unzipSync(await qdpxOf(c.id));
      const xml = strFromU8(files['project.qde']!);
      expect(xml).toContain('<Project xmlns="urn:QDA-XML:project:1.0"');
      expect(xml).toContain(`<User guid="${analyst.id}"`);
      expect((xml.match(/<Code /g) ?? []).length).toBe(4);
      expect(xml).toContain(`plainTextPath="internal://${receipt.id}.txt"`);
      expect(xml).not.toContain('Karen Jensen');
      const text = strFromU8(files[`sources/${receipt.id}.txt`]!);
      expect(text).not.toContain('Karen');
      expect(text).toContain(BODY);
      expect(files[`sources/${comment.id}.txt`]).toBeDefined();
      const sel = new RegExp(
        `<PlainTextSelection guid="${codings[1]!.id}" startPosition="(\\d+)" endPosition="(\\d+)"`,
      ).exec(xml)!;
      expect(Array.from(text).slice(Number(sel[1]), Number(sel[2])).join('')).toBe(word);
      expect(xml).toContain(`<CodeRef targetGUID="${phone.id}"/>`);
      const whole = new RegExp(
        `<PlainTextSelection guid="${codings[0]!.id}" startPosition="0" endPosition="(\\d+)"`,
      ).exec(xml)!;
      expect(Number(whole[1])).toBe(Array.from(text).length);
    });

    it.skipIf(!existsSync(PROJECT_XSD))('validates against the standard’s Project.xsd (xmllint, ~0.2 s)', async () => {
      const { c } = await hearing();
      const xml = strFromU8(unzipSync(await qdpxOf(c.id))['project.qde']!);
      const result = await validateXML({
        xml: [{ fileName: 'project.qde', contents: xml }],
        schema: [{ fileName: 'Project.xsd', contents: readFileSync(PROJECT_XSD, 'utf8') }],
      });
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    });

    it('marks an archived tag with codings as not codable and leaves out one without', async () => {
      const { c, cost } = await hearing();
      const spare = await tagIn(c.id, 'Spare');
      for (const tag of [cost, spare]) {
        const res = await call(t, analyst, {
          method: 'POST',
          url: `/api/codebook-tags/${tag.id}/archive`,
          payload: { version: tag.version },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
      const xml = strFromU8(unzipSync(await qdpxOf(c.id, 'en'))['project.qde']!);
      expect(xml).toContain(`<Code guid="${cost.id}" name="Cost (archived)" isCodable="false"`);
      expect(xml).not.toContain(spare.id);
    });
  });

  describe('import', () => {
    it('previews a .qdc into another consultation without changing anything, then applies it: the same tree', async () => {
      const { c } = await hearing();
      const other = await factory(t).newConsultation(cast.admin);
      const qdc = (await get(`/api/consultations/${c.id}/codebook/export.qdc?lang=en`)).body;
      const preview = await importFile(other.id, 'codebook.qdc', qdc);
      expect(preview.statusCode, preview.body).toBe(200);
      const p = json<ImportReport>(preview);
      expect(p).toMatchObject({ applied: false, format: 'qdc', tags: { created: 4, matched: 0, skipped: 0 } });
      expect(p.tags.rows.map((r) => r.path.join(' > '))).toEqual([
        'Access',
        'Access > Digital',
        'Access > Digital > Smartphone',
        'Cost',
      ]);
      expect(await count('codebook_tags', other.id)).toBe(0);
      expect(await audits(other.id)).toEqual([]);

      const applied = json<ImportReport>(await importFile(other.id, 'codebook.qdc', qdc, true));
      expect(applied).toMatchObject({ applied: true, tags: { created: 4 } });
      expect(await outline(other.id)).toEqual(await outline(c.id));
      const access = (await codebook(other.id)).tags[0]!;
      expect(access).toMatchObject({ definition: 'About access', includeNote: 'Also relatives' });
      expect(await audits(other.id)).toEqual([
        expect.objectContaining({ details: expect.objectContaining({ format: 'qdc', tagsCreated: 4 }) }),
      ]);

      // Again: every code is matched by its name under the same parent, nothing new.
      const again = json<ImportReport>(await importFile(other.id, 'codebook.qdc', qdc, true));
      expect(again.tags).toMatchObject({ created: 0, matched: 4 });
      expect(await count('codebook_tags', other.id)).toBe(4);
    });

    it('shortens a long name, skips codes past five levels, and the codebook still reads', async () => {
      const other = await factory(t).newConsultation(cast.admin);
      const long = `${'👍'.repeat(120)}`;
      const g = () => randomUUID();
      let nested = `<Code guid="${g()}" name="L6" isCodable="true"><Code guid="${g()}" name="L7" isCodable="true"/></Code>`;
      for (const n of [5, 4, 3, 2]) nested = `<Code guid="${g()}" name="L${n}" isCodable="true">${nested}</Code>`;
      const xml = `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
        <Code guid="${g()}" name="${long}" isCodable="true"/><Code guid="${g()}" name="L1" isCodable="true">${nested}</Code>
        </Codes></CodeBook>`;
      const r = json<ImportReport>(await importFile(other.id, 'deep.qdc', xml, true));
      expect(r.tags).toMatchObject({ created: 6, skipped: 2 });
      expect(r.tags.rows.find((x) => x.path[0] === long)!.reason).toBe('name_shortened');
      expect(r.tags.rows.filter((x) => x.action === 'skipped').map((x) => x.reason)).toEqual([
        'too_deep',
        'parent_skipped',
      ]);
      const tags = (await codebook(other.id)).tags;
      expect(tags[0]!.name.da).toBe('👍'.repeat(100));
      expect(Math.max(...tags.map((x) => x.depth))).toBe(5);
    });

    it('recognises its own .qdpx: tags by GUID, codings already present, nothing duplicated', async () => {
      const { c, codings } = await hearing();
      const before = await count('codings', c.id);
      const bytes = await qdpxOf(c.id);
      const res = await importFile(c.id, 'analysis.qdpx', bytes, true);
      expect(res.statusCode, res.body).toBe(200);
      const r = json<ImportReport>(res);
      expect(r.tags).toMatchObject({ created: 0, matched: 4 });
      expect(r.tags.rows.every((x) => x.action === 'matched_guid')).toBe(true);
      expect(r.codings).toMatchObject({ created: 0, present: codings.length, problems: 0 });
      expect(await count('codings', c.id)).toBe(before);
      // The English export is recognised too (its headings differ, the positions follow them).
      const en = json<ImportReport>(await importFile(c.id, 'analysis.qdpx', await qdpxOf(c.id, 'en')));
      expect(en.codings).toMatchObject({ created: 0, present: codings.length, problems: 0 });
    });

    it('brings back codings that were removed, and reports one whose words changed', async () => {
      const { c, codings, receipt, word } = await hearing();
      const bytes = await qdpxOf(c.id);
      // The comment loses its only coding: it is found again by its id (the inbox may not have it yet).
      for (const x of [codings[1]!, codings[3]!, codings[4]!]) {
        const del = await call(t, analyst, { method: 'DELETE', url: `/api/consultations/${c.id}/codings/${x.id}` });
        expect(del.statusCode).toBe(204);
      }
      // Another tool changed the words of one selection's text.
      const files = unzipSync(bytes);
      const path = `sources/${receipt.id}.txt`;
      files[path] = strToU8(strFromU8(files[path]!).replace('gratis', 'GRATIS'));
      const changed = zipSync(files);
      const preview = json<ImportReport>(await importFile(c.id, 'analysis.qdpx', changed));
      // The passage, the whole answer and the whole response no longer have the same words.
      expect(preview.codings).toMatchObject({ created: 2, problems: 3 });
      expect(preview.codings.rows.map((x) => [x.selectionGuid, x.reason]).sort()).toEqual(
        [codings[0]!.id, codings[2]!.id, codings[3]!.id].map((id) => [id, 'text_changed']).sort(),
      );
      const applied = json<ImportReport>(await importFile(c.id, 'analysis.qdpx', changed, true));
      expect(applied.codings.created).toBe(2);
      const res = await call(t, analyst, { url: `/api/consultations/${c.id}/items/response/${receipt.id}/codings` });
      const back = json<{ codings: Coding[] }>(res).codings.find((x) => x.quote === word)!;
      expect(back).toMatchObject({
        field: 'body',
        itemVersion: 1,
        coderId: analyst.id,
        note: '-note with a leading minus',
      });
      expect(back.startOffset).toBe(codings[1]!.startOffset);
    });

    it('reports codings of another consultation’s sources instead of importing them', async () => {
      const { c, codings } = await hearing();
      const other = await factory(t).newConsultation(cast.admin);
      const r = json<ImportReport>(await importFile(other.id, 'analysis.qdpx', await qdpxOf(c.id), true));
      expect(r.tags.created).toBe(4);
      expect(r.codings).toMatchObject({ created: 0, problems: codings.length });
      expect(new Set(r.codings.rows.map((x) => x.reason))).toEqual(new Set(['unknown_source']));
      expect(await count('codings', other.id)).toBe(0);
    });

    describe('bad input: a clear 4xx and nothing changed', () => {
      const valid = (guid: string) =>
        `<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="${guid}" name="A" isCodable="true"/></Codes></CodeBook>`;
      const cases: [string, string, () => Uint8Array | string, number, string][] = [
        ['not a zip', 'x.qdpx', () => 'just text', 400, 'not_zip'],
        ['a broken zip', 'x.qdpx', () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 400, 'not_zip'],
        ['a zip without project.qde', 'x.qdpx', () => zipSync({ 'other.xml': strToU8('<a/>') }), 400, 'not_refi'],
        ['malformed XML', 'x.qdc', () => '<CodeBook><Codes><Code guid="x"></Codes>', 400, 'bad_xml'],
        ['a DTD', 'x.qdc', () => `<!DOCTYPE x [<!ENTITY a "aaaa">]>${valid(randomUUID())}`, 400, 'bad_xml'],
        ['another XML document', 'x.qdc', () => '<html><body/></html>', 400, 'not_refi'],
        ['a malformed GUID', 'x.qdc', () => valid('not-a-guid'), 400, 'bad_guid'],
        [
          'a coding of a code the codebook lacks',
          'x.qdpx',
          () =>
            zipSync({
              'project.qde': strToU8(
                `<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources><TextSource guid="${randomUUID()}" plainTextPath="internal://a.txt"><PlainTextSelection guid="${randomUUID()}" startPosition="0" endPosition="1"><Coding guid="${randomUUID()}"><CodeRef targetGUID="${randomUUID()}"/></Coding></PlainTextSelection></TextSource></Sources></Project>`,
              ),
            }),
          400,
          'unknown_code',
        ],
        [
          'a GUID used twice',
          'x.qdc',
          () => {
            const g = randomUUID();
            return `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="${g}" name="A" isCodable="true"/><Code guid="${g}" name="B" isCodable="true"/></Codes></CodeBook>`;
          },
          400,
          'duplicate_guid',
        ],
      ];
      it.each(cases)('%s', async (_what, filename, bytes, status, reason) => {
        const { c } = await hearing();
        const before = [await count('codebook_tags', c.id), await count('codings', c.id)];
        const res = await importFile(c.id, filename, bytes(), true);
        expect(res.statusCode, res.body).toBe(status);
        expect(json<{ error: { details: { reason: string } } }>(res).error.details.reason).toBe(reason);
        expect([await count('codebook_tags', c.id), await count('codings', c.id)]).toEqual(before);
        expect(await audits(c.id)).toEqual([]);
      });

      it('a zip bomb (declared small, unpacking past the limit): 413', async () => {
        const { c } = await hearing();
        const bomb = zip([
          part('project.qde', Buffer.from('<Project name="p"/>')),
          bombPart('sources/a.txt', 300, 1000),
        ]);
        const res = await importFile(c.id, 'bomb.qdpx', bomb, true);
        expectError(res, 413, 'PAYLOAD_TOO_LARGE');
        expect(await count('codebook_tags', c.id)).toBe(4);
      });

      it('a file over 32 MiB: 413', async () => {
        const { c } = await hearing();
        const res = await importFile(c.id, 'big.qdc', new Uint8Array(32 * 1024 * 1024 + 10).fill(0x20), true);
        expectError(res, 413, 'PAYLOAD_TOO_LARGE');
        expect(await count('codebook_tags', c.id)).toBe(4);
      });

      it('no file, or not multipart', async () => {
        const { c } = await hearing();
        const boundary = 'xyz';
        const empty = await call(t, analyst, {
          method: 'POST',
          url: `/api/consultations/${c.id}/analysis/import`,
          payload: `--${boundary}--\r\n`,
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        });
        expect(empty.statusCode).toBe(400);
        const notMultipart = await call(t, analyst, {
          method: 'POST',
          url: `/api/consultations/${c.id}/analysis/import`,
          payload: { file: 'x' },
        });
        expect([400, 415]).toContain(notMultipart.statusCode);
      });
    });
  });
});
