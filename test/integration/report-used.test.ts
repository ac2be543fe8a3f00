import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import type { Coding } from '../../server/modules/analysis/codings/codings.schemas.ts';
import { sweepNotices } from '../../server/modules/reports/used/used.notices.ts';
import { REPORT_SLUG } from '../../server/seed/demo-report.ts';
import { DEMO_USED_PATH, DEMO_USED_TOKEN, seedDemoUsed } from '../../server/seed/demo-used.ts';
import type { UsedView } from '../../server/modules/reports/used/used.schemas.ts';
import {
  call,
  createIsolatedTestApp,
  createTestApp,
  expectError,
  json,
  signedInUser,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import {
  factory,
  freshEmail,
  mailsTo,
  registeredParticipant,
  submission,
  submitOk,
  TEXT_Q,
  uniqueSlug,
} from '../helpers/factory.ts';
import { publishReport, reportTheme } from '../helpers/published-report.ts';

// Issue 14 story 7: once the høringsnotat is published, a respondent (through the edit link) and a
// participant (signed in) see the themes their own input was coded with, where the report quotes
// it and the agency's answers; campaign members see their campaign's answer and their additions'
// coding; everyone with input is told once by mail in their language.

const MINE = 'Et digitalt ID skal kunne bruges af alle borgere, også dem uden smartphone.';
const THEIRS = 'Prisen for kommunerne må ikke stige. Staten bør betale.';
const ADDED = ' Min mor på 90 kan ikke bruge en app.';
const NOTE = 'coder-note-never-shown';

let t: TestApp;
let cast: Cast;
beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
});
afterAll(async () => t.close());

async function tag(cid: string, da: string, en: string): Promise<CodebookTag> {
  const res = await call(t, cast.analyst, {
    method: 'POST',
    url: `/api/consultations/${cid}/codebook/tags`,
    payload: { name: { da, en } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<CodebookTag>(res);
}

async function code(cid: string, payload: Record<string, unknown>): Promise<Coding> {
  const res = await call(t, cast.analyst, {
    method: 'POST',
    url: `/api/consultations/${cid}/codings`,
    payload: { note: NOTE, ...payload },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<Coding>(res);
}

/**
 * A hearing with three responses (mine in Danish, theirs in English, a campaign member's), a comment
 * by a participant, their confirmed codings and one proposed one; nothing published yet.
 */
async function hearing() {
  const f = factory(t);
  const {
    consultation: c,
    scenarios,
    questions,
  } = await f.newOpenConsultation(cast.admin, {
    consultation: { slug: uniqueSlug('used') },
    scenarios: [{ key: 'S1' }],
    questions: [TEXT_Q],
  });
  const respondent = (email: string) => ({ name: 'Karen Jensen', email, actingAs: 'citizen' });
  const mineEmail = freshEmail('mine');
  const theirsEmail = freshEmail('theirs');
  const memberEmail = freshEmail('member');
  const mine = await submitOk(t, c.id, submission(questions, { body: MINE, respondent: respondent(mineEmail) }));
  const theirs = await submitOk(
    t,
    c.id,
    submission(questions, { body: THEIRS, respondent: respondent(theirsEmail), locale: 'en' }),
  );
  const member = await submitOk(
    t,
    c.id,
    submission(questions, { body: THEIRS + ADDED, respondent: respondent(memberEmail) }),
  );
  const commenter = await registeredParticipant(t, { locale: 'en' });
  const comment = await f.newComment(commenter, scenarios[0].id, 'Bankerne bør ikke eje min identitet.');

  const access = await tag(c.id, 'Adgang for alle', 'Access for all');
  const cost = await tag(c.id, 'Omkostninger', 'Cost');
  const privacy = await tag(c.id, 'Privatliv', 'Privacy');
  const secret = await tag(c.id, 'Foreslået tema', 'Proposed theme');

  const mineAccess = await code(c.id, {
    tagId: access.id,
    itemKind: 'response',
    itemId: mine.id,
    field: 'body',
    startOffset: 0,
    endOffset: 41,
  });
  await code(c.id, { tagId: privacy.id, itemKind: 'response', itemId: mine.id });
  const proposed = await code(c.id, { tagId: secret.id, itemKind: 'response', itemId: mine.id });
  await sql`update codings set status = 'proposed' where consultation_id = ${c.id} and id = ${proposed.id}`.execute(
    t.handle.db,
  );
  const theirsCost = await code(c.id, { tagId: cost.id, itemKind: 'response', itemId: theirs.id });
  // The campaign: theirs is the template, member adds a sentence; coding the campaign coded the
  // member with the template's theme too, and an analyst coded the member's addition.
  await code(c.id, { tagId: cost.id, itemKind: 'response', itemId: member.id });
  const addStart = [...THEIRS].length + 1;
  await code(c.id, {
    tagId: access.id,
    itemKind: 'response',
    itemId: member.id,
    field: 'body',
    startOffset: addStart,
    endOffset: addStart + 10,
  });
  const commentCost = await code(c.id, { tagId: cost.id, itemKind: 'comment', itemId: comment.id });
  const campaign = await sql<{ id: string }>`
    insert into campaigns (consultation_id, status, template_kind, template_item_id, template_text, member_count)
    values (${c.id}, 'active', 'response', ${theirs.id}, ${THEIRS}, 2) returning id`.execute(t.handle.db);
  const campaignId = campaign.rows[0]!.id;
  for (const [id, spans] of [
    [theirs.id, []],
    [member.id, [{ start: addStart - 1, end: addStart + 36, kind: 'added' }]],
  ] as const) {
    await sql`insert into campaign_members (consultation_id, campaign_id, item_kind, item_id, similarity, added_spans, added_by)
      values (${c.id}, ${campaignId}, 'response', ${id}, 1, ${JSON.stringify(spans)}::jsonb, 'analyst')`.execute(
      t.handle.db,
    );
  }

  const publish = () =>
    publishReport(t.handle.db, c.id, [
      reportTheme(access, {
        answer: 'partly',
        answerReason: { da: 'Delvist imødekommet: der kommer et kort.', en: 'Partly: a card will be offered.' },
        changeMade: { da: 'Scenarie S4 beholdes.', en: 'Scenario S4 is kept.' },
        sentences: [{ text: { da: 'Mange ønsker adgang.', en: 'Many want access.' }, codingIds: [mineAccess.id] }],
        quotes: [
          {
            codingId: mineAccess.id,
            itemKind: 'response',
            itemId: mine.id,
            text: 'Et digitalt ID skal kunne bruges af alle',
          },
        ],
      }),
      reportTheme(cost, {
        answer: 'not_accommodated',
        answerReason: { da: 'Staten betaler ikke.', en: 'The state does not pay.' },
        quotes: [
          {
            codingId: theirsCost.id,
            itemKind: 'response',
            itemId: theirs.id,
            text: 'Prisen for kommunerne må ikke stige.',
          },
          {
            codingId: commentCost.id,
            itemKind: 'comment',
            itemId: comment.id,
            text: 'Bankerne bør ikke eje min identitet.',
          },
        ],
      }),
    ]);
  return {
    c,
    mine,
    theirs,
    member,
    comment,
    commenter,
    tags: { access, cost, privacy, secret },
    emails: { mine: mineEmail, theirs: theirsEmail, member: memberEmail },
    publish,
  };
}

const byToken = (token: string, user: TestUser | null = null) =>
  call(t, user, { url: `/api/responses/by-token/${token}/used` });
const mineIn = (user: TestUser | null, consultation: string) =>
  call(t, user, { url: `/api/me/used?consultation=${encodeURIComponent(consultation)}` });

describe('how your input was used (issue 14 story 7)', () => {
  it('is not there before the report is published: 404 for the respondent and the participant', async () => {
    const h = await hearing();
    expectError(await byToken(h.mine.editToken), 404, 'NOT_FOUND');
    expectError(await mineIn(h.commenter, h.c.slug), 404, 'NOT_FOUND');
  });

  it('shows the respondent their confirmed themes, where they were quoted and the agency’s answers', async () => {
    const h = await hearing();
    await h.publish();
    const res = await byToken(h.mine.editToken);
    expect(res.statusCode, res.body).toBe(200);
    const view = json<UsedView>(res);
    expect(view.consultation.slug).toBe(h.c.slug);
    expect(view.report.number).toBe(1);
    expect(view.items).toHaveLength(1);
    const [item] = view.items;
    expect(item!.label).toBe(h.mine.receiptCode);
    expect(item!.campaign).toBeNull();
    expect(item!.themes.map((th) => th.name.en)).toEqual(['Access for all', 'Privacy']);
    const [access, privacy] = item!.themes;
    expect(access).toMatchObject({
      inReport: true,
      cited: true,
      answer: 'partly',
      quotes: [{ text: 'Et digitalt ID skal kunne bruges af alle' }],
      changeMade: { da: 'Scenarie S4 beholdes.', en: 'Scenario S4 is kept.' },
    });
    expect(privacy).toMatchObject({ inReport: false, cited: false, answer: null, quotes: [] });
    // Never the proposed coding, the coder or the note; never another respondent's quote.
    expect(res.body).not.toContain('Proposed theme');
    expect(res.body).not.toContain(NOTE);
    expect(res.body).not.toContain(cast.analyst.email);
    expect(res.body).not.toContain('Prisen for kommunerne');
  });

  it('shows another respondent only their own response, never mine', async () => {
    const h = await hearing();
    await h.publish();
    const view = json<UsedView>(await byToken(h.theirs.editToken));
    expect(view.items.map((i) => i.id)).toEqual([h.theirs.id]);
    expect(view.items[0]!.themes.map((th) => th.name.en)).toEqual(['Cost']);
    expect(view.items[0]!.themes[0]).toMatchObject({
      answer: 'not_accommodated',
      quotes: [{ text: 'Prisen for kommunerne må ikke stige.' }],
    });
    expect(JSON.stringify(view)).not.toContain('Et digitalt ID');
  });

  it('shows a campaign member the campaign’s answer and their own additions’ coding', async () => {
    const h = await hearing();
    await h.publish();
    const [item] = json<UsedView>(await byToken(h.member.editToken)).items;
    expect(item!.campaign).not.toBeNull();
    expect(item!.campaign!.memberCount).toBe(2);
    expect(item!.campaign!.themes.map((th) => [th.name.en, th.answer])).toEqual([['Cost', 'not_accommodated']]);
    // The whole-response Cost coding is the campaign's; the addition was coded Access.
    expect(item!.themes.map((th) => [th.name.en, th.answer, th.cited])).toEqual([['Access for all', 'partly', false]]);
  });

  it('shows the signed-in participant their comments’ coding, and nobody else’s', async () => {
    const h = await hearing();
    await h.publish();
    const res = await mineIn(h.commenter, h.c.slug);
    expect(res.statusCode, res.body).toBe(200);
    const view = json<UsedView>(res);
    expect(view.items).toHaveLength(1);
    expect(view.items[0]).toMatchObject({
      kind: 'comment',
      id: h.comment.id,
      label: 'S1: Bankerne bør ikke eje min identitet.',
    });
    expect(view.items[0]!.themes.map((th) => [th.name.en, th.answer])).toEqual([['Cost', 'not_accommodated']]);
    // By id as well as by slug; another participant and a reviewer see only their own (none).
    expect(json<UsedView>(await mineIn(h.commenter, h.c.id)).items).toHaveLength(1);
    for (const other of [cast.participant, await signedInUser(t, ['reviewer'])]) {
      const theirs = await mineIn(other, h.c.slug);
      expect(theirs.statusCode).toBe(200);
      expect(json<UsedView>(theirs).items).toEqual([]);
    }
  });

  it('refuses the anonymous, bad input, bad and unknown tokens, and unknown consultations', async () => {
    const h = await hearing();
    await h.publish();
    expectError(await mineIn(null, h.c.slug), 401, 'UNAUTHENTICATED');
    expectError(await call(t, null, { url: '/api/me/used?consultation=bad%20slug!' }), 401, 'UNAUTHENTICATED');
    expectError(await mineIn(h.commenter, 'bad slug!'), 400, 'VALIDATION_FAILED');
    expectError(await call(t, h.commenter, { url: '/api/me/used' }), 400, 'VALIDATION_FAILED');
    expectError(await mineIn(h.commenter, uniqueSlug('nowhere')), 404, 'NOT_FOUND');
    expectError(await byToken('A'.repeat(43)), 404, 'NOT_FOUND');
    expectError(await byToken('not-a-token'), 404, 'NOT_FOUND');
    // A path segment over the router's limit is refused before any route (errors.ts frameworkErrors).
    expectError(await byToken('x'.repeat(300)), 400, 'BAD_REQUEST');
    // A session does not widen what the token shows: staff with my link see my response only.
    expect(json<UsedView>(await byToken(h.mine.editToken, cast.admin)).items.map((i) => i.id)).toEqual([h.mine.id]);
  });

  it('shows a withdrawn response nothing', async () => {
    const h = await hearing();
    await h.publish();
    const del = await call(t, null, { method: 'DELETE', url: `/api/responses/by-token/${h.theirs.editToken}` });
    expect(del.statusCode).toBe(200);
    expect(json<UsedView>(await byToken(h.theirs.editToken)).items).toEqual([]);
  });
});

describe('the notices (issue 14 story 7)', () => {
  const opts = { baseUrl: 'https://samraad.example', mailStatus: 'outboxed' as const, batch: 2 };
  const noticesTo = async (email: string) => (await mailsTo(t, email)).filter((m) => m.kind === 'report_used');

  it('tells each respondent and participant once, in their language, with no edit token', async () => {
    const h = await hearing();
    await sweepNotices(t.handle.db, opts);
    expect(await noticesTo(h.emails.mine)).toEqual([]); // nothing before publication

    await h.publish();
    // Two instances sweeping at once: the ledger's key lets one of them claim each recipient.
    await Promise.all([sweepNotices(t.handle.db, opts), sweepNotices(t.handle.db, opts)]);
    const [da] = await noticesTo(h.emails.mine);
    expect(da!.locale).toBe('da');
    expect(da!.subject).toContain('Høringsnotatet er offentliggjort');
    expect(da!.textBody).toContain(h.mine.receiptCode);
    expect(da!.textBody).toContain(`https://samraad.example/consultations/${h.c.slug}`);
    const [en] = await noticesTo(h.emails.theirs);
    expect(en!.locale).toBe('en');
    expect(en!.subject).toContain('The consultation report has been published');
    const [participant] = await noticesTo(h.commenter.email);
    expect(participant!.locale).toBe('en');
    expect(participant!.textBody).toContain(`https://samraad.example/profile/used?consultation=${h.c.slug}`);
    for (const email of [...Object.values(h.emails), h.commenter.email]) expect(await noticesTo(email)).toHaveLength(1);
    for (const token of [h.mine.editToken, h.theirs.editToken, h.member.editToken]) {
      for (const email of Object.values(h.emails)) {
        for (const m of await mailsTo(t, email)) if (m.kind === 'report_used') expect(m.textBody).not.toContain(token);
      }
    }
    const ledger = await sql<{ n: number }>`select count(*)::int as n from report_notices
      where consultation_id = ${h.c.id} and mail_id is not null`.execute(t.handle.db);
    expect(ledger.rows[0]!.n).toBe(4);

    // A second sweep, and a new published version, mail nobody again.
    await sweepNotices(t.handle.db, opts);
    await h.publish();
    await sweepNotices(t.handle.db, opts);
    for (const email of [...Object.values(h.emails), h.commenter.email]) expect(await noticesTo(email)).toHaveLength(1);
  });

  it('keeps the edit token out of the logs', async () => {
    const logged = await createTestApp({ LOG_LEVEL: 'info' });
    const lines: string[] = [];
    const capture = (fd: unknown, data: unknown) => {
      if (fd === 1 || fd === 2) lines.push(String(data));
    };
    const writeSync = vi.spyOn(fs, 'writeSync').mockImplementation((fd, data) => {
      capture(fd, data);
      return typeof data === 'string' ? data.length : 0;
    });
    const write = vi.spyOn(fs, 'write').mockImplementation(((fd: unknown, data: unknown, ...rest: unknown[]) => {
      capture(fd, data);
      const cb = rest.at(-1);
      if (typeof cb === 'function') (cb as (e: null, n: number) => void)(null, String(data).length);
    }) as never);
    try {
      await logged.app.inject({ url: '/api/health' });
      await logged.app.inject({ url: `/api/responses/by-token/${'A'.repeat(43)}/used` });
    } finally {
      writeSync.mockRestore();
      write.mockRestore();
      await logged.close();
    }
    const text = lines.join('');
    expect(text).toContain('/api/health'); // the capture works: requests are logged at info
    expect(text).not.toContain('/used');
    expect(text).not.toContain('A'.repeat(43));
  });
});

describe('the demo’s known edit link (server/seed/demo-used.ts)', () => {
  // The concluded demo hearing's slug is fixed: a database of its own.
  it('does nothing before the report is published, then opens a quoted respondent’s page', async () => {
    const own = await createIsolatedTestApp();
    try {
      const admin = await signedInUser(own, ['admin']);
      const { consultation: c, questions } = await factory(own).newOpenConsultation(admin, {
        consultation: { slug: REPORT_SLUG },
        questions: [TEXT_Q],
      });
      const quoted = await submitOk(own, c.id, submission(questions, { body: MINE }));
      expect(await seedDemoUsed(own.handle.db)).toBeNull();
      const tagRes = await call(own, admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/codebook/tags`,
        payload: { name: { da: 'Adgang for alle', en: 'Access for all' } },
      });
      const access = json<CodebookTag>(tagRes);
      const coding = json<Coding>(
        await call(own, admin, {
          method: 'POST',
          url: `/api/consultations/${c.id}/codings`,
          payload: { tagId: access.id, itemKind: 'response', itemId: quoted.id },
        }),
      );
      await publishReport(own.handle.db, c.id, [
        reportTheme(access, {
          answer: 'accommodated',
          quotes: [{ codingId: coding.id, itemKind: 'response', itemId: quoted.id, text: 'Et digitalt ID' }],
        }),
      ]);
      const seeded = await seedDemoUsed(own.handle.db);
      expect(seeded).toEqual({ responseId: quoted.id, path: DEMO_USED_PATH });
      expect(await seedDemoUsed(own.handle.db)).toEqual(seeded); // idempotent
      const res = await own.app.inject({ url: `/api/responses/by-token/${DEMO_USED_TOKEN}/used` });
      expect(res.statusCode, res.body).toBe(200);
      const [item] = json<UsedView>(res).items;
      expect(item!.id).toBe(quoted.id);
      expect(item!.themes[0]).toMatchObject({ answer: 'accommodated', quotes: [{ text: 'Et digitalt ID' }] });
    } finally {
      await own.close();
    }
  });
});
