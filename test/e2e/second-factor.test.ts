import { Secret, TOTP } from 'otpauth';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  tabTo,
  text,
  tr,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForLoad,
} from './browser.ts';

// Issue 15 item 3: a local admin account with a second factor (TOTP and recovery codes), turned on
// on the profile page and asked for at sign-in. Keyboard only, both languages, axe on every state.

const b = useBrowser();
const codeFor = (secret: string, offsetSteps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + offsetSteps * 30_000,
  });

describe.each(journeyLangs('en'))('two-step sign-in (%s)', (lang: Lang) => {
  let admin: BrowserContext;
  beforeAll(async () => {
    admin = await b.signedIn(lang, ADMIN);
  });
  afterAll(async () => {
    await admin?.close();
  });

  it('is turned on on the profile page, then signing in takes a code', async () => {
    const { account, email, password } = await b.f.newAccount(admin, { roles: ['admin'], locale: lang });
    expect(account.id).toBeTruthy();
    const { page } = await b.newPage(lang);
    await open(page, '/login?next=/profile');
    await tabTo(page, '#login-email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#second-factor-start');
    await expectNoA11yViolations(page, 'profile with two-step sign-in off');

    await activate(page, '#second-factor-start');
    await page.waitForSelector('#second-factor-secret');
    const secret = await page.inputValue('#second-factor-secret');
    expect(await page.inputValue('#second-factor-uri')).toContain(`secret=${secret}`);
    await expectNoA11yViolations(page, 'enrolment');
    await tabTo(page, '#second-factor-code');
    await page.keyboard.type(codeFor(secret));
    await page.keyboard.press('Enter');
    await waitForAnnouncement(page, tr(lang, 'secondFactor.on'));
    await page.waitForSelector('#second-factor-recovery li');
    expect(await page.locator('#second-factor-recovery li').count()).toBe(10);
    expect(await text(page, '#second-factor-status')).toContain('10');
    await expectNoA11yViolations(page, 'recovery codes shown');

    // Signed out, the password alone is not enough: the code field appears and takes the focus.
    const { page: again } = await b.newPage(lang);
    await open(again, '/login');
    await tabTo(again, '#login-email');
    await again.keyboard.type(email);
    await again.keyboard.press('Tab');
    await again.keyboard.type(password);
    await again.keyboard.press('Enter');
    await waitForFocus(again, '#login-code');
    await expectNoA11yViolations(again, 'sign-in asks for the code');
    await again.keyboard.type(codeFor(secret, 1));
    await again.keyboard.press('Enter');
    await again.waitForURL((url) => url.pathname !== '/login');
    await waitForFocus(again, 'main h1');
    await waitForLoad(again);
    expect(pageErrors(page)).toEqual([]);
    expect(pageErrors(again)).toEqual([]);
  });
});
