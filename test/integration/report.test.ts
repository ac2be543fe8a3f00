import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../server/modules/reports/report.model.ts';
import type { ReportVersion } from '../../server/modules/reports/notat/notat.schemas.ts';
import { runReportJob } from '../../server/modules/reports/notat/notat.job.ts';
import { getPublishedReport } from '../../server/modules/reports/reports.service.ts';
import {
  call,
  createTestApp,
  type ErrorWith,
  expectError,
  json,
  signedInUser,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { DAY_MS, factory, makeOpenConsultation } from '../helpers/factory.ts';
import { generated, reportHearing, SECRET_MAIL, type ReportHearing } from '../helpers/report.ts';

// Issue 14 story 6: the høringsnotat's versions, formats, publishing, access and the concluded guard.

let t: TestApp;
let cast: Cast;
let h: ReportHearing;
let member: TestUser;
let first: ReportVersion;

const base = () => `/api/consultations/${h.c.id}/reports`;
const file = (n: number, q: string, who: TestUser | null = cast.analyst) =>
  call(t, who, { url: `${base()}/${n}/file?${q}` });
const versionCount = async (cid: string) =>
  (await t.handle.db.selectFrom('reportVersions').select('id').where('consultationId', '=', cid).execute()).length;

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://samraad.example' });
  cast = await signInCast(t);
  h = await reportHearing(t, cast);
  // A reviewer of this consultation: they may read the published report like everyone, no draft.
  member = await signedInUser(t, ['reviewer']);
  const inv = await call(t, cast.admin, {
    method: 'POST',
    url: `/api/consultations/${h.c.id}/reviewers`,
    payload: { email: member.email, authority: 'KL' },
  });
  expect(inv.statusCode, inv.body).toBe(201);
  first = await generated(t, cast.analyst, h.c.id);
});
afterAll(async () => t?.close());

describe('generating a version', () => {
  it('runs as a job: the version goes from generating to a draft with its time and peak memory', async () => {
    expect(first).toMatchObject({ status: 'draft', progress: 1, phase: 'done', note: 'test', publishedAt: null });
    expect(first.peakRssBytes).toBeGreaterThan(0);
    expect(first.tookMs).toBeGreaterThanOrEqual(0);
    // Asked for, a version is listed as generating until its job has run.
    const res = await call(t, cast.admin, { method: 'POST', url: base(), payload: {} });
    expect(res.statusCode, res.body).toBe(202);
    const pending = json<ReportVersion>(res);
    expect(pending).toMatchObject({ status: 'generating', number: first.number + 1, progress: 0 });
    const list = json<{ items: ReportVersion[]; published: number | null }>(
      await call(t, cast.analyst, { url: base() }),
    );
    expect(list.items.map((v) => [v.number, v.status])).toEqual([
      [pending.number, 'generating'],
      [first.number, 'draft'],
    ]);
    expect(list.published).toBeNull();
    // It cannot be read or published before it is generated.
    expectError(await file(pending.number, 'format=html'), 409, 'CONFLICT');
    expectError(
      await call(t, cast.admin, { method: 'POST', url: `${base()}/${pending.number}/publish` }),
      409,
      'CONFLICT',
    );
  });

  it('a failed job is shown on its version, and the version can be neither read nor published', async () => {
    const res = await call(t, cast.analyst, { method: 'POST', url: base(), payload: { note: 'will fail' } });
    const v = json<ReportVersion>(res);
    await runReportJob(
      {
        db: t.handle.db,
        publicUrl: 'https://samraad.example',
        log: { warn: () => undefined },
        now: () => {
          throw new Error('the clock stopped');
        },
      },
      { consultationId: h.c.id, versionId: v.id },
    );
    const failed = json<ReportVersion>(await call(t, cast.analyst, { url: `${base()}/${v.number}` }));
    expect(failed).toMatchObject({ status: 'failed', error: 'the clock stopped' });
    expectError(await file(v.number, 'format=json'), 409, 'CONFLICT');
    expectError(await call(t, cast.admin, { method: 'POST', url: `${base()}/${v.number}/publish` }), 409, 'CONFLICT');
  });

  it('is audited', async () => {
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('details')
      .where('consultationId', '=', h.c.id)
      .where('action', '=', 'report.generate')
      .execute();
    expect(audit.map((a) => (a.details as { number: number }).number)).toContain(first.number);
  });
});

describe('the formats', () => {
  it('HTML in Danish and English has the sections of lovkvalitet 9.1.6, print CSS and no script', async () => {
    const da = await file(first.number, 'format=html&lang=da');
    expect(da.statusCode, da.body).toBe(200);
    expect(da.headers['content-type']).toContain('text/html');
    expect(da.headers['content-security-policy']).toContain("default-src 'none'");
    for (const s of [
      '1.1 Høringsperiode',
      '1.2 Hørte myndigheder og organisationer',
      '2. Oversigt over høringssvarene',
      '3. Bemærkninger til de enkelte temaer',
      '4. Ændringer efter høringen',
      '5. Beslutning',
      'Ingen bemærkninger',
      '@media print',
      'Udkast, version',
    ])
      expect(da.body).toContain(s);
    expect(da.body).not.toMatch(/<script/i);
    expect(da.body).toContain('https://samraad.example/consultations/');
    const en = await file(first.number, 'format=html&lang=en');
    expect(en.body).toContain('<html lang="en">');
    for (const s of [
      '1.1 Consultation period',
      'No comments',
      'Older citizens',
      'No summary of this theme has been written yet.',
    ])
      expect(en.body).toContain(s);
  });

  it('lists the parties alphabetically (Danish order: Aa after Æ), ticking those that answered', async () => {
    const html = (await file(first.number, 'format=html&lang=da')).body;
    const names = [...html.matchAll(/<tr><td>([^<]+)<\/td><td>(<span[^>]*>✓<\/span>)?<\/td>/g)].map((m) => [
      m[1]!.split(' ').slice(0, 2).join(' '),
      !!m[2],
    ]);
    expect(names).toEqual([
      ['Danske Regioner', false],
      ['Ærø Kommune', true],
      ['Aarhus Kommune', true],
    ]);
  });

  it('quotes only published input, with the accepted redactions cut out, in every format', async () => {
    const model = json<ReportModel>(await file(first.number, 'format=json'));
    const quotes = model.themes.flatMap((x) => x.quotes);
    expect(quotes.length).toBeGreaterThan(0);
    // The letters (not published) are never quoted.
    expect(quotes.every((q) => h.responseIds.slice(0, 4).includes(q.itemId))).toBe(true);
    const redacted = quotes.find((q) => q.itemId === h.redactedResponseId)!;
    expect(redacted.text).toContain('[…]');
    for (const q of ['format=json', 'format=md', 'format=html', 'format=html&lang=en', 'format=md&lang=en']) {
      const res = await file(first.number, q);
      expect(res.body).not.toContain(SECRET_MAIL);
    }
    const docx = await file(first.number, 'format=docx');
    expect((await mammoth.extractRawText({ buffer: docx.rawPayload })).value).not.toContain(SECRET_MAIL);
  });

  it('Markdown and JSON', async () => {
    const md = await file(first.number, 'format=md&lang=da&download=true');
    expect(md.headers['content-type']).toContain('text/markdown');
    expect(md.headers['content-disposition']).toMatch(/^attachment; filename="hoeringsnotat-.*-v\d+-da\.md"$/);
    expect(md.body).toMatch(/^# Høringsnotat/);
    expect(md.body).toContain('### 1.1 Høringsperiode');
    const model = json<ReportModel>(await file(first.number, 'format=json'));
    expect(model).toMatchObject({ format: 'samraad.hoeringsnotat/1', number: first.number, consultationId: h.c.id });
  });

  it('DOCX opens (parsed back) with its headings, tables and links', async () => {
    const res = await file(first.number, 'format=docx&lang=da');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".*\.docx"$/);
    const { value: html } = await mammoth.convertToHtml({ buffer: res.rawPayload });
    expect(html).toMatch(/^<p>Høringsnotat<\/p>/);
    for (const s of [
      '<h1>1. Høringen</h1>',
      '<h2>1.1 Høringsperiode</h2>',
      '<h1>3. Bemærkninger til de enkelte temaer</h1>',
      '<h1>5. Beslutning</h1>',
    ])
      expect(html).toContain(s);
    // Word's own part names the title style.
    const xml = strFromU8(unzipSync(new Uint8Array(res.rawPayload))['word/document.xml']!);
    expect(xml).toMatch(/<w:pStyle w:val="Title"\/>.*?Høringsnotat/);
    expect(html).toContain('<table>');
    expect(html).toMatch(/<a href="https:\/\/samraad\.example\/admin\/consultations\/[^"]+\/inbox\?tag=/);
  });
});

describe('publishing', () => {
  it('an admin publishes; the public reads it; a newer published version supersedes it; drafts never public', async () => {
    const pub = `/api/consultations/${h.c.slug}/report`;
    expectError(await call(t, null, { url: pub }), 404, 'NOT_FOUND');
    const res = await call(t, cast.admin, { method: 'POST', url: `${base()}/${first.number}/publish` });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<ReportVersion>(res)).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    for (const who of [null, cast.participant, cast.reviewer, member, cast.analyst]) {
      const r = await call(t, who, { url: `${pub}?format=html&lang=en` });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.body).toContain(`Version ${first.number},`);
      expect(r.body).not.toContain('Draft');
      // The published file leads no one into the analysts' inbox (staff download a version with links).
      expect(r.body).not.toContain('/admin/');
    }
    const md = await call(t, null, { url: `${pub}?format=md&lang=da` });
    expect(md.statusCode, md.body).toBe(200);
    expect(md.body).not.toContain('/admin/');
    expect((await file(first.number, 'format=md&lang=da')).body).toContain('/admin/consultations/');
    expect((await getPublishedReport(t.handle.db, h.c.id))?.number).toBe(first.number);
    for (const who of [null, cast.participant, member]) {
      const r = await call(t, who, { url: `${pub}/version` });
      expect(r.statusCode, r.body).toBe(200);
      expect(json<{ number: number }>(r).number).toBe(first.number);
    }

    const second = await generated(t, cast.analyst, h.c.id);
    // The new draft is not public: the public still reads the first.
    expect(json<ReportModel>(await call(t, null, { url: `${pub}?format=json` })).number).toBe(first.number);
    await call(t, cast.admin, { method: 'POST', url: `${base()}/${second.number}/publish` });
    expect(json<ReportModel>(await call(t, null, { url: `${pub}?format=json` })).number).toBe(second.number);
    const list = json<{ items: ReportVersion[]; published: number }>(await call(t, cast.admin, { url: base() }));
    expect(list.published).toBe(second.number);
    expect(list.items.find((v) => v.number === first.number)!.status).toBe('superseded');
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('details')
      .where('consultationId', '=', h.c.id)
      .where('action', '=', 'report.publish')
      .execute();
    expect(audit.map((a) => a.details)).toContainEqual({ number: second.number, superseded: first.number });
  });
});

describe('access', () => {
  it('drafts, versions and generation are for analysts and admins only; publishing for admins', async () => {
    const n = first.number;
    const before = await versionCount(h.c.id);
    const routes: [string, string, object?][] = [
      ['GET', base()],
      ['POST', base(), {}],
      ['GET', `${base()}/${n}`],
      ['GET', `${base()}/${n}/file?format=html`],
      ['POST', `${base()}/${n}/publish`],
    ];
    for (const [method, url, payload] of routes) {
      expectError(
        await call(t, null, { method: method as 'GET', url, ...(payload ? { payload } : {}) }),
        401,
        'UNAUTHENTICATED',
      );
      for (const who of [cast.participant, cast.reviewer, member])
        expectError(
          await call(t, who, { method: method as 'GET', url, ...(payload ? { payload } : {}) }),
          403,
          'FORBIDDEN',
        );
    }
    expectError(await call(t, cast.analyst, { method: 'POST', url: `${base()}/${n}/publish` }), 403, 'FORBIDDEN');
    expect(await versionCount(h.c.id)).toBe(before);
  });

  it('refuses bad input with a clear 4xx and changes nothing', async () => {
    const before = await versionCount(h.c.id);
    const status = async () =>
      await t.handle.db
        .selectFrom('reportVersions')
        .select(['number', 'status'])
        .where('consultationId', '=', h.c.id)
        .orderBy('number')
        .execute();
    // A version asked for by an earlier test may still be generating: let its job finish first, so
    // the snapshot compares only what these requests could change.
    for (let i = 0; i < 600 && (await status()).some((v) => v.status === 'generating'); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const was = await status();
    expect(was.some((v) => v.status === 'generating')).toBe(false);
    const cases: [string, string, object | undefined, number, string][] = [
      ['POST', base(), { note: 'x'.repeat(501) }, 400, 'VALIDATION_FAILED'],
      ['POST', base(), { note: 'ok', extra: 1 }, 400, 'VALIDATION_FAILED'],
      ['POST', '/api/consultations/not-a-uuid/reports', {}, 400, 'VALIDATION_FAILED'],
      ['GET', `${base()}/0`, undefined, 400, 'VALIDATION_FAILED'],
      ['GET', `${base()}/abc`, undefined, 400, 'VALIDATION_FAILED'],
      ['GET', `${base()}/${first.number}/file?format=pdf`, undefined, 400, 'VALIDATION_FAILED'],
      ['GET', `${base()}/${first.number}/file?lang=fr`, undefined, 400, 'VALIDATION_FAILED'],
      ['GET', `${base()}/999999`, undefined, 404, 'NOT_FOUND'],
      ['POST', `${base()}/999999/publish`, undefined, 404, 'NOT_FOUND'],
      ['GET', `/api/consultations/${h.c.slug}/report?format=exe`, undefined, 400, 'VALIDATION_FAILED'],
      ['GET', '/api/consultations/no-such-hearing/report', undefined, 404, 'NOT_FOUND'],
      ['GET', '/api/consultations/no-such-hearing/report/version', undefined, 404, 'NOT_FOUND'],
    ];
    for (const [method, url, payload, code, err] of cases) {
      const who = method === 'POST' && url.endsWith('publish') ? cast.admin : cast.analyst;
      expectError(await call(t, who, { method: method as 'GET', url, ...(payload ? { payload } : {}) }), code, err);
    }
    expect(await versionCount(h.c.id)).toBe(before);
    expect(await status()).toEqual(was);
  });
});

describe('concluding with a published report', () => {
  it('needs no reason once the report is published, and the report carries the decision', async () => {
    const { consultation: c, scenarios } = await makeOpenConsultation(t, cast.admin);
    const round = json<{ id: string }>(
      await call(t, cast.admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/review-rounds`,
        payload: { dueAt: new Date(Date.now() + 7 * DAY_MS).toISOString() },
      }),
    );
    const decided = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/consultations/${c.id}/review-rounds/${round.id}/decision`,
      payload: {
        outcomes: scenarios.map((s, i) => ({
          scenarioId: s.id,
          outcome: i === 0 ? 'selected' : 'eliminated',
          reasons: i === 0 ? 'Flest støtter det.' : 'Dyrt.',
        })),
      },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    await call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/review-rounds/${round.id}/close` });
    await factory(t).transition(cast.admin, c.id, 'closed');
    await factory(t).transition(cast.admin, c.id, 'analysis');
    const transition = (payload: object) =>
      call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/transition`, payload });
    const refused = await transition({ to: 'concluded' });
    expectError(refused, 422, 'RULE_VIOLATION');
    expect(json<ErrorWith<{ reason: string }>>(refused).error.details.reason).toBe('no_report');

    const v = await generated(t, cast.admin, c.id);
    const model = json<ReportModel>(
      await call(t, cast.admin, { url: `/api/consultations/${c.id}/reports/${v.number}/file?format=json` }),
    );
    expect(model.decision?.outcomes.find((o) => o.outcome === 'selected')?.scenarioId).toBe(scenarios[0]!.id);
    // A draft is not enough.
    expectError(await transition({ to: 'concluded' }), 422, 'RULE_VIOLATION');
    await call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/reports/${v.number}/publish` });
    const done = await transition({ to: 'concluded' });
    expect(done.statusCode, done.body).toBe(200);
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select('details')
      .where('consultationId', '=', c.id)
      .where('action', '=', 'consultation.transition')
      .execute();
    expect(audit.map((a) => a.details)).toContainEqual({ from: 'analysis', to: 'concluded' });
  });
});
