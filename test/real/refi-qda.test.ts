/**
 * The analysis's REFI-QDA project (issue 11 story 9): real NHS patient feedback with its analysts'
 * theme labels (../shared/data/nhs-patient-feedback-themes) submitted as responses, a codebook built
 * from the label set, each response coded with its labels, exported as a `.qdpx` whose `project.qde`
 * validates against the standard's `Project.xsd`, and imported back with nothing duplicated.
 *
 * The codebook's REFI-QDA export (issue 11 story 3) validated against the standard's own schema,
 * `Codebook.xsd` in ../shared/data/refi-qda (QDA-XML 1.0, MIT), with libxml2's validator compiled to
 * WebAssembly (xmllint-wasm): the codebook an analyst builds opens in NVivo, ATLAS.ti, MAXQDA and
 * QualCoder. The standard's own example must pass and a broken document must fail, so the check can.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import type { ImportReport } from '../../server/modules/analysis/exchange/exchange.schemas.ts';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import { call, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { factory, submission, submitOk } from '../helpers/factory.ts';
import { parseCsv } from './helpers/regulations-gov.ts';
import { createRealApp } from './helpers/real-app.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refiDir = path.join(process.env.SAMRAAD_SHARED_DIR ?? path.resolve(repoRoot, '../shared'), 'data', 'refi-qda');

let t: TestApp;
let cast: Cast;
let schema: string;
let projectSchema: string;

const validate = async (xml: string) =>
  validateXML({
    xml: [{ fileName: 'codebook.qdc', contents: xml }],
    schema: [{ fileName: 'Codebook.xsd', contents: schema }],
  });

beforeAll(async () => {
  schema = await readFile(path.join(refiDir, 'Codebook.xsd'), 'utf8');
  projectSchema = await readFile(path.join(refiDir, 'Project.xsd'), 'utf8');
  t = await createRealApp({});
  cast = await signInCast(t);
}, 120_000);
afterAll(async () => t?.close());

describe('REFI-QDA codebook (.qdc)', () => {
  it('the schema accepts the standard’s example and refuses a broken document', async () => {
    const example = await readFile(path.join(refiDir, 'examples', 'minimal-codebook.qdc'), 'utf8');
    expect((await validate(example)).valid).toBe(true);
    const broken = example.replace(/ guid="[^"]*"/, ' guid="not-a-guid"');
    expect((await validate(broken)).valid).toBe(false);
  });

  it('exports a three-level codebook with Danish names, notes and markup that validates', async () => {
    const c = await factory(t).newConsultation(cast.admin);
    const add = async (body: Record<string, unknown>) => {
      const res = await call(t, cast.analyst, {
        method: 'POST',
        url: `/api/consultations/${c.id}/codebook/tags`,
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return json<CodebookTag>(res);
    };
    const theme = await add({
      name: { da: 'Adgang for alle', en: 'Access for everyone' },
      definition: 'Om <adgang> & "inklusion"',
    });
    const sub = await add({
      parentId: theme.id,
      name: { da: 'Ældre borgere', en: 'Older citizens' },
      includeNote: 'Også pårørende',
    });
    await add({
      parentId: sub.id,
      name: { da: 'Kodeviser ønskes', en: 'Wants a code display' },
      example: '"Min mor på 84 år …"',
    });
    for (const lang of ['da', 'en'] as const) {
      const res = await call(t, cast.analyst, {
        method: 'GET',
        url: `/api/consultations/${c.id}/codebook/export.qdc?lang=${lang}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      const result = await validate(res.body);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
      expect(res.body).toContain(lang === 'da' ? 'name="Ældre borgere"' : 'name="Older citizens"');
      expect((res.body.match(/<Code /g) ?? []).length).toBe(3);
    }
  });
});

const validateProject = async (xml: string) =>
  validateXML({
    xml: [{ fileName: 'project.qde', contents: xml }],
    schema: [{ fileName: 'Project.xsd', contents: projectSchema }],
  });

describe('REFI-QDA project (.qdpx)', () => {
  it('the schema accepts the standard’s example and refuses a broken one', async () => {
    const example = await readFile(path.join(refiDir, 'examples', 'minimal-project.qde'), 'utf8');
    expect((await validateProject(example)).valid).toBe(true);
    expect((await validateProject(example.replace(/ startPosition="\d+"/, ''))).valid).toBe(false);
  });

  it('exports NHS feedback coded with its analysts’ labels as a project that validates, and re-imports it', async () => {
    const csvPath = path.join(refiDir, '..', 'nhs-patient-feedback-themes', 'v6framework_230831.csv');
    const [header, ...rows] = parseCsv(await readFile(csvPath, 'utf8'));
    const answer = header!.indexOf('FFT answer');
    const themes = header!.slice(header!.indexOf('Not assigned'));
    const first = header!.indexOf('Not assigned');
    const sample = rows.filter((r) => (r[answer] ?? '').trim().length > 20).slice(0, 40);
    expect(sample).toHaveLength(40);

    const { consultation: c } = await factory(t).newOpenConsultation(cast.admin, { questions: [] });
    const add = async (body: Record<string, unknown>) => {
      const res = await call(t, cast.analyst, {
        method: 'POST',
        url: `/api/consultations/${c.id}/codebook/tags`,
        payload: body,
      });
      expect(res.statusCode, res.body).toBe(201);
      return json<CodebookTag>(res);
    };
    const root = await add({ name: { da: 'NHS-rammeværk (v6)', en: 'NHS framework (v6)' } });
    const labelled = await add({ parentId: root.id, name: { da: 'Temaer', en: 'Themes' } });
    const tagOf = new Map<string, string>();
    const used = new Set(sample.flatMap((r) => themes.filter((_, i) => r[first + i] === '1')));
    for (const theme of themes.filter((x) => used.has(x))) {
      tagOf.set(theme, (await add({ parentId: labelled.id, name: { da: theme, en: theme } })).id);
    }
    let codings = 0;
    for (const r of sample) {
      const text = r[answer]!;
      const receipt = await submitOk(t, c.id, submission([], { body: text }));
      const labels = themes.filter((_, i) => r[first + i] === '1');
      for (const [i, label] of labels.entries()) {
        const passage =
          i === 0 ? { field: 'body', startOffset: 0, endOffset: Math.min(Array.from(text).length, 40) } : {};
        const res = await call(t, cast.analyst, {
          method: 'POST',
          url: `/api/consultations/${c.id}/codings`,
          payload: { tagId: tagOf.get(label), itemKind: 'response', itemId: receipt.id, ...passage },
        });
        expect(res.statusCode, res.body).toBe(201);
        codings++;
      }
    }
    expect(codings).toBeGreaterThan(40);

    for (const lang of ['da', 'en'] as const) {
      const res = await call(t, cast.analyst, { url: `/api/consultations/${c.id}/analysis/export.qdpx?lang=${lang}` });
      expect(res.statusCode).toBe(200);
      const files = unzipSync(new Uint8Array(res.rawPayload));
      const xml = strFromU8(files['project.qde']!);
      const result = await validateProject(xml);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
      expect(Object.keys(files).filter((f) => /^sources\/.+\.txt$/.test(f))).toHaveLength(40);
      expect((xml.match(/<PlainTextSelection /g) ?? []).length).toBe(codings);
      expect(xml).not.toContain('Karen Jensen');

      const boundary = 'samraadrealboundary';
      const back = await call(t, cast.analyst, {
        method: 'POST',
        url: `/api/consultations/${c.id}/analysis/import?apply=true`,
        payload: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.qdpx"\r\n\r\n`),
          Buffer.from(res.rawPayload),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(back.statusCode, back.body).toBe(200);
      expect(json<ImportReport>(back).codings).toMatchObject({ created: 0, present: codings, problems: 0 });
    }
  }, 180_000);
});
