import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const baseUrl = (): string => inject('baseUrl');

/** Debian's Chromium, started as STACK.md says it must be on this closed network. */
export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh context (own cookies and storage) with the UI language preset. */
export async function newPage(
  browser: Browser,
  lang: 'da' | 'en',
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
  await context.addInitScript((l) => {
    try {
      const ls = (globalThis as any).localStorage;
      if (!ls.getItem('samraad.locale')) ls.setItem('samraad.locale', l);
    } catch {
      /* storage unavailable */
    }
  }, lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { _errors?: string[] })._errors = errors;
  return { context, page };
}

/** axe-core with the WCAG 2.1 A and AA rules: no violation allowed on any page visited. */
export async function expectNoA11yViolations(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** Presses Tab until the focused element matches, like a keyboard user would; fails after max presses. */
export async function tabTo(page: Page, selector: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const hit = await page.evaluate((sel) => {
      const el = (globalThis as any).document.activeElement;
      return !!el && el.matches(sel);
    }, selector);
    if (hit) return;
  }
  throw new Error(`could not reach ${selector} with Tab`);
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { _errors?: string[] })._errors ?? [];
}
