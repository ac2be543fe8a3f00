import { createServer, type AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { createDb } from '../../server/db/database.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import type { Coding } from '../../server/modules/analysis/codings/codings.schemas.ts';
import { call, json, signedInUser, type TestApp } from '../helpers/app.ts';
import { factory, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';
import { publishReport, reportTheme } from '../helpers/published-report.ts';
import {
  activate,
  expectNoA11yViolations,
  type Lang,
  journeyLangs,
  LANGS,
  pageErrors,
  text,
  tr,
  useBrowser,
  waitForLoad,
  waitForPage,
} from './browser.ts';

// Issue 14 story 7, keyboard only, in Danish and English, with axe-core: after the høringsnotat is
// published, a respondent opens the private link of their receipt and sees how their response was
// used — its themes, where the report quotes it, the agency's answer — and follows the link to the
// report. The report's generator is another module's, so this journey runs an app of its own (the
// built client, an embedded database) and publishes a version in that database, as an admin would.

const b = useBrowser();
const BODY = 'Et digitalt ID skal kunne bruges af alle borgere, også dem uden smartphone.';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address() as AddressInfo | null;
      srv.close(() => (addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

let t: TestApp;
let origin = '';
let slug = '';
const tokens = new Map<Lang, string>();
let participant: { email: string; password: string };
const COMMENT = 'Bankerne bør ikke eje min identitet.';

beforeAll(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const handle = await createDb({});
  await migrateToLatest(handle.db);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PUBLIC_URL: origin,
    JOBS_ENABLED: 'false',
    ANALYSIS_INDEX_MS: '0',
    LOAD_SHED_EVENT_LOOP_DELAY_MS: '0',
    LOAD_SHED_DB_QUEUE: '0',
  });
  const app = await buildApp({ config, db: handle });
  await app.listen({ port, host: '127.0.0.1' });
  t = {
    app,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };

  const admin = await signedInUser(t, ['admin']);
  const {
    consultation: c,
    questions,
    scenarios,
  } = await factory(t).newOpenConsultation(admin, {
    questions: [TEXT_Q],
    scenarios: [{ key: 'S1' }],
  });
  slug = c.slug;
  const tag = json<CodebookTag>(
    await call(t, admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/codebook/tags`,
      payload: { name: { da: 'Adgang for alle', en: 'Access for all' } },
    }),
  );
  const quotes = [];
  const codingIds = [];
  for (const lang of LANGS) {
    const receipt = await submitOk(t, c.id, submission(questions, { body: BODY, locale: lang }));
    tokens.set(lang, receipt.editToken);
    const coding = json<Coding>(
      await call(t, admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/codings`,
        payload: {
          tagId: tag.id,
          itemKind: 'response',
          itemId: receipt.id,
          field: 'body',
          startOffset: 0,
          endOffset: 40,
        },
      }),
    );
    codingIds.push(coding.id);
    quotes.push({ codingId: coding.id, itemKind: 'response' as const, itemId: receipt.id, text: BODY.slice(0, 40) });
  }
  const commenter = await signedInUser(t, ['participant']);
  participant = commenter;
  const comment = await factory(t).newComment(commenter, scenarios[0].id, COMMENT);
  const cost = json<CodebookTag>(
    await call(t, admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/codebook/tags`,
      payload: { name: { da: 'Omkostninger', en: 'Cost' } },
    }),
  );
  await call(t, admin, {
    method: 'POST',
    url: `/api/consultations/${c.id}/codings`,
    payload: { tagId: cost.id, itemKind: 'comment', itemId: comment.id },
  });
  await publishReport(t.handle.db, c.id, [
    reportTheme(tag, {
      answer: 'partly',
      answerReason: {
        da: 'Et kort tilbydes til dem uden smartphone.',
        en: 'A card is offered to those without a smartphone.',
      },
      changeMade: { da: 'Scenarie S4 beholdes.', en: 'Scenario S4 is kept.' },
      sentences: [{ text: { da: 'Mange ønsker adgang for alle.', en: 'Many want access for all.' }, codingIds }],
      quotes,
    }),
  ]);
}, 120_000);
afterAll(async () => t?.close());

describe.each(journeyLangs('en'))('how your input was used (%s)', (lang: Lang) => {
  let page: Page;
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('the respondent opens the edit link after publication and sees how their response was used', async () => {
    ({ page } = await b.newPage(lang));
    await page.goto(`${origin}/responses/edit#token=${tokens.get(lang)!}`);
    await waitForLoad(page);
    expect(await text(page, '#used-heading')).toBe(tr(lang, 'used.heading'));
    const section = await text(page, '#used');
    expect(section).toContain(lang === 'da' ? 'Adgang for alle' : 'Access for all');
    expect(section).toContain(tr(lang, 'used.answer.partly'));
    expect(section).toContain(tr(lang, 'used.cited'));
    expect(section).toContain(BODY.slice(0, 40));
    expect(section).toContain(lang === 'da' ? 'Scenarie S4 beholdes.' : 'Scenario S4 is kept.');
    await expectNoA11yViolations(page, `how your input was used (${lang})`);

    // By keyboard to the published report on the consultation's page.
    await activate(page, '#used-report-link', { max: 120 });
    await waitForPage(page, `/consultations/${slug}`);
    await expectNoA11yViolations(page, `consultation page after the report (${lang})`);
  });

  it('a participant opens how their comments were used from their account page', async () => {
    const res = await page.context().request.post(`${origin}/api/auth/login`, {
      data: participant,
      headers: { origin },
    });
    expect(res.status()).toBe(200);
    // From the account page, by keyboard, to the consultation's page of how the comments were used.
    await page.goto(`${origin}/profile`);
    await waitForLoad(page);
    await expectNoA11yViolations(page, `profile with its consultations (${lang})`);
    await activate(page, `#my-used-${slug}`, { max: 120 });
    await waitForPage(page, '/profile/used');
    expect(await text(page, 'main h1')).toBe(tr(lang, 'used.pageTitle'));
    const view = await text(page, '#used');
    expect(view).toContain(`S1: ${COMMENT}`);
    expect(view).toContain(lang === 'da' ? 'Omkostninger' : 'Cost');
    expect(view).toContain(tr(lang, 'used.notInReport'));
    await expectNoA11yViolations(page, `my input used (${lang})`);
    await activate(page, '#used-report-link', { max: 120 });
    await waitForPage(page, `/consultations/${slug}`);
  });
});
