import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN as DEMO_ADMIN,
  expectNoA11yViolations,
  fetchInPage,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  shiftTabTo,
  signIn,
  tabTo,
  text,
  tr,
  typeDateTime,
  typeLines,
  typeOver,
  unambiguousDateAfter,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
  waitForText,
} from './browser.ts';

// The administrator's journey (issue 3, stories 4–6), by keyboard only, in Danish and in English.

/** The demo admin's display name (server/seed). */
const ADMIN = { ...DEMO_ADMIN, name: 'Astrid Admin' };
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const CONSULTATION_PAGE = new RegExp(`^/admin/consultations/${UUID}$`);

const b = useBrowser();

/** Rows of a table as arrays of cell texts. */
const rows = (page: Page, selector: string): Promise<string[][]> =>
  page
    .locator(selector)
    .evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())),
    );

describe.each(journeyLangs('da'))('admin journey (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  const u = unique();
  const slug = `e2e-${lang}-${u}`;
  const slug2 = `e2e-${lang}-${u}-uden-frist`;
  const title = { da: `Browsertest ${u}`, en: `Browser test ${u}` };
  const edited = { da: `Browsertest ${u} (revideret)`, en: `Browser test ${u} (revised)` };
  const email = `e2e-${lang}-${u}@samraad.demo`;
  let consultationId = '';
  let scenarioId = '';
  let accountId = '';
  let consultation2Id = '';

  beforeAll(async () => {
    ({ context, page } = await b.newPage(lang));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('signs in by keyboard, after a wrong password is refused with an error summary', async () => {
    await open(page, '/');
    await activate(page, '#sr-sign-in');
    await waitForPage(page, '/login');
    expect(await text(page, 'main h1')).toBe(tr(lang, 'login.title'));
    await expectNoA11yViolations(page, `sign-in (${lang})`);

    await tabTo(page, '#login-email');
    await page.keyboard.type(ADMIN.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '.sr-error-summary');
    expect(await text(page, '.sr-error-summary')).toContain(tr(lang, 'errors.code.INVALID_CREDENTIALS'));
    expect(await page.getAttribute('#login-email', 'aria-invalid')).toBe('true');
    await expectNoA11yViolations(page, `sign-in error (${lang})`);

    await signIn(page, ADMIN.email, ADMIN.password);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await text(page, '.sr-user')).toBe(tr(lang, 'auth.signedInAs', { name: ADMIN.name }));
    expect(await page.locator('#sr-sign-out').isVisible()).toBe(true);
    await expectNoA11yViolations(page, `home signed in (${lang})`);
  });

  it('creates a consultation as a draft, after the empty form shows what is missing', async () => {
    await shiftTabTo(page, 'nav.nav a.nav-link[href="/admin"]');
    await page.keyboard.press('Enter');
    await waitForPage(page, '/admin');
    expect(await text(page, 'main h1')).toBe(tr(lang, 'admin.title'));
    await expectNoA11yViolations(page, `admin overview (${lang})`);

    await activate(page, '#admin-new-consultation');
    await waitForPage(page, '/admin/consultations/new');
    await expectNoA11yViolations(page, `new consultation (${lang})`);

    // Sent empty: the error summary takes focus and links to the fields.
    await activate(page, '#cf-submit');
    await waitForFocus(page, '.sr-error-summary');
    expect(
      await page.locator('.sr-error-summary a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    ).toEqual(['#cf-slug', '#cf-title-da', '#cf-title-en']);
    await expectNoA11yViolations(page, `new consultation with errors (${lang})`);
    await page.keyboard.press('Tab');
    await waitForFocus(page, '.sr-error-summary a[href="#cf-slug"]');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '#cf-slug');

    await page.keyboard.type(slug);
    await tabTo(page, '#cf-title-da');
    await page.keyboard.type(title.da);
    await tabTo(page, '#cf-title-en');
    await page.keyboard.type(title.en);
    await tabTo(page, '#cf-summary-da');
    await page.keyboard.type('En høring oprettet af browsertesten.');
    await tabTo(page, '#cf-summary-en');
    await page.keyboard.type('A consultation created by the browser test.');
    await tabTo(page, '#cf-body-da');
    await typeLines(
      page,
      '## Formål\n\nDenne høring prøver **hele** administrationen af.\n\n- Første punkt\n- Andet punkt',
    );
    await tabTo(page, '#cf-body-en');
    await typeLines(
      page,
      '## Purpose\n\nThis consultation tries out **all** of the administration.\n\n- First point\n- Second point',
    );
    await tabTo(page, '#cf-closes-at');
    const closes = unambiguousDateAfter(7);
    expect(await page.inputValue('#cf-closes-at')).toBe('');
    const typed = await typeDateTime(page, closes);
    expect(await page.inputValue('#cf-closes-at')).toBe(typed);
    await activate(page, '#cf-submit');

    await waitForPage(page, CONSULTATION_PAGE);
    consultationId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await text(page, 'main h1')).toBe(title[lang]);
    expect(await text(page, 'main .alert-success')).toBe(tr(lang, 'cform.created', { title: title[lang] }));
    expect(await page.getAttribute('sr-phase-panel .sr-phase', 'data-phase')).toBe('draft');
    expect(await page.inputValue('#cf-closes-at')).toBe(typed);
    await expectNoA11yViolations(page, `consultation admin (${lang})`);

    // Back to the list, where it is a draft.
    await shiftTabTo(page, 'nav.breadcrumbs a.breadcrumbs__link[href="/admin"]');
    await page.keyboard.press('Enter');
    await waitForPage(page, '/admin');
    const row = page.locator(`#admin-consultations-table tr[data-slug="${slug}"]`);
    expect(await row.getAttribute('data-id')).toBe(consultationId);
    expect(await row.locator('.sr-phase').getAttribute('data-phase')).toBe('draft');
    expect(await row.locator('.sr-phase').textContent()).toBe(tr(lang, 'phase.draft'));
    await expectNoA11yViolations(page, `admin overview with the draft (${lang})`);
  });

  it('keeps the draft from anonymous visitors: not listed, and its address is not found', async () => {
    expect(consultationId).toMatch(new RegExp(`^${UUID}$`));
    const anon = await b.newPage(lang);
    try {
      await open(anon.page, '/');
      await anon.page.locator('#home-open .sr-consultation-item').first().waitFor();
      expect(await anon.page.locator(`article[data-slug="${slug}"]`).count()).toBe(0);
      await open(anon.page, `/consultations/${slug}`);
      expect(await text(anon.page, 'main h1')).toBe(tr(lang, 'notFound.title'));
      await expectNoA11yViolations(anon.page, `draft as anonymous (${lang})`);
      expect((await anon.context.request.get(`/api/consultations/${consultationId}`)).status()).toBe(404);
      expect(pageErrors(anon.page)).toEqual([]);
    } finally {
      await anon.context.close();
    }
  });

  it('edits the title and the documents; only legal phase moves are offered, an illegal one is refused with 422', async () => {
    await activate(page, `#admin-consultations-table tr[data-slug="${slug}"] a.sr-manage-link`);
    await waitForPage(page, `/admin/consultations/${consultationId}`);

    await tabTo(page, '#cf-title-da');
    await typeOver(page, edited.da);
    await tabTo(page, '#cf-title-en');
    await typeOver(page, edited.en);
    await activate(page, '#cf-submit');
    await waitForText(page, 'main h1', edited[lang]);
    expect(await text(page, 'sr-consultation-form .alert-success')).toBe(tr(lang, 'cform.saved'));
    await expectNoA11yViolations(page, `consultation edited (${lang})`);

    await activate(page, '#docs-add');
    await waitForFocus(page, '#doc-0-title-da');
    await page.keyboard.type('Bilag til browsertesten');
    await tabTo(page, '#doc-0-title-en');
    await page.keyboard.type('Annex to the browser test');
    await tabTo(page, '#doc-0-url');
    await page.keyboard.type('https://www.example.dk/bilag.pdf');
    await tabTo(page, '#doc-0-media-type');
    await page.keyboard.type('application/pdf');
    await activate(page, '#docs-save');
    await page.locator('sr-documents-editor .alert-success').waitFor();
    expect(await text(page, 'sr-documents-editor .alert-success')).toBe(tr(lang, 'docs.saved'));
    await expectNoA11yViolations(page, `documents saved (${lang})`);

    // A draft can only be opened; the server refuses anything else.
    expect(await page.locator('#phase-buttons button').evaluateAll((bs) => bs.map((b) => b.id))).toEqual([
      'phase-to-open',
    ]);
    const refused = await fetchInPage<{ error: { code: string } }>(
      page,
      `/api/consultations/${consultationId}/transition`,
      {
        method: 'POST',
        body: { to: 'concluded' },
      },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('adds two scenarios and reorders them by keyboard, hearing the new position', async () => {
    const scenarios = [
      { key: 'S1', da: 'Første scenarie', en: 'First scenario' },
      { key: 'S2', da: 'Andet scenarie', en: 'Second scenario' },
    ];
    for (const s of scenarios) {
      await activate(page, '#admin-add-scenario');
      await waitForPage(page, `/admin/consultations/${consultationId}/scenarios/new`);
      if (s.key === 'S1') await expectNoA11yViolations(page, `new scenario (${lang})`);
      await tabTo(page, '#sf-key');
      await page.keyboard.type(s.key);
      await tabTo(page, '#sf-title-da');
      await page.keyboard.type(s.da);
      await tabTo(page, '#sf-title-en');
      await page.keyboard.type(s.en);
      await tabTo(page, '#sf-description-da');
      await typeLines(page, `Første afsnit af ${s.key}.\n\nAndet afsnit af ${s.key}.`);
      await tabTo(page, '#sf-description-en');
      await typeLines(page, `First paragraph of ${s.key}.\n\nSecond paragraph of ${s.key}.`);
      await activate(page, '#sf-submit');
      await waitForPage(
        page,
        new RegExp(`^/admin/consultations/${consultationId}#admin-scenarios$`),
        '#admin-scenarios',
      );
      expect(await text(page, 'main > sr-page-admin-consultation > .alert-success')).toBe(
        tr(lang, 'sform.created', { key: s.key }),
      );
    }
    const order = () =>
      page.locator('#scenario-order li[data-key]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-key')));
    expect(await order()).toEqual(['S1', 'S2']);
    await expectNoA11yViolations(page, `consultation with two scenarios (${lang})`);

    // From the focused section, Tab to "Move S2 up": the first scenario's "up" is disabled and skipped.
    await activate(page, '#scenario-S2-up');
    const announced = (m: string) => waitForAnnouncement(page, m);
    await announced(tr(lang, 'scenarios.moved', { key: 'S2', position: 1, count: 2 }));
    expect(await order()).toEqual(['S2', 'S1']);
    // S2 is first now, so focus moved from its disabled "up" to its "down".
    await waitForFocus(page, '#scenario-S2-down');
    expect(await page.locator('#scenario-S2-up').isDisabled()).toBe(true);
    await expectNoA11yViolations(page, `scenarios reordered (${lang})`);

    // Down and up again with the same keys: each move is announced, focus follows S2.
    await page.keyboard.press('Enter');
    await announced(tr(lang, 'scenarios.moved', { key: 'S2', position: 2, count: 2 }));
    expect(await order()).toEqual(['S1', 'S2']);
    await waitForFocus(page, '#scenario-S2-up');
    await page.keyboard.press('Enter');
    await announced(tr(lang, 'scenarios.moved', { key: 'S2', position: 1, count: 2 }));
    expect(await order()).toEqual(['S2', 'S1']);
    scenarioId = (await page.getAttribute('#scenario-order li[data-key="S1"]', 'data-scenario-id'))!;
  });

  it('changes a scenario’s status in a round and shows the history; an earlier round is refused', async () => {
    await activate(page, '#scenario-order li[data-key="S1"] a.sr-scenario-admin-link');
    await waitForPage(page, `/admin/scenarios/${scenarioId}`);
    expect(await text(page, 'main h1')).toBe(tr(lang, 'sform.editTitle', { key: 'S1' }));
    await expectNoA11yViolations(page, `scenario admin (${lang})`);
    const history = 'table.sr-status-history tbody tr';
    const before = await rows(page, history);

    await tabTo(page, '#status-new');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#status-new')).toBe('shortlisted');
    await tabTo(page, '#status-round');
    await typeOver(page, '2');
    await tabTo(page, '#status-note');
    await page.keyboard.type('Udvalgt efter første runde');
    await activate(page, '#status-submit');
    await waitForFocus(page, '#status-result');
    expect(await text(page, '#status-result')).toBe(
      tr(lang, 'statusForm.done', { status: tr(lang, 'status.shortlisted'), round: 2 }),
    );
    const after = await rows(page, history);
    expect(after.length).toBe(before.length + 1);
    const last = after[after.length - 1]!;
    expect(last.slice(1)).toEqual([
      tr(lang, 'status.candidate'),
      tr(lang, 'status.shortlisted'),
      '2',
      'Udvalgt efter første runde',
    ]);
    await expectNoA11yViolations(page, `scenario status changed (${lang})`);

    // A change in round 1, before the last change's round 2, is refused before it is sent.
    await tabTo(page, '#status-new');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, '#status-round');
    await typeOver(page, '1');
    await activate(page, '#status-submit');
    await waitForFocus(page, 'sr-status-form .sr-error-summary');
    expect(await text(page, 'sr-status-form .sr-error-summary')).toContain(tr(lang, 'errors.roundMin', { round: 2 }));
    expect(await rows(page, history)).toEqual(after);
    await expectNoA11yViolations(page, `scenario status error (${lang})`);
  });

  it('opens the consultation after confirming, and it appears on the public home page', async () => {
    await shiftTabTo(page, `nav.breadcrumbs a.breadcrumbs__link[href="/admin/consultations/${consultationId}"]`);
    await page.keyboard.press('Enter');
    await waitForPage(page, `/admin/consultations/${consultationId}`);

    await activate(page, '#phase-to-open');
    await waitForFocus(page, '#phase-confirm-heading');
    expect(await text(page, '#phase-confirm-heading')).toBe(
      tr(lang, 'phasePanel.confirmHeading', { from: tr(lang, 'phase.draft'), to: tr(lang, 'phase.open') }),
    );
    await expectNoA11yViolations(page, `confirm opening (${lang})`);
    await activate(page, '#phase-confirm-button');
    await waitForFocus(page, '#phase-result');
    expect(await text(page, '#phase-result')).toBe(tr(lang, 'phasePanel.done', { phase: tr(lang, 'phase.open') }));
    expect(await page.getAttribute('sr-phase-panel .sr-phase', 'data-phase')).toBe('open');
    expect(await rows(page, '#phase-history tbody tr')).toEqual([
      [expect.any(String), tr(lang, 'phase.draft'), tr(lang, 'phase.open'), ADMIN.name],
    ]);
    expect(await page.locator('#phase-buttons button').evaluateAll((bs) => bs.map((b) => b.id))).toEqual([
      'phase-to-closed',
    ]);
    await expectNoA11yViolations(page, `consultation opened (${lang})`);

    await shiftTabTo(page, 'nav.nav a.nav-link[href="/"]');
    await page.keyboard.press('Enter');
    await waitForPage(page, '/');
    const card = page.locator(`#home-open article[data-slug="${slug}"]`);
    expect(await card.locator('.sr-phase').getAttribute('data-phase')).toBe('open');
    expect(await card.locator('a.sr-consultation-link').textContent()).toBe(edited[lang]);
    await expectNoA11yViolations(page, `home with the new consultation (${lang})`);

    await activate(page, `#home-open article[data-slug="${slug}"] a.sr-consultation-link`);
    await waitForPage(page, `/consultations/${slug}`);
    expect(await text(page, 'main h1')).toBe(edited[lang]);
    expect(await text(page, '.sr-body h2')).toBe(lang === 'da' ? 'Formål' : 'Purpose');
    expect(await text(page, '.sr-document-list a.sr-document-link')).toBe(
      lang === 'da' ? 'Bilag til browsertesten' : 'Annex to the browser test',
    );
    expect(
      await page
        .locator('.sr-scenario-list article[data-key]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('data-key'))),
    ).toEqual(['S2', 'S1']);
    await expectNoA11yViolations(page, `public page of the new consultation (${lang})`);

    // Anonymous visitors see it now too.
    const anon = await b.newPage(lang);
    try {
      expect((await anon.context.request.get(`/api/consultations/${slug}`)).status()).toBe(200);
    } finally {
      await anon.context.close();
    }
  });

  it('shows a refused phase move: opening a consultation without a closing time', async () => {
    await shiftTabTo(page, 'nav.nav a.nav-link[href="/admin"]');
    await page.keyboard.press('Enter');
    await waitForPage(page, '/admin');
    await activate(page, '#admin-new-consultation');
    await waitForPage(page, '/admin/consultations/new');
    await tabTo(page, '#cf-slug');
    await page.keyboard.type(slug2);
    await tabTo(page, '#cf-title-da');
    await page.keyboard.type(`Uden frist ${u}`);
    await tabTo(page, '#cf-title-en');
    await page.keyboard.type(`No deadline ${u}`);
    await activate(page, '#cf-submit');
    await waitForPage(page, CONSULTATION_PAGE);
    consultation2Id = new URL(page.url()).pathname.split('/').pop()!;

    await activate(page, '#phase-to-open');
    await waitForFocus(page, '#phase-confirm-heading');
    await activate(page, '#phase-confirm-button');
    await waitForFocus(page, '#phase-result');
    const shown = await text(page, '#phase-result .alert-error');
    expect(shown).toContain(tr(lang, 'errors.code.ILLEGAL_TRANSITION'));
    expect(shown).toContain('Set a closing time before opening');
    expect(await page.getAttribute('sr-phase-panel .sr-phase', 'data-phase')).toBe('draft');
    await expectNoA11yViolations(page, `refused phase move (${lang})`);
  });

  it('creates an account with two roles and changes its roles', async () => {
    await shiftTabTo(page, 'nav.nav a.nav-link[href="/admin/accounts"]');
    await page.keyboard.press('Enter');
    await waitForPage(page, '/admin/accounts');
    await expectNoA11yViolations(page, `accounts (${lang})`);

    await tabTo(page, '#af-email');
    await page.keyboard.type(email);
    await tabTo(page, '#af-name');
    await page.keyboard.type(`Testperson ${u}`);
    await tabTo(page, '#af-password');
    await page.keyboard.type('e2e-password-2026');
    // Participant is preset: tick analyst and reviewer, untick participant.
    await tabTo(page, '#af-roles-analyst');
    await page.keyboard.press('Space');
    await tabTo(page, '#af-roles-reviewer');
    await page.keyboard.press('Space');
    await tabTo(page, '#af-roles-participant');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#af-roles-participant')).toBe(false);
    await activate(page, '#af-submit');
    await waitForFocus(page, '#accounts-message');
    expect(await text(page, '#accounts-message')).toBe(tr(lang, 'accounts.created', { email }));
    const row = page.locator(`#accounts-table tr[data-email="${email}"]`);
    accountId = (await row.getAttribute('data-id'))!;
    const roles = async () =>
      (await row.locator('td').nth(2).textContent())!
        .split(',')
        .map((r) => r.trim())
        .sort();
    expect(await roles()).toEqual([tr(lang, 'role.analyst'), tr(lang, 'role.reviewer')].sort());
    await expectNoA11yViolations(page, `account created (${lang})`);

    await activate(page, `#accounts-table tr[data-email="${email}"] .sr-account-edit`);
    await waitForFocus(page, '#account-edit-heading');
    expect(await page.isChecked('#ae-roles-reviewer')).toBe(true);
    await expectNoA11yViolations(page, `account edit (${lang})`);
    await tabTo(page, '#ae-roles-reviewer');
    await page.keyboard.press('Space');
    await tabTo(page, '#ae-roles-participant');
    await page.keyboard.press('Space');
    await activate(page, '#ae-submit');
    await waitForFocus(page, `#account-edit-${accountId}`);
    expect(await text(page, '#accounts-message')).toBe(tr(lang, 'accounts.updated', { email }));
    expect(await roles()).toEqual([tr(lang, 'role.analyst'), tr(lang, 'role.participant')].sort());
    expect(await page.locator('#account-edit-form').count()).toBe(0);
    await expectNoA11yViolations(page, `account updated (${lang})`);
  });

  it('reads the audit log: what was just done, by whom, on which item', async () => {
    await shiftTabTo(page, 'nav.nav a.nav-link[href="/admin/audit"]');
    await page.keyboard.press('Enter');
    await waitForPage(page, '/admin/audit');
    await expectNoA11yViolations(page, `audit log (${lang})`);

    const events = await page.locator('#audit-table tbody tr[data-action]').evaluateAll((trs) =>
      trs.map((tr) => ({
        action: tr.getAttribute('data-action'),
        who: tr.children[1]?.textContent?.trim(),
        shown: tr.children[2]?.textContent?.trim(),
        href: tr.children[3]?.querySelector('a')?.getAttribute('href') ?? null,
        item: tr.getAttribute('data-item-id') || null,
      })),
    );
    const find = (action: string, item: string) => events.filter((e) => e.action === action && e.item === item);
    const expectOne = (action: string, item: string, href: string | null) => {
      const found = find(action, item);
      expect(found, `${action} on ${item}`).toHaveLength(1);
      expect(found[0]).toMatchObject({
        who: ADMIN.email,
        href,
        shown: tr(lang, `audit.action.${action}` as 'audit.action.auth.login'),
      });
    };
    expectOne('consultation.create', consultationId, `/admin/consultations/${consultationId}`);
    expectOne('consultation.update', consultationId, `/admin/consultations/${consultationId}`);
    expectOne('consultation.documents', consultationId, `/admin/consultations/${consultationId}`);
    expectOne('consultation.transition', consultationId, `/admin/consultations/${consultationId}`);
    expectOne('scenario.status', scenarioId, `/admin/scenarios/${scenarioId}`);
    expectOne('account.create', accountId, null);
    expectOne('account.update', accountId, null);
    expect(events.filter((e) => e.action === 'scenario.create' && e.who === ADMIN.email).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(events.filter((e) => e.action === 'scenario.reorder').length).toBeGreaterThanOrEqual(3);
    // Refused moves change nothing and leave nothing in the log.
    expect(find('consultation.transition', consultation2Id)).toEqual([]);
    expectOne('consultation.create', consultation2Id, `/admin/consultations/${consultation2Id}`);
  });

  it('signs out by keyboard; the admin pages then ask for sign-in', async () => {
    await shiftTabTo(page, '#sr-sign-out');
    await page.keyboard.press('Enter');
    await waitForPage(page, '/');
    expect(await text(page, 'main .alert-success')).toBe(tr(lang, 'auth.signedOut'));
    expect(await page.locator('#sr-sign-in').isVisible()).toBe(true);
    expect(await page.locator('nav.nav a.nav-link[href="/admin"]').count()).toBe(0);
    await expectNoA11yViolations(page, `signed out (${lang})`);

    await open(page, '/admin/audit');
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/audit');
    expect(pageErrors(page)).toEqual([]);
  });
});
