import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  activate,
  ADMIN,
  api,
  expectNoA11yViolations,
  open,
  pageErrors,
  secretLinkTo,
  tabTo,
  text,
  tr,
  typeOver,
  unique,
  useBrowser,
  waitForHtmlLang,
  waitForLoad,
  waitForText,
} from './browser.ts';

// Issue 15 (Identity), one journey: a participant signs in with a test MitID from the in-process
// provider (Danish, then English after switching language during the journey), links the first
// sign-in by the mailed confirmation, signs in straight away the second time; a respondent
// verifies a response with MitID Erhverv and it shows as verified; staff sign in through the staff
// provider and see the response as verified. Keyboard on Samråd's pages, axe-core on each.

const b = useBrowser();

/** The in-process provider's test page: one button per test identity. */
async function chooseTestIdentity(page: Page, name: string): Promise<void> {
  await page.waitForSelector('h1:text("Test MitID")');
  await page.getByRole('button', { name }).click();
}

describe('MitID and staff sign-in', () => {
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  it('signs in with MitID in both languages, verifies a response, and staff sign in through SSO', async () => {
    const u = unique();
    const { context, page } = await b.newPage('da');
    contexts.push(context);

    // 1. First MitID sign-in (Danish): asked for an e-mail address.
    await open(page, '/login');
    await page.waitForSelector('#login-eid-neb');
    await expectNoA11yViolations(page, 'login with MitID');
    await tabTo(page, '#login-eid-neb');
    await page.keyboard.press('Enter');
    await chooseTestIdentity(page, 'Anna Andersen');
    await page.waitForURL((url) => url.pathname === '/eid/link');
    await waitForLoad(page);
    expect(await page.inputValue('#eid-name')).toBe('Anna Andersen');
    await expectNoA11yViolations(page, 'first MitID sign-in');

    // Switch language during the journey: the page is English now.
    await activate(page, '#sr-language-switch');
    await waitForHtmlLang(page, 'en');
    await waitForText(page, 'main h1', tr('en', 'identity.link.title'));
    const email = `mitid-${u}@example.dk`;
    await tabTo(page, '#eid-email');
    await typeOver(page, email);
    await page.keyboard.press('Enter');
    await waitForText(page, '#eid-link-sent', tr('en', 'identity.link.sent'));

    // The mailed confirmation link links MitID to the new account.
    await open(page, await secretLinkTo(email, '/confirm'));
    await page.waitForSelector('#confirm-done');

    // 2. Second MitID sign-in (English): straight in.
    await open(page, '/login');
    await tabTo(page, '#login-eid-neb');
    await page.keyboard.press('Enter');
    await chooseTestIdentity(page, 'Anna Andersen');
    await page.waitForURL((url) => url.pathname === '/');
    const me = await api<{ account: { email: string } | null }>(context, 'GET', '/api/auth/session');
    expect(me.body.account?.email).toBe(email);

    // 3. A respondent verifies a response with MitID Erhverv.
    const admin = await b.signedIn('en', ADMIN);
    contexts.push(admin);
    const made = await b.f.newOpenConsultation(admin, {
      consultation: { title: { da: `MitID-høring ${u}`, en: `MitID hearing ${u}` } },
    });
    const rule = await api(admin, 'PUT', `/api/consultations/${made.consultation.id}/identity-rule`, {
      minLoa: 'substantial',
    });
    expect(rule.status).toBe(200);
    const receipt = await b.f.newResponse(context, made.consultation.slug, {
      name: 'Erik Erhverv',
      email: `erhverv-${u}@example.dk`,
      body: 'Vi støtter forslaget.',
      consent: 'public_named',
    });
    await open(page, `/responses/edit#token=${receipt.editToken!}`);
    await page.waitForSelector('#verify-neb');
    expect(await text(page, '#verify-required')).toContain(tr('en', 'identity.loa.substantial'));
    await expectNoA11yViolations(page, 'verify with MitID');
    await activate(page, '#verify-neb');
    await chooseTestIdentity(page, 'Erik Erhverv');
    await page.waitForSelector('#verify-done');
    expect(await text(page, '#verified-badge')).toContain(
      tr('en', 'identity.verify.done', { level: tr('en', 'identity.loa.substantial') }),
    );
    expect(await text(page, '#verified-badge')).toContain('12345678');
    // The edit token is back in the fragment only, out of the tab's storage.
    expect(await page.evaluate("sessionStorage.getItem('samraad.verify-token')")).toBeNull();
    await expectNoA11yViolations(page, 'verified response');

    // 4. Staff sign in through the agency's provider (Danish) and see the response as verified.
    const staff = await b.newPage('da');
    contexts.push(staff.context);
    await open(staff.page, '/login');
    await tabTo(staff.page, '#login-staff');
    await staff.page.keyboard.press('Enter');
    await chooseTestIdentity(staff.page, 'Sara SSO');
    await staff.page.waitForURL((url) => url.pathname === '/');
    const who = await api<{ account: { roles: string[] } | null }>(staff.context, 'GET', '/api/auth/session');
    expect(who.body.account?.roles).toEqual(['analyst']);
    await open(staff.page, `/admin/consultations/${made.consultation.id}/inbox/response/${receipt.id}`);
    await staff.page.waitForSelector('#item-verified');
    expect(await text(staff.page, '#item-verified')).toContain(
      tr('da', 'identity.verify.done', { level: tr('da', 'identity.loa.substantial') }),
    );
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(staff.page)).toEqual([]);
  });
});
