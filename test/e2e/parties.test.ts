import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board } from '../../server/modules/parties/parties.schemas.ts';
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
  secretLinkTo,
  tabTo,
  text,
  tr,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForPage,
} from './browser.ts';

// Consulted parties (issue 13 story 3), keyboard only, in Danish and English, with axe-core on each
// page: the admin puts all municipalities on a consultation's list and invites them; a party answers
// "no comments" from the link in its mail (read from the SMTP server's mailbox, as the party would);
// staff confirm a proposed match (a response from an address at a party's domain).

const b = useBrowser();

describe.each(journeyLangs('da'))('the høringsliste (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  let consultationId = '';
  const u = unique();
  const quiet = { name: `Stille Kommune ${u}`, email: `hoering@stille-${u}.example` };
  const matched = { name: `Svar Kommune ${u}`, email: `hoering@svar-${u}.example` };

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Høringsliste ${u}`, en: `Party list ${u}` } },
    });
    consultationId = made.consultation.id;
    for (const p of [quiet, matched]) {
      const r = await api(root, 'POST', '/api/parties', {
        name: p.name,
        kind: 'municipality',
        emails: [p.email],
        locale: lang,
      });
      expect(r.status).toBe(201);
    }
    // A response from someone at the second municipality's domain, not sent through its link.
    const { context: visitor } = await b.newPage(lang);
    await b.f.newResponse(visitor, made.consultation.slug, {
      name: 'Sagsbehandler',
      email: `sb@svar-${u}.example`,
      body: 'Kommunen støtter forslaget.',
    });
    await root.close();
    await visitor.close();
    ({ context, page } = await b.newPage(lang));
    await apiLogin(context, ADMIN);
  });
  afterAll(async () => {
    expect(pageErrors(page)).toEqual([]);
    await context?.close();
  });

  it('puts all municipalities on the list and invites them', async () => {
    await open(page, `/admin/consultations/${consultationId}`);
    await activate(page, '#admin-parties-link');
    await waitForPage(page, `/admin/consultations/${consultationId}/parties`);
    await expectNoA11yViolations(page, `party list, empty (${lang})`);
    await activate(page, '#party-add-municipalities', { max: 200 });
    await waitForFocus(page, '#party-add-municipalities');
    await page.waitForSelector(`#party-board th:text-is("${matched.name}")`);
    await activate(page, '#party-invite', { max: 200 });
    await page.waitForSelector('#party-flash');
    const board = await api<Board>(context, 'GET', `/api/consultations/${consultationId}/parties`);
    expect(board.body.counts.invited).toBe(board.body.counts.total);
    expect(await text(page, `#party-board`)).toContain(quiet.name);
    await expectNoA11yViolations(page, `party list, invited (${lang})`);
  });

  it('lets a party answer "no comments" from the link in its mail', async () => {
    const link = await secretLinkTo(quiet.email, '/invitations/no-comments');
    const { context: party, page: mail } = await b.newPage(lang);
    try {
      await open(mail, link);
      await mail.waitForSelector('#no-comments-confirm');
      expect(await text(mail, 'main')).toContain(quiet.name);
      await expectNoA11yViolations(mail, `no comments, confirm (${lang})`);
      await activate(mail, '#no-comments-confirm');
      await waitForFocus(mail, '#no-comments-done');
      expect(await text(mail, '#no-comments-done')).toContain(tr(lang, 'noComments.done'));
      await expectNoA11yViolations(mail, `no comments, done (${lang})`);
      expect(pageErrors(mail)).toEqual([]);
    } finally {
      await party.close();
    }
  });

  it('lets staff confirm a proposed match', async () => {
    await open(page, `/admin/consultations/${consultationId}/parties`);
    const row = page.locator('#party-board tr', { hasText: quiet.name });
    expect(await row.textContent()).toContain(tr(lang, 'partyList.status.no_comments'));
    const confirm = `#party-matches button[aria-label^="${tr(lang, 'partyList.matches.confirm')}: ${matched.name}"]`;
    await tabTo(page, confirm, { max: 200 });
    await page.keyboard.press('Enter');
    await waitForAnnouncement(page, tr(lang, 'partyList.matches.confirmed'));
    await page.waitForSelector('#party-matches-none');
    const entry = page.locator('#party-board tr', { hasText: matched.name });
    expect(await entry.textContent()).toContain(tr(lang, 'partyList.status.responded'));
    await expectNoA11yViolations(page, `party list, matched (${lang})`);
  });
});
