import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  api,
  baseUrl,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  tabTo,
  text,
  tr,
  typeOver,
  unique,
  useBrowser,
  waitForFocus,
  waitForHtmlLang,
  waitForLoad,
} from './browser.ts';

// Issue 10 items 16 (the respondent's forms say what they mean) and 20 (the language of a first
// visit and of a shared link), keyboard only, both languages, axe on every state.

const OPEN = 'naeste-generation-af-nemid';
/** Closed in the demo seed (see visitor.test.ts). */
const CLOSED = 'digital-post-til-virksomheder';

const b = useBrowser();

/** A response to the open demo consultation, sent through the API; its id and edit token. */
async function sendResponse(ctx: BrowserContext, body: string): Promise<{ id: string; editToken: string }> {
  const sent = await b.f.newResponse(ctx, OPEN, { name: `Forms ${body}`, email: `forms-${unique()}@example.dk`, body });
  return { id: sent.id, editToken: sent.editToken! };
}

describe.each(journeyLangs('en'))('the respondent forms (%s)', (lang: Lang) => {
  let admin: BrowserContext;
  let context: BrowserContext;
  let page: Page;
  const u = unique();

  beforeAll(async () => {
    admin = await b.signedIn(lang, ADMIN);
    ({ context, page } = await b.newPage(lang));
  });
  afterAll(async () => {
    await context?.close();
    await admin?.close();
  });

  it('marks Name and E-mail as required, and an empty response marks no optional field invalid', async () => {
    await open(page, `/consultations/${OPEN}/respond`);
    expect(await text(page, 'label[for="resp-name"]')).toMatch(/\*$/);
    expect(await text(page, 'label[for="resp-email"]')).toMatch(/\*$/);
    expect(await text(page, 'label[for="resp-body"]')).not.toContain('*');
    await activate(page, '#resp-submit');
    await waitForFocus(page, '.sr-error-summary');
    // The optional text field is not red: "write something" belongs to the section as a whole.
    expect(await page.getAttribute('#resp-body', 'aria-invalid')).toBeNull();
    expect(await page.locator('.form-error #resp-body').count()).toBe(0);
    expect(await text(page, '#resp-content-error')).toContain(tr(lang, 'resp.err.empty'));
    expect(await page.getAttribute('#resp-name', 'aria-invalid')).toBe('true');
    await expectNoA11yViolations(page, 'respond form sent empty');
    await activate(page, '.sr-error-summary a[href="#resp-content"]');
    await waitForFocus(page, '#resp-content');
  });

  it("shows a closed hearing's notice and the way back, not a greyed-out form", async () => {
    await open(page, `/consultations/${CLOSED}/respond`);
    expect(await text(page, '#resp-closed')).toContain(tr(lang, 'resp.closedHeading'));
    expect(await page.locator('#resp-form').count()).toBe(0);
    expect(await page.locator('sr-response-form').count()).toBe(0);
    await tabTo(page, '#resp-back');
    await expectNoA11yViolations(page, 'respond page of a closed hearing');
  });

  it('tells a respondent why the response is not published', async () => {
    const reason = `Names a private person ${u}`;
    const { id, editToken } = await sendResponse(admin, `Rejected ${u}`);
    const decided = await api(admin, 'POST', `/api/responses/${id}/publication`, { decision: 'reject', reason });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    await open(page, `/responses/edit#token=${editToken}`);
    expect(await text(page, '#edit-rejected')).toContain(tr(lang, 'edit.rejectedHeading'));
    expect(await text(page, '#edit-rejection-reason')).toBe(reason);
    await expectNoA11yViolations(page, 'edit page of a rejected response');
  });

  it('after a withdrawal: no "changes saved" notice, and no "awaiting review"', async () => {
    const { editToken } = await sendResponse(admin, `Withdrawn ${u}`);
    await page.goto('about:blank'); // the last test's edit page differs from this one by its fragment only
    await open(page, `/responses/edit#token=${editToken}`);
    expect(await text(page, '#edit-publication')).toBe(tr(lang, 'publication.status.pending'));
    await activate(page, '#edit-button');
    await waitForFocus(page, '#edit-form-heading');
    await tabTo(page, '#resp-body');
    await typeOver(page, `Changed ${u}`);
    await activate(page, '#edit-save');
    await waitForFocus(page, '#edit-receipt');
    await activate(page, '#withdraw-button');
    await waitForFocus(page, '#withdraw-heading');
    await activate(page, '#withdraw-yes');
    await waitForFocus(page, '#edit-withdrawn');
    expect(await page.locator('#edit-receipt').count()).toBe(0);
    expect(await text(page, '#edit-publication')).toBe(tr(lang, 'edit.publicationWithdrawn'));
    await expectNoA11yViolations(page, 'edit page after a withdrawal');
    expect(pageErrors(page)).toEqual([]);
  });
});

describe('the language of a first visit and of a shared link', () => {
  it('greets an English browser in English, and follows ?lang= in a link', async () => {
    // No stored choice: a fresh context, without newPage's remembered language.
    const context = await b.browser.newContext({ baseURL: baseUrl(), locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto('/');
    await waitForLoad(page);
    await waitForHtmlLang(page, 'en');
    expect(await text(page, '#sr-language-switch')).toBe(tr('en', 'lang.switchLabel'));
    await page.goto(`/consultations/${OPEN}?lang=da`);
    await waitForLoad(page);
    await waitForHtmlLang(page, 'da');
    expect(new URL(page.url()).search).toBe('');
    // The link's language is now the choice: a later visit keeps it.
    await page.goto('/');
    await waitForLoad(page);
    await waitForHtmlLang(page, 'da');
    await expectNoA11yViolations(page, 'home page in the language of a shared link');
    await context.close();
  });
});
