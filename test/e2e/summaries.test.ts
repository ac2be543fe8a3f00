import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage } from '../../client/src/api/inbox.ts';
import type { ThemeSummary } from '../../client/src/api/summaries.ts';
import {
  activate,
  ADMIN,
  ANALYST,
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
import type { Win } from './dom.ts';

// Issue 14 story 5, keyboard only, in Danish and English, with axe-core: an analyst opens the theme
// summaries from the analysis navigation, sees the theme's coverage and single voice, writes a
// sentence in both languages citing the coded passage (picked from the theme's passages), chooses
// the agency's answer with its reason, and saves; the passage is then cited and no longer a single voice.

const b = useBrowser();

describe.each(journeyLangs('da'))('theme summaries (%s)', (lang: Lang) => {
  let page: Page;
  let context: BrowserContext;
  let cid = '';
  let tagId = '';
  let codingId = '';
  const u = unique();
  const body = `Borgere uden smartphone skal kunne logge på ${u}. Resten er ligegyldigt.`;
  const quote = `Borgere uden smartphone skal kunne logge på ${u}.`;

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Opsummering ${u}`, en: `Summary ${u}` } },
    });
    cid = made.consultation.id;
    const { context: visitor } = await b.newPage(lang);
    const receipt = await b.f.newResponse(visitor, made.consultation.slug, {
      name: `Respondent ${lang} ${u}`,
      email: `summary-${lang}-${u}@example.dk`,
      body,
    });
    const tag = await api<{ id: string }>(root, 'POST', `/api/consultations/${cid}/codebook/tags`, {
      name: { da: `Adgang ${u}`, en: `Access ${u}` },
    });
    expect(tag.status).toBe(201);
    tagId = tag.body.id;
    const coding = await api<{ id: string }>(root, 'POST', `/api/consultations/${cid}/codings`, {
      tagId,
      itemKind: 'response',
      itemId: receipt.id,
      field: 'body',
      startOffset: 0,
      endOffset: Array.from(quote).length,
    });
    expect(coding.status, JSON.stringify(coding.body)).toBe(201);
    codingId = coding.body.id;
    // The passage's source (sender, date) comes from the inbox's index: wait until it lists the response.
    for (let i = 0; ; i++) {
      const r = await api<InboxPage>(root, 'GET', `/api/consultations/${cid}/inbox`);
      if (r.status === 200 && r.body.items.length === 1) break;
      if (i > 150) throw new Error(`the inbox never listed the response (status ${r.status})`);
      await new Promise((res) => setTimeout(res, 200));
    }
    await root.close();
    await visitor.close();
    ({ context, page } = await b.newPage(lang));
    await apiLogin(context, ANALYST);
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  it('an analyst writes a summary citing a coded passage, with the agency’s answer', async () => {
    await open(page, `/admin/consultations/${cid}/inbox`);
    await activate(page, '#analysis-nav-summaries', { max: 120 });
    await waitForPage(page, `/admin/consultations/${cid}/theme-summaries`);
    expect(await text(page, '#summaries-table')).toContain(tr(lang, 'summaries.status.none'));
    expect(await text(page, `#single-voices-${tagId}`)).toBe('1');
    await expectNoA11yViolations(page, `theme summaries (${lang})`);

    await activate(page, `#summary-link-${tagId}`);
    await waitForPage(page, `/admin/consultations/${cid}/theme-summaries/${tagId}`);
    expect(await text(page, '#voices-list')).toContain(quote);
    await expectNoA11yViolations(page, `summary editor (${lang})`);

    await activate(page, '#sentence-add');
    await waitForFocus(page, '#sentence-0-da');
    await page.keyboard.type('Borgere uden smartphone skal kunne logge på selv.');
    await tabTo(page, '#sentence-0-en');
    await page.keyboard.type('Citizens without a smartphone must be able to log in on their own.');
    // The picker: the search field takes focus; Tab to the passage's checkbox, Space ticks it.
    await activate(page, '#cite-0');
    await waitForFocus(page, '#picker-search');
    await page.keyboard.type(u);
    await page.waitForFunction(() => !!(globalThis as unknown as Win).document.querySelector('#pick-0'));
    await tabTo(page, '#pick-0');
    await page.keyboard.press('Space');
    expect(await text(page, '#cit-0-0')).toContain(quote);
    await expectNoA11yViolations(page, `citation picker (${lang})`);
    await activate(page, '#picker-done');
    await waitForFocus(page, '#cite-0');

    // The answer: Tab into the radio group, the arrow key moves from the first to "partly".
    await tabTo(page, '#answer-accommodated');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await waitForFocus(page, '#answer-partly');
    await tabTo(page, '#reason-da');
    await page.keyboard.type('Kodeviseren bevares.');
    await tabTo(page, '#reason-en');
    await page.keyboard.type('The code display stays.');
    await activate(page, '#summary-save');
    await waitForAnnouncement(page, tr(lang, 'summary.saved', { version: 1 }));
    await waitForFocus(page, '#summary-flash');
    expect(await text(page, '#voices-none')).toBe(tr(lang, 'summary.singleVoicesNone'));
    await expectNoA11yViolations(page, `summary saved (${lang})`);

    const saved = await api<ThemeSummary>(context, 'GET', `/api/consultations/${cid}/theme-summaries/${tagId}`);
    expect(saved.body).toMatchObject({ version: 1, status: 'draft', answer: 'partly' });
    expect(saved.body.answerReason).toEqual({ da: 'Kodeviseren bevares.', en: 'The code display stays.' });
    expect(saved.body.sentences.map((s) => s.citations.map((c) => c.codingId))).toEqual([[codingId]]);
    expect(saved.body.coverage).toMatchObject({ passages: 1, citedPassages: 1, passagePercent: 100, singleVoices: 0 });
  });
});
