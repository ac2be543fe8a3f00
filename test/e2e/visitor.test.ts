import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  describeFocus,
  expectNoA11yViolations,
  fitsWidth,
  focusIsInside,
  type Lang,
  journeyLangs,
  open,
  other,
  pageErrors,
  scrolledIntoView,
  shiftTabTo,
  tabTo,
  text,
  tr,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForHtmlLang,
  waitForInView,
  waitForPage,
  waitForText,
} from './browser.ts';

// The visitor's journey (issue 3, story 3), by keyboard only, in Danish and in English.

const NEMID = 'naeste-generation-af-nemid';
const NEMID_TITLE = { da: 'Næste generation af NemID', en: 'The next generation of NemID' };
const BODY_HEADING = { da: 'Baggrund', en: 'Background' };
const SCENARIOS = {
  S1: { da: 'Offentlig-privat partnerskab med bankerne', en: 'A public–private partnership with the banks' },
  S2: { da: 'En rent offentlig eID', en: 'A purely public eID' },
  S3: { da: 'Et åbent marked af certificerede udbydere', en: 'An open market of certified providers' },
  S4: { da: 'Et nationalt ID-kort med chip', en: 'A chip-based national ID card' },
} as const;
const KEYS = Object.keys(SCENARIOS) as (keyof typeof SCENARIOS)[];
/** The demo data's other two consultations and the phases they are in. */
const EARLIER = { 'digital-post-til-virksomheder': 'closed', 'faelles-login-kommunal-selvbetjening': 'concluded' };

const b = useBrowser();

describe.each(journeyLangs('en'))('visitor journey (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  /** A paragraph address read off a scenario page, opened later as a typed deep link. */
  let deepLink = '';

  beforeAll(async () => {
    ({ context, page } = await b.newPage(lang));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('skips to the content and lists open, closed and concluded consultations with their phase', async () => {
    await open(page, '/');
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    expect(await text(page, 'main h1')).toBe(tr(lang, 'home.title'));

    // The first Tab lands on the skip link, which is then visible; Enter moves focus into <main>.
    await page.keyboard.press('Tab');
    await waitForFocus(page, 'a.skipnav');
    expect(await text(page, 'a.skipnav')).toBe(tr(lang, 'app.skipLink'));
    await waitForInView(page, 'a.skipnav');
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'main#main-content');
    // The next Tab stays in the content: the header's links were skipped.
    await page.keyboard.press('Tab');
    expect(await focusIsInside(page, 'main'), await describeFocus(page)).toBe(true);
    await expectNoA11yViolations(page, `home (${lang})`);

    const openCard = page.locator(`#home-open article[data-slug="${NEMID}"]`);
    expect(await openCard.locator('a.sr-consultation-link').textContent()).toBe(NEMID_TITLE[lang]);
    expect(await openCard.locator('.sr-phase').getAttribute('data-phase')).toBe('open');
    expect(await openCard.locator('.sr-phase').textContent()).toBe(tr(lang, 'phase.open'));
    expect(await openCard.locator('.sr-deadline').count()).toBe(1);
    for (const [slug, phase] of Object.entries(EARLIER)) {
      const card = page.locator(`#home-other article[data-slug="${slug}"]`);
      expect(await card.locator('.sr-phase').getAttribute('data-phase'), slug).toBe(phase);
      expect((await card.locator('.sr-phase').textContent())?.trim()).toBe(
        tr(lang, `phase.${phase}` as 'phase.closed'),
      );
    }
    // Open consultations are not repeated among the earlier ones, and no list shows a draft.
    expect(await page.locator(`#home-other article[data-slug="${NEMID}"]`).count()).toBe(0);
    expect(await page.locator('main .sr-phase[data-phase="draft"]').count()).toBe(0);
  });

  it('opens the NemID consultation: its body, documents and four scenarios, each with addressable paragraphs', async () => {
    await activate(page, `#home-open article[data-slug="${NEMID}"] a.sr-consultation-link`);
    await waitForPage(page, `/consultations/${NEMID}`);
    expect(await text(page, 'main h1')).toBe(NEMID_TITLE[lang]);
    expect(await page.title()).toContain(NEMID_TITLE[lang]);
    // The Markdown body is rendered: a heading of it is visible.
    const bodyHeading = page.locator('.sr-body h2', { hasText: BODY_HEADING[lang] });
    expect(await bodyHeading.isVisible()).toBe(true);
    expect(await page.locator('.sr-body table').count()).toBeGreaterThan(0);
    expect(await page.locator('.sr-document-list a.sr-document-link').count()).toBeGreaterThan(1);
    expect(
      await page
        .locator('.sr-scenario-list li.sr-scenario-item article[data-key]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))),
    ).toEqual(KEYS);
    await expectNoA11yViolations(page, `consultation (${lang})`);

    for (const [i, key] of KEYS.entries()) {
      await activate(page, `.sr-scenario-list article[data-key="${key}"] a.sr-scenario-link`);
      await waitForPage(page, /^\/scenarios\/[0-9a-f-]{36}$/);
      expect(await text(page, 'main h1')).toBe(`${key} ${SCENARIOS[key][lang]}`);
      const paragraphs = await page.locator('main .sr-paragraph[id^="p-"]').evaluateAll((els) =>
        els.map((e) => ({
          id: e.id,
          links: [...e.querySelectorAll('a.sr-paragraph-link')].map((a) => a.getAttribute('href')),
          text: (e.textContent ?? '').trim().length,
        })),
      );
      expect(paragraphs.length, key).toBeGreaterThanOrEqual(5);
      expect(new Set(paragraphs.map((p) => p.id)).size, `${key}: paragraph ids are unique`).toBe(paragraphs.length);
      for (const p of paragraphs) {
        expect(p.id).toMatch(/^p-[0-9a-f]{8}$/);
        expect(p.links).toEqual([`#${p.id}`]);
        expect(p.text).toBeGreaterThan(0);
      }
      await expectNoA11yViolations(page, `scenario ${key} (${lang})`);

      if (i === 1) {
        // Following a paragraph's own link puts its address in the bar and focuses the paragraph.
        const target = paragraphs[2]!.id;
        await activate(page, `a.sr-paragraph-link[href="#${target}"]`);
        await page.waitForURL((url) => url.hash === `#${target}`);
        await waitForFocus(page, `#${target}`);
        deepLink = new URL(page.url()).pathname + `#${paragraphs[6]!.id}`;
      }

      if (key === 'S4') {
        // Back with the browser's history (Alt+Left).
        await page.goBack();
        await waitForPage(page, `/consultations/${NEMID}`);
      } else {
        // Back through the breadcrumb trail, which comes before the h1.
        await shiftTabTo(page, `nav.breadcrumbs a.breadcrumbs__link[href="/consultations/${NEMID}"]`);
        await page.keyboard.press('Enter');
        await waitForPage(page, `/consultations/${NEMID}`);
      }
      expect(await text(page, 'main h1')).toBe(NEMID_TITLE[lang]);
    }
  });

  it('opens a typed deep link to a paragraph with that paragraph focused and in view', async () => {
    expect(deepLink).toMatch(/^\/scenarios\/[0-9a-f-]{36}#p-[0-9a-f]{8}$/);
    const id = deepLink.split('#')[1]!;
    await open(page, deepLink);
    await waitForFocus(page, `#${id}`);
    expect(await scrolledIntoView(page, `#${id}`), 'the paragraph is scrolled into view').toBe(true);
    await expectNoA11yViolations(page, `scenario deep link (${lang})`);
    // Tab from the focused paragraph goes on to its own link.
    await page.keyboard.press('Tab');
    await waitForFocus(page, `a.sr-paragraph-link[href="#${id}"]`);
  });

  it('switches the whole interface to the other language by keyboard and remembers it', async () => {
    const to = other(lang);
    await open(page, `/consultations/${NEMID}`);
    expect(await text(page, '#sr-language-switch')).toBe(tr(lang, 'lang.switchLabel'));
    expect(await page.getAttribute('#sr-language-switch', 'lang')).toBe(to);

    await tabTo(page, '#sr-language-switch');
    await page.keyboard.press('Enter');
    await waitForHtmlLang(page, to);
    await waitForText(page, 'main h1', NEMID_TITLE[to]);
    expect(await text(page, '.sr-body h2')).toBe(BODY_HEADING[to]);
    expect(await text(page, '#documents-heading')).toBe(tr(to, 'consultation.documentsHeading'));
    expect(await text(page, 'nav.nav a.nav-link')).toBe(tr(to, 'nav.home'));
    expect(await text(page, '#sr-language-switch')).toBe(tr(to, 'lang.switchLabel'));
    expect(await text(page, '.sr-scenario-list article[data-key="S1"] a.sr-scenario-link')).toBe(
      `S1 ${SCENARIOS.S1[to]}`,
    );
    // Focus stays on the switch, and the change is announced.
    await waitForFocus(page, '#sr-language-switch');
    await waitForAnnouncement(page, tr(to, 'lang.current'));
    expect(await page.title()).toContain(NEMID_TITLE[to]);
    await expectNoA11yViolations(page, `consultation after switching to ${to} (from ${lang})`);

    // A reload keeps the choice.
    await page.reload();
    await waitForText(page, 'main h1', NEMID_TITLE[to]);
    expect(await page.getAttribute('html', 'lang')).toBe(to);
    expect(await text(page, '#sr-language-switch')).toBe(tr(to, 'lang.switchLabel'));

    // And back again, so the language is the journey's own for the rest.
    await tabTo(page, '#sr-language-switch');
    await page.keyboard.press('Enter');
    await waitForHtmlLang(page, lang);
    expect(await text(page, 'main h1')).toBe(NEMID_TITLE[lang]);
  });

  it('shows a page-not-found for an unknown address, with a way home', async () => {
    await open(page, '/this/page/does-not-exist');
    expect(await text(page, 'main h1')).toBe(tr(lang, 'notFound.title'));
    await expectNoA11yViolations(page, `not found (${lang})`);
    await open(page, '/consultations/no-such-consultation');
    expect(await text(page, 'main h1')).toBe(tr(lang, 'notFound.title'));
    await expectNoA11yViolations(page, `unknown consultation (${lang})`);
    await activate(page, 'main a[href="/"]');
    await waitForPage(page, '/');
    expect(await text(page, 'main h1')).toBe(tr(lang, 'home.title'));
    expect(pageErrors(page)).toEqual([]);
  });

  it('works 320 px wide: the home page and a scenario, without sideways scrolling', async () => {
    const small = await b.newPage(lang, { width: 320, height: 640 });
    try {
      await open(small.page, '/');
      await small.page.locator(`#home-open article[data-slug="${NEMID}"]`).waitFor();
      expect(await fitsWidth(small.page), 'home fits 320 px').toBe(true);
      await expectNoA11yViolations(small.page, `home at 320 px (${lang})`);
      await activate(small.page, `#home-open article[data-slug="${NEMID}"] a.sr-consultation-link`);
      await waitForPage(small.page, `/consultations/${NEMID}`);
      expect(await fitsWidth(small.page), 'consultation fits 320 px').toBe(true);
      await expectNoA11yViolations(small.page, `consultation at 320 px (${lang})`);
      await activate(small.page, '.sr-scenario-list article[data-key="S3"] a.sr-scenario-link');
      await waitForPage(small.page, /^\/scenarios\//);
      expect(await text(small.page, 'main h1')).toBe(`S3 ${SCENARIOS.S3[lang]}`);
      expect(await fitsWidth(small.page), 'scenario fits 320 px').toBe(true);
      await expectNoA11yViolations(small.page, `scenario at 320 px (${lang})`);
      expect(pageErrors(small.page)).toEqual([]);
    } finally {
      await small.context.close();
    }
  });
});
