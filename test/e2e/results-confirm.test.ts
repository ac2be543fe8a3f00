import type { Results } from '../../server/modules/rankings/rankings.schemas.ts';
import { describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  api,
  apiLogin,
  expectNoA11yViolations,
  journeyLangs,
  open,
  pageErrors,
  text,
  tr,
  useBrowser,
  waitForFocus,
} from './browser.ts';

// Issue #10 item 7: publishing results from fewer rankings than RESULTS_MIN_SEGMENT asks the
// admin to confirm first, by keyboard, in both languages.

const b = useBrowser();

describe.each(journeyLangs('da'))('publishing few results (%s)', (lang) => {
  it('asks for confirmation; Cancel keeps them unpublished, "Publish anyway" publishes', async () => {
    const admin = await b.signedIn(lang, ADMIN);
    const debate = await b.f.newDebate(admin, 'few');
    const voter = await b.f.newParticipant(admin, lang, 'Eneste');
    const vctx = await b.signedIn(lang, voter);
    const ballot = await api(vctx, 'PUT', `/api/consultations/${debate.id}/ballot`, {
      ranks: debate.scenarios.map((s, k) => ({ scenarioId: s.id, rank: k + 1 })),
    });
    expect(ballot.status, JSON.stringify(ballot.body)).toBe(201);
    await vctx.close();

    const { context, page } = await b.newPage(lang);
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
