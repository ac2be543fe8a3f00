import type { Results } from '../../server/modules/rankings/rankings.schemas.ts';
import type { Scenario } from '../../server/modules/scenarios/scenarios.schemas.ts';
import type { OwnBallot } from '../../server/modules/ballots/ballots.schemas.ts';
import type { Win } from './dom.ts';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  ANALYST,
  api,
  apiLogin,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  PARTICIPANT,
  secretLinkTo,
  signIn,
  tabTo,
  text,
  tr,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
  waitForText,
} from './browser.ts';

// Scenario debate and ranking (issue #5): register, comment, reply, support, rank by keyboard and
// by drag, read the results — by keyboard only (except the drag test), in Danish and English.

const NEMID = 'naeste-generation-af-nemid';

const b = useBrowser();

/** The confirmation token from the newest mail to `to`, read from the recipient's mailbox (issue 10 item 1). */
async function tokenFromOutbox(_admin: BrowserContext, to: string): Promise<string> {
  const link = await secretLinkTo(to, '/confirm');
  return link.slice(link.indexOf('#token=') + '#token='.length);
}

async function scenarios(context: BrowserContext): Promise<{ id: string; key: string }[]> {
  return (await api<Scenario[]>(context, 'GET', `/api/consultations/${NEMID}/scenarios`)).body;
}

describe.each(journeyLangs('da'))('debate (%s)', (lang: Lang) => {
  let admin: BrowserContext;
  let other: BrowserContext;
  const otherEmail = `debate-${lang}-${unique()}@example.dk`;
  const otherPassword = 'a long enough password';
  let s1 = '';
  let pid = '';
  let otherCommentId = '';

  beforeAll(async () => {
    admin = (await b.newPage(lang)).context;
    await apiLogin(admin, ADMIN);
    other = (await b.newPage(lang)).context;
    s1 = (await scenarios(admin)).find((s) => s.key === 'S1')!.id;
    const sc = await api<Scenario>(admin, 'GET', `/api/scenarios/${s1}`);
    pid = sc.body.paragraphs.da[0]!.id;
  });
  afterAll(async () => {
    await admin?.close();
    await other?.close();
  });

  it('registers by keyboard, reads the mail and confirms the address', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, '/login');
      await tabTo(page, '#login-register a');
      await page.keyboard.press('Enter');
      await waitForPage(page, '/register');
      await expectNoA11yViolations(page, 'register');
      await tabTo(page, '#register-email');
      await page.keyboard.type(otherEmail);
      await page.keyboard.press('Tab');
      await page.keyboard.type(`Anden deltager ${lang}`);
      await page.keyboard.press('Tab');
      await page.keyboard.type(otherPassword);
      await page.keyboard.press('Tab');
      await page.keyboard.type(otherPassword);
      await tabTo(page, '#register-submit');
      await page.keyboard.press('Enter');
      await waitForFocus(page, 'main h1#register-sent');
      expect(await text(page, 'main h1')).toBe(tr(lang, 'register.sentTitle'));
      await expectNoA11yViolations(page, 'register: check your e-mail');

      const token = await tokenFromOutbox(admin, otherEmail);
      await page.goto(`/confirm#token=${token}`);
      await waitForText(page, 'main h1', tr(lang, 'confirm.doneTitle'));
      expect(new URL(page.url()).hash).toBe('');
      await expectNoA11yViolations(page, 'confirmed');

      // The new participant writes a comment on paragraph 1 of S1 (set-up through the API).
      await apiLogin(other, { email: otherEmail, password: otherPassword });
      const c = await api<{ id: string }>(
        other,
        'POST',
        `/api/scenarios/${s1}/comments`,
        { body: `Kommentar fra den anden deltager (${lang})`, paragraphId: pid },
        { 'idempotency-key': `e2e-${unique()}` },
      );
      expect(c.status).toBe(201);
      otherCommentId = c.body.id;
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('comments on a paragraph, supports and replies by keyboard', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, `/login?next=${encodeURIComponent(`/scenarios/${s1}`)}`);
      await signIn(page, PARTICIPANT.email, PARTICIPANT.password);
      const toggle = `#comments-toggle-${pid}`;
      expect(await page.getAttribute(toggle, 'aria-expanded')).toBe('false');
      await tabTo(page, toggle);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`#comments-${pid}:not([hidden]) #comment-${otherCommentId}`);
      expect(await page.getAttribute(toggle, 'aria-expanded')).toBe('true');
      expect(await page.getAttribute(toggle, 'aria-controls')).toBe(`comments-${pid}`);
      await expectNoA11yViolations(page, 'paragraph thread open');

      // Support the other participant's comment.
      const support = `#support-${otherCommentId}`;
      expect(await page.getAttribute(support, 'aria-pressed')).toBe('false');
      await tabTo(page, support);
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'comments.supported', { count: 1 }));
      expect(await page.getAttribute(support, 'aria-pressed')).toBe('true');

      // Reply to it.
      await tabTo(page, `#reply-${otherCommentId}`);
      await page.keyboard.press('Enter');
      await waitForFocus(page, `#reply-${otherCommentId}-body`);
      await page.keyboard.type(`Et svar (${lang})`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'comments.replied'));
      await waitForFocus(page, '.sr-comment-reply');
      expect(await text(page, `#comment-${otherCommentId} .sr-replies .sr-comment-body`)).toBe(`Et svar (${lang})`);

      // A comment of one's own on the paragraph.
      await tabTo(page, `#comment-new-${pid}`);
      await page.keyboard.type(`Min kommentar til afsnittet (${lang})`);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'comments.posted'));
      const focused = await page.evaluate(() => (globalThis as unknown as Win).document.activeElement!.id);
      expect(focused).toMatch(/^comment-/);
      expect(await text(page, `#${focused} .sr-comment-body`)).toBe(`Min kommentar til afsnittet (${lang})`);
      expect(await text(page, toggle)).toContain(tr(lang, 'comments.countButton', { count: 3 }).split(' ')[1]!);
      await expectNoA11yViolations(page, 'after commenting');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('ranks by keyboard only, saves, and finds the ballot again after a reload', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, `/login?next=${encodeURIComponent(`/consultations/${NEMID}/ranking`)}`);
      await signIn(page, PARTICIPANT.email, PARTICIPANT.password);
      await api(context, 'DELETE', `/api/consultations/${NEMID}/ballot`);
      await open(page, `/consultations/${NEMID}/ranking`);
      if (await page.locator('#segment-form').count()) {
        await expectNoA11yViolations(page, 'segment question');
        await tabTo(page, 'input[name="actingAs"]');
        await page.keyboard.press('Space');
        await tabTo(page, '#segment-submit');
        await page.keyboard.press('Enter');
        await waitForFocus(page, '#ballot-heading');
      }
      await page.waitForSelector('#ballot-unranked li[data-key="S4"]');
      await expectNoA11yViolations(page, 'empty ballot');

      await tabTo(page, '#ballot-S2-up');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S2', rank: 1 }));
      await tabTo(page, '#ballot-S1-up');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S1', rank: 2 }));
      await waitForFocus(page, '#ballot-S1-up');
      await tabTo(page, '#ballot-S1-up');
      await page.keyboard.press('Enter');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S1', rank: 1 }));
      await tabTo(page, '#ballot-S2-tie');
      await page.keyboard.press('Space');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTied', { key: 'S2', others: 'S1', rank: 1 }));
      // The rank select: from "Not ranked" one step up is the last rank.
      await tabTo(page, '#ballot-S3-rank');
      await page.keyboard.press('ArrowUp');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S3', rank: 2 }));
      expect(await text(page, '#ballot-state')).toBe(tr(lang, 'ballot.unsaved'));
      await expectNoA11yViolations(page, 'ballot being edited');

      await tabTo(page, '#ballot-save');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => !!(globalThis as unknown as Win).document.querySelector('#ballot-state .icon-svg'),
        undefined,
      );
      const saved = await api<OwnBallot>(context, 'GET', `/api/consultations/${NEMID}/ballot`);
      const keyOf = new Map((await scenarios(context)).map((s) => [s.id, s.key]));
      expect(saved.body.ranks.map((r) => `${keyOf.get(r.scenarioId)}:${r.rank}`).sort()).toEqual([
        'S1:1',
        'S2:1',
        'S3:2',
      ]);

      await page.reload();
      await page.waitForSelector('#ballot-ranked li[data-key="S3"]');
      expect(
        await page.locator('#ballot-ranked li').evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))),
      ).toEqual(['S1', 'S2', 'S3']);
      expect(await page.isChecked('#ballot-S2-tie')).toBe(true);
      expect(
        await page.locator('#ballot-unranked li').evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))),
      ).toEqual(['S4']);
      await expectNoA11yViolations(page, 'saved ballot');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('ranks by drag and drop with the mouse', async () => {
    // Tall enough for source and target to be in view together: a drag does not survive scrolling.
    const { context, page } = await b.newPage(lang, { width: 1280, height: 1600 });
    try {
      await open(page, `/login?next=${encodeURIComponent(`/consultations/${NEMID}/ranking`)}`);
      await signIn(page, PARTICIPANT.email, PARTICIPANT.password);
      await page.waitForSelector('#ballot-unranked li[data-key="S4"]');
      await page.dragAndDrop('#ballot-unranked li[data-key="S4"] .sr-drag-handle', '#ballot-ranked li[data-key="S1"]');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedTo', { key: 'S4', rank: 1 }));
      expect(
        await page.locator('#ballot-ranked li').evaluateAll((els) => els.map((e) => e.getAttribute('data-key'))),
      ).toEqual(['S4', 'S1', 'S2', 'S3']);
      await page.dragAndDrop('#ballot-ranked li[data-key="S3"] .sr-drag-handle', '#ballot-unranked');
      await waitForAnnouncement(page, tr(lang, 'ballot.movedUnranked', { key: 'S3' }));
      await page.click('#ballot-save');
      await page.waitForFunction(
        () => !!(globalThis as unknown as Win).document.querySelector('#ballot-state .icon-svg'),
      );
      const saved = await api<OwnBallot>(context, 'GET', `/api/consultations/${NEMID}/ballot`);
      expect(saved.body.ranks).toHaveLength(3);
      await expectNoA11yViolations(page, 'ballot after drag');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows the results to staff, and to everyone once an admin publishes them', async () => {
    await api(admin, 'POST', `/api/consultations/${NEMID}/results/unpublish`);
    const anon = await b.newPage(lang);
    const staff = await b.newPage(lang);
    try {
      await open(anon.page, `/consultations/${NEMID}/results`);
      await anon.page.waitForSelector('#results-not-published');
      expect(await anon.page.locator('#results-first').count()).toBe(0);
      await expectNoA11yViolations(anon.page, 'results not published');

      await open(staff.page, `/login?next=${encodeURIComponent(`/consultations/${NEMID}/results`)}`);
      await signIn(staff.page, ANALYST.email, ANALYST.password);
      await staff.page.waitForSelector('#results-first caption');
      expect(await text(staff.page, '#results-published')).toBe(tr(lang, 'results.notPublishedStaff'));
      expect(await staff.page.locator('#results-publish').count()).toBe(0);
      expect(await staff.page.locator('#results-pairwise tbody tr').count()).toBe(4);
      await expectNoA11yViolations(staff.page, 'results as analyst');

      // The admin publishes, by keyboard.
      const { context, page } = await b.newPage(lang);
      try {
        await open(page, `/login?next=${encodeURIComponent(`/consultations/${NEMID}/results`)}`);
        await signIn(page, ADMIN.email, ADMIN.password);
        await tabTo(page, '#results-publish');
        await page.keyboard.press('Enter');
        // Fewer rankings than RESULTS_MIN_SEGMENT: the admin confirms first (issue #10 item 7).
        const few = (await api<Results>(context, 'GET', `/api/consultations/${NEMID}/results`)).body;
        if (few.ballotCount < few.minSegmentSize) {
          await waitForFocus(page, '#results-confirm-small');
          await page.keyboard.press('Enter');
        }
        await waitForAnnouncement(page, tr(lang, 'results.publishedDone'));
        await waitForFocus(page, '#results-unpublish');
        await expectNoA11yViolations(page, 'results as admin');
      } finally {
        await context.close();
      }

      await open(anon.page, `/consultations/${NEMID}/results`);
      await anon.page.waitForSelector('#results-first caption');
      expect(await text(anon.page, '#results-first caption')).toBe(tr(lang, 'results.firstCaption'));
      expect(await anon.page.locator('#results-stability th[scope="row"]').count()).toBe(4);
      expect(await anon.page.locator('#results-schulze li').count()).toBeGreaterThan(0);
      await tabTo(anon.page, '#results-segment');
      await anon.page.keyboard.press('ArrowDown');
      await anon.page.waitForFunction(
        () => new URL((globalThis as unknown as Win).location.href).searchParams.get('segment') === 'citizen',
      );
      await expectNoA11yViolations(anon.page, 'published results, anonymous');
      expect(pageErrors(anon.page)).toEqual([]);
    } finally {
      await anon.context.close();
      await staff.context.close();
    }
  });
});
