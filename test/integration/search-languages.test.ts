/**
 * Issue #10 item 10: each text is indexed in its own language and matched only by the query read
 * in that language; a hit always comes with a highlight that marks something; a hit inside a PDF
 * shows a readable snippet.
 */
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { Question } from '../../server/modules/questions/questions.schemas.ts';
import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import type { PublicResponse } from '../../server/modules/responses/public.schemas.ts';
import type { AttachmentRef } from '../../server/modules/files/files.schemas.ts';
import { decide, openConsultation, type Page, submission, submitOk, TEXT_Q, upload } from '../helpers/factory.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';

describe('search in each text’s own language', () => {
  let t: TestApp;
  let cast: Cast;
  let c: Consultation;
  let questions: Question[];
  type Named = 'english' | 'danish' | 'scanned' | 'withFile';
  const r = {} as Record<Named, Receipt> & { file: AttachmentRef };

  const list = (q: string) => call(t, null, { url: `/api/consultations/${c.id}/responses?q=${encodeURIComponent(q)}` });
  const hits = async (q: string) => {
    const res = await list(q);
    expect(res.statusCode).toBe(200);
    return json<Page<PublicResponse>>(res).items;
  };
  const ids = async (q: string) => (await hits(q)).map((i) => i.id);

  async function respond(name: Named, overrides: Record<string, unknown>) {
    const receipt = await submitOk(t, c.id, submission(questions, overrides));
    await decide(t, cast.analyst, receipt.id, 'approve');
    r[name] = receipt;
  }

  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    ({ c, questions } = await openConsultation(t, cast.admin, [TEXT_Q]));
    // Written in English on the Danish form: the language is detected from the text.
    await respond('english', {
      body: 'Cloud hosting of the national identity is a risk for the security of the data, and it should stay in Denmark.',
    });
    await respond('danish', {
      body: 'Vi mener, at en sikker digital identitet er vigtig for borgerne og for virksomhederne.',
    });
    await respond('scanned', { body: 'Se det vedhæftede brev.' });
    const file = await upload(t, c.id, 'brev.png');
    await respond('withFile', { body: 'Se bilag.', attachmentIds: [file.id] });
    r.file = file;
    // What the extraction job stores for an OCR'd PDF letter (a PNG has no text); indexed as the job does.
    const text =
      '**~ National ~ Fa~mers ~ Un1on\n\n\n   ~~ ~~ We   support    organic farming\tand\u00a0local   producers ~~ |||| in every region.';
    await sql`
      update attachments set extracted_text = ${text}, extraction_status = 'done',
             text_language = samraad_text_language(${text}, 'danish'),
             text_search = setweight(to_tsvector(samraad_text_language(${text}, 'danish')::regconfig, ${text}), 'D')
       where consultation_id = ${c.id} and id = ${file.id}`.execute(t.handle.db);
  });
  afterAll(async () => t.close());

  it('indexes each response in the language it is written in', async () => {
    const rows = await t.handle.db
      .selectFrom('responses')
      .select(['id', 'searchLanguage'])
      .where('consultationId', '=', c.id)
      .execute();
    const lang = Object.fromEntries(rows.map((x) => [x.id, x.searchLanguage]));
    expect(lang[r.english.id]).toBe('english');
    expect(lang[r.danish.id]).toBe('danish');
    const att = await t.handle.db
      .selectFrom('attachments')
      .select('textLanguage')
      .where('id', '=', r.file.id)
      .executeTakeFirstOrThrow();
    expect(att.textLanguage).toBe('english');
  });

  it('does not match a Danish query against English words ("hoster" is not "hosting")', async () => {
    expect(await ids('hoster')).toEqual([]);
    expect(await ids('hosting')).toEqual([r.english.id]);
  });

  it('finds no Danish response by a Danish stop word', async () => {
    expect(await ids('og')).toEqual([]);
    expect(await ids('for')).toEqual([]);
  });

  it('never returns a hit whose highlight marks nothing', async () => {
    for (const q of ['sikkerhed', 'sikker', 'security', 'identitet', 'identity', 'organic', 'digital', 'data']) {
      for (const item of await hits(q)) {
        expect(item.highlight, `${q}: ${item.id}`).not.toBeNull();
        expect(item.highlight?.html, `${q}: ${item.id}`).toContain('<mark>');
      }
    }
    // "sikkerhed" used to find "…en sikker digital identitet" through the English index, unmarked.
    expect(await ids('sikkerhed')).not.toContain(r.danish.id);
    expect(await ids('sikker')).toEqual([r.danish.id]);
  });

  it('shows a readable snippet around the words found in a scanned PDF', async () => {
    const [item, ...rest] = await hits('organic');
    expect(rest).toEqual([]);
    expect(item!.id).toBe(r.withFile.id);
    expect(item!.highlight!.source).toBe('attachment');
    const html: string = item!.highlight!.html;
    expect(html).toContain('<mark>organic</mark>');
    expect(html).not.toMatch(/[~*|]/);
    expect(html).not.toMatch(/\s{2,}|[\n\t]/);
    expect(html).toMatch(/support <mark>organic<\/mark> farming/);
  });

  it('keeps stemming within a language', async () => {
    expect(await ids('risks')).toEqual([r.english.id]);
    expect(await ids('borger')).toEqual([r.danish.id]);
  });
});
