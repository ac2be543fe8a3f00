import type { Receipt } from '../../server/modules/responses/responses.schemas.ts';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import type { CspViolation, El, Win } from './dom.ts';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  AXE_TAGS,
  api,
  baseUrl,
  expectNoA11yViolations,
  fitsWidth,
  journeyLangs,
  open,
  pageErrors,
  tabTo,
  tr,
  unique,
  useBrowser,
  waitForLoad,
  waitForPage,
  waitForText,
} from './browser.ts';
import type { Participant } from '../helpers/factory.ts';

// Issue 10, the public side's findings (items 15, 18, 19, 22): each in both languages, by keyboard,
// with axe.

const b = useBrowser();

/** Collects what the page's content security policy blocked, from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as Win;
    w.__csp = [];
    w.document.addEventListener('securitypolicyviolation', (e: CspViolation) =>
      w.__csp.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return () => page.evaluate(() => (globalThis as unknown as Win).__csp as string[]);
}

describe('API docs (item 19)', () => {
  for (const lang of journeyLangs('en')) {
    it(`${lang}: the footer leads to branded, accessible docs that lead back`, async () => {
      const { context, page } = await b.newPage(lang);
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
        const axe = await new AxeBuilder({ page }).withTags(AXE_TAGS).setLegacyMode().analyze();
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

// ── Fixtures for the scenario, comparison, search and small-ones checks ─────────────────────────

type World = {
  slug: string;
  s1: { id: string; paragraphs: string[] };
  s2: { id: string };
  commentId: string;
  fan: Participant;
  longName: Participant;
};
let world: World;

async function buildWorld(): Promise<World> {
  const admin = await b.signedIn('da', ADMIN);
  const slug = `public-ui-${unique()}`;
  const now = Date.now();
  const c = await api<Consultation>(admin, 'POST', '/api/consultations', {
    slug,
    title: { da: `Offentlig side ${slug}`, en: `Public side ${slug}` },
    summary: { da: 'Til browsertestene.', en: 'For the browser tests.' },
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + 14 * 86_400_000).toISOString(),
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const scenario = async (key: string, da: string, en: string) => {
    const r = await api<Scenario>(admin, 'POST', `/api/consultations/${c.body.id}/scenarios`, {
      key,
      title: { da: `Scenarie ${key}`, en: `Scenario ${key}` },
      summary: { da: `Resumé af ${key}.`, en: `Summary of ${key}.` },
      description: { da, en },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const full = await api<Scenario>(admin, 'GET', `/api/scenarios/${r.body.id}`);
    return { id: r.body.id as string, paragraphs: (full.body.paragraphs.da as { id: string }[]).map((p) => p.id) };
  };
  const table = '| Hvornår | Hvad |\n| --- | --- |\n| Nu | Høring |';
  const s1 = await scenario(
    'S1',
    `## Overblik\n\nAfsnit et om staten.\n\n${table}\n\nAfsnit tre om kommunerne.`,
    `## Overview\n\nParagraph one about the state.\n\n${table}\n\nParagraph three about the municipalities.`,
  );
  const s2 = await scenario('S2', 'Kun ét afsnit.', 'Only one paragraph.');
  const q = await api<{ id: string }>(admin, 'POST', `/api/consultations/${c.body.id}/questions`, {
    kind: 'scenario_scale',
    required: false,
    prompt: { da: 'Hvor godt er scenariet?', en: 'How good is the scenario?' },
  });
  expect(q.status, JSON.stringify(q.body)).toBe(201);
  expect((await api(admin, 'POST', `/api/consultations/${c.body.id}/transition`, { to: 'open' })).status).toBe(200);
  for (const [body, rating] of [
    ['Vindmøller ved kysten er det vigtigste.', { [s1.id]: 5 }],
    ['Intet om energi, kun om cykelstier.', { [s2.id]: 2 }],
  ] as const) {
    const r = await api<Receipt>(admin, 'POST', `/api/consultations/${c.body.id}/responses`, {
      respondent: { name: 'Karen Jensen', email: `karen-${unique()}@example.dk`, actingAs: 'citizen' },
      consent: 'public_named',
      body,
      answers: [{ questionId: q.body.id, value: rating }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const ok = await api(admin, 'POST', `/api/responses/${r.body.id}/publication`, { decision: 'approve' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  }
  const author = await b.f.newParticipant(admin, 'da', 'Forfatter');
  const fan = await b.f.newParticipant(admin, 'da', 'Tilhænger');
  const longName = await b.f.newParticipant(
    admin,
    'en',
    'Lang',
    'kirsten.moeller-hansen@kommunalforvaltningen-i-nordjylland.dk',
  );
  const authorCtx = await b.signedIn('da', author);
  const commentId = (await b.f.newComment(authorCtx, s1.id, 'Godt afsnit.', { paragraphId: s1.paragraphs[1]! })).id;
  const fanCtx = await b.signedIn('da', fan);
  expect((await api(fanCtx, 'PUT', `/api/comments/${commentId}/support`)).status).toBe(200);
  await Promise.all([admin.close(), authorCtx.close(), fanCtx.close()]);
  return { slug, s1, s2, commentId, fan, longName };
}

/** Whether the element is painted (not hidden, not transparent). */
const shown = (page: Page, selector: string): Promise<boolean> =>
  page.evaluate((sel) => {
    const el = (globalThis as unknown as Win).document.querySelector(sel);
    if (!el) return false;
    const s = (globalThis as unknown as Win).getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0 && el.offsetHeight > 0;
  }, selector);

describe('public side (items 15, 18, 22)', () => {
  beforeAll(async () => {
    world = await buildWorld();
  });

  for (const lang of journeyLangs('en')) {
    it(`${lang}: a scenario shows counts only where there are comments, ruled tables, and supports to visitors`, async () => {
      const { context, page } = await b.newPage(lang);
      try {
        await open(page, `/scenarios/${world.s1.id}`);
        const [heading, one, tableP, three] = world.s1.paragraphs;
        // No affordance under the heading; the paragraph with a comment says so; the rest are quiet.
        expect(await page.locator(`#comments-toggle-${heading}`).count()).toBe(0);
        await expect(page.locator(`#comments-toggle-${one}`).textContent()).resolves.toContain(
          tr(lang, 'comments.countButton', { count: 1 }),
        );
        expect(await shown(page, `#comments-toggle-${one}`)).toBe(true);
        expect(await shown(page, `#comments-toggle-${three}`)).toBe(false);
        // The table is ruled with the design tokens' border.
        const border = await page.evaluate(
          (pid) =>
            (globalThis as unknown as Win).getComputedStyle(
              (globalThis as unknown as Win).document.querySelector(`[id="${pid}"] td`),
            ).borderTopStyle,
          tableP!,
        );
        expect(border).toBe('solid');
        await expectNoA11yViolations(page, `scenario (${lang})`);
        // A quiet "Comment" shows when reached by keyboard, and opens the paragraph's comments.
        await tabTo(page, `#comments-toggle-${three}`);
        expect(await shown(page, `#comments-toggle-${three}`)).toBe(true);
        await expect(page.locator(`#comments-toggle-${three}`).textContent()).resolves.toContain(
          tr(lang, 'comments.commentParagraph'),
        );
        await page.keyboard.press('Enter');
        await expect(page.locator(`#comments-toggle-${three}`).getAttribute('aria-expanded')).resolves.toBe('true');
        // A visitor sees how many support the comment.
        await page.locator(`#comments-toggle-${one}`).focus();
        await page.keyboard.press('Enter');
        await waitForText(page, `#comments-${one} .sr-support-count`, tr(lang, 'comments.supportCount', { count: 1 }));
        await expectNoA11yViolations(page, `scenario with comments open (${lang})`);
        expect(pageErrors(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });

    it(`${lang}: the support button reads "${tr(lang, 'comments.support')} (1)" and names its count`, async () => {
      const context = await b.signedIn(lang, world.fan);
      const page = await context.newPage();
      try {
        await open(page, `/scenarios/${world.s1.id}#comment-${world.commentId}`);
        const button = page.locator(`#support-${world.commentId}`);
        await button.waitFor();
        await expect(button.ariaSnapshot()).resolves.toContain(
          `button "${tr(lang, 'comments.support')} (${tr(lang, 'comments.supportCount', { count: 1 })})"`,
        );
        const visible = await button.evaluate((b: El) =>
          [...b.childNodes]
            .filter((n) => n.nodeType === 3 || (n.nodeType === 1 && !n.classList.contains('sr-only')))
            .map((n) => n.textContent)
            .join('')
            .replace(/\s+/g, ' ')
            .trim(),
        );
        expect(visible).toBe(`${tr(lang, 'comments.support')} (1)`);
      } finally {
        await context.close();
      }
    });

    it(`${lang}: the consultation links to a side-by-side comparison of its scenarios`, async () => {
      const { context, page } = await b.newPage(lang);
      try {
        await open(page, `/consultations/${world.slug}`);
        await activate(page, '#consultation-compare-link', { max: 120 });
        await waitForPage(page, `/consultations/${world.slug}/compare`);
        await expect(page.locator('main h1').textContent()).resolves.toBe(tr(lang, 'compare.title'));
        const cols = await page
          .locator('.sr-compare-table thead th[data-key]')
          .evaluateAll((ths) => ths.map((th: El) => th.dataset.key));
        expect(cols).toEqual(['S1', 'S2']);
        const ratings = await page.locator('.sr-compare-rating td .sr-compare-mean').allTextContents();
        expect(ratings.map((s) => s.replace(/\s+/g, ' ').trim())).toEqual([
          tr(lang, 'compare.mean', { mean: '5', count: 1 }),
          tr(lang, 'compare.mean', { mean: '2', count: 1 }),
        ]);
        await waitForText(page, '#compare-rank-pending', tr(lang, 'compare.rankPending'));
        await expectNoA11yViolations(page, `comparison (${lang})`);
      } finally {
        await context.close();
      }
    });

    it(`${lang}: the search stands in the address, with scenario and sort, and Back restores it`, async () => {
      const { context, page } = await b.newPage(lang);
      try {
        const path = `/consultations/${world.slug}/responses`;
        await open(page, path);
        await tabTo(page, '#published-q');
        await page.keyboard.type('vindmøller');
        await page.selectOption('#published-scenario', 'S1');
        await page.selectOption('#published-sort', 'relevance');
        await page.locator('#published-submit').focus();
        await page.keyboard.press('Enter');
        await page.waitForURL((u) => u.search === '?q=vindm%C3%B8ller&scenario=S1&sort=relevance');
        await waitForText(page, '#published-count', tr(lang, 'common.shown', { shown: 1, more: false }));
        await expectNoA11yViolations(page, `search (${lang})`);
        // A shared link opens the same search.
        const shared = page.url();
        const other = await context.newPage();
        await open(other, shared.replace(baseUrl(), ''));
        await expect(other.locator('#published-q').inputValue()).resolves.toBe('vindmøller');
        await expect(other.locator('#published-scenario').inputValue()).resolves.toBe('S1');
        await waitForText(other, '#published-count', tr(lang, 'common.shown', { shown: 1, more: false }));
        // A new search, then Back: the first search's form and list come back.
        await page.locator('#published-q').fill('');
        await page.selectOption('#published-scenario', '');
        await page.locator('#published-submit').click();
        await page.waitForURL((u) => u.search === '');
        await waitForText(page, '#published-count', tr(lang, 'common.shown', { shown: 2, more: false }));
        await page.goBack();
        await page.waitForURL((u) => u.search.includes('scenario=S1'));
        await waitForText(page, '#published-count', tr(lang, 'common.shown', { shown: 1, more: false }));
        await expect(page.locator('#published-q').inputValue()).resolves.toBe('vindmøller');
        // Attachment names have no list bullet drawn over them.
        const bullet = await page.evaluate(() => {
          const doc = (globalThis as unknown as Win).document;
          const ul = doc.createElement('ul');
          ul.className = 'sr-file-list';
          ul.innerHTML = '<li><a href="#x">fil.pdf</a></li>';
          doc.querySelector('main')!.append(ul);
          return (globalThis as unknown as Win).getComputedStyle(ul.firstElementChild, '::before').content;
        });
        expect(bullet).toBe('none');
      } finally {
        await context.close();
      }
    });

    it(`${lang}: an anonymous visit logs no failed request; a long name wraps at 320 px; "rank last" points down`, async () => {
      const { context, page } = await b.newPage(lang, { width: 320, height: 640 });
      const failures: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
      });
      page.on('console', (m) => {
        if (m.type() === 'error') failures.push(m.text());
      });
      try {
        await open(page, '/');
        await open(page, `/consultations/${world.slug}`);
        expect(failures).toEqual([]);
      } finally {
        await context.close();
      }
      const signed = await b.signedIn(lang, world.longName);
      // The segment question comes before the ballot; answered here, as it is not under test.
      expect((await api(signed, 'PATCH', '/api/me/profile', { actingAs: 'citizen' })).status).toBe(200);
      const p = await signed.newPage();
      try {
        await p.setViewportSize({ width: 320, height: 640 });
        await open(p, '/profile');
        expect(await fitsWidth(p), 'the profile page scrolls sideways at 320 px').toBe(true);
        await open(p, `/consultations/${world.slug}/ranking`);
        expect(await p.locator('#ballot-S1-up svg.sr-icon-down').count()).toBe(1);
        expect(await p.locator('#ballot-S1-up svg.sr-icon-up').count()).toBe(0);
      } finally {
        await signed.close();
      }
    });
  }
});
