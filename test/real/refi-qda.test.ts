/**
 * The codebook's REFI-QDA export (issue 11 story 3) validated against the standard's own schema,
 * `Codebook.xsd` in ../shared/data/refi-qda (QDA-XML 1.0, MIT), with libxml2's validator compiled to
 * WebAssembly (xmllint-wasm): the codebook an analyst builds opens in NVivo, ATLAS.ti, MAXQDA and
 * QualCoder. The standard's own example must pass and a broken document must fail, so the check can.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import { call, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { factory } from '../helpers/factory.ts';
import { createRealApp } from './helpers/real-app.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const refiDir = path.join(process.env.SAMRAAD_SHARED_DIR ?? path.resolve(repoRoot, '../shared'), 'data', 'refi-qda');

let t: TestApp;
let cast: Cast;
let schema: string;

const validate = async (xml: string) =>
  validateXML({
    xml: [{ fileName: 'codebook.qdc', contents: xml }],
    schema: [{ fileName: 'Codebook.xsd', contents: schema }],
  });

beforeAll(async () => {
  schema = await readFile(path.join(refiDir, 'Codebook.xsd'), 'utf8');
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
