import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignList } from '../../server/modules/analysis/campaigns/campaigns.schemas.ts';
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
  waitForPage,
} from './browser.ts';

// Campaigns (issue 12 story 1), keyboard only, in Danish and English, with axe-core on each state:
// from the inbox to the campaigns page, open the form letter's campaign, read a member's addition
// (highlighted and marked in words), split a member out, code every member with a tag, merge the
// other campaign into it, and mark the cluster "not a campaign".

const b = useBrowser();

const LETTER =
  'Vi opfordrer ministeriet til at bevare NemID som et frivilligt alternativ. Mange ældre borgere har ingen smartphone. ' +
  'En kodeviser skal kunne fås gratis på ethvert borgerservice. Løsningen må ikke gøre borgerne afhængige af private banker. ' +
  'Vi beder om at fristen for overgangen forlænges med mindst et år. Borgere uden fast bopæl skal også kunne logge på.';
const ADDED = 'Min mor på 91 år kan ikke bruge en app, og hun har ingen at spørge om hjælp.';
const LETTER2 =
  'Vi støtter forslaget om en ny digital identitet, fordi den gør det lettere at bruge offentlige tjenester på nettet. ' +
  'Sikkerheden er bedre end i dag, og det er godt at borgerne selv kan vælge mellem app og kodeviser.';
const INPUT = [LETTER, LETTER, LETTER, `${LETTER} ${ADDED}`, LETTER2, LETTER2, 'Parkering ved rådhuset er for dyr.'];

describe.each(journeyLangs('en'))('campaigns (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  let consultationId = '';
  const u = unique();

  beforeAll(async () => {
    const root = await b.signedIn(lang, ADMIN);
    const made = await b.f.newOpenConsultation(root, {
      consultation: { title: { da: `Kampagneprøve ${u}`, en: `Campaign trial ${u}` } },
    });
    consultationId = made.consultation.id;
    await api(root, 'POST', `/api/consultations/${consultationId}/codebook/tags`, {
      name: { da: `Bevar NemID ${u}`, en: `Keep NemID ${u}` },
    });
    const { context: visitor } = await b.newPage(lang);
    for (const [i, body] of INPUT.entries()) {
      await b.f.newResponse(visitor, made.consultation.slug, {
        name: `Borger ${i}`,
        email: `c${i}-${u}@example.dk`,
        body,
      });
    }
    // The inbox indexer groups copies as they arrive, within seconds.
    for (let i = 0; ; i++) {
      const r = await api<CampaignList>(root, 'GET', `/api/consultations/${consultationId}/campaigns`);
      if (r.status === 200 && r.body.items.map((x) => x.memberCount).join() === '4,2') break;
      if (i > 150) throw new Error(`the campaigns were never found: ${JSON.stringify(r.body).slice(0, 2000)}`);
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

  it('lists the campaigns and shows a member’s additions, marked in words', async () => {
    await open(page, `/admin/consultations/${consultationId}/inbox`);
    await activate(page, '#analysis-nav-campaigns');
    await waitForPage(page, `/admin/consultations/${consultationId}/campaigns`);
    expect(await page.locator('#campaigns-table tbody tr').count()).toBe(2);
    expect(await text(page, '#campaigns-table')).toContain(tr(lang, 'campaigns.count', { count: 4 }));
    await expectNoA11yViolations(page, `campaigns page (${lang})`);

    await activate(page, '#campaign-link-1');
    await waitForPage(page, /\/campaigns\/[0-9a-f-]{36}$/);
    expect(await text(page, '#campaign-count')).toContain(tr(lang, 'campaigns.count', { count: 4 }));
    const mark = page.locator('#campaign-members mark.sr-campaign-added');
    expect(await mark.count()).toBe(1);
    expect(await mark.textContent()).toContain(`[${tr(lang, 'campaign.added')}]`);
    expect(await mark.textContent()).toContain(ADDED);
    await expectNoA11yViolations(page, `campaign view (${lang})`);
  });

  it('splits a member out, codes every member, merges the other campaign and marks it not a campaign', async () => {
    const box = page.locator('#campaign-members input[type="checkbox"]').first();
    const boxId = (await box.getAttribute('id'))!;
    await tabTo(page, `#${boxId}`);
    await page.keyboard.press('Space');
    await activate(page, '#campaign-split');
    await waitForAnnouncement(page, tr(lang, 'campaign.splitDone', { count: 1 }));
    expect(await text(page, '#campaign-count')).toContain(tr(lang, 'campaigns.count', { count: 3 }));
    expect(await page.locator('#campaign-split-list > li').count()).toBe(1);

    await activate(page, '#campaign-code');
    await waitForAnnouncement(page, tr(lang, 'campaign.codeDone', { count: 3 }));

    await activate(page, '#campaign-merge');
    await waitForAnnouncement(page, tr(lang, 'campaign.mergeDone', { count: 5 }));
    expect(await text(page, '#campaign-count')).toContain(tr(lang, 'campaigns.count', { count: 5 }));
    await expectNoA11yViolations(page, `campaign after decisions (${lang})`);

    await activate(page, '#campaign-status');
    await waitForAnnouncement(
      page,
      tr(lang, 'campaign.statusDone', { status: tr(lang, 'campaigns.status.not_a_campaign') }),
    );
    expect(await text(page, '#campaign-status')).toBe(tr(lang, 'campaign.isCampaign'));
  });
});
