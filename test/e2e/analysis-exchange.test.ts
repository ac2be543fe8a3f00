import { readFile } from 'node:fs/promises';
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
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
} from './browser.ts';

// The analysis exchange (issue 11 story 9), keyboard only, in Danish and English, with axe-core on
// each state: on the codebook page, the codings' CSV and JSON links, the .qdpx downloaded by
// keyboard; a coding removed, then that very file previewed (its codes matched, one coding to
// bring back, shown as tables) and imported; a file that is not a project refused with its reason.

const b = useBrowser();
const MAX = 200;

describe.each(journeyLangs('en'))('analysis exchange (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  let made: OpenConsultation;
  let codingId = '';
  const u = unique();
  const BODY = `Et digitalt ID skal virke uden smartphone ${u}, også for de ældre.`;

  beforeAll(async () => {
    const admin = await b.signedIn(lang, ADMIN);
    made = await b.f.newOpenConsultation(admin, { questions: [] });
    await admin.close();
    ({ context, page } = await b.newPage(lang));
    await apiLogin(context, ANALYST);
    // A visitor responds through the public form (a context without a session).
    const { context: visitor } = await b.newPage(lang);
    const receipt = await b.f.newResponse(visitor, made.consultation.id, {
      name: 'Karen Jensen',
      email: `karen-${u}@example.dk`,
      body: BODY,
    });
    await visitor.close();
    const cid = made.consultation.id;
    const theme = await api<{ id: string }>(context, 'POST', `/api/consultations/${cid}/codebook/tags`, {
      name: { da: `Adgang ${u}`, en: `Access ${u}` },
    });
    const code = await api<{ id: string }>(context, 'POST', `/api/consultations/${cid}/codebook/tags`, {
      name: { da: `Uden smartphone ${u}`, en: `Without a smartphone ${u}` },
      parentId: theme.body.id,
    });
    const start = BODY.indexOf('uden smartphone');
    const coding = await api<{ id: string }>(context, 'POST', `/api/consultations/${cid}/codings`, {
      tagId: code.body.id,
      itemKind: 'response',
      itemId: receipt.id,
      field: 'body',
      startOffset: start,
      endOffset: start + 'uden smartphone'.length,
    });
    expect(coding.status).toBe(201);
    codingId = coding.body.id;
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  it('downloads the .qdpx by keyboard and re-imports it after a preview', async () => {
    const cid = made.consultation.id;
    await open(page, `/admin/consultations/${cid}/codebook`);
    await page.waitForSelector('#ax-heading');
    expect(await text(page, '#ax-heading')).toBe(tr(lang, 'exchange.heading'));
    expect(await page.getAttribute('#ax-csv', 'href')).toBe(`/api/consultations/${cid}/analysis/codings.csv`);
    await tabTo(page, '#ax-proposed', { max: MAX });
    await page.keyboard.press('Space');
    expect(await page.getAttribute('#ax-json', 'href')).toBe(
      `/api/consultations/${cid}/analysis/codings.json?proposed=true`,
    );
    await expectNoA11yViolations(page, `exchange section (${lang})`);

    await tabTo(page, '#ax-qdpx');
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^analysis-.*-${lang}\\.qdpx$`));
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    // The coding is removed in Samråd; the exported file brings it back.
    expect((await api(context, 'DELETE', `/api/consultations/${cid}/codings/${codingId}`)).status).toBe(204);

    await tabTo(page, '#ax-file');
    await pickFile(page, { name: 'analysis.qdpx', mimeType: 'application/zip', buffer: bytes });
    await activate(page, '#ax-preview');
    await waitForFocus(page, '#ax-preview-heading');
    const preview = await text(page, 'sr-analysis-exchange');
    expect(preview).toContain(tr(lang, 'exchange.previewTags', { created: 0, matched: 2, skipped: 0 }));
    expect(preview).toContain(tr(lang, 'exchange.previewCodings', { created: 1, present: 0, problems: 0 }));
    expect(await page.locator('#ax-tags tbody tr').count()).toBe(2);
    expect(await text(page, '#ax-tags tbody tr:first-child td')).toBe(tr(lang, 'exchange.action.matched_guid'));
    await expectNoA11yViolations(page, `import preview (${lang})`);

    await activate(page, '#ax-apply');
    await waitForFocus(page, '#ax-done');
    const done = tr(lang, 'exchange.applied', { tags: 0, codings: 1 });
    expect(await text(page, '#ax-done')).toBe(done);
    await waitForAnnouncement(page, done);
    const list = await api<{ items: { quote: string | null }[] }>(context, 'GET', `/api/consultations/${cid}/codings`);
    expect(list.body.items.map((x) => x.quote)).toEqual(['uden smartphone']);
    await expectNoA11yViolations(page, `import applied (${lang})`);
  });

  it('refuses a file that is not a project, with its reason', async () => {
    await tabTo(page, '#ax-file', { back: true, max: MAX });
    await pickFile(page, { name: 'not.qdpx', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
    await activate(page, '#ax-preview');
    await waitForFocus(page, '#ax-failure');
    expect(await text(page, '#ax-failure')).toContain(tr(lang, 'codebook.reason.not_zip'));
    await expectNoA11yViolations(page, `import refused (${lang})`);
  });
});
