import type { Win } from './dom.ts';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { da } from '../../client/src/i18n/da.ts';
import { en, type MessageKey } from '../../client/src/i18n/en.ts';
import { browserDriver, browserFactory, type Factory } from '../helpers/factory.ts';

export type Lang = 'da' | 'en';
export const LANGS: readonly Lang[] = ['da', 'en'];
export const other = (lang: Lang): Lang => (lang === 'da' ? 'en' : 'da');

/**
 * The languages a story's journey runs in: the one its file names (one browser journey per story,
 * not per variation), half the journeys in Danish and half in English, so both languages are walked
 * through end to end; with E2E_ALL_LANGS=1 every journey runs in both. The page tour (tour.test.ts)
 * opens every page of the app in both languages, with axe-core.
 */
export const journeyLangs = (lang: Lang): readonly Lang[] => (process.env.E2E_ALL_LANGS ? LANGS : [lang]);

export const baseUrl = (): string => inject('baseUrl');

/** Waits for slow steps: other suites share this machine, so allow for a loaded CPU. */
const WAIT = 30_000;

/** Who signs in: an e-mail address and a password. */
export type Who = { email: string; password: string };

/** The demo data's accounts (server/seed), which the browser tests' server is seeded with. */
export const ADMIN = { email: 'admin@samraad.demo', password: 'demo-admin-2026' };
export const ANALYST = { email: 'analyst@samraad.demo', password: 'demo-analyst-2026' };
export const PARTICIPANT = { email: 'participant@samraad.demo', password: 'demo-participant-2026' };

/** Debian's Chromium, started as STACK.md says it must be on this closed network. */
async function launch(): Promise<Browser> {
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
async function newPage(
  browser: Browser,
  lang: Lang,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport, locale: lang === 'da' ? 'da-DK' : 'en-GB' });
  context.setDefaultTimeout(WAIT);
  await context.addInitScript((l) => {
    try {
      const ls = (globalThis as unknown as Win).localStorage;
      if (!ls.getItem('samraad.locale')) ls.setItem('samraad.locale', l);
    } catch {
      /* storage unavailable */
    }
  }, lang);
  // The app's content security policy allows no inline script or style (issue 15 item 5): a page
  // that breaks it fails the test that checks pageErrors.
  await context.addInitScript(() => {
    type Violation = { violatedDirective: string; blockedURI: string; sample: string };
    const doc = (
      globalThis as unknown as { document: { addEventListener(type: string, f: (e: Violation) => void): void } }
    ).document;
    doc.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`),
    );
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /CSP violation|Content Security Policy/.test(m.text())) errors.push(m.text());
  });
  (page as Page & { _errors?: string[] })._errors = errors;
  return { context, page };
}

/**
 * A test file's Chromium: launched before its tests and closed after them (the hooks are
 * registered where this is called, at the top of the file), and what the tests open in it.
 * Set-up goes through the API, which is faster than the UI and leaves the browser for what is
 * being tested: `f` is the shared factory (test/helpers/factory.ts) over a context's cookies.
 */
export type BrowserRun = {
  readonly browser: Browser;
  readonly f: Factory<BrowserContext>;
  /** A fresh context (own cookies and storage) with the UI language preset, and a page in it. */
  newPage(lang: Lang, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** A fresh context signed in through the API (for actors whose sign-in is not under test). */
  signedIn(lang: Lang, who: Who): Promise<BrowserContext>;
};

export function useBrowser(): BrowserRun {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const run: BrowserRun = {
    get browser() {
      if (!browser) throw new Error('the browser is launched in beforeAll');
      return browser;
    },
    get f() {
      return browserFactory(baseUrl());
    },
    newPage: (lang, viewport) => newPage(run.browser, lang, viewport),
    async signedIn(lang, who) {
      const { context } = await newPage(run.browser, lang);
      await apiLogin(context, who);
      return context;
    },
  };
  return run;
}

/**
 * An API call with a context's cookies (same origin, as the app makes it). The body is typed by
 * the caller (`api<Page<Comment>>(…)`); untyped, it is `unknown`.
 */
export function api<T = unknown>(
  context: BrowserContext,
  method: string,
  path: string,
  data?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  return browserDriver(baseUrl()).request<T>(context, method, path, data, headers);
}

/** Signs a context in through the API. */
export async function apiLogin(context: BrowserContext, who: Who): Promise<void> {
  const r = await api(context, 'POST', '/api/auth/login', { email: who.email, password: who.password });
  expect(r.status, `sign in as ${who.email}`).toBe(200);
}

/**
 * The newest link to `path` (with its `#token=…`) in a mail delivered to `to`, read from the
 * recipient's mailbox (test/e2e/global-setup.ts): the outbox never shows staff a link's secret
 * (issue 10 item 1).
 */
export async function secretLinkTo(to: string, path: string): Promise<string> {
  const pattern = new RegExp(
    `https?://[^\\s/]+(${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#token=[A-Za-z0-9_-]{43})`,
  );
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${inject('mailboxUrl')}?to=${encodeURIComponent(to)}`);
    const mails = (await res.json()) as { text: string }[];
    for (const m of [...mails].reverse()) {
      const found = pattern.exec(m.text);
      if (found) return found[1]!;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no ${path} link mailed to ${to}`);
}

/** The rules axe-core runs: WCAG 2.0, 2.1 and 2.2, levels A and AA (the bar DESIGN.md sets is 2.2 AA). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/**
 * axe-core on the page as it stands: no violation allowed on any page visited. `axe.run` in the page
 * itself (the builder's legacy mode): the default mode runs axe per frame and then finishes in a fresh
 * blank page, with axe injected twice and the partial results copied across, which cost more than half
 * of each call (the app has no frames). Every call here was half of the browser tests' time.
 */
export async function expectNoA11yViolations(page: Page, label: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode().analyze();
  const summary = result.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** What has focus, for failure messages: tag#id.class "text". */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = (globalThis as unknown as Win).document.activeElement;
    if (!el) return '(nothing)';
    const cls =
      typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} "${text}"`;
  });
}

const focusMatches = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((sel) => {
    const el = (globalThis as unknown as Win).document.activeElement;
    return !!el && el !== (globalThis as unknown as Win).document.body && el.matches(sel);
  }, selector);

/**
 * Presses Tab (or Shift+Tab with `back`) until the focused element matches, like a keyboard user
 * would; fails after `max` presses. A date-time input counts as one element, however many of
 * its parts Tab walks through.
 */
export async function tabTo(page: Page, selector: string, opts: { back?: boolean; max?: number } = {}): Promise<void> {
  const { back = false, max = 80 } = opts;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (await focusMatches(page, selector)) return;
  }
  throw new Error(
    `could not reach ${selector} with ${back ? 'Shift+Tab' : 'Tab'} (focus: ${await describeFocus(page)})`,
  );
}

/** Shift+Tab until the selector has focus (the header and breadcrumbs come before the page's h1). */
export const shiftTabTo = (page: Page, selector: string, max?: number): Promise<void> =>
  tabTo(page, selector, { back: true, max });

/** Tab to an element and press Enter on it. */
export async function activate(
  page: Page,
  selector: string,
  opts: { back?: boolean; max?: number } = {},
): Promise<void> {
  await tabTo(page, selector, opts);
  await page.keyboard.press('Enter');
}

/** Waits until the element matching `selector` has focus. */
export async function waitForFocus(page: Page, selector: string): Promise<void> {
  try {
    await page.waitForFunction(
      (sel) => {
        const el = (globalThis as unknown as Win).document.activeElement;
        return !!el && el.matches(sel);
      },
      selector,
      { timeout: WAIT },
    );
  } catch (err) {
    throw new Error(`focus never reached ${selector} (focus: ${await describeFocus(page)})`, { cause: err });
  }
}

const pageLoaded = () => {
  const doc = (globalThis as unknown as Win).document;
  return !!doc.querySelector('main h1') && !doc.querySelector('main .sr-loading');
};

/** After `page.goto`: the app has rendered the page and its data (no spinner left in main). */
export async function waitForLoad(page: Page): Promise<void> {
  await page.waitForFunction(pageLoaded, undefined, { timeout: WAIT });
}

/** Opens an address as a person typing it would, and waits for the page's content. */
export async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await waitForLoad(page);
}

/**
 * After a link or button led to another page inside the app: the address changed, the page's data
 * is shown, and focus moved to the new page's h1 (or to the `#fragment` target), as the shell does.
 */
export async function waitForPage(page: Page, path: string | RegExp, focus = 'main h1'): Promise<void> {
  await page.waitForURL(
    (url) => (typeof path === 'string' ? url.pathname === path : path.test(url.pathname + url.hash)),
    {
      timeout: WAIT,
    },
  );
  await waitForFocus(page, focus);
  await waitForLoad(page);
}

// Checks that run in the page. The test project has no DOM types, so the page's globals are reached
// through `globalThis`.

/** Waits until the element's text (whitespace collapsed) is `expected`. */
export async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, want]) => {
        const el = (globalThis as unknown as Win).document.querySelector(sel);
        return !!el && (el.textContent ?? '').replace(/\s+/g, ' ').trim() === want;
      },
      [selector, expected] as const,
      { timeout: WAIT },
    );
  } catch (err) {
    const got = await page
      .locator(selector)
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => null);
    throw new Error(`${selector} never read "${expected}" (it reads "${got?.replace(/\s+/g, ' ').trim()}")`, {
      cause: err,
    });
  }
}

/** Waits until the polite live region has spoken `message`. */
export const waitForAnnouncement = (page: Page, message: string): Promise<void> =>
  waitForText(page, '#sr-announcer', message);

/** Waits until `<html lang>` is `lang`. */
export async function waitForHtmlLang(page: Page, lang: Lang): Promise<void> {
  await page.waitForFunction((l) => (globalThis as unknown as Win).document.documentElement.lang === l, lang, {
    timeout: WAIT,
  });
}

/** Whether focus is somewhere inside the element matching `selector`. */
export const focusIsInside = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((sel) => !!(globalThis as unknown as Win).document.activeElement?.closest(sel), selector);

/** Waits until the element is wholly inside the viewport (a skip link slides in when focused). */
export async function waitForInView(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const w = globalThis as unknown as Win;
      const r = w.document.querySelector(sel)?.getBoundingClientRect();
      return (
        !!r &&
        r.width > 1 &&
        r.height > 1 &&
        r.top >= 0 &&
        r.left >= 0 &&
        r.bottom <= w.innerHeight &&
        r.right <= w.innerWidth
      );
    },
    selector,
    { timeout: WAIT },
  );
}

/** Whether the element's top edge is inside the viewport, and the page had to scroll to show it. */
export const scrolledIntoView = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((sel) => {
    const w = globalThis as unknown as Win;
    const top = w.document.querySelector(sel)!.getBoundingClientRect().top;
    return top >= 0 && top < w.innerHeight && w.scrollY > 0;
  }, selector);

/** Whether the page fits the viewport's width (no sideways scrolling). */
export const fitsWidth = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const w = globalThis as unknown as Win;
    return w.document.documentElement.scrollWidth <= w.innerWidth;
  });

/** A same-origin API call from inside the page, with the page's session cookie. */
export const fetchInPage = <T = unknown>(
  page: Page,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: T }> =>
  page.evaluate(
    async ([p, i]) => {
      const res = await (globalThis as unknown as Win).fetch(p, {
        method: i.method ?? 'GET',
        headers: {
          accept: 'application/json',
          ...(i.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: i.body === undefined ? undefined : JSON.stringify(i.body),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    [path, init] as const,
  );

/** The text of an element, whitespace collapsed. */
export async function text(page: Page, selector: string): Promise<string> {
  const t = await page.locator(selector).first().textContent({ timeout: WAIT });
  return (t ?? '').replace(/\s+/g, ' ').trim();
}

/** Selects what a field holds and types over it. */
export async function typeOver(page: Page, value: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
}

/** Types multi-line text into a textarea (Enter makes the new line). */
export async function typeLines(page: Page, value: string): Promise<void> {
  const lines = value.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await page.keyboard.press('Enter');
    if (lines[i]) await page.keyboard.type(lines[i]!);
  }
}

/**
 * A date at least `days` ahead whose day and month are the same number, at 14:00 local time.
 * Chromium lays out its date-time field in the browser's own locale (Debian's package ships only
 * en-US: month/day/year and a 12-hour clock; with its language packs, Danish: day.month.year, 24
 * hours). Day = month and an afternoon hour read the same in either layout.
 */
export function unambiguousDateAfter(days: number): Date {
  const d = new Date(Date.now() + days * 24 * 3600_000);
  for (;;) {
    if (d.getDate() === d.getMonth() + 1) break;
    d.setDate(d.getDate() + 1);
  }
  d.setHours(14, 0, 0, 0);
  return d;
}

/**
 * Types a date and time into a focused `datetime-local` input, part by part as a person does:
 * day and month (equal, see above), the year (it takes up to six digits, so Tab moves on), then
 * the hour and minutes (after 12 the field sets PM itself). Returns the value the input should hold.
 */
export async function typeDateTime(page: Page, d: Date): Promise<string> {
  if (d.getDate() !== d.getMonth() + 1 || d.getHours() <= 12) throw new Error('use unambiguousDateAfter()');
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  await page.keyboard.type(`${p(d.getDate())}${p(d.getMonth() + 1)}${p(d.getFullYear(), 4)}`);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`${p(d.getHours())}${p(d.getMinutes())}`);
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Signs in on the open sign-in form by keyboard; returns when the app has moved on. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await tabTo(page, '#login-email');
  await typeOver(page, email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: WAIT });
  await waitForFocus(page, 'main h1');
  await waitForLoad(page);
}

/** A message from the client's own dictionaries, so a test reads what a user would see. */
export function tr(lang: Lang, key: MessageKey, params?: Record<string, unknown>): string {
  const m = (lang === 'da' ? da : en)[key] as string | ((p: unknown) => string);
  return typeof m === 'function' ? m(params) : m;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { _errors?: string[] })._errors ?? [];
}

/** A suffix that makes slugs and e-mail addresses unique within and across runs. */
export const unique = (): string => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/**
 * Chooses a file with the keyboard: the focused element must be a file input, and Enter must
 * activate it (the click that opens the system's picker). The file is then set on that input as
 * the picker would. Playwright's `filechooser` event is not used: its interception is switched on
 * asynchronously and a press that comes first opens the real (headless, cancelled) picker instead.
 */
export async function pickFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const focused = page.locator('input[type=file]:focus');
  expect(await focused.count(), `a file input has focus (focus: ${await describeFocus(page)})`).toBe(1);
  const mark = unique();
  await focused.evaluate((el, m) => {
    el.setAttribute('data-picking', m);
    el.addEventListener('click', () => el.setAttribute('data-activated', m), { once: true });
  }, mark);
  const input = page.locator(`input[type=file][data-picking="${mark}"]`);
  await page.keyboard.press('Enter');
  await page.locator(`input[type=file][data-activated="${mark}"]`).waitFor({ state: 'attached' });
  await input.setInputFiles(file);
}
