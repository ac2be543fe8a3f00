import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxPage } from '../../client/src/api/inbox.ts';
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
  typeOver,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
  waitForText,
} from './browser.ts';

// The item page of the analysis workspace (issue 11 stories 2, 4 and 6), keyboard only, in Danish
// and English, with axe-core on each state: an analyst opens a response from a filtered inbox view
// (the breadcrumbs lead back to the same view), codes a passage without the mouse (focus the text,
// move the caret word by word, extend the selection, open the tag picker with `c`, search a tag by
// name, choose a stance, write a note, confirm), finds it highlighted with its numbered marker and
// in the list of codings, changes its tag, removes it, codes a word by mouse, and marks the response analysed.

const b = useBrowser();

describe.each(journeyLangs('da'))('analysis item (%s)', (lang: Lang) => {
  let page: Page;
  let context: BrowserContext;
  let consultationId = '';
  let itemId = '';
  let editToken = '';
  const u = unique();
  const body = lang === 'da' ? 'Vi er imod vindmøller ved kysten.' : 'We object to turbines by the coast.';
  // Ctrl+Right from the start this many times, then Shift+Ctrl+Right twice: the passage (whole words).
  const skip = lang === 'da' ? 2 : 1;
  const quote = lang === 'da' ? 'imod vindmøller' : 'object to';
  const first = { da: `Natur ${u}`, en: `Nature ${u}` };
  const second = { da: `Økonomi ${u}`, en: `Economy ${u}` };
  const inbox = () => `/admin/consultations/${consultationId}/inbox`;

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Kodningsprøve ${u}`, en: `Coding trial ${u}` } },
    });
    consultationId = made.consultation.id;
    const { context: visitor } = await b.newPage(lang);
    const receipt = await b.f.newResponse(visitor, made.consultation.slug, {
      name: `Respondent ${lang} ${u}`,
      email: `item-${lang}-${u}@example.dk`,
      body,
    });
    expect(receipt.editToken).toBeTruthy();
    editToken = receipt.editToken!;
    for (const name of [first, second]) {
      const r = await api(root, 'POST', `/api/consultations/${consultationId}/codebook/tags`, { name });
      expect(r.status).toBe(201);
    }
    for (let i = 0; ; i++) {
      const r = await api<InboxPage>(root, 'GET', `/api/consultations/${consultationId}/inbox`);
      if (r.status === 200 && r.body.items.length === 1) {
        itemId = r.body.items[0]!.id;
        break;
      }
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

  it('opens the item from a filtered inbox view, and leads back to the same view', async () => {
    await open(page, `${inbox()}?kind=response`);
    await activate(page, '#inbox-item-0-link');
    await waitForPage(page, `${inbox()}/response/${itemId}`);
    expect(await text(page, 'main h1')).toBe(
      tr(lang, 'item.heading', { kind: tr(lang, 'inbox.kind.response'), author: `Respondent ${lang} ${u}` }),
    );
    const back = await page.getAttribute(`.breadcrumbs a[href^="${inbox()}"]`, 'href');
    expect(back).toBe(`${inbox()}?kind=response`);
    expect(await text(page, '#item-author')).toContain(`item-${lang}-${u}@example.dk`);
    expect(await text(page, '#item-text-0-block')).toBe(body);
    expect(await text(page, '#item-codings-empty')).toBe(tr(lang, 'item.codings.none'));
    await expectNoA11yViolations(page, `item (${lang})`);
  });

  it('codes a passage by keyboard only: caret, selection, tag picker with search, stance and note', async () => {
    await tabTo(page, '#item-text-0-block');
    await page.keyboard.press('Home');
    for (let i = 0; i < skip; i++) await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Shift+Control+ArrowRight');
    await page.keyboard.press('Shift+Control+ArrowRight');
    expect(await text(page, '#item-text-0-block .sr-selected')).toBe(quote);
    await page.keyboard.press('c');
    await waitForFocus(page, '#item-picker-tag');
    expect(await text(page, '.sr-picker-target')).toBe(tr(lang, 'item.picker.quote', { quote }));
    await expectNoA11yViolations(page, `tag picker (${lang})`);

    await page.keyboard.type(first[lang].slice(0, 4));
    expect(await page.getAttribute('#item-picker-tag', 'aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    await waitForText(page, '#item-picker-chosen', tr(lang, 'item.picker.chosen', { path: first[lang] }));
    await tabTo(page, '#item-picker-stance-none');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#item-picker-stance-against')).toBe(true);
    await tabTo(page, '#item-picker-note');
    await page.keyboard.type(lang === 'da' ? 'Kystens natur' : 'The coast’s nature');
    await activate(page, '#item-picker-confirm');

    await waitForAnnouncement(page, tr(lang, 'item.coded', { tag: first[lang] }));
    await waitForFocus(page, '#item-text-0-block');
    expect(await text(page, '#item-text-0-block mark')).toBe(quote);
    expect(await text(page, '#item-text-0-block .sr-coding-marker')).toBe('[1]');
    expect(await text(page, '#item-text-0-block')).toBe(body.replace(quote, `${quote}[1]`));
    const card = await text(page, '#item-codings li');
    expect(card).toContain(`[1] ${first[lang]}`);
    expect(card).toContain(quote);
    expect(card).toContain(tr(lang, 'inbox.stance.against'));
    await expectNoA11yViolations(page, `item, coded (${lang})`);
  });

  it('changes the coding’s tag, removes it, codes a word by mouse, and marks the item analysed', async () => {
    const id = await page.getAttribute('#item-codings li', 'data-coding');
    await activate(page, `#item-coding-${id}-change`);
    await waitForFocus(page, '#item-picker-tag');
    await typeOver(page, second[lang].slice(0, 3));
    await page.keyboard.press('Enter');
    await waitForText(page, '#item-picker-chosen', tr(lang, 'item.picker.chosen', { path: second[lang] }));
    await activate(page, '#item-picker-confirm');
    await waitForAnnouncement(page, tr(lang, 'item.changed', { tag: second[lang] }));
    await waitForFocus(page, `#item-coding-${id}-change`);
    expect(await text(page, '#item-codings li h3')).toBe(`[1] ${second[lang]}`);
    expect(await text(page, '#item-text-0-block mark')).toBe(quote);

    await activate(page, `#item-coding-${id}-remove`);
    await waitForAnnouncement(page, tr(lang, 'item.removed', { tag: second[lang] }));
    await waitForText(page, '#item-codings-empty', tr(lang, 'item.codings.none'));
    expect(await page.locator('#item-text-0-block mark').count()).toBe(0);

    // The same by mouse: drag across a word, the button, then the picker's list.
    const word = lang === 'da' ? 'kysten' : 'coast';
    const at = await page.evaluate((w: string) => {
      type Node = { nodeType: number; textContent: string | null };
      type Doc = {
        querySelectorAll(s: string): { childNodes: Node[] }[];
        createRange(): {
          setStart(n: Node, o: number): void;
          setEnd(n: Node, o: number): void;
          getBoundingClientRect(): { left: number; right: number; top: number; bottom: number };
        };
      };
      const doc = (globalThis as unknown as { document: Doc }).document;
      const node = [...doc.querySelectorAll('#item-text-0-block [data-start]')]
        .flatMap((run) => [...run.childNodes])
        .find((n) => n.nodeType === 3 && n.textContent!.includes(w))!;
      const from = node.textContent!.indexOf(w);
      const range = doc.createRange();
      range.setStart(node, from);
      range.setEnd(node, from + w.length);
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right, y: (r.top + r.bottom) / 2 };
    }, word);
    await page.mouse.move(at.left + 2, at.y);
    await page.mouse.down();
    await page.mouse.move(at.right - 2, at.y, { steps: 5 });
    await page.mouse.up();
    await page.click('#item-code-selection-0');
    await waitForFocus(page, '#item-picker-tag');
    expect(await text(page, '.sr-picker-target')).toBe(tr(lang, 'item.picker.quote', { quote: word }));
    await page.click('#item-picker-tag');
    await page.click(`#item-picker-list li[data-tag]:has-text("${first[lang]}")`);
    await waitForText(page, '#item-picker-chosen', tr(lang, 'item.picker.chosen', { path: first[lang] }));
    await page.click('#item-picker-confirm');
    await waitForAnnouncement(page, tr(lang, 'item.coded', { tag: first[lang] }));
    expect(await text(page, '#item-text-0-block mark')).toBe(word);
    expect(await text(page, '#item-codings li h3')).toBe(`[1] ${first[lang]}`);

    await activate(page, '#item-analysed', { back: true });
    await waitForText(page, '#item-status', tr(lang, 'inbox.status.analysed'));
    await expectNoA11yViolations(page, `item, analysed (${lang})`);
  });

  it('shows the version a coding was made on once the respondent has edited the response', async () => {
    const { context: visitor } = await b.newPage(lang);
    const edited = await api(visitor, 'PUT', `/api/responses/by-token/${editToken}`, {
      respondent: { name: `Respondent ${lang} ${u}`, email: `item-${lang}-${u}@example.dk`, actingAs: 'citizen' },
      consent: 'public_named',
      body: lang === 'da' ? 'Vi har skiftet mening om kysten.' : 'We changed our minds about the coast.',
      version: 1,
    });
    await visitor.close();
    expect(edited.status).toBe(200);
    await open(page, `${inbox()}/response/${itemId}`);
    expect(await text(page, '#item-versions-heading')).toBe(tr(lang, 'item.versions.heading', { count: 1 }));
    await tabTo(page, '#item-version-1 summary', { max: 200 });
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      Boolean(
        (
          globalThis as unknown as { document: { querySelector(s: string): { open: boolean } | null } }
        ).document.querySelector('#item-version-1')?.open,
      ),
    );
    expect(await text(page, '#item-version-1 .sr-item-version-text')).toBe(body);
    await expectNoA11yViolations(page, `item with an earlier version (${lang})`);
  });
});
