import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Debate } from '../helpers/factory.ts';
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
  text,
  tr,
  useBrowser,
  waitForAnnouncement,
  waitForPage,
} from './browser.ts';

// Issue 14 story 6, keyboard only, in Danish and English, with axe-core: an admin generates the
// høringsnotat (a background job, its progress polled) and publishes it; a visitor finds it on the
// consultation's page and reads it; its print-ready HTML prints to PDF in Chromium.

const b = useBrowser();

describe.each(journeyLangs('da'))('the høringsnotat (%s)', (lang: Lang) => {
  let admin: { context: BrowserContext; page: Page };
  let debate: Debate;

  beforeAll(async () => {
    const setup = await b.signedIn(lang, ADMIN);
    debate = await b.f.newDebate(setup, `report-${lang}`);
    await setup.close();
    admin = await b.newPage(lang);
    await apiLogin(admin.context, ADMIN);
  });
  afterAll(async () => {
    expect(pageErrors(admin.page)).toEqual([]);
    await admin.context?.close();
  });

  it('an admin generates a version, waits for it and publishes it', async () => {
    const { page } = admin;
    await open(page, `/admin/consultations/${debate.id}`);
    await activate(page, '#admin-reports-link', { max: 140 });
    await waitForPage(page, `/admin/consultations/${debate.id}/reports`);
    expect(await text(page, 'main h1')).toBe(tr(lang, 'notat.versions.title'));
    expect(await text(page, '#notat-none')).toBe(tr(lang, 'notat.list.none'));
    await expectNoA11yViolations(page, `report versions, none yet (${lang})`);

    await activate(page, '#notat-note', { max: 60 });
    await page.keyboard.type('Første udkast');
    await activate(page, '#notat-generate');
    // The job runs in the background; the page polls its progress and says when it is ready.
    await waitForAnnouncement(page, tr(lang, 'notat.generate.done', { n: 1 }));
    expect(await text(page, '#notat-version-1')).toContain(tr(lang, 'notat.status.draft'));
    await expectNoA11yViolations(page, `report version generated (${lang})`);

    await activate(page, '#notat-publish-1', { max: 60 });
    await waitForAnnouncement(page, tr(lang, 'notat.published', { n: 1 }));
    expect(await text(page, '#notat-version-1')).toContain(tr(lang, 'notat.status.published'));
    await expectNoA11yViolations(page, `report version published (${lang})`);
  });

  it('a visitor reads it from the consultation page; its HTML prints to PDF', async () => {
    // The public page shows the decision and the report once the hearing is past its open phase.
    for (const to of ['closed', 'analysis']) {
      expect((await api(admin.context, 'POST', `/api/consultations/${debate.id}/transition`, { to })).status).toBe(200);
    }
    const visitor = await b.newPage(lang);
    const { page } = visitor;
    await open(page, `/consultations/${debate.slug}`);
    expect(await text(page, '#report-heading')).toBe(tr(lang, 'reportPublic.heading'));
    await expectNoA11yViolations(page, `consultation page with its report (${lang})`);
    await activate(page, '#consultation-report-link', { max: 200 });
    await waitForPage(page, `/consultations/${debate.slug}/report`);
    expect(await text(page, 'main h1')).toBe(lang === 'da' ? 'Høringsnotat' : 'Consultation report');
    expect(await text(page, '#report')).toContain(lang === 'da' ? '1.1 Høringsperiode' : '1.1 Consultation period');
    await expectNoA11yViolations(page, `public report (${lang})`);
    // The figures and quotes lead to the analysts' inbox only for those who may open it: a visitor
    // reads the figures, with no link to a sign-in page.
    expect(await page.locator('#report a[href^="/admin/"]').count()).toBe(0);
    await open(admin.page, `/consultations/${debate.slug}/report`);
    await admin.page.waitForSelector('#report a[href^="/admin/consultations/"]');

    // The print-ready page: its own document, then a PDF through Chromium's print.
    const href = await page.getAttribute('#report-print', 'href');
    expect(href).toBe(`/api/consultations/${debate.slug}/report?format=html&lang=${lang}`);
    await page.goto(href!);
    expect(await page.locator('h1').first().textContent()).toBe(lang === 'da' ? '1. Høringen' : '1. The consultation');
    await expectNoA11yViolations(page, `print-ready report (${lang})`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Each main section starts a page: at least the five sections' pages.
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(5);
    await visitor.context.close();
  });
});
