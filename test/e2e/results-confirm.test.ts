import type { Results } from '../../server/modules/rankings/rankings.schemas.ts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  expectNoA11yViolations,
  LANGS,
  launch,
  newPage,
  open,
  pageErrors,
  text,
  tr,
  waitForFocus,
} from './browser.ts';
import { ADMIN, api, apiLogin, createDebate, createParticipant, signedInContext } from './debate-fixtures.ts';

// Issue #10 item 7: publishing results from fewer rankings than RESULTS_MIN_SEGMENT asks the
// admin to confirm first, by keyboard, in both languages.

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each(LANGS)('publishing few results (%s)', (lang) => {
  it('asks for confirmation; Cancel keeps them unpublished, "Publish anyway" publishes', async () => {
    const admin = await signedInContext(browser, lang, ADMIN);
    const debate = await createDebate(admin, 'few');
    const voter = await createParticipant(admin, lang, 'Eneste');
    const vctx = await signedInContext(browser, lang, voter);
    const ballot = await api(vctx, 'PUT', `/api/consultations/${debate.id}/ballot`, {
      ranks: debate.scenarios.map((s, k) => ({ scenarioId: s.id, rank: k + 1 })),
    });
    expect(ballot.status, JSON.stringify(ballot.body)).toBe(201);
    await vctx.close();

    const { context, page } = await newPage(browser, lang);
    await apiLogin(context, ADMIN);
    await open(page, `/consultations/${debate.slug}/results`);
    await page.waitForSelector('#results-publish');

    await activate(page, '#results-publish');
    await waitForFocus(page, '#results-confirm-small');
    expect(await text(page, '#results-confirm-small-text')).toBe(
      tr(lang, 'results.confirmSmall', { count: 1, min: 5 }),
    );
    await expectNoA11yViolations(page, 'results: confirm publishing few rankings');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // Cancel
    await waitForFocus(page, '#results-publish');
    expect(await page.$('#results-confirm-small')).toBeNull();
    expect((await api<Results>(context, 'GET', `/api/consultations/${debate.id}/results`)).body.publishedAt).toBeNull();

    await page.keyboard.press('Enter'); // Publish, again
    await waitForFocus(page, '#results-confirm-small');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '#results-unpublish');
    expect(
      (await api<Results>(context, 'GET', `/api/consultations/${debate.id}/results`)).body.publishedAt,
    ).not.toBeNull();
    expect(pageErrors(page)).toEqual([]);
    await context.close();
    await admin.close();
  }, 120_000);
});
