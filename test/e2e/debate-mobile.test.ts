import type { OwnBallot } from '../../server/modules/ballots/ballots.schemas.ts';
import type { Win } from './dom.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  api,
  baseUrl,
  describeFocus,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  signIn,
  tabTo,
  text,
  tr,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
} from './browser.ts';
import type { Debate, Participant } from '../helpers/factory.ts';

// The debate pages on a small phone (WCAG 1.4.10 Reflow: 320 CSS px, no sideways scrolling of the
// page, every control reachable by keyboard and shown whole), and ranking by touch drag.

const b = useBrowser();

const PHONE = { width: 320, height: 640 };

// What breaks a narrow layout is text without spaces: a long compound, an address, a display name
// typed as an e-mail address. Participants write those; titles are the agency's plain Danish.
const LONG_WORD = 'Borgerinddragelsesplatformsmoderniseringsudviklingsprojektsstyregruppen';
const LONG_URL =
  'https://www.example.dk/hoeringer/naeste-generation/bilag/tekniske-krav-til-identifikationsloesningen.pdf';
const LONG_NAME = 'kirsten.moeller-hansen@kommunalforvaltningen-i-nordjylland.dk';
const SCENARIOS = [
  ['Fællesoffentlig identifikationsløsning', 'Public-sector-wide identification'],
  [
    'Markedsbaseret identifikationsløsning med certificerede leverandører',
    'Market-based identification with certified suppliers',
  ],
  ['Kommunalt forankret selvbetjeningsløsning', 'Municipally anchored self-service'],
  ['Hybridløsning', 'Hybrid solution'],
].map(([da, en], i) => ({
  key: `S${i + 1}`,
  title: { da: da!, en: en! },
  description: {
    da: `Afsnit et om ${LONG_WORD} og mere tekst.\n\nAfsnit to med et link: ${LONG_URL}\n\nAfsnit tre.`,
    en: `Paragraph one about ${LONG_WORD} and more text.\n\nParagraph two with a link: ${LONG_URL}\n\nParagraph three.`,
  },
}));

/**
 * No sideways scrolling of the page itself (WCAG 1.4.10); wide tables scroll in their own region.
 * On failure, names the innermost elements that stick out.
 */
async function expectNoSideScroll(page: Page, label: string): Promise<void> {
  const { scrollWidth, clientWidth, out } = await page.evaluate(() => {
    const doc = (globalThis as unknown as Win).document;
    const vw = doc.scrollingElement.clientWidth as number;
    const sticking = [...doc.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().right > vw + 0.5);
    const innermost = sticking.filter((el) => !sticking.some((o) => o !== el && el.contains(o)));
    return {
      scrollWidth: doc.scrollingElement.scrollWidth as number,
      clientWidth: vw,
      out: innermost.slice(0, 8).map((el) => {
        const r = el.getBoundingClientRect();
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.className).trim().replace(/\s+/g, '.')} [${Math.round(r.left)}, ${Math.round(r.right)}]`;
      }),
    };
  });
  expect(
    scrollWidth,
    `${label}: page ${scrollWidth} px wide in a ${clientWidth} px window: ${out.join('; ')}`,
  ).toBeLessThanOrEqual(clientWidth);
}

type Stop = { id: string; what: string; left: number; right: number; width: number; height: number; vw: number };

/**
 * Goes back to the skip link, skips to the content and presses Tab through all of <main>, as a keyboard user would: returns
 * every control reached with where it is drawn (a box's own label for a styled checkbox or radio).
 */
async function tabThroughMain(page: Page): Promise<Stop[]> {
  await tabTo(page, 'a.skipnav', { back: true, max: 400 });
  await page.keyboard.press('Enter');
  await waitForFocus(page, 'main#main-content');
  const stops: Stop[] = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const doc = (globalThis as unknown as Win).document;
      const el = doc.activeElement;
      if (!el || !el.closest('main')) return null;
      const box =
        el.matches('input[type="checkbox"], input[type="radio"]') && el.id
          ? (doc.querySelector(`label[for="${el.id}"]`) ?? el)
          : el;
      const r = box.getBoundingClientRect();
      const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 30)}"`;
      return {
        id: el.id as string,
        what,
        left: r.left as number,
        right: r.right as number,
        width: r.width as number,
        height: r.height as number,
        vw: doc.scrollingElement.clientWidth as number,
      };
    });
    if (!stop) break;
    stops.push(stop);
  }
  expect(stops.length, `no control reached in main (focus: ${await describeFocus(page)})`).toBeGreaterThan(0);
  return stops;
}

/** Every control Tab reached is drawn whole inside the window's width. */
function expectAllShown(stops: Stop[], label: string): void {
  const clipped = stops.filter((s) => s.width < 1 || s.height < 1 || s.left < -0.5 || s.right > s.vw + 0.5);
  expect(
    clipped.map((s) => `${s.what} [${Math.round(s.left)}, ${Math.round(s.right)}] of ${s.vw}`),
    `${label}: controls outside the window`,
  ).toEqual([]);
}

describe.each(journeyLangs('en'))('debate pages on a phone (%s)', (lang: Lang) => {
  let admin: BrowserContext;
  let debate: Debate;
  let viewer: Participant;
  let commentId = '';

  beforeAll(async () => {
    admin = await b.signedIn(lang, ADMIN);
    debate = await b.f.newDebate(admin, `phone-${lang}`, {
      scenarios: SCENARIOS,
      title: {
        da: 'Høring om næste generation af den fællesoffentlige identifikationsløsning',
        en: 'Consultation on the next generation of the public-sector identification solution',
      },
    });
    const s1 = debate.scenarios[0]!;
    // Comments with long words, a reply and a comment on the whole scenario, by someone else.
    const writer = await b.f.newParticipant(admin, lang, 'Skribent', LONG_NAME);
    const writerCtx = await b.signedIn(lang, writer);
    commentId = (
      await b.f.newComment(writerCtx, s1.id, `${LONG_WORD} bør nævnes. Se ${LONG_URL}`, {
        paragraphId: s1.paragraphs[0]!,
      })
    ).id;
    await b.f.newComment(writerCtx, s1.id, `Et svar om ${LONG_WORD}`, { parentId: commentId });
    await b.f.newComment(writerCtx, s1.id, `Om hele scenariet: ${LONG_URL}`);
    await writerCtx.close();
    // Rankings in three segments, published, so the results have every table.
    const segments = ['citizen', 'business', 'ngo'] as const;
    for (const [i, actingAs] of segments.entries()) {
      const voter = await b.f.newParticipant(admin, lang, `Vælger ${i}`);
      const ctx = await b.signedIn(lang, voter);
      expect((await api(ctx, 'PATCH', '/api/me/profile', { actingAs })).status).toBe(200);
      const order = [debate.scenarios[i]!, ...debate.scenarios.filter((_, j) => j !== i)];
      const ballot = await api(ctx, 'PUT', `/api/consultations/${debate.id}/ballot`, {
        ranks: order.map((s, k) => ({ scenarioId: s.id, rank: k + 1 })),
      });
      expect(ballot.status, JSON.stringify(ballot.body)).toBe(201);
      await ctx.close();
    }
    const published = await api(admin, 'POST', `/api/consultations/${debate.id}/results/publish`, {
      confirmSmall: true,
    });
    expect(published.status).toBe(200);
    // The one who looks at the pages: a participant who has chosen a segment, with no ranking yet.
    viewer = await b.f.newParticipant(admin, lang, 'Telefon');
    const vctx = await b.signedIn(lang, viewer);
    expect((await api(vctx, 'PATCH', '/api/me/profile', { actingAs: 'citizen' })).status).toBe(200);
    await vctx.close();
  });
  afterAll(async () => {
    await admin?.close();
  });

  it('shows a scenario with its comments 320 px wide: no sideways scrolling, every control reachable', async () => {
    const s1 = debate.scenarios[0]!;
    const pid = s1.paragraphs[0]!;
    const { context, page } = await b.newPage(lang, PHONE);
    try {
      await open(page, `/login?next=${encodeURIComponent(`/scenarios/${s1.id}`)}`);
      await signIn(page, viewer.email, viewer.password);
      await expectNoSideScroll(page, 'scenario');
      await tabTo(page, `#comments-toggle-${pid}`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#comments-${pid}:not([hidden]) #comment-${commentId}`);
      await tabTo(page, `#reply-${commentId}`);
      await page.keyboard.press('Enter');
      await waitForFocus(page, `#reply-${commentId}-body`);
      await expectNoSideScroll(page, 'scenario, thread and reply form open');

      const stops = await tabThroughMain(page);
      expectAllShown(stops, 'scenario');
      const ids = new Set(stops.map((s) => s.id));
      for (const id of [
        `comments-toggle-${pid}`,
        `support-${commentId}`,
        `reply-${commentId}-body`,
        `comment-new-${pid}`,
        'comment-new-scenario',
      ]) {
        expect(ids.has(id), `${id} reachable by Tab`).toBe(true);
      }
      await expectNoA11yViolations(page, 'scenario with comments at 320 px');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('ranks 320 px wide by keyboard: no sideways scrolling, every control reachable', async () => {
    const { context, page } = await b.newPage(lang, PHONE);
    try {
      await open(page, `/login?next=${encodeURIComponent(`/consultations/${debate.slug}/ranking`)}`);
      await signIn(page, viewer.email, viewer.password);
      await page.waitForSelector('#ballot-unranked li[data-key="S4"]');
      await expectNoSideScroll(page, 'empty ballot');
      await tabTo(page, '#ballot-S3-up');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S3', rank: 1 }));
      await tabTo(page, '#ballot-S1-up');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S1', rank: 2 }));
      await expectNoSideScroll(page, 'ballot being edited');

      const stops = await tabThroughMain(page);
      expectAllShown(stops, 'ranking');
      const ids = new Set(stops.map((s) => s.id));
      for (const id of [
        'ballot-S3-down',
        'ballot-S3-rank',
        'ballot-S1-up',
        'ballot-S1-down',
        'ballot-S1-rank',
        'ballot-S1-tie',
        'ballot-S2-up',
        'ballot-S2-rank',
        'ballot-S4-up',
        'ballot-S4-rank',
        'ballot-save',
        'ranking-results-link',
      ]) {
        expect(ids.has(id), `${id} reachable by Tab`).toBe(true);
      }
      await expectNoA11yViolations(page, 'ranking at 320 px');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the results 320 px wide: tables scroll in their own region, by keyboard too', async () => {
    const { context, page } = await b.newPage(lang, PHONE);
    try {
      await open(page, `/consultations/${debate.slug}/results`);
      await page.waitForSelector('#results-stability');
      expect(await text(page, '#results-ballot-count')).toBe(tr(lang, 'results.ballotCount', { count: 3 }));
      await expectNoSideScroll(page, 'results');
      const stops = await tabThroughMain(page);
      expectAllShown(stops, 'results');
      const ids = new Set(stops.map((s) => s.id));
      for (const id of ['results-segment', 'results-csv', 'results-json']) {
        expect(ids.has(id), `${id} reachable by Tab`).toBe(true);
      }
      // Each table's scrolling region is a Tab stop; a table wider than the phone scrolls with the arrows.
      const regions = await page.locator('.sr-table-scroll[role="region"]').count();
      expect(stops.filter((s) => s.what.startsWith('div')).length).toBe(regions);
      const wide = await page.evaluate(() =>
        [...(globalThis as unknown as Win).document.querySelectorAll('.sr-table-scroll')]
          .filter((r) => r.scrollWidth > r.clientWidth)
          .map((r) => r.querySelector('table')!.id),
      );
      expect(wide.length, 'some table is wider than 320 px').toBeGreaterThan(0);
      const region = `.sr-table-scroll:has(#${wide[0]})`;
      await tabTo(page, region, { back: true });
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        (sel) => (globalThis as unknown as Win).document.querySelector(sel)!.scrollLeft > 0,
        region,
      );
      await expectNoSideScroll(page, 'results, table scrolled');
      await expectNoA11yViolations(page, 'results at 320 px');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('ranks by dragging with a finger (touch events, as a phone sends them)', async () => {
    // Tall enough for the handle and the place it goes to be on screen together: the drag does not
    // scroll the page (see the report on autoscrolling).
    const context = await b.browser.newContext({
      baseURL: baseUrl(),
      viewport: { width: 390, height: 1800 },
      hasTouch: true,
      isMobile: true,
      locale: lang === 'da' ? 'da-DK' : 'en-GB',
    });
    context.setDefaultTimeout(30_000);
    await context.addInitScript((l) => (globalThis as unknown as Win).localStorage.setItem('samraad.locale', l), lang);
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      const participant = await b.f.newParticipant(admin, lang, 'Finger');
      const me = await context.request.post('/api/auth/login', {
        data: { email: participant.email, password: participant.password },
        headers: { origin: baseUrl() },
      });
      expect(me.status()).toBe(200);
      await api(context, 'PATCH', '/api/me/profile', { actingAs: 'other' });
      await open(page, `/consultations/${debate.slug}/ranking`);
      await page.waitForSelector('#ballot-unranked li[data-key="S4"]');
      expect(await page.evaluate(() => (globalThis as unknown as Win).matchMedia('(pointer: coarse)').matches)).toBe(
        true,
      );

      const cdp = await context.newCDPSession(page);
      /** The middle of an element, or a point just above its bottom edge (the end of a list). */
      const point = async (selector: string, where: 'centre' | 'bottom' = 'centre') => {
        const box = (await page.locator(selector).boundingBox())!;
        return { x: box.x + box.width / 2, y: where === 'centre' ? box.y + box.height / 2 : box.y + box.height - 4 };
      };
      /** A finger down on `from`, moved in steps, lifted on `to` (or cancelled by the system). */
      const drag = async (
        from: string,
        to: string,
        opts: { at?: 'centre' | 'bottom'; end?: 'touchEnd' | 'touchCancel' } = {},
      ) => {
        const a = await point(from);
        const b = await point(to, opts.at);
        const end = opts.end ?? 'touchEnd';
        await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ ...a, id: 1 }] });
        for (let i = 1; i <= 8; i++) {
          const p = { x: a.x + ((b.x - a.x) * i) / 8, y: a.y + ((b.y - a.y) * i) / 8 };
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ ...p, id: 1 }] });
        }
        await cdp.send('Input.dispatchTouchEvent', { type: end, touchPoints: [] });
      };
      const order = (list: string) =>
        page.locator(`${list} li`).evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));

      // Into the empty ranked list, onto a ranked scenario (it takes that place), to the list's end.
      await drag('#ballot-unranked li[data-key="S2"] .sr-drag-handle', '#ballot-ranked');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S2', rank: 1 }));
      await drag('#ballot-unranked li[data-key="S4"] .sr-drag-handle', '#ballot-ranked li[data-key="S2"]');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S4', rank: 1 }));
      await drag('#ballot-unranked li[data-key="S1"] .sr-drag-handle', '#ballot-ranked', { at: 'bottom' });
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S1', rank: 3 }));
      expect(await order('#ballot-ranked')).toEqual(['S4', 'S2', 'S1']);
      // And back out to "Not ranked".
      await drag('#ballot-ranked li[data-key="S2"] .sr-drag-handle', '#ballot-unranked li[data-key="S3"]');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedUnranked', { key: 'S2' }));
      expect(await order('#ballot-ranked')).toEqual(['S4', 'S1']);

      // A drag the system cancels (an incoming call, a gesture) changes nothing and leaves no trace.
      await drag('#ballot-ranked li[data-key="S1"] .sr-drag-handle', '#ballot-ranked li[data-key="S4"]', {
        end: 'touchCancel',
      });
      expect(await order('#ballot-ranked')).toEqual(['S4', 'S1']);
      expect(await page.locator('.sr-dragging, .sr-drop-target').count()).toBe(0);

      await page.locator('#ballot-save').tap();
      await page.waitForSelector('#ballot-state .icon-svg');
      const saved = await api<OwnBallot>(context, 'GET', `/api/consultations/${debate.id}/ballot`);
      const key = new Map(debate.scenarios.map((s) => [s.id, s.key]));
      expect(saved.body.ranks.map((r) => `${key.get(r.scenarioId)}:${r.rank}`)).toEqual(['S4:1', 'S1:2']);
      await expectNoA11yViolations(page, 'ballot after touch drags');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
