import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
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
  typeOver,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
} from './browser.ts';

// Suggested themes (issue 11 story 8), keyboard only, in Danish and English, with axe-core on each
// state: from the inbox to the themes page, start a run with a seed and two groups, follow it to
// its candidates, accept one as a tag with proposed codings, confirm one of them and then the rest,
// and dismiss the other candidate.

const b = useBrowser();

const INPUT = [
  'Ældre borgere uden smartphone skal have en kodeviser.',
  'Kodeviser til ældre borgere er nødvendig uden smartphone.',
  'Ældre uden smartphone mister adgang uden kodeviser.',
  'Bankerne må ikke eje borgernes identitet.',
  'Identitet hos bankerne giver bankerne magt.',
  'Bankerne skal ikke styre vores identitet.',
];

describe.each(journeyLangs('da'))('suggested themes (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  let consultationId = '';
  const u = unique();
  const name = { da: `Ældre og kodeviser ${u}`, en: `Older people and code displays ${u}` };

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Temaprøve ${u}`, en: `Themes trial ${u}` } },
    });
    consultationId = made.consultation.id;
    const { context: visitor } = await b.newPage(lang);
    for (const [i, body] of INPUT.entries()) {
      await b.f.newResponse(visitor, made.consultation.slug, {
        name: `Borger ${i}`,
        email: `t${i}-${u}@example.dk`,
        body,
      });
    }
    // The inbox follows new input within seconds; the themes read it from there.
    for (let i = 0; ; i++) {
      const r = await api<InboxPage>(root, 'GET', `/api/consultations/${consultationId}/inbox`);
      if (r.status === 200 && r.body.items.length === INPUT.length) break;
      if (i > 150) throw new Error('the inbox never listed every response');
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

  it('starts a run from the inbox and follows it to its candidates', async () => {
    await open(page, `/admin/consultations/${consultationId}/inbox`);
    await activate(page, '#analysis-nav-themes');
    await waitForPage(page, `/admin/consultations/${consultationId}/themes`);
    expect(await text(page, '#themes-no-run')).toBe(tr(lang, 'themes.run.none'));
    await expectNoA11yViolations(page, `themes page, no run (${lang})`);

    // A seed that is not a number is refused in place.
    await tabTo(page, '#themes-seed');
    await typeOver(page, 'x');
    await activate(page, '#themes-start-submit');
    await waitForFocus(page, '#themes-seed');
    expect(await text(page, '#themes-seed-error')).toContain(tr(lang, 'themes.form.seedError'));
    await typeOver(page, '7');
    await tabTo(page, '#themes-k');
    await page.keyboard.type('2');
    await activate(page, '#themes-start-submit');
    await waitForFocus(page, '#themes-run-heading');
    // The progress bar (or the result, on a fast machine) stands under the heading, then the candidates.
    await page.locator('#themes-candidates').waitFor({ timeout: 30_000 });
    await waitForAnnouncement(page, tr(lang, 'themes.run.doneAnnounced', { count: 2 }));
    expect(await text(page, '#themes-done')).toContain(String(INPUT.length));
    expect(await page.locator('#themes-candidates > li').count()).toBe(2);
    await expectNoA11yViolations(page, `themes page, candidates (${lang})`);
  });

  it('accepts a candidate as a tag with proposed codings, confirms them, and dismisses the other', async () => {
    const card = page.locator('#themes-candidates article', { hasText: 'kodeviser' });
    const cardId = (await card.getAttribute('id'))!;
    expect(await card.textContent()).toContain(tr(lang, 'themes.card.members', { count: 3, n: 3 }));
    await activate(page, `#${cardId}-accept`);
    await waitForFocus(page, `#${cardId}-accept-heading`);
    await tabTo(page, `#${cardId}-name-da`);
    await page.keyboard.type(name.da);
    await tabTo(page, `#${cardId}-name-en`);
    await page.keyboard.type(name.en);
    expect(await page.isChecked(`#${cardId}-propose`)).toBe(true);
    await expectNoA11yViolations(page, `accept form (${lang})`);
    await activate(page, `#${cardId}-accept-submit`);
    await waitForAnnouncement(page, tr(lang, 'themes.accept.done', { tag: name[lang], count: 3 }));
    expect(await text(page, `#${cardId}`)).toContain(tr(lang, 'themes.card.accepted', { tag: name[lang] }));

    // Proposed codings: confirm one, then all that are left.
    expect(await page.locator('#themes-proposed-list > li').count()).toBe(3);
    await activate(page, '#themes-proposed-list > li:first-child button[id$="-confirm"]');
    await waitForAnnouncement(page, tr(lang, 'themes.proposed.confirmed', { count: 1 }));
    await page.locator('#themes-proposed-list > li:nth-child(3)').waitFor({ state: 'detached' });
    await waitForFocus(page, '#themes-flash');
    await expectNoA11yViolations(page, `proposed codings (${lang})`);
    await activate(page, '#themes-confirm-all');
    await waitForAnnouncement(page, tr(lang, 'themes.proposed.confirmed', { count: 2 }));
    await page.locator('#themes-proposed-empty').waitFor();

    const other = page.locator('#themes-candidates article', { hasNotText: 'kodeviser' });
    const otherId = (await other.getAttribute('id'))!;
    await waitForFocus(page, '#themes-flash');
    await activate(page, `#${otherId}-dismiss`);
    await waitForAnnouncement(page, tr(lang, 'themes.card.dismissedAnnounced'));
    expect(await text(page, `#${otherId}`)).toContain(tr(lang, 'themes.card.dismissed'));
    await expectNoA11yViolations(page, `decided candidates (${lang})`);

    const book = await api<{ tags: { name: { da: string }; codingCount: number; proposedCount: number }[] }>(
      context,
      'GET',
      `/api/consultations/${consultationId}/codebook`,
    );
    expect(book.body.tags.find((x) => x.name.da === name.da)).toMatchObject({ codingCount: 3, proposedCount: 0 });
  });
});
