import { describe, expect, it } from 'vitest';
import { expectNoA11yViolations, type Lang, journeyLangs, open, pageErrors, tr, useBrowser } from './browser.ts';

// Issue 10 item 13: the demo is a living hearing, and the past hearings look past: no invitation
// to respond or rank on them, the concluded one's results published for everyone.

const NEMID = 'naeste-generation-af-nemid';
const PAST = ['digital-post-til-virksomheder', 'faelles-login-kommunal-selvbetjening'];
const CONCLUDED = 'faelles-login-kommunal-selvbetjening';

const b = useBrowser();

describe.each(journeyLangs('da'))('demo data (%s)', (lang: Lang) => {
  it('the open hearing invites responses and rankings and shows published responses', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, `/consultations/${NEMID}`);
      expect(await page.locator('#respond-link').count()).toBe(1);
      expect(await page.locator('#consultation-rank-link').count()).toBe(1);
      await open(page, `/consultations/${NEMID}/responses`);
      await page.waitForSelector('.sr-response-heading');
      expect(await page.locator('.sr-response-heading').count()).toBeGreaterThan(5);
      await expectNoA11yViolations(page, 'published demo responses');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it.each(PAST)('%s invites neither a response nor a ranking', async (slug) => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, `/consultations/${slug}`);
      await page.waitForSelector('#consultation-results-link');
      expect(await page.locator('#respond-link').count()).toBe(0);
      expect(await page.locator('#consultation-rank-link').count()).toBe(0);
      await expectNoA11yViolations(page, `past hearing ${slug}`);
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the concluded hearing shows its published results to a visitor', async () => {
    const { context, page } = await b.newPage(lang);
    try {
      await open(page, `/consultations/${CONCLUDED}/results`);
      await page.waitForSelector('#results-first caption');
      expect((await page.textContent('#results-first caption'))?.trim()).toBe(tr(lang, 'results.firstCaption'));
      expect(await page.locator('#results-not-published').count()).toBe(0);
      await expectNoA11yViolations(page, 'concluded results');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
