import { beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  ANALYST,
  expectNoA11yViolations,
  open,
  pageErrors,
  PARTICIPANT,
  shiftTabTo,
  signIn,
  text,
  tr,
  unique,
  useBrowser,
  waitForPage,
} from './browser.ts';

// Who may see what (issue 3, stories 4–5): staff roles read the overview, only admins change
// things, participants and visitors stay out. One language is enough here; axe runs on every page.

const lang = 'da';
const draft = { slug: `e2e-roller-${unique()}`, title: { da: 'Kladde til rolletest', en: 'Draft for the role test' } };

let draftId = '';
const b = useBrowser();
beforeAll(async () => {
  // The demo data holds no draft: an administrator makes one through the API.
  const admin = await b.signedIn(lang, ADMIN);
  try {
    const created = await b.f.newConsultation(admin, {
      slug: draft.slug,
      title: draft.title,
      summary: { da: '', en: '' },
      body: { da: '', en: '' },
      itStage: 'idea',
      closesAt: undefined,
    });
    draftId = created.id;
  } finally {
    await admin.close();
  }
});

describe('roles', () => {
  it('an analyst reads the overview with drafts, read-only, and has no access to accounts', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, '/');
      await activate(page, '#sr-sign-in');
      await waitForPage(page, '/login');
      await signIn(page, ANALYST.email, ANALYST.password);
      // Staff get a way to the drafts from the home page and a staff item in the menu, no admin items.
      expect(
        await page.locator('nav.nav a.nav-link').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      ).toEqual(['/', '/admin']);
      expect(await text(page, 'nav.nav a.nav-link[href="/admin"]')).toBe(tr(lang, 'nav.staff'));
      expect(await text(page, 'main a[href="/admin"]')).toBe(tr(lang, 'home.staffHint'));
      await expectNoA11yViolations(page, 'home as analyst');

      await shiftTabTo(page, 'nav.nav a.nav-link[href="/admin"]');
      await page.keyboard.press('Enter');
      await waitForPage(page, '/admin');
      expect(await text(page, 'main h1')).toBe(tr(lang, 'admin.staffTitle'));
      const row = page.locator(`#admin-consultations-table tr[data-slug="${draft.slug}"]`);
      expect(await row.locator('.sr-phase').getAttribute('data-phase')).toBe('draft');
      // Read-only: no way to create or manage.
      expect(await page.locator('#admin-new-consultation').count()).toBe(0);
      expect(await page.locator('#admin-consultations-table a.sr-manage-link').count()).toBe(0);
      // …but an analyst's own work is one link away: the publication queue and letters of each consultation.
      expect(await row.locator('a.sr-queue-link').getAttribute('href')).toBe(
        `/admin/consultations/${draftId}/publication`,
      );
      expect(await row.locator('a.sr-letters-link').getAttribute('href')).toBe(
        `/admin/consultations/${draftId}/letters`,
      );
      await expectNoA11yViolations(page, 'staff overview as analyst');
      await activate(page, `#admin-consultations-table tr[data-slug="${draft.slug}"] a.sr-queue-link`);
      await waitForPage(page, `/admin/consultations/${draftId}/publication`);
      expect(await text(page, 'main h1')).toContain(tr(lang, 'queue.title'));
      await expectNoA11yViolations(page, 'publication queue as analyst');
      await page.goBack();
      await waitForPage(page, '/admin');

      // The draft opens from the overview on its public page, marked as a draft, with no manage link.
      await activate(
        page,
        `#admin-consultations-table tr[data-slug="${draft.slug}"] a[href="/consultations/${draft.slug}"]`,
      );
      await waitForPage(page, `/consultations/${draft.slug}`);
      expect(await text(page, 'main h1')).toBe(draft.title.da);
      expect(await text(page, 'main .alert-warning')).toBe(tr(lang, 'consultation.draftNotice'));
      expect(await page.locator('main a.sr-manage-link').count()).toBe(0);
      await expectNoA11yViolations(page, 'draft as analyst');

      // Typing an admin-only address gives "no access", not the page.
      await open(page, '/admin/accounts');
      expect(await text(page, 'main h1')).toBe(tr(lang, 'forbidden.title'));
      expect(await page.locator('#accounts-table, #account-form').count()).toBe(0);
      await expectNoA11yViolations(page, 'accounts as analyst');
      await open(page, `/admin/consultations/new`);
      expect(await text(page, 'main h1')).toBe(tr(lang, 'forbidden.title'));
      expect((await context.request.get('/api/accounts')).status()).toBe(403);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('a participant has no access to the administration and does not see drafts', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, '/login');
      await signIn(page, PARTICIPANT.email, PARTICIPANT.password);
      expect(await page.locator('nav.nav a.nav-link[href="/admin"]').count()).toBe(0);
      await open(page, '/admin');
      expect(await text(page, 'main h1')).toBe(tr(lang, 'forbidden.title'));
      expect(await page.locator('#admin-consultations-table').count()).toBe(0);
      await expectNoA11yViolations(page, 'admin as participant');
      // "No access" offers the way back.
      await activate(page, 'main a[href="/"]');
      await waitForPage(page, '/');
      await open(page, `/consultations/${draft.slug}`);
      expect(await text(page, 'main h1')).toBe(tr(lang, 'notFound.title'));
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('an anonymous visitor is sent to sign in, and comes back to the page after signing in', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, '/admin');
      await page.waitForURL((url) => url.pathname === '/login');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/admin');
      expect(await text(page, 'main h1')).toBe(tr(lang, 'login.title'));
      await expectNoA11yViolations(page, 'sign-in for /admin');
      await signIn(page, ANALYST.email, ANALYST.password);
      expect(new URL(page.url()).pathname).toBe('/admin');
      expect(await text(page, 'main h1')).toBe(tr(lang, 'admin.staffTitle'));
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
