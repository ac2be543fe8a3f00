import type { Win } from './dom.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activate,
  ADMIN,
  ANALYST,
  baseUrl,
  expectNoA11yViolations,
  fetchInPage,
  type Lang,
  journeyLangs,
  open,
  pageErrors,
  signIn,
  tabTo,
  text,
  tr,
  typeOver,
  unique,
  useBrowser,
  waitForAnnouncement,
  waitForFocus,
  waitForLoad,
  waitForPage,
} from './browser.ts';
import type { OpenConsultation } from '../helpers/factory.ts';

// The respondent's journey and the published list (issue 4, stories 2–6), keyboard only, both languages.

const SLUG = 'naeste-generation-af-nemid';
const PDF = 'test/fixtures/files/hoeringssvar.pdf';

type Q = { id: string; kind: string; required: boolean; options: { id: string }[] };
type S = { id: string; key: string };

const b = useBrowser();
let consultationId = '';
let questions: Q[] = [];
let scenarios: S[] = [];
const byKind = (kind: string): Q => questions.find((q) => q.kind === kind)!;

// The journeys answer the demo seed's questionnaire (server/seed/demo-content.ts): one question of
// every kind, all optional, so a respondent may also send free text alone.
beforeAll(async () => {
  const { context, page } = await b.newPage('en');
  await page.goto('/');
  consultationId = (await fetchInPage<{ id: string }>(page, `/api/consultations/${SLUG}`)).body.id;
  questions = (await fetchInPage<Q[]>(page, `/api/consultations/${SLUG}/questions`)).body;
  scenarios = (await fetchInPage<S[]>(page, `/api/consultations/${SLUG}/scenarios`)).body;
  expect(questions.map((q) => q.kind)).toEqual(['scenario_scale', 'single', 'scale', 'multi', 'text']);
  expect(questions.every((q) => !q.required)).toBe(true);
  expect(scenarios.length).toBeGreaterThan(1);
  await context.close();
}, 120_000);

describe.each(journeyLangs('da'))('respondent journey (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  const u = unique();
  // Every scenario row of the per-scenario scale gets its key's number (S1 → 1, S2 → 2, …).
  const rating = (i: number) => (i % 5) + 1;

  beforeAll(async () => {
    ({ context, page } = await b.newPage(lang));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('finds the call to action and opens the form', async () => {
    await open(page, `/consultations/${SLUG}`);
    await expectNoA11yViolations(page, 'consultation with call to action');
    await activate(page, '#respond-link');
    await waitForPage(page, `/consultations/${SLUG}/respond`);
    await expectNoA11yViolations(page, 'empty respondent form');
  });

  it('fills in part of the form, attaches a PDF, and finds the draft after a reload', async () => {
    const scale = byKind('scenario_scale');
    for (const [i, sc] of scenarios.entries()) {
      // Tab enters each row's radio group on its first radio; arrow keys move the choice along.
      await tabTo(page, `#q-${scale.id}-${sc.id}-1`);
      await page.keyboard.press('Space');
      for (let n = 1; n < rating(i); n++) await page.keyboard.press('ArrowRight');
    }
    const q = byKind('single');
    await tabTo(page, `#q-${q.id}-${q.options[0]!.id}`);
    await page.keyboard.press('Space');
    const multi = byKind('multi');
    await tabTo(page, `#q-${multi.id}-no-smartphone`);
    await page.keyboard.press('Space');
    await tabTo(page, '#resp-body');
    await page.keyboard.type(`My view on the proposal ${u}.`);
    await page.setInputFiles('#resp-files', PDF);
    await page.waitForSelector('.sr-file-done');
    await tabTo(page, '#resp-name');
    await page.keyboard.type(`Respondent ${u}`);
    await page.waitForTimeout(1000); // the autosave is debounced
    await page.reload();
    await waitForLoad(page);
    await page.waitForSelector('#resp-draft-restored');
    expect(await page.inputValue('#resp-name')).toBe(`Respondent ${u}`);
    expect(await page.inputValue('#resp-body')).toContain(u);
    expect(await page.isChecked(`#q-${q.id}-${q.options[0]!.id}`)).toBe(true);
    expect(await page.isChecked(`#q-${multi.id}-no-smartphone`)).toBe(true);
    for (const [i, sc] of scenarios.entries()) {
      expect(await page.isChecked(`#q-${scale.id}-${sc.id}-${rating(i)}`)).toBe(true);
    }
    expect(await text(page, '.sr-file-done .sr-file-name')).toBe('hoeringssvar.pdf');
    await expectNoA11yViolations(page, 'restored draft');
  });

  it('shows the error summary for missing fields, then submits and shows the receipt', async () => {
    await tabTo(page, '#resp-submit');
    await page.keyboard.press('Enter');
    await waitForFocus(page, '.sr-error-summary');
    await expectNoA11yViolations(page, 'form with errors');
    await tabTo(page, '#resp-email');
    await page.keyboard.type(`resp-${lang}-${u}@example.dk`);
    await tabTo(page, '#resp-acting-as-citizen');
    await page.keyboard.press('Space');
    await tabTo(page, '#resp-consent-public_named');
    await page.keyboard.press('Space');
    await tabTo(page, '#resp-submit');
    await page.keyboard.press('Enter');
    await waitForPage(page, '/responses/receipt');
    expect(await text(page, '#receipt-code')).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}$/);
    expect(await text(page, '#receipt-fingerprint')).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.inputValue('#receipt-edit-link')).toMatch(/\/responses\/edit#token=/);
    const draft = await page.evaluate(
      (id) => (globalThis as unknown as Win).localStorage.getItem(`samraad.responseDraft.${id}`),
      consultationId,
    );
    expect(draft).toBeNull();
    await expectNoA11yViolations(page, 'receipt');
  });

  it('opens the edit link, edits the response and gets a new receipt', async () => {
    await activate(page, '#receipt-open-edit');
    await waitForPage(page, /\/responses\/edit/);
    expect(await text(page, '#edit-name')).toBe(`Respondent ${u}`);
    expect(await text(page, '.sr-answers')).toContain(scenarios.map((sc, i) => `${sc.key}: ${rating(i)}`).join(', '));
    await expectNoA11yViolations(page, 'own response');
    await activate(page, '#edit-button');
    await waitForFocus(page, '#edit-form-heading');
    await tabTo(page, '#resp-body');
    await typeOver(page, `Changed view ${u}.`);
    await activate(page, '#edit-save');
    await page.waitForSelector('#edit-receipt');
    expect(await text(page, '#edit-body')).toBe(`Changed view ${u}.`);
    await expectNoA11yViolations(page, 'edited response with new receipt');
  });

  it('withdraws the response after confirming', async () => {
    await activate(page, '#withdraw-button');
    await waitForFocus(page, '#withdraw-heading');
    await activate(page, '#withdraw-yes');
    await page.waitForSelector('#edit-withdrawn');
    expect(await page.locator('#edit-button').count()).toBe(0);
    await expectNoA11yViolations(page, 'withdrawn response');
    expect(pageErrors(page)).toEqual([]);
  });
});

describe.each(journeyLangs('en'))('publication and the published list (%s)', (lang: Lang) => {
  const word = `zebrafinke${unique()}`;
  let receiptCode = '';
  // Its own hearing, with one question: the demo's hearing has hundreds of responses waiting in
  // its queue (the oldest first), so a new one would not be on the queue's first page.
  let own: OpenConsultation;

  beforeAll(async () => {
    const admin = await b.signedIn(lang, ADMIN);
    own = await b.f.newOpenConsultation(admin, {
      questions: [
        {
          kind: 'single',
          prompt: { da: 'Hvilken?', en: 'Which?' },
          required: false,
          options: [{ label: { da: 'Den ene', en: 'One' } }, { label: { da: 'Den anden', en: 'The other' } }],
        },
      ],
    });
    await admin.close();
  }, 60_000);

  it('an analyst approves a response in the publication queue', async () => {
    const { context, page } = await b.newPage(lang);
    await page.goto('/');
    const res = await page.evaluate(
      async ([url, body]) => {
        const r = await (globalThis as unknown as Win).fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify(body),
        });
        return { status: r.status, body: (await r.json()) as { receiptCode: string } };
      },
      [
        `/api/consultations/${own.consultation.slug}/responses`,
        {
          respondent: { name: `Named ${word}`, email: `pub-${word}@example.dk`, actingAs: 'citizen' },
          consent: 'public_named',
          body: `Et høringssvar om ${word} og digital identitet.`,
          answers: [{ questionId: own.questions[0].id, value: own.questions[0].options[1]!.id }],
        },
      ] as const,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    receiptCode = res.body.receiptCode;
    await open(page, '/login');
    await signIn(page, ANALYST.email, ANALYST.password);
    await open(page, `/admin/consultations/${own.consultation.id}/publication`);
    await page.waitForSelector(`li[data-receipt="${receiptCode}"]`);
    await expectNoA11yViolations(page, 'publication queue');
    await activate(page, `li[data-receipt="${receiptCode}"] .queue-approve`);
    await waitForFocus(page, '#queue-flash');
    expect(await page.locator(`li[data-receipt="${receiptCode}"]`).count()).toBe(0);
    await expectNoA11yViolations(page, 'publication queue after approval');
    await context.close();
  });

  it('a visitor finds the approved response by search, with the hit highlighted', async () => {
    const { context, page } = await b.newPage(lang);
    await open(page, `/consultations/${own.consultation.slug}`);
    await activate(page, '#published-link');
    await waitForPage(page, `/consultations/${own.consultation.slug}/responses`);
    await expectNoA11yViolations(page, 'published responses');
    await tabTo(page, '#published-q');
    await page.keyboard.type(word);
    await page.keyboard.press('Enter');
    await page.waitForSelector('.sr-highlight mark');
    expect(await text(page, '.sr-highlight mark')).toContain(word);
    expect(await text(page, '.sr-response-heading')).toBe(`Named ${word}`);
    expect(await page.getAttribute('#published-csv', 'href')).toContain('/responses.csv');
    await expectNoA11yViolations(page, 'search result');
    expect(pageErrors(page)).toEqual([]);
    await context.close();
    void baseUrl;
  });
});

describe.each(journeyLangs('da'))('staff pages for responses (%s)', (lang: Lang) => {
  let context: BrowserContext;
  let page: Page;
  const u = unique();

  beforeAll(async () => {
    ({ context, page } = await b.newPage(lang));
    await open(page, '/login');
    await signIn(page, ADMIN.email, ADMIN.password);
    // A response exists, so the questionnaire is locked to wording changes.
    const single = byKind('single');
    const status = await page.evaluate(
      async ([url, body]) => {
        const r = await (globalThis as unknown as Win).fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
          body: JSON.stringify(body),
        });
        return r.status as number;
      },
      [
        `/api/consultations/${SLUG}/responses`,
        {
          respondent: { name: `Staff test ${u}`, email: `staff-${u}@example.dk`, actingAs: 'citizen' },
          consent: 'not_public',
          answers: [{ questionId: single.id, value: single.options[0]!.id }],
        },
      ] as const,
    );
    expect(status).toBe(201);
  });
  afterAll(async () => {
    await context?.close();
  });

  it('an admin adds an optional question with the questionnaire builder, and sees 422 for a change of shape', async () => {
    await open(page, `/admin/consultations/${consultationId}`);
    await activate(page, '#admin-questions-link');
    await waitForPage(page, `/admin/consultations/${consultationId}/questions`);
    await expectNoA11yViolations(page, 'questionnaire builder');
    await activate(page, '#questions-add');
    await waitForFocus(page, '#qform-heading');
    await tabTo(page, '#qf-prompt-da');
    await page.keyboard.type(`Nyt spørgsmål ${u}`);
    await tabTo(page, '#qf-prompt-en');
    await page.keyboard.type(`New question ${u}`);
    await expectNoA11yViolations(page, 'question form');
    await activate(page, '#qf-save');
    await waitForFocus(page, '#questions-flash');
    expect(await page.locator('.sr-question-item h3', { hasText: u }).count()).toBe(1);
    // Responses exist: making an optional question required changes its shape.
    const first = byKind('single');
    await activate(page, `#q-edit-${first.id}`);
    await waitForFocus(page, '#qform-heading');
    await tabTo(page, '#qf-required');
    await page.keyboard.press('Space');
    await activate(page, '#qf-save');
    await page.waitForSelector('#questions-failure');
    expect(await text(page, '#questions-failure')).toContain(lang === 'da' ? 'ordlyden' : 'wording');
    await expectNoA11yViolations(page, 'questionnaire locked');
    await activate(page, '#qf-cancel');
  });

  it('registers a response that came by letter, with a file', async () => {
    await open(page, `/admin/consultations/${consultationId}/letters`);
    await expectNoA11yViolations(page, 'letter form');
    await page.setInputFiles('#resp-files', PDF);
    await page.waitForSelector('.sr-file-done');
    await tabTo(page, '#resp-name');
    await page.keyboard.type(`Letter writer ${u}`);
    // Arrow keys move within a radio group (Up from the first wraps to the last).
    await tabTo(page, '#resp-acting-as-citizen');
    await page.keyboard.press('ArrowUp');
    expect(await page.isChecked('#resp-acting-as-other')).toBe(true);
    await tabTo(page, '#resp-consent-public_named');
    await page.keyboard.press('ArrowUp');
    expect(await page.isChecked('#resp-consent-not_public')).toBe(true);
    // The letter came from a party on the hearing's list: choosing it links the response (invited).
    await tabTo(page, '#letter-party', { back: true });
    await page.keyboard.press('ArrowDown');
    const partyId = await page.locator('#letter-party').inputValue();
    expect(partyId).not.toBe('');
    await activate(page, '#letter-submit');
    await waitForFocus(page, '#letter-done');
    expect(await text(page, '#letter-done')).toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}/);
    const board = await fetchInPage<{
      items: { party: { id: string }; responseId: string | null; linkedBy: string }[];
    }>(page, `/api/consultations/${consultationId}/parties`);
    expect(board.body.items.find((e) => e.party.id === partyId)).toMatchObject({ linkedBy: 'staff' });
    await expectNoA11yViolations(page, 'letter registered');
  });

  it('reads the mail outbox', async () => {
    await open(page, '/admin/outbox');
    await page.waitForSelector('table tbody tr');
    expect(await text(page, 'table tbody')).toContain(`staff-${u}@example.dk`);
    await expectNoA11yViolations(page, 'mail outbox');
    expect(pageErrors(page)).toEqual([]);
  });
});

// A page left open across the deadline closes by itself, without a reload (issue 4, story 5: until
// the deadline). One consultation per language; its deadline is moved a few seconds ahead while a
// respondent has the respond page and another the edit page of a response sent earlier.
describe.each(journeyLangs('en'))('pages left open at the deadline (%s)', (lang: Lang) => {
  const u = unique();
  let admin: BrowserContext;
  let debateId = '';
  let slug = '';
  let editToken = '';

  beforeAll(async () => {
    admin = await b.signedIn(lang, ADMIN);
    ({ id: debateId, slug } = await b.f.newDebate(admin, `deadline-${lang}`));
    const sent = await b.f.newResponse(admin, slug, {
      name: `Early ${u}`,
      email: `early-${lang}-${u}@example.dk`,
      consent: 'not_public',
      body: `Sent in time ${u}.`,
    });
    editToken = sent.editToken!;
  });
  afterAll(async () => {
    await admin?.close();
  });

  it('the respond form and the edit form give way to the closed notice, and the draft is kept', async () => {
    const draft = `Written until the last second ${u}`;
    // Ten seconds: the set-up below takes about 1.5 s on an idle machine.
    await b.f.setDeadline(admin, debateId, new Date(Date.now() + 10_000));
    const respondent = await b.newPage(lang);
    const editor = await b.newPage(lang);
    const reader = await b.newPage(lang);
    const respond = respondent.page;
    const edit = editor.page;
    const overview = reader.page;

    // The consultation's own page, with the keyboard on its invitation to respond.
    await open(overview, `/consultations/${slug}`);
    await tabTo(overview, '#respond-link');

    await open(respond, `/consultations/${slug}/respond`);
    await tabTo(respond, '#resp-body');
    await respond.keyboard.type(draft);
    await open(edit, `/responses/edit#token=${editToken}`);
    await activate(edit, '#edit-button');
    await waitForFocus(edit, '#edit-form-heading');
    await tabTo(edit, '#resp-body');
    await typeOver(edit, `Changed too late ${u}`);
    // Still before the deadline, both forms are offered.
    const slow = 'the set-up outlasted the deadline';
    expect(await respond.locator('#resp-submit').count(), slow).toBe(1);
    expect(await edit.locator('#edit-save').count(), slow).toBe(1);
    expect(await overview.locator('#respond-link').count(), slow).toBe(1);

    // The respond page: the notice takes the focus from the field, the news is spoken politely.
    await waitForFocus(respond, '#resp-closed');
    await waitForAnnouncement(respond, tr(lang, 'resp.closedNow'));
    expect(await text(respond, '#resp-closed')).toContain(tr(lang, 'resp.closed'));
    expect(await respond.getAttribute('#resp-closed', 'role')).toBeNull();
    expect(await respond.getAttribute('#resp-closed', 'tabindex')).toBe('-1');
    expect(await respond.locator('#resp-submit').count()).toBe(0);
    expect(await respond.locator('.sr-time-left').count()).toBe(0);
    expect(await respond.getAttribute('#resp-body', 'readonly')).not.toBeNull();
    expect(await respond.inputValue('#resp-body')).toBe(draft);
    const stored = await respond.evaluate(
      (id) => (globalThis as unknown as Win).localStorage.getItem(`samraad.responseDraft.${id}`),
      debateId,
    );
    expect(JSON.parse(stored ?? '{}').value?.body).toBe(draft);
    await expectNoA11yViolations(respond, 'respond page closed while open');

    // The edit page: the form and the withdraw button are gone, the notice has the focus.
    await waitForFocus(edit, '#edit-closed');
    await waitForAnnouncement(edit, tr(lang, 'edit.closedNow'));
    expect(await text(edit, '#edit-closed')).toContain(tr(lang, 'edit.closed'));
    expect(await edit.locator('#edit-form').count()).toBe(0);
    expect(await edit.locator('#edit-button').count()).toBe(0);
    expect(await edit.locator('#withdraw-button').count()).toBe(0);
    expect(await text(edit, '#edit-body')).toBe(`Sent in time ${u}.`);
    await expectNoA11yViolations(edit, 'edit page closed while open');

    // The consultation's page: the invitation goes, the focus it had moves to the heading.
    await waitForFocus(overview, 'h1');
    expect(await overview.locator('#respond-link').count()).toBe(0);
    expect(await overview.locator('.sr-respond-cta').count()).toBe(0);
    expect(await text(overview, '.sr-time-left')).toBe(tr(lang, 'consultation.deadlinePassed'));
    await expectNoA11yViolations(overview, 'consultation page at its deadline');

    // A reload agrees (the server's word): closed, with the draft still shown.
    await respond.reload();
    await waitForLoad(respond);
    expect(await respond.getAttribute('#resp-closed', 'role')).toBe('alert');
    expect(await respond.inputValue('#resp-body')).toBe(draft);
    expect(await respond.locator('#resp-submit').count()).toBe(0);
    expect(pageErrors(respond)).toEqual([]);
    expect(pageErrors(edit)).toEqual([]);
    expect(pageErrors(overview)).toEqual([]);
    await respondent.context.close();
    await editor.context.close();
    await reader.context.close();
  }, 90_000);
});
