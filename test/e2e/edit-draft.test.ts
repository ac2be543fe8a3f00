import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  tabTo,
  text,
  tr,
  typeOver,
  unique,
  useBrowser,
  waitForFocus,
  waitForLoad,
} from './browser.ts';

// Issue 9 item 4: the edit page shares the respond page's autosave. Unsaved edits survive a
// reload (restored with a notice and a way to discard them), keyed by the response's id: the
// edit token itself is never stored in the browser.

const OPEN = 'naeste-generation-af-nemid';

const b = useBrowser();

async function sendResponse(ctx: BrowserContext, body: string): Promise<{ id: string; editToken: string }> {
  const sent = await b.f.newResponse(ctx, OPEN, { name: `Draft ${body}`, email: `draft-${unique()}@example.dk`, body });
  return { id: sent.id, editToken: sent.editToken ?? '' };
}

const stored = (page: Page) =>
  page.evaluate(() =>
    // The browser's localStorage (this file is typed for Node): its entries are the stored drafts.
    Object.entries((globalThis as unknown as { localStorage: Record<string, string> }).localStorage).filter(([k]) =>
      k.startsWith('samraad.editDraft.'),
    ),
  );

describe.each(journeyLangs('da'))('the edit page keeps unsaved edits (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  const u = unique();

  beforeAll(async () => {
    ({ context, page } = await b.newPage(lang));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('restores them after a reload, then discards them on request', async () => {
    const { id, editToken } = await sendResponse(context, `Original ${u}`);
    await open(page, `/responses/edit#token=${editToken}`);
    await activate(page, '#edit-button');
    await waitForFocus(page, '#edit-form-heading');
    await tabTo(page, '#resp-body');
    await typeOver(page, `Unsaved ${u}`);
    // Leaving the page saves at once (pagehide), whatever the autosave delay.
    await page.reload();
    await waitForLoad(page);
    expect(await text(page, '#edit-draft-restored')).toContain(tr(lang, 'edit.discardDraft'));
    expect(await page.inputValue('#resp-body')).toBe(`Unsaved ${u}`);
    const drafts = await stored(page);
    expect(drafts.map(([k]) => k)).toEqual([`samraad.editDraft.${id}`]);
    expect(drafts[0]![1]).not.toContain(editToken);
    await expectNoA11yViolations(page, 'edit page with restored unsaved edits');

    await tabTo(page, '#edit-discard-draft');
    await activate(page, '#edit-discard-draft');
    await waitForFocus(page, '#edit-button');
    // Focus put on a button by the page leaves it in the Tab order.
    expect(await page.getAttribute('#edit-button', 'tabindex')).toBeNull();
    expect(await stored(page)).toEqual([]);
    expect(await text(page, '#edit-body')).toBe(`Original ${u}`);
    await page.reload();
    await waitForLoad(page);
    expect(await page.locator('#edit-draft-restored').count()).toBe(0);
    expect(await page.locator('#edit-form').count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it('saves restored edits as the new version and forgets the draft', async () => {
    const { editToken } = await sendResponse(context, `Second ${u}`);
    await page.goto('about:blank');
    await open(page, `/responses/edit#token=${editToken}`);
    await activate(page, '#edit-button');
    await waitForFocus(page, '#edit-form-heading');
    await tabTo(page, '#resp-body');
    await typeOver(page, `Kept ${u}`);
    await page.reload();
    await waitForLoad(page);
    expect(await page.inputValue('#resp-body')).toBe(`Kept ${u}`);
    await activate(page, '#edit-save');
    await waitForFocus(page, '#edit-receipt');
    expect(await text(page, '#edit-body')).toBe(`Kept ${u}`);
    expect(await stored(page)).toEqual([]);
    await expectNoA11yViolations(page, 'edit page after saving restored edits');
    expect(pageErrors(page)).toEqual([]);
  });
});
