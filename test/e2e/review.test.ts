import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Debate } from '../helpers/factory.ts';
import {
  activate,
  ADMIN,
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
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
} from './browser.ts';

// Issue 14 stories 1, 3 and 4, keyboard only, in Danish and English, with axe-core: a reviewer
// invited for an authority finds the consultation under "My reviews" and signs off S1 with a
// condition; the admin closes the round and records the decision with its evidence; a visitor sees
// the decision on the consultation's page. On the way (story 2) the reviewer reads S1's scorecard and
// the comparison of every scenario.

const b = useBrowser();

describe.each(journeyLangs('en'))('review and decision (%s)', (lang: Lang) => {
  let reviewer: { context: BrowserContext; page: Page };
  let admin: { context: BrowserContext; page: Page };
  let debate: Debate;
  let roundId = '';
  const u = unique();
  const who = { email: `reviewer-${u}@samraad.test`, password: `pw-${u}-long-enough` };

  beforeAll(async () => {
    const setup = await b.signedIn(lang, ADMIN);
    debate = await b.f.newDebate(setup, `review-${lang}`);
    const account = await api(setup, 'POST', '/api/accounts', {
      email: who.email,
      displayName: `Rikke ${u}`,
      password: who.password,
      roles: ['participant'],
      locale: lang,
    });
    expect(account.status).toBe(201);
    const invite = await api(setup, 'POST', `/api/consultations/${debate.id}/reviewers`, {
      email: who.email,
      authority: 'Finansministeriet',
    });
    expect(invite.status).toBe(201);
    const dueAt = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const round = await api<{ id: string }>(setup, 'POST', `/api/consultations/${debate.id}/review-rounds`, { dueAt });
    expect(round.status).toBe(201);
    roundId = round.body.id;
    await setup.close();
    reviewer = await b.newPage(lang);
    await apiLogin(reviewer.context, who);
    admin = await b.newPage(lang);
    await apiLogin(admin.context, ADMIN);
  });
  afterAll(async () => {
    expect(pageErrors(reviewer.page)).toEqual([]);
    expect(pageErrors(admin.page)).toEqual([]);
    await reviewer.context?.close();
    await admin.context?.close();
  });

  it('a reviewer finds the round under "My reviews" and signs off a scenario with a condition', async () => {
    const { page } = reviewer;
    const s1 = debate.scenarios[0]!;
    await open(page, '/reviews');
    expect(await text(page, 'main h1')).toBe(tr(lang, 'reviews.mine.title'));
    await expectNoA11yViolations(page, `my reviews (${lang})`);
    await activate(page, `#my-round-${roundId}`);
    await waitForPage(page, `/reviews/${debate.id}/rounds/${roundId}`);
    await expectNoA11yViolations(page, `review round (${lang})`);

    // The radio group: Tab into it, the arrow key moves to "supports with conditions".
    await tabTo(page, `#pos-${s1.id}-supports`, { max: 120 });
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await waitForFocus(page, `#pos-${s1.id}-supports_with_conditions`);
    // Saving without a condition is refused in place, focus on the condition.
    await tabTo(page, `#save-${s1.id}`);
    await page.keyboard.press('Enter');
    await waitForFocus(page, `#cond-${s1.id}-0`);
    expect(await text(page, `#conds-${s1.id}-error`)).toContain(tr(lang, 'reviews.errors.conditions'));
    await page.keyboard.type('Kodeviseren bevares');
    await activate(page, `#cond-add-${s1.id}`);
    await waitForFocus(page, `#cond-${s1.id}-1`);
    await page.keyboard.type('Åbne standarder');
    await tabTo(page, `#note-${s1.id}`);
    await page.keyboard.type('Vigtigt for **kommunerne**.');
    await activate(page, `#save-${s1.id}`);
    await waitForAnnouncement(page, tr(lang, 'reviews.saved', { key: 'S1', revision: 1 }));
    await expectNoA11yViolations(page, `position saved (${lang})`);

    const detail = await api<{ reviews: { position: string; conditions: string[] }[] }>(
      reviewer.context,
      'GET',
      `/api/consultations/${debate.id}/review-rounds/${roundId}`,
    );
    expect(detail.body.reviews).toEqual([
      expect.objectContaining({
        position: 'supports_with_conditions',
        conditions: ['Kodeviseren bevares', 'Åbne standarder'],
      }),
    ]);
  });

  it('the reviewer opens the scenario scorecard, then the comparison of every scenario (story 2)', async () => {
    const { page } = reviewer;
    const s1 = debate.scenarios[0]!;
    await activate(page, '#scorecard-link-S1', { back: true, max: 200 });
    await waitForPage(page, `/reviews/${debate.id}/scorecard/${s1.id}`);
    expect(await text(page, 'main h1')).toContain(tr(lang, 'scorecard.title', { key: 'S1' }));
    expect(await text(page, '#sc-positions')).toContain(tr(lang, 'reviews.position.supports_with_conditions'));
    expect(await text(page, '#sc-ranking')).toContain(tr(lang, 'scorecard.segment.all'));
    await expectNoA11yViolations(page, `scorecard (${lang})`);
    await activate(page, '#sc-compare-link', { back: true, max: 60 });
    await waitForPage(page, `/reviews/${debate.id}/scorecard`);
    expect(await text(page, 'main h1')).toBe(tr(lang, 'scorecard.compareTitle'));
    // S1's row: one position, "supports with conditions".
    expect(await text(page, '#cmp-table tbody tr:first-child')).toContain('0 / 1 / 0');
    await expectNoA11yViolations(page, `scorecard comparison (${lang})`);
  });

  it('the admin closes the round and records the decision citing the ranking; a visitor sees it', async () => {
    const { page } = admin;
    const [s1, s2] = debate.scenarios;
    await open(page, `/admin/consultations/${debate.id}`);
    await activate(page, '#admin-reviewers-link', { max: 120 });
    await waitForPage(page, `/admin/consultations/${debate.id}/reviewers`);
    expect(await text(page, '#reviewers-table')).toContain('Finansministeriet');
    await expectNoA11yViolations(page, `reviewers (${lang})`);
    await open(page, `/admin/consultations/${debate.id}`);
    await activate(page, '#admin-review-rounds-link', { max: 120 });
    await waitForPage(page, `/admin/consultations/${debate.id}/review-rounds`);
    await expectNoA11yViolations(page, `review rounds (${lang})`);
    await activate(page, '#round-positions-1');
    await waitForPage(page, `/reviews/${debate.id}/rounds/${roundId}`);
    await activate(page, '#round-close');
    await waitForFocus(page, '#round-flash');
    expect(await text(page, '#round-flash')).toContain(tr(lang, 'reviews.closed'));
    await expectNoA11yViolations(page, `positions per scenario and authority (${lang})`);
    await activate(page, '#round-decision');
    await waitForPage(page, `/admin/consultations/${debate.id}/review-rounds/${roundId}/decision`);
    await expectNoA11yViolations(page, `decision form (${lang})`);

    // Default outcome "shortlisted": S1 one up (selected), S2 one down (eliminated).
    await tabTo(page, `#outcome-${s1!.id}`, { max: 120 });
    await page.keyboard.press('ArrowUp');
    await tabTo(page, `#reasons-${s1!.id}`);
    await page.keyboard.type('Flest rangerer S1 først, og Finansministeriet støtter det.');
    await activate(page, `#ev-add-${s1!.id}`);
    await waitForFocus(page, `#ev-${s1!.id}-0-kind`);
    await tabTo(page, `#ev-${s1!.id}-0-ref`);
    await page.keyboard.type(`/consultations/${debate.slug}/results`);
    await tabTo(page, `#ev-${s1!.id}-0-label`);
    await page.keyboard.type('Rangordningen');
    await tabTo(page, `#outcome-${s2!.id}`);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, `#reasons-${s2!.id}`);
    await page.keyboard.type('Rangeret lavest.');
    await activate(page, '#decision-save');
    await waitForAnnouncement(page, tr(lang, 'decision.saved'));
    await expectNoA11yViolations(page, `decision recorded (${lang})`);

    const decision = await api<{ outcomes: { key: string; outcome: string; evidence: unknown[] }[] }>(
      admin.context,
      'GET',
      `/api/consultations/${debate.id}/review-rounds/${roundId}/decision`,
    );
    expect(decision.body.outcomes.map((o) => [o.key, o.outcome, o.evidence.length])).toEqual([
      ['S1', 'selected', 1],
      ['S2', 'eliminated', 0],
    ]);

    // The public page shows it once the hearing is past its open phase.
    for (const to of ['closed', 'analysis']) {
      expect((await api(admin.context, 'POST', `/api/consultations/${debate.id}/transition`, { to })).status).toBe(200);
    }
    const visitor = await b.newPage(lang);
    await open(visitor.page, `/consultations/${debate.slug}`);
    expect(await text(visitor.page, '#decision-heading')).toBe(tr(lang, 'decisionPublic.heading'));
    expect(await text(visitor.page, '#consultation-decision')).toContain('Flest rangerer S1 først');
    await expectNoA11yViolations(visitor.page, `public decision (${lang})`);
    await visitor.context.close();
  });
});
