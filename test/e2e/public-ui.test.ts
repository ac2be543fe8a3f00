import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  expectNoA11yViolations,
  LANGS,
  launch,
  newPage,
  open,
  pageErrors,
  tr,
  waitForLoad,
} from './browser.ts';

// Issue 10, the public side's findings (items 15, 18, 19, 22): each in both languages, by keyboard,
// with axe.

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Collects what the page's content security policy blocked, from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = globalThis as any;
    w.__csp = [];
    w.document.addEventListener('securitypolicyviolation', (e: any) =>
      w.__csp.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return () => page.evaluate(() => (globalThis as any).__csp as string[]);
}

describe('API docs (item 19)', () => {
  for (const lang of LANGS) {
    it(`${lang}: the footer leads to branded, accessible docs that lead back`, async () => {
      const { context, page } = await newPage(browser, lang);
      const blocked = await watchCsp(page);
      try {
        await open(page, '/');
        await activate(page, 'footer a[href="/api/docs"]', { max: 200 });
        await page.waitForURL(/\/api\/docs/);
        await page.waitForSelector('.swagger-ui .opblock-tag', { timeout: 30_000 });
        // Branded: Samråd's header and mark, nothing of Fastify's or Swagger's.
        await expect(page.title()).resolves.toBe('Samråd API');
        expect(await page.locator('.topbar, img[src*="logo"], svg[class*="logo"]').count()).toBe(0);
        // An operation opened and tried out: its body editor and parameters must be labelled too.
        await page.locator('.opblock-summary-control').nth(2).click();
        await page.locator('button.try-out__btn').first().click();
        await page.waitForSelector('textarea');
        const axe = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
          .analyze();
        expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
        expect(await blocked()).toEqual([]);
        // Back to the app by keyboard.
        await page.locator('a.sr-docs-brand').focus();
        await activate(page, 'a.sr-docs-back', { max: 3 });
        await page.waitForURL((url) => url.pathname === '/');
        await waitForLoad(page);
        await expect(page.locator('main h1').textContent()).resolves.toBe(tr(lang, 'home.title'));
        expect(pageErrors(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
