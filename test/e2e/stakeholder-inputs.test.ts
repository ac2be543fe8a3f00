import { readFile } from 'node:fs/promises';
import path from 'node:path';
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
  pickFile,
  tabTo,
  text,
  tr,
  typeLines,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForPage,
} from './browser.ts';

// Issue 13 story 4, keyboard only, in Danish and English, axe-core on each state: an analyst
// records a meeting with a municipality (kind, title, a party and its kind, a scenario, minutes in
// Markdown with a preview, published), adds its minutes as a PDF (uploaded at once with its
// progress), finds it in the analysis inbox labelled as a stakeholder input, and a visitor reads it
// on the public consultation page.

const b = useBrowser();

describe.each(journeyLangs('en'))('stakeholder inputs (%s)', (lang: Lang) => {
  let page: Page;
  let context: BrowserContext;
  let consultationId = '';
  let slug = '';
  let scenarioId = '';
  let inputId = '';
  const u = unique();
  const title = lang === 'da' ? `Møde med Aarhus Kommune ${u}` : `Meeting with Aarhus Municipality ${u}`;
  const party = lang === 'da' ? 'Aarhus Kommune, Digitalisering' : 'Aarhus Municipality, Digitalisation';
  const base = () => `/admin/consultations/${consultationId}/stakeholder-inputs`;

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Interessenter ${u}`, en: `Stakeholders ${u}` } },
      scenarios: [{ key: 'S1' }, { key: 'S2' }],
    });
    consultationId = made.consultation.id;
    slug = made.consultation.slug;
    scenarioId = made.scenarios[1]!.id;
    await root.close();
    ({ context, page } = await b.newPage(lang));
    await apiLogin(context, ANALYST);
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  it('records a meeting by keyboard: parties, scenario, Markdown minutes with a preview, published', async () => {
    await open(page, base());
    expect(await text(page, 'main h1')).toBe(tr(lang, 'sinputs.title'));
    await expectNoA11yViolations(page, `inputs, none (${lang})`);
    await activate(page, '#sinputs-new');
    await waitForPage(page, `${base()}/new`);
    await tabTo(page, '#sinput-title');
    await page.keyboard.type(title);
    await tabTo(page, '#sinput-party-1-name');
    await page.keyboard.type(party);
    await tabTo(page, '#sinput-party-1-kind');
    await page.keyboard.type(lang === 'da' ? 'Kommune' : 'Municipality');
    expect(await page.inputValue('#sinput-party-1-kind')).toBe('municipality');
    await tabTo(page, `#sinput-scenarios-${scenarioId}`);
    await page.keyboard.press('Space');
    await tabTo(page, '#sinput-minutes');
    await typeLines(page, 'Kommunen vil have **kodeviser** til alle.\n\n<script>alert(1)</script>\n\n- Borgerservice');
    await activate(page, '#sinput-preview');
    await page.locator('#sinput-preview-html strong').waitFor();
    expect(await text(page, '#sinput-preview-html strong')).toBe('kodeviser');
    expect(await page.locator('#sinput-preview-html script').count()).toBe(0);
    await expectNoA11yViolations(page, `input form with preview (${lang})`);
    await tabTo(page, '#sinput-visibility-staff_only');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#sinput-visibility-published')).toBe(true);
    await activate(page, '#sinput-save');
    await waitForPage(page, /\/stakeholder-inputs\/[0-9a-f-]{36}\/edit$/);
    inputId = /stakeholder-inputs\/([0-9a-f-]{36})\/edit/.exec(page.url())![1]!;
    expect(await text(page, '#sinput-form-flash')).toBe(tr(lang, 'sinputs.created'));
  });

  it('adds a file, uploaded at once, and shows the minutes rendered', async () => {
    await tabTo(page, '#sinput-files-input');
    const pdf = await readFile(path.resolve('test/fixtures/files/hoeringssvar.pdf'));
    await pickFile(page, { name: 'referat.pdf', mimeType: 'application/pdf', buffer: pdf });
    await waitForAnnouncement(page, tr(lang, 'sinputs.files.uploaded', { name: 'referat.pdf' }));
    expect(await text(page, '#sinput-file-list')).toContain('referat.pdf');
    await expectNoA11yViolations(page, `input form with a file (${lang})`);
    await activate(page, '#sinput-back');
    await waitForPage(page, `${base()}/${inputId}`);
    expect(await text(page, '#sinput-minutes strong')).toBe('kodeviser');
    expect(await text(page, '#sinput-facts')).toContain(party);
    expect(await text(page, '#sinput-files')).toContain('referat.pdf');
    await expectNoA11yViolations(page, `input detail (${lang})`);
  });

  it('is in the analysis inbox, labelled as a stakeholder input, and on the public page', async () => {
    for (let i = 0; ; i++) {
      const r = await api<InboxPage>(
        context,
        'GET',
        `/api/consultations/${consultationId}/inbox?kind=stakeholder_input`,
      );
      if (r.status === 200 && r.body.items.some((x) => x.id === inputId)) break;
      if (i > 150) throw new Error(`the inbox never listed the input (status ${r.status})`);
      await new Promise((res) => setTimeout(res, 200));
    }
    await open(page, `/admin/consultations/${consultationId}/inbox?kind=stakeholder_input`);
    expect(await text(page, '#inbox-item-0 .sr-inbox-kind')).toBe(tr(lang, 'inbox.kind.stakeholder_input'));
    expect(await text(page, '#inbox-item-0')).toContain(tr(lang, 'inbox.source.published'));
    await expectNoA11yViolations(page, `inbox with an input (${lang})`);
    await activate(page, '#inbox-item-0-link');
    await waitForPage(page, `/admin/consultations/${consultationId}/inbox/stakeholder_input/${inputId}`);
    expect(await text(page, '#item-author')).toContain(party);
    expect(await text(page, '#item-author')).toContain(tr(lang, 'item.author.parties'));
    await expectNoA11yViolations(page, `inbox item, an input (${lang})`);

    const visitor = await b.newPage(lang);
    try {
      await open(visitor.page, `/consultations/${slug}`);
      await visitor.page.locator('#stakeholder-inputs').waitFor();
      expect(await text(visitor.page, '#stakeholder-inputs-heading')).toBe(tr(lang, 'sinput.publicHeading'));
      expect(await text(visitor.page, '#public-input-1-title')).toBe(title);
      expect(await text(visitor.page, '#stakeholder-inputs')).toContain('referat.pdf');
      expect(await visitor.page.locator('#stakeholder-inputs script').count()).toBe(0);
      await expectNoA11yViolations(visitor.page, `public page with an input (${lang})`);
      expect(pageErrors(visitor.page)).toEqual([]);
    } finally {
      await visitor.context.close();
    }
  });
});
