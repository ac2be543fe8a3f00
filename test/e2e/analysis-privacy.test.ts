import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenConsultation } from '../helpers/factory.ts';
import {
  activate,
  ADMIN,
  ANALYST,
  api,
  apiLogin,
  expectNoA11yViolations,
  open,
  pageErrors,
  tabTo,
  text,
  tr,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForHtmlLang,
  waitForPage,
  waitForText,
} from './browser.ts';

// The redaction queue (issue 12 story 2), keyboard only, with axe-core, in Danish and then, through
// the language switch, in English: an analyst reaches the queue from the inbox's navigation, scans,
// is told to give a reason, redacts a CPR number, keeps a phone number, marks a passage by hand on
// the item page, and the public page shows both redacted.

const b = useBrowser();
const CPR = '010190-1234';

describe('redaction queue (da → en)', () => {
  let analyst: { context: BrowserContext; page: Page };
  let made: OpenConsultation;

  beforeAll(async () => {
    const setup = await b.signedIn('da', ADMIN);
    made = await b.f.newOpenConsultation(setup, {
      questions: [{ kind: 'text', required: false, prompt: { da: 'Hvad mener du?', en: 'What do you think?' } }],
    });
    const sent = await api(setup, 'POST', `/api/consultations/${made.consultation.id}/responses`, {
      respondent: { name: 'Ole Olsen', email: 'ole@example.dk', actingAs: 'citizen' },
      consent: 'public_named',
      body: `Min søns CPR er ${CPR}, ring på tlf. 22 34 56 78.`,
      answers: [],
    });
    expect(sent.status).toBe(201);
    await setup.close();
    analyst = await b.newPage('da');
    await apiLogin(analyst.context, ANALYST);
  });
  afterAll(async () => {
    expect(pageErrors(analyst.page)).toEqual([]);
    await analyst.context?.close();
  });

  it('decides findings by keyboard with a reason, in both languages, and the public sees the redaction', async () => {
    const { page } = analyst;
    const cid = made.consultation.id;
    await open(page, `/admin/consultations/${cid}/inbox`);
    await activate(page, '#analysis-nav-redactions', { max: 200 });
    await waitForPage(page, `/admin/consultations/${cid}/redactions`);
    expect(await text(page, 'main h1')).toBe(tr('da', 'privacy.title'));

    await activate(page, '#redactions-scan', { max: 100 });
    // The background scanner may have found them already: the list shows both either way.
    await page.waitForSelector(`#redactions-list mark:text-is("${CPR}")`);
    await page.waitForSelector('#redactions-list mark:text-is("22 34 56 78")');
    await expectNoA11yViolations(page, 'redaction queue (da)');

    // Without a reason: the field says so and has the focus.
    const cprItem = page.locator(`#redactions-list li:has(mark:text-is("${CPR}"))`);
    const cprId = ((await cprItem.getAttribute('id')) ?? '').replace('finding-', '');
    await activate(page, `#accept-${cprId}`, { max: 100 });
    await waitForFocus(page, `#reason-${cprId}`);
    expect(await text(page, `#reason-${cprId}-error`)).toContain(tr('da', 'privacy.reasonMissing'));
    await page.keyboard.type('CPR-nummer på et barn');
    await tabTo(page, `#accept-${cprId}`);
    await page.keyboard.press('Enter');
    await waitForAnnouncement(page, tr('da', 'privacy.accepted', { what: tr('da', 'privacy.kind.cpr') }));

    // The language switch, then the phone number is kept, in English.
    await tabTo(page, '#sr-language-switch', { back: true, max: 200 });
    await page.keyboard.press('Enter');
    await waitForHtmlLang(page, 'en');
    await waitForText(page, 'main h1', tr('en', 'privacy.title'));
    const phoneItem = page.locator('#redactions-list li').first();
    const phoneId = ((await phoneItem.getAttribute('id')) ?? '').replace('finding-', '');
    await tabTo(page, `#reason-${phoneId}`, { max: 200 });
    await page.keyboard.type('The agency’s switchboard');
    await tabTo(page, `#reject-${phoneId}`);
    await page.keyboard.press('Enter');
    await waitForAnnouncement(page, tr('en', 'privacy.rejected', { what: tr('en', 'privacy.kind.phone') }));
    await waitForFocus(page, '#redactions-heading');
    expect(await text(page, '#redactions-none')).toBe(tr('en', 'privacy.none'));
    await expectNoA11yViolations(page, 'redaction queue (en)');

    const list = await api<{ items: { id: string; body: string }[] }>(
      analyst.context,
      'GET',
      `/api/consultations/${cid}/publication-queue`,
    );
    const responseId = list.body.items[0]!.id;

    // A passage the scanner cannot know, marked by hand from the item page, by keyboard.
    await open(page, `/admin/consultations/${cid}/inbox/response/${responseId}`);
    await tabTo(page, '#item-text-0-block', { max: 200 });
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+Control+ArrowRight');
    await page.keyboard.press('Shift+Control+ArrowRight');
    expect(await text(page, '#item-text-0-block .sr-selected')).toBe('Min søns');
    await tabTo(page, '#item-redact-selection-0');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '#item-redact-reason');
    await page.keyboard.type('Names a child');
    await tabTo(page, '#item-redact-confirm');
    await page.keyboard.press('Enter');
    await waitForAnnouncement(page, tr('en', 'item.redacted', { quote: 'Min søns' }));
    await waitForFocus(page, '#item-redact-selection-0');
    await expectNoA11yViolations(page, 'item page, marked by hand (en)');

    expect(
      (await api(analyst.context, 'POST', `/api/responses/${responseId}/publication`, { decision: 'approve' })).status,
    ).toBe(200);
    const pub = await api<{ items: { body: string }[] }>(analyst.context, 'GET', `/api/consultations/${cid}/responses`);
    expect(pub.body.items[0]!.body).toBe('[…] CPR er […], ring på tlf. 22 34 56 78.');
  });
});
