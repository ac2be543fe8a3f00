import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenConsultation } from '../helpers/factory.ts';
import {
  activate,
  ADMIN,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  signIn,
  tabTo,
  text,
  tr,
  typeOver,
  unambiguousDateAfter,
  unique,
  useBrowser,
  waitForFocus,
  waitForLoad,
  waitForPage,
} from './browser.ts';

// The audit log's filters and readable details (issue 10, item 17), keyboard only, in Danish and
// English, with axe-core on every state: an admin of our own changes a consultation's phase, then
// finds that event by who and what, reads it as a sentence in the page's language with the
// consultation named and linked, and narrows by date. The filters live in the address.

const b = useBrowser();

const pad = (n: number) => String(n).padStart(2, '0');
/** A date typed into a date input; day = month, so Chromium's en-US and Danish layouts read it alike. */
const typed = (d: Date) => `${pad(d.getDate())}${pad(d.getMonth() + 1)}${d.getFullYear()}`;

describe.each(journeyLangs('en'))('audit log filters (%s)', (lang: Lang) => {
  let page: Page;
  let context: BrowserContext;
  let email: string;
  let made: OpenConsultation;
  const title = { da: `Revisionsprøve ${unique()}`, en: `Audit trial ${unique()}` };

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const admin = await b.f.newAccount(root, { roles: ['admin'], locale: lang, displayName: `Auditor ${lang}` });
    email = admin.email;
    const actor = await b.signedIn(lang, { email, password: admin.password });
    made = await b.f.newOpenConsultation(actor, { consultation: { title } });
    await root.close();
    await actor.close();
    ({ context, page } = await b.newPage(lang));
    await open(page, '/login');
    await signIn(page, email, admin.password);
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  it('finds an event by who and what, and reads it in the page’s language with the item named', async () => {
    await open(page, '/admin/audit');
    await expectNoA11yViolations(page, `audit log (${lang})`);

    await tabTo(page, '#audit-actor');
    await typeOver(page, email);
    // A closed select takes type-ahead, as a keyboard user picks an option ("Høring" is the first H).
    await tabTo(page, '#audit-itemType');
    await page.keyboard.type(tr(lang, 'audit.item.consultation').slice(0, 1)); // the first option with its letter
    expect(await page.inputValue('#audit-itemType')).toBe('consultation');
    await activate(page, '#audit-apply');
    await waitForPage(page, '/admin/audit', '#audit-results');
    const url = new URL(page.url());
    expect(url.searchParams.get('actor')).toBe(email);
    expect(url.searchParams.get('itemType')).toBe('consultation');

    const rows = await page.locator('#audit-table tbody tr[data-action]').evaluateAll((trs) =>
      trs.map((row) => ({
        action: row.getAttribute('data-action'),
        who: row.children[1]?.textContent?.trim(),
        item: row.children[3]?.querySelector('a')?.textContent?.trim() ?? null,
        href: row.children[3]?.querySelector('a')?.getAttribute('href') ?? null,
        details: row.children[4]?.textContent?.replace(/\s+/g, ' ').trim(),
      })),
    );
    const phase = (p: 'draft' | 'open') => tr(lang, `phase.${p}`).toLocaleLowerCase();
    expect(rows).toEqual([
      {
        action: 'consultation.transition',
        who: email,
        item: title[lang],
        href: `/admin/consultations/${made.consultation.id}`,
        details: tr(lang, 'audit.d.transition', { from: phase('draft'), to: phase('open') }),
      },
      {
        action: 'consultation.create',
        who: email,
        item: title[lang],
        href: `/admin/consultations/${made.consultation.id}`,
        details: tr(lang, 'audit.d.slug', { slug: made.consultation.slug }),
      },
    ]);
    // The form shows the filters the address holds.
    expect(await page.inputValue('#audit-actor')).toBe(email);
    await expectNoA11yViolations(page, `audit log filtered (${lang})`);
  });

  it('narrows by date, refuses a reversed range, and clears the filters', async () => {
    const later = unambiguousDateAfter(1);
    await tabTo(page, '#audit-from');
    await page.keyboard.type(typed(later));
    await activate(page, '#audit-apply');
    await waitForPage(page, '/admin/audit', '#audit-results');
    expect(new URL(page.url()).searchParams.get('from')).toBe(
      `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}`,
    );
    expect(await text(page, 'main .sr-empty')).toBe(tr(lang, 'audit.noMatch'));
    await expectNoA11yViolations(page, `audit log, no match (${lang})`);

    // A range that ends before it starts: refused in place, focus on the field that needs changing.
    await tabTo(page, '#audit-to');
    await page.keyboard.type(typed(new Date(2020, 0, 1)));
    await activate(page, '#audit-apply');
    await waitForFocus(page, '#audit-from');
    expect(await text(page, '#audit-from-error')).toContain(tr(lang, 'audit.filter.dates'));
    await expectNoA11yViolations(page, `audit log, reversed dates (${lang})`);

    await activate(page, '#audit-clear');
    await waitForPage(page, '/admin/audit');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.inputValue('#audit-actor')).toBe('');
    // Back restores the filtered view from the address.
    await page.goBack();
    await waitForLoad(page);
    expect(await page.inputValue('#audit-actor')).toBe(email);
  });
});
