import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenConsultation } from '../helpers/factory.ts';
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
  pickFile,
  tabTo,
  text,
  tr,
  typeOver,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
} from './browser.ts';

// The analyst's codebook (issue 11 story 3), keyboard only, in Danish and English, with axe-core on
// each state: add a theme and a sub-theme under it (with a scenario), edit it (first on a version a
// colleague has just changed: refused, explained, reloaded), move it to the top level and up before
// its old parent, archive the first theme and find it again among the archived; merge a tag into
// another after the confirmation that its codings move; an import refused with its row named.

const b = useBrowser();

/** The id of the tag whose heading has focus. */
const focusedTagId = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement;
    return (el?.id ?? '').replace(/^cb-tag-/, '');
  });

/** The top-level tags' names, in order. */
const themes = (page: Page): Promise<string[]> =>
  page
    .locator('#codebook-tree > li > .sr-codebook-tag [role=heading]')
    .evaluateAll((hs) => hs.map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim()));

describe.each(journeyLangs('da'))('analysis codebook (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  let made: OpenConsultation;
  const u = unique();
  const theme = { da: `Tillid ${u}`, en: `Trust ${u}` };
  const sub = { da: `Datasikkerhed ${u}`, en: `Data security ${u}` };
  const renamed = lang === 'da' ? `Sikkerhed for data ${u}` : `Security of data ${u}`;
  let themeId = '';
  let subId = '';

  beforeAll(async () => {
    const admin = await b.signedIn(lang, ADMIN);
    made = await b.f.newOpenConsultation(admin, {
      scenarios: [{ key: 'S1', title: { da: 'Scenarie med app', en: 'Scenario with an app' } }],
    });
    await admin.close();
    ({ context, page } = await b.newPage(lang));
    await apiLogin(context, ANALYST);
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  it('adds a theme and a sub-theme under it, by keyboard', async () => {
    await open(page, `/admin/consultations/${made.consultation.id}/codebook`);
    expect(await text(page, 'main .sr-empty')).toBe(tr(lang, 'codebook.empty'));
    await expectNoA11yViolations(page, `empty codebook (${lang})`);

    await activate(page, '#codebook-add');
    await waitForFocus(page, '#cbf-heading');
    // Saving without names: refused in place, the summary lists both.
    await activate(page, '#cbf-submit');
    await waitForFocus(page, '.sr-error-summary');
    await expectNoA11yViolations(page, `tag form with errors (${lang})`);
    await tabTo(page, '#cbf-name-da');
    await page.keyboard.type(theme.da);
    await tabTo(page, '#cbf-name-en');
    await page.keyboard.type(theme.en);
    await tabTo(page, '#cbf-definition');
    await page.keyboard.type(lang === 'da' ? 'Om tillid til løsningen.' : 'About trust in the solution.');
    await activate(page, '#cbf-submit');
    await waitForFocus(page, '[id^="cb-tag-"]');
    themeId = await focusedTagId(page);
    expect(await text(page, `#cb-tag-${themeId}`)).toBe(theme[lang]);
    await waitForAnnouncement(page, tr(lang, 'codebook.created', { name: theme[lang] }));

    await activate(page, `#cb-add-${themeId}`);
    await waitForFocus(page, '#cbf-heading');
    expect(await text(page, '#cbf-heading')).toBe(tr(lang, 'codebook.form.addUnder', { name: theme[lang] }));
    await tabTo(page, '#cbf-name-da');
    await page.keyboard.type(sub.da);
    await tabTo(page, '#cbf-name-en');
    await page.keyboard.type(sub.en);
    // A closed select takes type-ahead: "S1 – …" is the one option starting with S.
    await tabTo(page, '#cbf-scenario');
    await page.keyboard.type('S');
    expect(await page.inputValue('#cbf-scenario')).toBe(made.scenarios[0]!.id);
    await expectNoA11yViolations(page, `sub-tag form (${lang})`);
    await activate(page, '#cbf-submit');
    await waitForFocus(page, `[id^="cb-tag-"]:not(#cb-tag-${themeId})`);
    subId = await focusedTagId(page);
    const meta = await text(page, `[data-tag-id="${subId}"] .sr-meta`);
    expect(meta).toContain(tr(lang, 'codebook.level', { depth: 2 }));
    expect(meta).toContain(tr(lang, 'codebook.codings', { count: 0 }));
    expect(meta).toContain('S1');
    // It is nested under its theme.
    expect(await page.locator(`[data-tag-id="${themeId}"] [data-tag-id="${subId}"]`).count()).toBe(1);
    await expectNoA11yViolations(page, `codebook with two levels (${lang})`);
  });

  it('edits the sub-theme and moves it to the top level, then up', async () => {
    await activate(page, `#cb-edit-${subId}`);
    await waitForFocus(page, '#cbf-heading');
    // A colleague changes the tag meanwhile: saving on the old version is refused, explained and reloaded.
    const book = await api<{ tags: { id: string; version: number }[] }>(
      context,
      'GET',
      `/api/consultations/${made.consultation.id}/codebook`,
    );
    const version = book.body.tags.find((x) => x.id === subId)!.version;
    const colleague = lang === 'da' ? `Kollegas navn ${u}` : `Colleague’s name ${u}`;
    const changed = await api(context, 'PATCH', `/api/codebook-tags/${subId}`, {
      version,
      name: { ...sub, [lang]: colleague },
    });
    expect(changed.status).toBe(200);
    await tabTo(page, `#cbf-name-${lang}`);
    await typeOver(page, renamed);
    await activate(page, '#cbf-submit');
    await waitForFocus(page, '#codebook-flash');
    expect(await text(page, '#codebook-flash')).toBe(tr(lang, 'codebook.stale'));
    expect(await text(page, `#cb-tag-${subId}`)).toBe(colleague);
    await expectNoA11yViolations(page, `stale version reloaded (${lang})`);

    await activate(page, `#cb-edit-${subId}`);
    await waitForFocus(page, '#cbf-heading');
    await tabTo(page, `#cbf-name-${lang}`);
    await typeOver(page, renamed);
    await activate(page, '#cbf-submit');
    await waitForFocus(page, `#cb-tag-${subId}`);
    expect(await text(page, `#cb-tag-${subId}`)).toBe(renamed);
    await waitForAnnouncement(page, tr(lang, 'codebook.saved', { name: renamed }));

    await activate(page, `#cb-move-${subId}`);
    await waitForFocus(page, '#cb-move-heading');
    await tabTo(page, '#cb-move-parent');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#cb-move-parent')).toBe('top');
    await expectNoA11yViolations(page, `move panel (${lang})`);
    await activate(page, '#cb-move-submit');
    await waitForFocus(page, `#cb-tag-${subId}`);
    await waitForAnnouncement(page, tr(lang, 'codebook.movedTop', { name: renamed }));
    expect(await themes(page)).toEqual([theme[lang], renamed]);

    // Up: it becomes the first theme, and focus stays on the tag's (now only enabled) order button.
    await activate(page, `#cb-up-${subId}`);
    await waitForFocus(page, `#cb-down-${subId}`);
    await waitForAnnouncement(page, tr(lang, 'codebook.movedPlace', { name: renamed, position: 1, count: 2 }));
    expect(await themes(page)).toEqual([renamed, theme[lang]]);
    await expectNoA11yViolations(page, `codebook after a move (${lang})`);
  });

  it('archives a theme and shows it again among the archived', async () => {
    await activate(page, `#cb-archive-${themeId}`);
    await waitForFocus(page, '#codebook-flash');
    await waitForAnnouncement(page, tr(lang, 'codebook.archivedDone', { name: theme[lang] }));
    expect(await themes(page)).toEqual([renamed]);

    await tabTo(page, '#codebook-show-archived');
    await page.keyboard.press('Space');
    await page.waitForSelector(`#cb-tag-${themeId}`);
    expect(await text(page, `[data-tag-id="${themeId}"] .sr-meta`)).toContain(tr(lang, 'codebook.archived'));
    expect(await page.locator(`#cb-unarchive-${themeId}`).count()).toBe(1);
    await expectNoA11yViolations(page, `codebook with archived tags (${lang})`);
  });

  it('merges a tag into another after saying its codings move, and shows an import’s row errors', async () => {
    const other = { da: `Tilgængelighed ${u}`, en: `Accessibility ${u}` };
    const made2 = await api<{ id: string }>(
      context,
      'POST',
      `/api/consultations/${made.consultation.id}/codebook/tags`,
      {
        name: other,
      },
    );
    expect(made2.status).toBe(201);
    await tabTo(page, '#codebook-show-archived', { back: true });
    await page.keyboard.press('Space'); // hide the archived again; the list reloads with the new tag
    await page.waitForSelector(`#cb-tag-${made2.body.id}`);

    await activate(page, `#cb-merge-${subId}`);
    await waitForFocus(page, '#cb-merge-heading');
    expect(await text(page, '#cb-merge-explain')).toBe(tr(lang, 'codebook.mergeExplain', { name: renamed, count: 0 }));
    await tabTo(page, '#cb-merge-into');
    await page.keyboard.press('ArrowDown');
    expect(await page.inputValue('#cb-merge-into')).toBe(made2.body.id);
    await expectNoA11yViolations(page, `merge confirmation (${lang})`);
    await activate(page, '#cb-merge-submit');
    await waitForFocus(page, `#cb-tag-${made2.body.id}`);
    await waitForAnnouncement(page, tr(lang, 'codebook.mergedDone', { name: renamed, into: other[lang], count: 0 }));
    expect(await themes(page)).toEqual([other[lang]]);

    // A file whose second tag has no Danish name: refused as a whole, the row named.
    const file = {
      format: 'samraad.codebook',
      formatVersion: 1,
      tags: [
        { ref: 'ok', parentRef: null, name: { da: 'God', en: 'Good' } },
        { ref: 'bad', parentRef: 'ok', name: { da: '', en: 'Bad' } },
      ],
    };
    await tabTo(page, '#cbx-file');
    await pickFile(page, {
      name: 'codebook.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await activate(page, '#cbx-import');
    await waitForFocus(page, '#cbx-failure');
    const failure = await text(page, '#cbx-failure');
    expect(failure).toContain(tr(lang, 'codebook.importRejected'));
    expect(failure).toContain(tr(lang, 'codebook.importRow', { n: 2, ref: 'bad' }));
    await expectNoA11yViolations(page, `import refused (${lang})`);
  });
});
