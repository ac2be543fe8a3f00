import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  api,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  other,
  pageErrors,
  secretLinkTo,
  signIn,
  tabTo,
  text,
  tr,
  typeOver,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForHtmlLang,
  waitForPage,
  waitForText,
} from './browser.ts';
import { linkIn, type Debate } from '../helpers/factory.ts';

// A participant's own account (issue #5 story 1): the segment asked before ranking and changed on
// the profile page, and a forgotten password reset with the mailed link. Keyboard only, Danish and
// English, axe-core on every state.

const b = useBrowser();

describe.each(journeyLangs('da'))('participant account (%s)', (lang: Lang) => {
  let admin: BrowserContext;
  let debate: Debate;

  beforeAll(async () => {
    admin = await b.signedIn(lang, ADMIN);
    debate = await b.f.newDebate(admin, `account-${lang}`);
  });
  afterAll(async () => {
    await admin?.close();
  });

  it('chooses a segment before ranking, then changes it and the language on the profile page', async () => {
    const p = await b.f.newParticipant(admin, lang, 'Segment');
    const org = lang === 'da' ? 'Foreningen for Digital Inklusion' : 'Digital Inclusion Society';
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, `/login?next=${encodeURIComponent(`/consultations/${debate.slug}/ranking`)}`);
      await signIn(page, p.email, p.password);
      await page.waitForSelector('#segment-form');
      expect(await page.locator('sr-ballot-editor').count()).toBe(0);
      await expectNoA11yViolations(page, 'segment question');

      // Continuing without a choice is refused; focus goes to the first choice.
      await activate(page, '#segment-submit');
      await waitForFocus(page, '#segment-citizen');
      expect(await text(page, '#segment-error')).toContain(tr(lang, 'ranking.segmentRequired'));
      expect(await page.getAttribute('#segment-form fieldset', 'aria-describedby')).toContain('segment-error');
      await expectNoA11yViolations(page, 'segment question, nothing chosen');

      // Arrow keys move through the radio group and choose; an organisation's name is asked for.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      expect(await page.isChecked('#segment-ngo')).toBe(true);
      await tabTo(page, '#segment-organisation');
      await page.keyboard.type(org);
      await activate(page, '#segment-submit');
      await waitForFocus(page, '#ballot-heading');
      await waitForAnnouncement(page, tr(lang, 'ranking.segmentSaved'));
      expect(await text(page, '#ranking-segment')).toContain(
        tr(lang, 'ranking.countsAs', { segment: tr(lang, 'actingAs.ngo') }),
      );
      await expectNoA11yViolations(page, 'ranking after the segment');
      const saved = await api(context, 'GET', '/api/me/profile');
      expect(saved.body).toMatchObject({ actingAs: 'ngo', organisationName: org, locale: lang });

      // "Change on your profile" leads to the profile, which shows the choice.
      await activate(page, '#ranking-segment a');
      await waitForPage(page, '/profile');
      expect(await page.inputValue('#profile-acting-as')).toBe('ngo');
      expect(await page.inputValue('#profile-organisation')).toBe(org);
      expect(await page.inputValue('#profile-locale')).toBe(lang);
      await expectNoA11yViolations(page, 'profile');

      // A citizen has no organisation; the mails (and this app) switch to the other language.
      await tabTo(page, '#profile-acting-as');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowUp');
      await page.waitForSelector('#profile-organisation', { state: 'detached' });
      expect(await page.inputValue('#profile-acting-as')).toBe('citizen');
      await tabTo(page, '#profile-locale', { back: true });
      await page.keyboard.press(lang === 'da' ? 'ArrowDown' : 'ArrowUp');
      expect(await page.inputValue('#profile-locale')).toBe(other(lang));
      await activate(page, '#profile-submit');
      await waitForHtmlLang(page, other(lang));
      await waitForAnnouncement(page, tr(other(lang), 'profile.saved'));
      expect(await text(page, 'main h1')).toBe(tr(other(lang), 'profile.title'));
      await expectNoA11yViolations(page, 'profile saved, other language');
      const changed = await api(context, 'GET', '/api/me/profile');
      expect(changed.body).toMatchObject({ actingAs: 'citizen', organisationName: null, locale: other(lang) });

      await open(page, `/consultations/${debate.slug}/ranking`);
      await page.waitForSelector('#ballot-heading');
      expect(await text(page, '#ranking-segment')).toContain(
        tr(other(lang), 'ranking.countsAs', { segment: tr(other(lang), 'actingAs.citizen') }),
      );
      expect(await page.locator('#segment-form').count()).toBe(0);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('resets a forgotten password by keyboard with the link from the mail', async () => {
    const p = await b.f.newParticipant(admin, lang, 'Glemsom');
    const newPassword = `a new and long password ${lang}`;
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, '/login');
      await activate(page, '#login-forgot');
      await waitForPage(page, '/forgot-password');
      expect(await text(page, 'main h1')).toBe(tr(lang, 'forgot.title'));
      await expectNoA11yViolations(page, 'forgot password');

      // A mistyped address is caught before anything is sent; the summary links to the field.
      await tabTo(page, '#forgot-email');
      await page.keyboard.type(p.email.replace('@', ' at '));
      await activate(page, '#forgot-submit');
      await waitForFocus(page, '.sr-error-summary');
      expect(await text(page, '#forgot-email-error')).toContain(tr(lang, 'errors.emailFormat'));
      await expectNoA11yViolations(page, 'forgot password, bad address');
      await activate(page, '.sr-error-summary a');
      await waitForFocus(page, '#forgot-email');
      await typeOver(page, p.email);
      await activate(page, '#forgot-submit');
      await waitForText(page, 'main h1', tr(lang, 'forgot.sentTitle'));
      await waitForFocus(page, 'main h1');
      expect(await text(page, 'main p')).toBe(tr(lang, 'forgot.sentText', { email: p.email }));
      await expectNoA11yViolations(page, 'forgot password, sent');

      const mail = await b.f.outboxMail(admin, p.email, 'account.reset');
      expect(mail.locale).toBe(lang);
      expect(mail.subject).toBe(lang === 'da' ? 'Nulstil din adgangskode' : 'Reset your password');
      // Staff read the mail without its secret; the recipient's copy has the link (issue 10 item 1).
      expect(linkIn(mail.text)).toMatch(/^\/reset-password#token=\[(hidden|sent)\]$/);
      const link = await secretLinkTo(p.email, '/reset-password');
      expect(link).toMatch(/^\/reset-password#token=[A-Za-z0-9_-]{43}$/);

      await page.goto(link);
      await waitForText(page, 'main h1', tr(lang, 'reset.title'));
      await expectNoA11yViolations(page, 'reset password');
      // Too short, then two that differ: each refused with the field's own message.
      await tabTo(page, '#reset-password');
      await page.keyboard.type('kort');
      await page.keyboard.press('Tab');
      await page.keyboard.type('kort');
      await activate(page, '#reset-submit');
      await waitForFocus(page, '.sr-error-summary');
      expect(await text(page, '#reset-password-error')).toContain(tr(lang, 'errors.passwordLength'));
      await expectNoA11yViolations(page, 'reset password, too short');
      await activate(page, '.sr-error-summary a');
      await waitForFocus(page, '#reset-password');
      await typeOver(page, newPassword);
      await activate(page, '#reset-submit');
      await waitForFocus(page, '.sr-error-summary');
      expect(await text(page, '#reset-password2-error')).toContain(tr(lang, 'register.passwordMismatch'));
      await activate(page, '.sr-error-summary a');
      await waitForFocus(page, '#reset-password2');
      await typeOver(page, newPassword);
      await activate(page, '#reset-submit');
      await waitForText(page, 'main h1', tr(lang, 'reset.doneTitle'));
      await waitForFocus(page, 'main h1');
      expect(new URL(page.url()).hash).toBe('');
      await expectNoA11yViolations(page, 'password changed');

      // Signing in works with the new password only.
      await activate(page, '#reset-signin');
      await waitForPage(page, '/login');
      await signIn(page, p.email, newPassword);
      expect(await text(page, '#sr-profile-link')).toBe(tr(lang, 'nav.profile'));
      const fresh = await b.newPage(lang);
      try {
        const old = await api(fresh.context, 'POST', '/api/auth/login', { email: p.email, password: p.password });
        expect(old.status).toBe(401);
      } finally {
        await fresh.context.close();
      }

      // The link works once.
      const again = await b.newPage(lang);
      try {
        await again.page.goto(link);
        await waitForText(again.page, 'main h1', tr(lang, 'reset.title'));
        await tabTo(again.page, '#reset-password');
        await again.page.keyboard.type(`${newPassword} twice`);
        await again.page.keyboard.press('Tab');
        await again.page.keyboard.type(`${newPassword} twice`);
        await activate(again.page, '#reset-submit');
        await waitForFocus(again.page, '.sr-error-summary');
        expect(await text(again.page, '.sr-error-summary')).toContain(tr(lang, 'errors.code.INVALID_TOKEN'));
        await expectNoA11yViolations(again.page, 'reset link used twice');
        expect(pageErrors(again.page)).toEqual([]);
      } finally {
        await again.context.close();
      }
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
