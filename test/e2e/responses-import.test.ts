import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  ANALYST,
  apiLogin,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  tabTo,
  text,
  tr,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
} from './browser.ts';

// Bulk import of letters (issue 12 story 3), keyboard only, in Danish and English, axe-core on each
// state: from the letters page to the import page, upload a CSV with a row error and read it in the
// preview, upload a corrected one, import it and follow the job's progress to its end.

const b = useBrowser();

describe.each(journeyLangs('en'))('bulk import (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  let consultationId = '';
  const u = unique();

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Importprøve ${u}`, en: `Import trial ${u}` } },
    });
    consultationId = made.consultation.id;
    await root.close();
    ({ context, page } = await b.newPage(lang));
    await apiLogin(context, ANALYST);
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  it('shows row errors in the preview, then imports a clean file with its progress', async () => {
    await open(page, `/admin/consultations/${consultationId}/letters`);
    await activate(page, '#letters-import-link');
    await waitForPage(page, `/admin/consultations/${consultationId}/imports`);
    await expectNoA11yViolations(page, `import page (${lang})`);

    const bad = [
      'external_ref,name,received_at,text',
      `A-${u},Karen Jensen,2026-11-02,Et brev`,
      `B-${u},Ole,31.02.2026,Et brev`,
    ].join('\n');
    await page.setInputFiles('#import-files', { name: 'breve.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await tabTo(page, '#import-upload');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '#import-summary');
    expect(await text(page, '#import-has-errors')).toContain(tr(lang, 'imports.hasErrors', { n: 1 }));
    expect(await text(page, '#import-rows')).toContain(tr(lang, 'imports.err.bad_date'));
    expect(await page.locator('#import-commit').count()).toBe(0);
    await expectNoA11yViolations(page, `import preview with errors (${lang})`);

    await activate(page, '#import-another');
    await waitForFocus(page, '#import-files');
    const good = [
      'external_ref,name,received_at,text',
      `A-${u},Karen Jensen,2026-11-02,Et brev`,
      `B-${u},Ole,28.02.2026,Et andet brev`,
    ].join('\n');
    await page.setInputFiles('#import-files', { name: 'breve.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await activate(page, '#import-upload');
    await waitForFocus(page, '#import-summary');
    expect(await text(page, '#import-rows')).toContain('Karen Jensen');
    await activate(page, '#import-commit');
    await waitForAnnouncement(page, tr(lang, 'imports.done', { n: 2 }));
    expect(await text(page, '#import-done')).toContain(tr(lang, 'imports.done', { n: 2 }));
    await expectNoA11yViolations(page, `import done (${lang})`);
  });

  it('exports the inbox view from the Export menu (story 4)', async () => {
    await open(page, `/admin/consultations/${consultationId}/inbox`);
    await tabTo(page, '#inbox-export summary');
    await page.keyboard.press('Enter');
    await page.locator('#inbox-export-csv').waitFor();
    await expectNoA11yViolations(page, `inbox export menu (${lang})`);
    const download = page.waitForEvent('download');
    await tabTo(page, '#inbox-export-csv');
    await page.keyboard.press('Enter');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^inbox-.*\.csv$/);
  });
});
