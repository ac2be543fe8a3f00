import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SampleDetail } from '../../client/src/api/agreement.ts';
import type { ItemCodings } from '../../client/src/api/codings.ts';
import type { InboxPage } from '../../client/src/api/inbox.ts';
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
  typeOver,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
  waitForText,
  type Who,
} from './browser.ts';

// Coder agreement (issue 11 story 7), keyboard only, in Danish and English, with axe-core on each
// page: an admin goes from the inbox to "Coder agreement" and draws a sample for two analysts; each
// analyst in turn opens it, finds the results withheld and the item page saying the input is coded
// blind, does not see the other's codings, and codes; the admin reads the statistics with their
// reading in words and the disagreements, closes the sample, and follows a disagreement to its item.

const b = useBrowser();

describe.each(journeyLangs('da'))('coder agreement (%s)', (lang: Lang) => {
  let page: Page;
  let context: BrowserContext;
  let consultationId = '';
  let itemIds: string[] = [];
  let sample: SampleDetail;
  const coders: { who: Who; id: string; name: string }[] = [];
  const tagIds: string[] = [];
  const u = unique();
  const base = () => `/admin/consultations/${consultationId}/agreement`;

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Enighedsprøve ${u}`, en: `Agreement trial ${u}` } },
    });
    consultationId = made.consultation.id;
    const { context: visitor } = await b.newPage(lang);
    for (const [i, body] of ['Vindmøller ved kysten er et problem.', 'Solceller på tagene er fint.'].entries()) {
      await b.f.newResponse(visitor, made.consultation.slug, {
        name: `Respondent ${i} ${u}`,
        email: `agree-${lang}-${i}-${u}@example.dk`,
        body,
      });
    }
    for (const en of ['Nature', 'Energy']) {
      const r = await api<{ id: string }>(root, 'POST', `/api/consultations/${consultationId}/codebook/tags`, {
        name: { da: `${en} (da) ${u}`, en: `${en} ${u}` },
      });
      expect(r.status).toBe(201);
      tagIds.push(r.body.id);
    }
    // Emails that sort first, so the accounts list's first page holds them.
    for (const n of ['1', '2']) {
      const name = `Coder ${n} ${u}`;
      const { account, email, password } = await b.f.newAccount(root, {
        roles: ['analyst'],
        displayName: name,
        email: `aa-agree-${lang}-${n}-${u}@example.dk`,
      });
      coders.push({ who: { email, password }, id: account.id, name });
    }
    for (let i = 0; ; i++) {
      const r = await api<InboxPage>(root, 'GET', `/api/consultations/${consultationId}/inbox`);
      if (r.status === 200 && r.body.items.length === 2) {
        itemIds = r.body.items.map((x) => x.id);
        break;
      }
      if (i > 150) throw new Error(`the inbox never listed the responses (status ${r.status})`);
      await new Promise((res) => setTimeout(res, 200));
    }
    await root.close();
    await visitor.close();
    ({ context, page } = await b.newPage(lang));
    await apiLogin(context, ADMIN);
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  it('draws a sample for two analysts from the inbox, by keyboard', async () => {
    await open(page, `/admin/consultations/${consultationId}/inbox`);
    await activate(page, '#analysis-nav-agreement');
    await waitForPage(page, base());
    expect(await text(page, 'main h1')).toBe(tr(lang, 'agreement.title'));
    expect(await text(page, '#agreement-none')).toBe(tr(lang, 'agreement.none'));
    await expectNoA11yViolations(page, `agreement (${lang})`);

    await tabTo(page, '#agreement-seed');
    await page.keyboard.type(`seed-${u}`);
    await tabTo(page, '#agreement-size');
    await typeOver(page, '2');
    await tabTo(page, '#agreement-kind-response');
    await page.keyboard.press('Space');
    // One coder is too few: the form says so and draws nothing.
    await tabTo(page, `#agreement-coder-${coders[0]!.id}`);
    await page.keyboard.press('Space');
    await activate(page, '#agreement-draw-submit');
    await waitForText(page, '#agreement-draw-problem', tr(lang, 'agreement.chooseCoders'));
    await tabTo(page, `#agreement-coder-${coders[1]!.id}`, { back: true });
    await page.keyboard.press('Space');
    await activate(page, '#agreement-draw-submit');
    await waitForPage(page, /\/agreement\/[0-9a-f-]{36}$/);
    const sampleId = page.url().split('/').pop()!;
    const r = await api<SampleDetail>(context, 'GET', `${base().replace('/admin', '/api')}-samples/${sampleId}`);
    sample = r.body;
    expect(sample).toMatchObject({ seed: `seed-${u}`, items: 2, status: 'open' });
    expect(await text(page, 'main h1')).toBe(tr(lang, 'agreement.sampleName', { number: sample.number }));
    expect(await text(page, '#agreement-status')).toBe(tr(lang, 'agreement.status.open'));
    expect(await text(page, '#agreement-progress')).toContain(coders[0]!.name);
    await expectNoA11yViolations(page, `sample (${lang})`);
  });

  it('lets each analyst code blind: results withheld, a notice on the item, the other’s codings hidden', async () => {
    for (const [n, c] of coders.entries()) {
      const { context: ctx, page: p } = await b.newPage(lang);
      await apiLogin(ctx, c.who);
      await open(p, `${base()}/${sample.id}`);
      expect(await text(p, '#agreement-blind')).toBe(tr(lang, 'agreement.blindResults'));
      await activate(p, '#agreement-items a');
      await waitForPage(p, /\/inbox\/response\/[0-9a-f-]{36}$/);
      const first = p.url().split('/').pop()!;
      expect(await text(p, `#item-blind-${sample.number}`)).toBe(
        tr(lang, 'agreement.blindNotice', { number: sample.number }),
      );
      // The first coder has coded it already; the second does not see that coding.
      expect(await text(p, '#item-codings-empty')).toBe(tr(lang, 'item.codings.none'));
      await expectNoA11yViolations(p, `item coded blind (${lang})`);
      // Both code the first item with Nature by keyboard: each then sees one coding, their own.
      const nature = lang === 'da' ? `Nature (da) ${u}` : `Nature ${u}`;
      await activate(p, '#item-code-item');
      await waitForFocus(p, '#item-picker-tag');
      await p.keyboard.type('Natu');
      await p.keyboard.press('Enter');
      await waitForText(p, '#item-picker-chosen', tr(lang, 'item.picker.chosen', { path: nature }));
      await activate(p, '#item-picker-confirm');
      await waitForAnnouncement(p, tr(lang, 'item.coded', { tag: nature }));
      expect(await p.locator('#item-codings li').count()).toBe(1);
      // The second item: coder 1 applies Nature, coder 2 Energy.
      const second = itemIds.find((i) => i !== first)!;
      const res = await api(ctx, 'POST', `/api/consultations/${consultationId}/codings`, {
        tagId: tagIds[n],
        itemKind: 'response',
        itemId: second,
      });
      expect(res.status).toBe(201);
      const seen = await api<ItemCodings>(
        ctx,
        'GET',
        `/api/consultations/${consultationId}/items/response/${first}/codings`,
      );
      expect(seen.body.codings.map((k) => k.coderId)).toEqual([c.id]);
      expect(pageErrors(p)).toEqual([]);
      await ctx.close();
    }
  });

  it('shows the admin the statistics in words and the disagreements, and closes the sample', async () => {
    await open(page, `${base()}/${sample.id}`);
    const table = await text(page, '#agreement-table');
    expect(table).toContain(tr(lang, 'agreement.overall'));
    expect(table).toContain(`Nature${lang === 'da' ? ' (da)' : ''} ${u}`);
    expect(table).toContain(tr(lang, 'agreement.reading.unreliable'));
    expect(await page.locator('#agreement-disagreements tbody tr').count()).toBe(2);
    expect(await text(page, '#agreement-progress')).toContain(tr(lang, 'agreement.doneOf', { done: 2, items: 2 }));
    await expectNoA11yViolations(page, `results (${lang})`);

    await activate(page, '#agreement-close');
    await waitForAnnouncement(page, tr(lang, 'agreement.closed'));
    await waitForText(page, '#agreement-status', tr(lang, 'agreement.status.closed'));
    expect(await page.locator('#agreement-close').count()).toBe(0);

    await activate(page, '#agreement-disagreements a');
    await waitForPage(page, /\/inbox\/response\/[0-9a-f-]{36}$/);
    expect(await page.locator(`#item-blind-${sample.number}`).count()).toBe(0);
    await expectNoA11yViolations(page, `item after closing (${lang})`);
  });
});
