import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage } from '../../client/src/api/inbox.ts';
import {
  activate,
  ADMIN,
  ANALYST,
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
  waitForLoad,
  waitForText,
} from './browser.ts';

// The analysts' inbox (issue 11 stories 1, 5 and 6), keyboard only, in Danish and English, with
// axe-core on each state: an analyst finds a consultation's input, searches and filters it (the
// counts beside the filters follow), selects an item with the keyboard (Space, and the j/x
// shortcuts while focus is in the list), marks it analysed, and finds the whole view in the
// address: a reload shows it again and Back returns to the view before.

const b = useBrowser();

describe.each(journeyLangs('en'))('analysis inbox (%s)', (lang: Lang) => {
  let page: Page;
  let context: BrowserContext;
  let consultationId = '';
  const u = unique();
  const word = lang === 'da' ? 'vindmøller' : 'turbines';
  const wanted = `Hit ${lang} ${u}`;
  const other = `Other ${lang} ${u}`;
  const path = () => `/admin/consultations/${consultationId}/inbox`;

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Indbakkeprøve ${u}`, en: `Inbox trial ${u}` } },
    });
    consultationId = made.consultation.id;
    const slug = made.consultation.slug;
    // Two people respond through the public form (a visitor's context, no session).
    const { context: visitor } = await b.newPage(lang);
    await b.f.newResponse(visitor, slug, {
      name: wanted,
      email: `hit-${lang}-${u}@example.dk`,
      body: lang === 'da' ? `Vi er imod ${word} ved kysten.` : `We object to ${word} by the coast.`,
    });
    await b.f.newResponse(visitor, slug, {
      name: other,
      email: `other-${lang}-${u}@example.dk`,
      body: lang === 'da' ? 'Vi støtter forslaget.' : 'We support the proposal.',
    });
    // The index follows new input within seconds (ANALYSIS_INDEX_MS), off the submission path.
    for (let i = 0; ; i++) {
      const r = await api<InboxPage>(root, 'GET', `/api/consultations/${consultationId}/inbox`);
      if (r.status === 200 && r.body.items.length === 2) break;
      if (i > 150) throw new Error(`the inbox never listed both responses (status ${r.status})`);
      await new Promise((res) => setTimeout(res, 200));
    }
    await root.close();
    await visitor.close();
    ({ context, page } = await b.newPage(lang));
    await apiLogin(context, ANALYST);
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  const authors = (p: Page = page) => p.locator('#inbox-list .sr-card-title').allTextContents();

  it('lists the input, and selects by keyboard with the shortcuts while focus is in the list', async () => {
    await open(page, path());
    expect((await authors()).sort()).toEqual([other, wanted].sort());
    expect(await text(page, '#inbox-indexed')).toContain(tr(lang, 'inbox.indexedNone').split('.')[0]!);
    await expectNoA11yViolations(page, `inbox (${lang})`);

    await tabTo(page, '#inbox-select-0');
    await page.keyboard.press('j');
    await waitForFocus(page, '#inbox-select-1');
    await page.keyboard.press('x');
    expect(await page.isChecked('#inbox-select-1')).toBe(true);
    await waitForText(page, '#inbox-selected', tr(lang, 'inbox.selected', { count: 1 }));
    await page.keyboard.press('x');
    expect(await page.isChecked('#inbox-select-1')).toBe(false);
    await page.keyboard.press('k');
    await waitForFocus(page, '#inbox-select-0');

    // The single-key shortcuts can be turned off (WCAG 2.1.4); then j and x do nothing.
    await tabTo(page, '#inbox-keys', { back: true });
    await page.keyboard.press('Space');
    expect(await page.isChecked('#inbox-keys')).toBe(false);
    await tabTo(page, '#inbox-select-0');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await waitForFocus(page, '#inbox-select-0');
    expect(await page.isChecked('#inbox-select-0')).toBe(false);
    await tabTo(page, '#inbox-keys', { back: true });
    await page.keyboard.press('Space');
    expect(await page.isChecked('#inbox-keys')).toBe(true);
  });

  it('searches and filters, with the counts beside the filters, and marks the hit analysed', async () => {
    await tabTo(page, '#inbox-q', { back: true });
    await page.keyboard.type(word);
    await tabTo(page, '#inbox-kind-response');
    await page.keyboard.press('Space');
    await activate(page, '#inbox-apply');
    await page.waitForURL((url) => url.searchParams.get('q') === word);
    await waitForLoad(page);
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      return doc.querySelectorAll('#inbox-list li').length === 1;
    });
    expect(await authors()).toEqual([wanted]);
    await waitForAnnouncement(page, tr(lang, 'inbox.total', { total: 1, shown: 1 }));
    expect((await text(page, '#inbox-item-0 .sr-highlight mark')).toLowerCase()).toBe(word);
    const response = tr(lang, 'inbox.kind.response');
    await waitForText(
      page,
      'label[for="inbox-kind-response"]',
      tr(lang, 'inbox.withCount', { label: response, count: 1 }),
    );
    const url = new URL(page.url());
    expect(url.pathname).toBe(path());
    expect(url.searchParams.getAll('kind')).toEqual(['response']);
    await expectNoA11yViolations(page, `inbox, searched (${lang})`);

    await tabTo(page, '#inbox-select-0');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#inbox-select-0')).toBe(true);
    await activate(page, '#inbox-analysed', { back: true });
    await waitForText(page, '#inbox-action-result .alert-text', tr(lang, 'inbox.updated', { count: 1 }));
    await page.locator('#inbox-item-0 .sr-inbox-status[data-status="analysed"]').waitFor();
    expect(await text(page, '#inbox-item-0 .sr-inbox-status')).toBe(tr(lang, 'inbox.status.analysed'));
    await waitForText(
      page,
      '#inbox-progress-overall',
      tr(lang, 'inbox.progress.overall', { analysed: 1, items: 2, inProgress: 0, pct: 50 }),
    );
    await expectNoA11yViolations(page, `inbox, marked analysed (${lang})`);
  });

  it('keeps the view in the address: a reload shows it, Back returns to the view before', async () => {
    await page.reload();
    await waitForLoad(page);
    expect(await page.inputValue('#inbox-q')).toBe(word);
    expect(await page.isChecked('#inbox-kind-response')).toBe(true);
    expect(await authors()).toEqual([wanted]);

    await page.goBack();
    await page.waitForURL((url) => url.search === '');
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document;
      return doc.querySelectorAll('#inbox-list li').length === 2;
    });
    expect(await page.inputValue('#inbox-q')).toBe('');
    expect(await page.isChecked('#inbox-kind-response')).toBe(false);
  });

  it('lets an admin split the unassigned part of the view evenly among analysts', async () => {
    const me = await api<{ id: string; displayName: string }>(context, 'GET', '/api/auth/me');
    const { context: adminContext, page: adminPage } = await b.newPage(lang);
    try {
      await apiLogin(adminContext, ADMIN);
      await open(adminPage, `${path()}?assignee=none`);
      expect((await authors(adminPage)).length).toBe(2);
      await tabTo(adminPage, `#inbox-split-${me.body.id}`);
      await adminPage.keyboard.press('Space');
      await activate(adminPage, '#inbox-split-submit');
      const parts = tr(lang, 'inbox.withCount', { label: me.body.displayName, count: 2 });
      await waitForText(adminPage, '#inbox-split-result .alert-text', tr(lang, 'inbox.split.done', { parts }));
      // The view (unassigned only) is now empty, and the progress names the analyst.
      await waitForText(adminPage, '#inbox-count', tr(lang, 'inbox.noMatch'));
      expect(await text(adminPage, '#inbox-progress-table tbody')).toContain(me.body.displayName);
      await expectNoA11yViolations(adminPage, `inbox, split by an admin (${lang})`);
      expect(pageErrors(adminPage)).toEqual([]);
    } finally {
      await adminContext.close();
    }
  });
});
