import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenConsultation } from '../helpers/factory.ts';
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
  tabTo,
  text,
  tr,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
} from './browser.ts';

// A consultation's analysis team (issue 11 story 5), keyboard only, in Danish and English, with
// axe-core: an admin limits a new analyst to the consultations whose team they are on; the analyst
// is refused this consultation's inbox with the reason; the admin reaches the analysts page from the
// inbox's navigation and puts them on the team with the space bar; the analyst's inbox opens.

const b = useBrowser();

describe.each(journeyLangs('en'))('analysis team (%s)', (lang: Lang) => {
  let admin: { context: BrowserContext; page: Page };
  let analyst: { context: BrowserContext; page: Page };
  let made: OpenConsultation;
  const u = unique();
  const who = { email: `team-${u}@samraad.test`, password: `pw-${u}-long-enough`, name: `Analytiker ${u}` };
  let analystId = '';

  beforeAll(async () => {
    const setup = await b.signedIn(lang, ADMIN);
    made = await b.f.newOpenConsultation(setup);
    const created = await api<{ id: string }>(setup, 'POST', '/api/accounts', {
      email: who.email,
      displayName: who.name,
      password: who.password,
      roles: ['analyst'],
      locale: lang,
    });
    expect(created.status).toBe(201);
    analystId = created.body.id;
    expect((await api(setup, 'PUT', `/api/analysts/${analystId}/limit`, { limited: true })).status).toBe(200);
    await setup.close();
    admin = await b.newPage(lang);
    await apiLogin(admin.context, ADMIN);
    analyst = await b.newPage(lang);
    await apiLogin(analyst.context, { email: who.email, password: who.password });
  });
  afterAll(async () => {
    expect(pageErrors(admin.page)).toEqual([]);
    expect(pageErrors(analyst.page)).toEqual([]);
    await admin.context?.close();
    await analyst.context?.close();
  });

  it('refuses a limited analyst a consultation whose team they are not on, and says why', async () => {
    await open(analyst.page, `/admin/consultations/${made.consultation.id}/inbox`);
    expect(await text(analyst.page, 'main .alert-error .alert-text')).toContain(tr(lang, 'errors.reason.not_on_team'));
    await expectNoA11yViolations(analyst.page, `inbox refused (${lang})`);
  });

  it('lets an admin put the analyst on the team by keyboard, and the analyst then works on it', async () => {
    const { page } = admin;
    await open(page, `/admin/consultations/${made.consultation.id}/inbox`);
    await activate(page, '#analysis-nav-analysts');
    await waitForPage(page, `/admin/consultations/${made.consultation.id}/analysts`);
    expect(await text(page, 'main h1')).toBe(tr(lang, 'team.title'));
    await expectNoA11yViolations(page, `analysts page (${lang})`);

    const box = `#team-assigned-${analystId}`;
    expect(await page.locator(box).isChecked()).toBe(false);
    expect(await page.locator(`#team-limited-${analystId}`).isChecked()).toBe(true);
    await tabTo(page, box, { max: 200 });
    await page.keyboard.press('Space');
    await waitForAnnouncement(page, tr(lang, 'team.assigned.on', { name: who.name }));
    await waitForFocus(page, box);
    expect(await page.locator(box).isChecked()).toBe(true);
    await expectNoA11yViolations(page, `analyst put on the team (${lang})`);

    await open(analyst.page, `/admin/consultations/${made.consultation.id}/inbox`);
    expect(await text(analyst.page, 'main h1')).toBe(tr(lang, 'inbox.title'));
  });
});
