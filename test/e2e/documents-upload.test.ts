import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  api,
  apiLogin,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  pickFile,
  tabTo,
  text,
  tr,
  unique,
  useBrowser,
  waitForFocus,
} from './browser.ts';

// Issue 10 item 14: an admin uploads a consultation's document (the picker, by keyboard), sees its
// progress and the type and size read from the file, saves, and a visitor can download it.

const b = useBrowser();

describe.each(journeyLangs('en'))('document upload (%s)', (lang: Lang) => {
  it('uploads a PDF with its titles in both languages; the type and size come from the file', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await apiLogin(context, ADMIN);
      const u = unique();
      const { id } = await b.f.newConsultation(context, {
        slug: `e2e-docs-${lang}-${u}`,
        title: { da: `Dokumenttest ${u}`, en: `Document test ${u}` },
        summary: { da: 'Resumé', en: 'Summary' },
        body: { da: 'Tekst', en: 'Text' },
        languages: ['da', 'en'],
        closesAt: undefined,
      });
      await open(page, `/admin/consultations/${id}`);
      await activate(page, '#docs-add');
      await waitForFocus(page, '#doc-0-title-da');
      await page.keyboard.type('Høringsnotat');
      await tabTo(page, '#doc-0-title-en');
      await page.keyboard.type('Consultation memo');
      await tabTo(page, '#doc-0-file');
      const pdf = await readFile(path.resolve('test/fixtures/files/hoeringssvar.pdf'));
      await pickFile(page, { name: 'hoeringsnotat.pdf', mimeType: 'application/pdf', buffer: pdf });
      await page.waitForSelector('#doc-0-facts');
      expect(await page.inputValue('#doc-0-url')).toMatch(new RegExp(`^/api/consultations/${id}/document-files/`));
      expect(await page.locator('#doc-0-media-type, #doc-0-size').count()).toBe(0);
      expect(await text(page, '#doc-0-facts')).toContain('application/pdf');
      await expectNoA11yViolations(page, 'document uploaded');
      await activate(page, '#docs-save');
      await page.locator('sr-documents-editor .alert-success').waitFor();
      expect(await text(page, 'sr-documents-editor .alert-success')).toBe(tr(lang, 'docs.saved'));

      const saved = await api<Consultation>(context, 'GET', `/api/consultations/${id}`);
      expect(saved.body.documents[0]).toMatchObject({ mediaType: 'application/pdf', sizeBytes: pdf.length });
      const file = await context.request.get(saved.body.documents[0]!.url);
      expect(file.status()).toBe(200);
      expect((await file.body()).equals(pdf)).toBe(true);

      // A file that is not what its name says is refused, with the reason next to the field.
      await activate(page, '#docs-add');
      await tabTo(page, '#doc-1-file');
      await pickFile(page, { name: 'falsk.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>') });
      await page.waitForSelector('#doc-1-file-error');
      await expectNoA11yViolations(page, 'document refused');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
