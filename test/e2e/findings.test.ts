import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InboxPage } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
import type { Finding, TestSession } from '../../server/modules/findings/findings.schemas.ts';
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
  waitForFocus,
  waitForPage,
} from './browser.ts';

// Issue 13 story 1: an analyst records a user-test finding with evidence (a real screenshot, picked
// and uploaded by keyboard, with its progress), in both languages, axe-clean; the finding is an item
// of the analysis inbox, whose item page shows its severity.

const b = useBrowser();

describe.each(journeyLangs('da'))('user-test findings (%s)', (lang: Lang) => {
  it('records a finding with a screenshot by keyboard, and finds it in the inbox', async () => {
    const admin = await b.signedIn(lang, ADMIN);
    const { context, page } = await b.newPage(lang);
    try {
      const u = unique();
      const { consultation: c, scenarios } = await b.f.newOpenConsultation(admin, {
        consultation: { slug: `e2e-findings-${lang}-${u}`, title: { da: `Brugertest ${u}`, en: `User test ${u}` } },
        scenarios: [{ key: 'S1' }, { key: 'S2' }],
      });
      await apiLogin(context, ANALYST);
      const session = await api<TestSession>(context, 'POST', `/api/consultations/${c.id}/test-sessions`, {
        heldOn: '2026-11-03',
        place: 'Aarhus',
        method: 'moderated_usability_test',
        facilitator: 'Mette Holm',
        participantProfile: 'senior, first-time smartphone user',
        participantCount: 5,
        recordingConsent: true,
      });
      expect(session.status).toBe(201);

      await open(page, `/admin/consultations/${c.id}/findings`);
      expect(await text(page, 'main h1')).toBe(tr(lang, 'findings.title'));
      await expectNoA11yViolations(page, `findings list (${lang})`);
      await activate(page, '#findings-new');
      await waitForPage(page, `/admin/consultations/${c.id}/findings/new`);
      await expectNoA11yViolations(page, `finding form (${lang})`);

      await tabTo(page, '#finding-scenario');
      await page.keyboard.press('ArrowDown');
      expect(await page.inputValue('#finding-scenario')).toBe(scenarios[0].id);
      await tabTo(page, `#finding-sessions-${session.body.id}`);
      await page.keyboard.press('Space');
      await tabTo(page, '#finding-task');
      await page.keyboard.type('Log ind med appen');
      await tabTo(page, '#finding-observation');
      await page.keyboard.type('Deltageren fandt ikke knappen til at godkende og gav op.');
      await tabTo(page, '#finding-severity');
      await page.keyboard.press('ArrowUp');
      expect(await page.inputValue('#finding-severity')).toBe('critical');
      await tabTo(page, '#finding-affected');
      await typeOver(page, '3');
      await tabTo(page, '#finding-recommendation');
      await page.keyboard.type('Vis knappen øverst.');
      await tabTo(page, '#finding-evidence');
      const png = await readFile(path.resolve('test/fixtures/files/flag.png'));
      await pickFile(page, { name: 'skaermbillede.png', mimeType: 'image/png', buffer: png });
      await page.locator('#finding-evidence-queue').waitFor();
      await expectNoA11yViolations(page, `finding with a file chosen (${lang})`);

      await activate(page, '#finding-save');
      await waitForPage(page, new RegExp(`^/admin/consultations/${c.id}/findings/[0-9a-f-]{36}$`));
      expect(await text(page, '#finding-flash')).toBe(tr(lang, 'findings.form.saved'));
      expect(await text(page, '#finding-evidence-list')).toContain('skaermbillede.png');
      await expectNoA11yViolations(page, `finding saved (${lang})`);
      const findingId = page.url().split('/').pop()!;
      const saved = await api<Finding>(context, 'GET', `/api/consultations/${c.id}/findings/${findingId}`);
      expect(saved.body).toMatchObject({ severity: 'critical', participantsAffected: 3, scenarioKey: 'S1' });
      const file = await context.request.get(saved.body.evidence[0]!.url);
      expect(file.status()).toBe(200);
      expect((await file.body()).equals(png)).toBe(true);

      // The inbox indexes it within seconds; its item page shows the severity.
      await expect
        .poll(
          async () =>
            (await api<InboxPage>(context, 'GET', `/api/consultations/${c.id}/inbox?kind=finding`)).body.items.length,
          { timeout: 20_000, interval: 500 },
        )
        .toBe(1);
      await open(page, `/admin/consultations/${c.id}/inbox/finding/${findingId}`);
      expect(await text(page, '#item-facts')).toContain(lang === 'da' ? 'Kritisk' : 'Critical');
      expect(await page.locator('#item-files a').count()).toBe(1);
      await expectNoA11yViolations(page, `finding in the inbox (${lang})`);
      await activate(page, '#item-open-finding');
      await waitForPage(page, `/admin/consultations/${c.id}/findings/${findingId}`);
      await waitForFocus(page, 'main h1');
      expect(pageErrors(page)).toEqual([]);
    } finally {
      await context.close();
      await admin.close();
    }
  });
});
