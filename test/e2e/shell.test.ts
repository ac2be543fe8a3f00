import type { BrowserContext, Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  text,
  tr,
  useBrowser,
  waitForFocus,
  waitForPage,
  waitForText,
} from './browser.ts';

// The app shell and its lazy pages: only the landing page and a consultation's page come with the
// app's first load; every other page is a chunk loaded on first visit, with a loading state while
// it comes and a translated error with a retry when it does not (routes.ts, sr-app.ts).

const NEMID = 'naeste-generation-af-nemid';
/** The login page's chunk (the sign-in link in the header leads there). */
const LOGIN_CHUNK = /\/assets\/sr-page-login-[\w-]+\.js$/;

const b = useBrowser();

const pageTitle = (lang: Lang, h1: string) => tr(lang, 'app.pageTitle', { page: h1 });

describe.each(journeyLangs('da'))('app shell and lazy pages (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await b.newPage(lang));
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });

  it('paints the landing page and a consultation with the app script alone, no page chunk', async () => {
    const scripts: string[] = [];
    const onRequest = (req: Request) => {
      if (req.resourceType() === 'script') scripts.push(new URL(req.url()).pathname);
    };
    page.on('request', onRequest);
    await open(page, '/');
    await open(page, `/consultations/${NEMID}`);
    page.off('request', onRequest);
    expect(scripts.filter((s) => /\/assets\/sr-page-/.test(s))).toEqual([]);
  });

  it('opens a typed address of a lazy page with its translated title', async () => {
    await open(page, `/consultations/${NEMID}/respond`);
    expect(await text(page, 'main h1')).toBe(tr(lang, 'resp.title'));
    expect(await page.title()).toBe(pageTitle(lang, tr(lang, 'resp.title')));
  });

  it('shows a loading state while a page chunk comes, then the page with focus on its heading', async () => {
    const context2 = await b.newPage(lang);
    const p = context2.page;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await p.route(LOGIN_CHUNK, async (route: Route) => {
      await held;
      await route.continue();
    });
    await open(p, '/');
    await activate(p, '#sr-sign-in');
    await waitForText(p, 'main .sr-loading[role="status"]', tr(lang, 'common.loading'));
    release();
    await waitForPage(p, '/login');
    expect(await text(p, 'main h1')).toBe(tr(lang, 'login.title'));
    expect(await p.title()).toBe(pageTitle(lang, tr(lang, 'login.title')));
    expect(pageErrors(p)).toEqual([]);
    await context2.context.close();
  });

  it('explains a page chunk that does not arrive, and loads it on retry by keyboard', async () => {
    await page.route(LOGIN_CHUNK, (route: Route) => route.abort('internetdisconnected'));
    await open(page, '/');
    await activate(page, '#sr-sign-in');
    await waitForPage(page, '/login');
    expect(await text(page, 'main h1')).toBe(tr(lang, 'pageLoadFailed.title'));
    expect(await page.title()).toBe(pageTitle(lang, tr(lang, 'pageLoadFailed.title')));
    await expectNoA11yViolations(page, `page load failed (${lang})`);

    await page.unroute(LOGIN_CHUNK);
    await activate(page, '#sr-load-retry');
    await waitForText(page, 'main h1', tr(lang, 'login.title'));
    await waitForFocus(page, 'main h1');
    expect(await page.title()).toBe(pageTitle(lang, tr(lang, 'login.title')));
  });
});
