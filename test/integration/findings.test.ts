import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Coding } from '../../server/modules/analysis/codings/codings.schemas.ts';
import type { CodebookTag } from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import type { InboxItemDetail, InboxPage } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
import type {
  Finding,
  FindingPage,
  FindingsOverview,
  SessionList,
  TestSession,
} from '../../server/modules/findings/findings.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signedInUser,
  signInCast,
  type Cast,
  type ErrorWith,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { seedDemoFindings } from '../../server/seed/demo-findings.ts';
import { factory, PNG_1x1, type OpenConsultation } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

// Issue 13 story 1: user-test sessions and findings, their overview per scenario, and findings as
// items of the analysis inbox (searchable, codable, assignable). Every route: happy path, bad input
// (4xx, nothing changed) and every wrong role.

let t: TestApp;
let cast: Cast;
let outsider: TestUser;
let h: OpenConsultation;
let other: OpenConsultation;

const base = (c: OpenConsultation = h) => `/api/consultations/${c.consultation.id}`;
const SESSION = {
  ref: 'T1',
  heldOn: '2026-11-03',
  remote: false,
  place: 'Aarhus, Borgerservice',
  method: 'moderated_usability_test',
  facilitator: 'Mette Holm',
  participantProfile: 'senior, first-time smartphone user',
  participantCount: 5,
  device: 'iPhone SE',
  recordingConsent: true,
  note: '',
};
const finding = (c: OpenConsultation, sessionIds: string[], over: Record<string, unknown> = {}) => ({
  scenarioId: c.scenarios[0].id,
  sessionIds,
  task: 'Log ind på borger.dk med appen',
  observation: 'Deltageren fandt ikke knappen til at godkende i appen og gav op efter to minutter.',
  severity: 'major',
  participantsAffected: 3,
  recommendation: 'Vis godkend-knappen øverst og med stor tekst.',
  ...over,
});

const post = (url: string, payload: unknown, user: TestUser | null = cast.analyst) =>
  call(t, user, { method: 'POST', url, payload: payload as Record<string, unknown> });
const put = (url: string, payload: unknown, user: TestUser | null = cast.analyst) =>
  call(t, user, { method: 'PUT', url, payload: payload as Record<string, unknown> });
const get = (url: string, user: TestUser | null = cast.analyst) => call(t, user, { method: 'GET', url });
const del = (url: string, user: TestUser | null = cast.analyst) => call(t, user, { method: 'DELETE', url });

async function newSession(c: OpenConsultation = h, over: Record<string, unknown> = {}): Promise<TestSession> {
  const res = await post(`${base(c)}/test-sessions`, { ...SESSION, ref: null, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return json<TestSession>(res);
}
async function newFinding(c: OpenConsultation, sessionIds: string[], over: Record<string, unknown> = {}) {
  const res = await post(`${base(c)}/findings`, finding(c, sessionIds, over));
  expect(res.statusCode, res.body).toBe(201);
  return json<Finding>(res);
}
/** What the tables hold for a consultation: a test compares it before and after a refused request. */
const snapshot = async (c: OpenConsultation = h) => {
  const id = c.consultation.id;
  const q = async (table: string) =>
    (
      await sql<{
        r: unknown;
      }>`select to_jsonb(x) as r from ${sql.table(table)} x where consultation_id = ${id} order by 1`.execute(
        t.handle.db,
      )
    ).rows.map((r) => JSON.stringify(r.r));
  return {
    sessions: await q('user_test_sessions'),
    findings: await q('findings'),
    links: await q('finding_sessions'),
    audit: (await sql`select 1 from audit_events where consultation_id = ${id}`.execute(t.handle.db)).rows.length,
  };
};

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  outsider = await signedInUser(t, ['analyst']);
  h = await factory(t).newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }, { key: 'S2' }] });
  other = await factory(t).newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
  // The outsider is limited to the consultations whose team they are on, and is on none.
  const res = await call(t, cast.admin, {
    method: 'PUT',
    url: `/api/analysts/${outsider.id}/limit`,
    payload: { limited: true },
  });
  expect(res.statusCode, res.body).toBe(200);
});
afterAll(async () => t?.close());

describe('test sessions', () => {
  it('records, lists, reads, changes and removes a session, audited', async () => {
    const res = await post(`${base()}/test-sessions`, SESSION, cast.admin);
    expect(res.statusCode, res.body).toBe(201);
    const s = json<TestSession>(res);
    expect(s).toMatchObject({ ...SESSION, findingCount: 0, consultationId: h.consultation.id });
    const list = json<SessionList>(await get(`${base()}/test-sessions`));
    expect(list.items.map((x) => x.id)).toContain(s.id);
    expect(json<TestSession>(await get(`${base()}/test-sessions/${s.id}`))).toEqual(s);
    const changed = await put(`${base()}/test-sessions/${s.id}`, {
      ...SESSION,
      remote: true,
      place: '',
      participantCount: 6,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(json<TestSession>(changed)).toMatchObject({ remote: true, place: '', participantCount: 6 });
    expect((await del(`${base()}/test-sessions/${s.id}`)).statusCode).toBe(204);
    expectError(await get(`${base()}/test-sessions/${s.id}`), 404, 'NOT_FOUND');
    const actions = await sql<{ action: string }>`select action from audit_events
      where item_type = 'test_session' and item_id = ${s.id} order by occurred_at`.execute(t.handle.db);
    expect(actions.rows.map((r) => r.action)).toEqual([
      'test_session.create',
      'test_session.update',
      'test_session.delete',
    ]);
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const s = await newSession(h, { ref: 'T-bad' });
    const before = await snapshot();
    const url = `${base()}/test-sessions`;
    for (const bad of [
      { ...SESSION, method: 'focus_group' },
      { ...SESSION, heldOn: '2026-02-30' },
      { ...SESSION, participantCount: 0 },
      { ...SESSION, facilitator: '' },
      { ...SESSION, remote: false, place: '' },
      { ...SESSION, recordingConsent: 'yes' },
      { ...SESSION, extra: 1 },
    ]) {
      expectError(await post(url, bad), 400, 'VALIDATION_FAILED');
      expectError(await put(`${url}/${s.id}`, bad), 400, 'VALIDATION_FAILED');
    }
    const taken = await post(url, { ...SESSION, ref: 'T-bad' });
    expectError(taken, 409, 'CONFLICT');
    expect(json<ErrorWith<{ reason: string }>>(taken).error.details.reason).toBe('ref_taken');
    expectError(await put(`${url}/${crypto.randomUUID()}`, SESSION), 404, 'NOT_FOUND');
    expectError(await del(`${url}/${crypto.randomUUID()}`), 404, 'NOT_FOUND');
    expectError(await get(`${url}/not-a-uuid`), 400, 'VALIDATION_FAILED');
    expectError(await post(`/api/consultations/${crypto.randomUUID()}/test-sessions`, SESSION), 404, 'NOT_FOUND');
    // A session of another consultation is not found here.
    const elsewhere = await newSession(other);
    expectError(await get(`${url}/${elsewhere.id}`), 404, 'NOT_FOUND');
    expect(await snapshot()).toEqual(before);
  });

  it('keeps a session while findings name it, and never below what they met', async () => {
    const s = await newSession(h, { participantCount: 4 });
    const f = await newFinding(h, [s.id], { participantsAffected: 4 });
    const before = await snapshot();
    const inUse = await del(`${base()}/test-sessions/${s.id}`);
    expectError(inUse, 409, 'CONFLICT');
    expect(json<ErrorWith<{ reason: string }>>(inUse).error.details.reason).toBe('session_in_use');
    const shrink = await put(`${base()}/test-sessions/${s.id}`, { ...SESSION, ref: null, participantCount: 3 });
    expectError(shrink, 422, 'RULE_VIOLATION');
    expect(json<ErrorWith<{ findingIds: string[] }>>(shrink).error.details.findingIds).toEqual([f.id]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses every other role before it reads the request, and changes nothing', async () => {
    const s = await newSession();
    const before = await snapshot();
    const url = `${base()}/test-sessions`;
    const wrong: [TestUser | null, number, string][] = [
      [null, 401, 'UNAUTHENTICATED'],
      [cast.participant, 403, 'FORBIDDEN'],
      [cast.reviewer, 403, 'FORBIDDEN'],
      [outsider, 403, 'FORBIDDEN'],
    ];
    for (const [user, status, code] of wrong) {
      expectError(await get(url, user), status, code);
      expectError(await get(`${url}/${s.id}`, user), status, code);
      expectError(await post(url, user === outsider ? SESSION : 'not json', user), status, code);
      expectError(await put(`${url}/${s.id}`, user === outsider ? SESSION : { junk: true }, user), status, code);
      expectError(await del(`${url}/${s.id}`, user), status, code);
    }
    const refused = await get(url, outsider);
    expect(json<ErrorWith<{ reason: string }>>(refused).error.details.reason).toBe('not_on_team');
    expect(await snapshot()).toEqual(before);
  });
});

describe('findings', () => {
  it('records a finding on a scenario from two sessions, reads, lists, changes and removes it, audited', async () => {
    const a = await newSession(h, { participantCount: 5 });
    const b = await newSession(h, { participantCount: 3, method: 'think_aloud', remote: true, place: '' });
    const f = await newFinding(h, [a.id, b.id], { participantsAffected: 7, severity: 'critical' });
    expect(f).toMatchObject({
      scenarioId: h.scenarios[0].id,
      scenarioKey: 'S1',
      severity: 'critical',
      participantsAffected: 7,
      participantsInSessions: 8,
      status: 'open',
      version: 1,
      evidence: [],
    });
    expect(f.sessions.map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
    expect(json<Finding>(await get(`${base()}/findings/${f.id}`))).toEqual(f);
    const listed = json<FindingPage>(await get(`${base()}/findings?session=${b.id}`));
    expect(listed.items.map((x) => x.id)).toEqual([f.id]);
    expect(listed.items[0]).toMatchObject({ evidenceCount: 0, sessionIds: expect.arrayContaining([a.id, b.id]) });

    const changed = await put(`${base()}/findings/${f.id}`, {
      ...finding(h, [a.id], { participantsAffected: 2, severity: 'minor' }),
      status: 'addressed',
      statusNote: 'Rettet i version 2.1',
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(json<Finding>(changed)).toMatchObject({
      status: 'addressed',
      statusNote: 'Rettet i version 2.1',
      version: 2,
    });
    const stale = await put(`${base()}/findings/${f.id}`, { ...finding(h, [a.id]), version: 1 });
    expectError(stale, 409, 'STALE_VERSION');

    expect((await del(`${base()}/findings/${f.id}`)).statusCode).toBe(204);
    expectError(await get(`${base()}/findings/${f.id}`), 404, 'NOT_FOUND');
    expectError(await del(`${base()}/findings/${f.id}`), 404, 'NOT_FOUND');
    expect(json<FindingPage>(await get(`${base()}/findings?session=${a.id}`)).items).toEqual([]);
    const events = await sql<{
      action: string;
      consultationId: string;
    }>`select action, consultation_id from audit_events
      where item_type = 'finding' and item_id = ${f.id} order by occurred_at`.execute(t.handle.db);
    expect(events.rows.map((r) => r.action)).toEqual(['finding.create', 'finding.update', 'finding.delete']);
    expect(new Set(events.rows.map((r) => r.consultationId))).toEqual(new Set([h.consultation.id]));
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const s = await newSession(h, { participantCount: 2 });
    const f = await newFinding(h, [s.id], { participantsAffected: 1 });
    const elsewhere = await newSession(other);
    const before = await snapshot();
    const url = `${base()}/findings`;
    const bad400 = [
      finding(h, [s.id], { severity: 'blocker' }),
      finding(h, [s.id], { status: 'done' }),
      finding(h, [], {}),
      finding(h, [s.id, s.id], {}),
      finding(h, [s.id], { observation: '   ' }),
      finding(h, [s.id], { participantsAffected: 0 }),
      finding(h, [s.id], { scenarioId: 'S1' }),
      { ...finding(h, [s.id]), extra: true },
    ];
    for (const bad of bad400) {
      expectError(await post(url, bad), 400, 'VALIDATION_FAILED');
      expectError(await put(`${url}/${f.id}`, bad), 400, 'VALIDATION_FAILED');
    }
    const reasons: [Record<string, unknown>, string][] = [
      [finding(h, [s.id], { participantsAffected: 3 }), 'too_many_affected'],
      [finding(h, [elsewhere.id]), 'unknown_session'],
      [finding(h, [crypto.randomUUID()]), 'unknown_session'],
      [finding(h, [s.id], { scenarioId: other.scenarios[0].id }), 'unknown_scenario'],
    ];
    for (const [bad, reason] of reasons) {
      for (const res of [await post(url, bad), await put(`${url}/${f.id}`, bad)]) {
        expectError(res, 422, 'RULE_VIOLATION');
        expect(json<ErrorWith<{ reason: string }>>(res).error.details.reason).toBe(reason);
      }
    }
    expectError(
      await put(`${url}/${crypto.randomUUID()}`, finding(h, [s.id], { participantsAffected: 1 })),
      404,
      'NOT_FOUND',
    );
    expectError(await get(`${url}?cursor=bogus`), 400, 'BAD_REQUEST');
    expectError(await get(`${url}?severity=huge`), 400, 'VALIDATION_FAILED');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses every other role before it reads the request, and changes nothing', async () => {
    const s = await newSession();
    const f = await newFinding(h, [s.id]);
    const before = await snapshot();
    const url = `${base()}/findings`;
    const wrong: [TestUser | null, number, string][] = [
      [null, 401, 'UNAUTHENTICATED'],
      [cast.participant, 403, 'FORBIDDEN'],
      [cast.reviewer, 403, 'FORBIDDEN'],
      [outsider, 403, 'FORBIDDEN'],
    ];
    for (const [user, status, code] of wrong) {
      expectError(await get(url, user), status, code);
      expectError(await get(`${url}/${f.id}`, user), status, code);
      expectError(await post(url, user === outsider ? finding(h, [s.id]) : 'junk', user), status, code);
      expectError(await put(`${url}/${f.id}`, user === outsider ? finding(h, [s.id]) : {}, user), status, code);
      expectError(await del(`${url}/${f.id}`, user), status, code);
      expectError(await get(`${base()}/scenarios/${h.scenarios[0].id}/findings-overview`, user), status, code);
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('the findings overview of a scenario', () => {
  it('counts by severity and frequency and lists by severity, then participants affected, a page at a time', async () => {
    const c = await factory(t).newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }, { key: 'S2' }] });
    const s = await newSession(c, { participantCount: 10 });
    const spec: [string, number][] = [
      ['minor', 9],
      ['critical', 2],
      ['major', 5],
      ['critical', 6],
      ['cosmetic', 1],
      ['major', 5],
    ];
    for (const [severity, n] of spec) await newFinding(c, [s.id], { severity, participantsAffected: n });
    await newFinding(c, [s.id], { scenarioId: c.scenarios[1].id, severity: 'critical', participantsAffected: 10 });
    const url = `${base(c)}/scenarios/${c.scenarios[0].id}/findings-overview`;
    const first = json<FindingsOverview>(await get(`${url}?limit=4`));
    expect(first.total).toBe(6);
    expect(first.bySeverity).toEqual([
      { severity: 'critical', count: 2 },
      { severity: 'major', count: 2 },
      { severity: 'minor', count: 1 },
      { severity: 'cosmetic', count: 1 },
    ]);
    expect(first.byFrequency).toEqual([
      { participantsAffected: 9, count: 1 },
      { participantsAffected: 6, count: 1 },
      { participantsAffected: 5, count: 2 },
      { participantsAffected: 2, count: 1 },
      { participantsAffected: 1, count: 1 },
    ]);
    expect(first.cells[0]).toEqual({ severity: 'critical', participantsAffected: 6, count: 1 });
    const second = json<FindingsOverview>(await get(`${url}?limit=4&cursor=${first.nextCursor}`));
    const order = [...first.items, ...second.items].map((i) => `${i.severity}:${i.participantsAffected}`);
    expect(order).toEqual(['critical:6', 'critical:2', 'major:5', 'major:5', 'minor:9', 'cosmetic:1']);
    expect(second.nextCursor).toBeNull();
    expectError(await get(`${base(c)}/scenarios/${h.scenarios[0].id}/findings-overview`), 404, 'NOT_FOUND');
    expectError(await get(`${url}?limit=0`), 400, 'VALIDATION_FAILED');
  });
});

describe('findings in the analysis inbox', () => {
  it('lists a finding as an inbox item, finds it by search, and codes a passage of its observation', async () => {
    const c = await factory(t).newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
    const s = await newSession(c, { facilitator: 'Rikke Bach', method: 'think_aloud', participantCount: 4 });
    const f = await newFinding(c, [s.id], {
      observation: 'Skærmlæseren læste QR-koden op som "billede" uden alternativ tekst.',
      severity: 'critical',
      participantsAffected: 4,
    });
    await indexAllNow(t.handle.db);
    const page = json<InboxPage>(await get(`${base(c)}/inbox?kind=finding`));
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: 'finding',
      id: f.id,
      author: 'Rikke Bach (tænke højt-test)',
      sourceStatus: 'open',
      scenarioIds: [c.scenarios[0].id],
      hasAttachments: false,
    });
    const hits = json<InboxPage>(await get(`${base(c)}/inbox?q=${encodeURIComponent('skærmlæseren')}`));
    expect(hits.items.map((i) => i.id)).toEqual([f.id]);
    expect(hits.items[0]!.highlight).toContain('<mark>');

    const detail = json<InboxItemDetail>(await get(`${base(c)}/inbox/items/finding/${f.id}`));
    expect(detail.texts.map((x) => x.field)).toEqual(['task', 'observation', 'recommendation']);
    expect(detail.author.name).toBe('Rikke Bach');
    expect(detail.facts?.[0]).toEqual({
      label: { da: 'Alvorlighed', en: 'Severity' },
      value: { da: 'Kritisk', en: 'Critical' },
    });

    const tag = json<CodebookTag>(
      await post(`${base(c)}/codebook/tags`, { name: { da: 'Tilgængelighed', en: 'Accessibility' } }),
    );
    const observation = detail.texts.find((x) => x.field === 'observation')!.text;
    const start = [...observation].indexOf('Q');
    const coded = await post(`${base(c)}/codings`, {
      tagId: tag.id,
      itemKind: 'finding',
      itemId: f.id,
      field: 'observation',
      startOffset: start,
      endOffset: start + 'QR-koden'.length,
    });
    expect(coded.statusCode, coded.body).toBe(201);
    expect(json<Coding>(coded)).toMatchObject({ itemKind: 'finding', field: 'observation', quote: 'QR-koden' });
    expectError(
      await post(`${base(c)}/codings`, { tagId: tag.id, itemKind: 'finding', itemId: f.id, field: 'body' }),
      400,
      'BAD_REQUEST',
    );

    const assigned = await post(`${base(c)}/inbox/workflow`, {
      itemIds: [f.id],
      assigneeId: cast.analyst.id,
      status: 'in_progress',
    });
    expect(assigned.statusCode, assigned.body).toBe(200);

    // A change reaches the inbox: status addressed; then removed, it is listed only when asked.
    await put(`${base(c)}/findings/${f.id}`, {
      ...finding(c, [s.id], { participantsAffected: 4 }),
      status: 'addressed',
    });
    await indexAllNow(t.handle.db);
    expect(json<InboxPage>(await get(`${base(c)}/inbox?kind=finding`)).items[0]).toMatchObject({
      sourceStatus: 'addressed',
      status: 'in_progress',
      assigneeId: cast.analyst.id,
    });
    await del(`${base(c)}/findings/${f.id}`);
    await indexAllNow(t.handle.db);
    expect(json<InboxPage>(await get(`${base(c)}/inbox?kind=finding`)).items).toEqual([]);
    expect(json<InboxPage>(await get(`${base(c)}/inbox?kind=finding&includeDeleted=true`)).items[0]).toMatchObject({
      sourceStatus: 'deleted',
    });
  });
});

describe('evidence of a finding', () => {
  const multipart = (files: { name: string; bytes: Buffer }[]) => {
    const boundary = `----findings${crypto.randomUUID().replace(/-/g, '')}`;
    const payload = Buffer.concat([
      ...files.flatMap((f) => [
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        ),
        f.bytes,
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  };
  const send = (url: string, files: { name: string; bytes: Buffer }[], user: TestUser | null = cast.analyst) =>
    call(t, user, { method: 'POST', url, ...multipart(files) });
  const WEBM = Buffer.concat([
    Buffer.from('1a45dfa39f4286810142f7810142f2810442f381084282847765626d428781024285810218538067', 'hex'),
    Buffer.alloc(64),
  ]);
  const MP3 = Buffer.concat([
    Buffer.from('fffb9000', 'hex'),
    Buffer.alloc(413),
    Buffer.from('fffb9000', 'hex'),
    Buffer.alloc(413),
  ]);

  it('adds screenshots and clips checked by content, downloads and removes them, audited; the inbox follows', async () => {
    const c = await factory(t).newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
    const s = await newSession(c);
    const f = await newFinding(c, [s.id]);
    const url = `${base(c)}/findings/${f.id}/evidence`;
    const png = await send(url, [{ name: 'skærmbillede.png', bytes: PNG_1x1 }]);
    expect(png.statusCode, png.body).toBe(201);
    const shot = json<Finding['evidence'][number]>(png);
    expect(shot).toMatchObject({ filename: 'skærmbillede.png', mediaType: 'image/png', sizeBytes: PNG_1x1.length });
    expect(shot.url).toBe(`/api/consultations/${c.consultation.id}/findings/${f.id}/evidence/${shot.id}`);
    for (const [name, bytes, type] of [
      ['klip.webm', WEBM, 'video/webm'],
      ['lyd.mp3', MP3, 'audio/mpeg'],
    ] as const) {
      const res = await send(url, [{ name, bytes }]);
      expect(res.statusCode, res.body).toBe(201);
      expect(json<{ mediaType: string }>(res).mediaType).toBe(type);
    }
    const read = json<Finding>(await get(`${base(c)}/findings/${f.id}`));
    expect(read.evidence.map((e) => e.filename)).toEqual(['skærmbillede.png', 'klip.webm', 'lyd.mp3']);
    expect(read.version).toBe(4);

    const file = await get(shot.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(String(file.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(file.rawPayload.equals(PNG_1x1)).toBe(true);

    await indexAllNow(t.handle.db);
    const detail = json<InboxItemDetail>(await get(`${base(c)}/inbox/items/finding/${f.id}`));
    expect(detail.files.map((x) => x.url)).toContain(shot.url);
    expect(json<InboxPage>(await get(`${base(c)}/inbox?kind=finding`)).items[0]!.hasAttachments).toBe(true);

    expect((await del(shot.url)).statusCode).toBe(204);
    expectError(await get(shot.url), 404, 'NOT_FOUND');
    const actions = await sql<{ action: string }>`select action from audit_events
      where item_type = 'finding' and item_id = ${f.id} order by occurred_at`.execute(t.handle.db);
    expect(actions.rows.map((r) => r.action)).toEqual([
      'finding.create',
      'finding.evidence_add',
      'finding.evidence_add',
      'finding.evidence_add',
      'finding.evidence_remove',
    ]);
  });

  it('refuses a file that lies about its type, a refused type, two files, too large a file; nothing is kept', async () => {
    const small = await createTestApp({ FINDING_EVIDENCE_MAX_BYTES: '2048' });
    try {
      const admin = await signedInUser(small, ['admin']);
      const c = await factory(small).newOpenConsultation(admin, { scenarios: [{ key: 'S1' }] });
      const s = json<TestSession>(
        await call(small, admin, {
          method: 'POST',
          url: `${base(c)}/test-sessions`,
          payload: { ...SESSION, ref: null },
        }),
      );
      const f = json<Finding>(
        await call(small, admin, { method: 'POST', url: `${base(c)}/findings`, payload: finding(c, [s.id]) }),
      );
      const url = `${base(c)}/findings/${f.id}/evidence`;
      const up = (files: { name: string; bytes: Buffer }[]) =>
        call(small, admin, { method: 'POST', url, ...multipart(files) });
      expectError(
        await up([{ name: 'side.html.png', bytes: Buffer.from('<html><script>x</script></html>') }]),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectError(await up([{ name: 'billede.jpg', bytes: PNG_1x1 }]), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(
        await up([{ name: 'arkiv.zip', bytes: Buffer.from('504b0304140000000000', 'hex') }]),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
      expectError(
        await up([{ name: 'stor.webm', bytes: Buffer.concat([WEBM, Buffer.alloc(4096)]) }]),
        413,
        'PAYLOAD_TOO_LARGE',
      );
      expectError(
        await up([
          { name: 'a.png', bytes: PNG_1x1 },
          { name: 'b.png', bytes: PNG_1x1 },
        ]),
        400,
        'BAD_REQUEST',
      );
      expectError(await up([]), 400, 'BAD_REQUEST');
      expectError(
        await call(small, admin, {
          method: 'POST',
          url: `${base(c)}/findings/${crypto.randomUUID()}/evidence`,
          ...multipart([{ name: 'a.png', bytes: PNG_1x1 }]),
        }),
        404,
        'NOT_FOUND',
      );
      const rows = await sql`select 1 from finding_evidence where consultation_id = ${c.consultation.id}`.execute(
        small.handle.db,
      );
      expect(rows.rows).toEqual([]);
      expect(
        json<Finding>(await call(small, admin, { method: 'GET', url: `${base(c)}/findings/${f.id}` })).version,
      ).toBe(1);
    } finally {
      await small.close();
    }
  });

  it('refuses every other role before it reads the file', async () => {
    const s = await newSession();
    const f = await newFinding(h, [s.id]);
    const url = `${base()}/findings/${f.id}/evidence`;
    const ok = json<Finding['evidence'][number]>(await send(url, [{ name: 'a.png', bytes: PNG_1x1 }]));
    const wrong: [TestUser | null, number, string][] = [
      [null, 401, 'UNAUTHENTICATED'],
      [cast.participant, 403, 'FORBIDDEN'],
      [cast.reviewer, 403, 'FORBIDDEN'],
      [outsider, 403, 'FORBIDDEN'],
    ];
    for (const [user, status, code] of wrong) {
      expectError(await send(url, [{ name: 'b.png', bytes: PNG_1x1 }], user), status, code);
      expectError(await get(ok.url, user), status, code);
      expectError(await del(ok.url, user), status, code);
    }
    expect(json<Finding>(await get(`${base()}/findings/${f.id}`)).evidence.map((e) => e.id)).toEqual([ok.id]);
  });
});

describe('the demo user tests', () => {
  it('records three sessions and fifteen findings on S1–S4, two with a screenshot, once; the inbox lists them', async () => {
    const c = await factory(t).newOpenConsultation(cast.admin, {
      scenarios: [{ key: 'S1' }, { key: 'S2' }, { key: 'S3' }, { key: 'S4' }],
    });
    const actor = { id: cast.analyst.id, email: cast.analyst.email, displayName: 'Analyst', roles: cast.analyst.roles };
    const counts = await seedDemoFindings(t.handle.db, c.consultation.id, actor, { store: t.app.blobStore });
    expect(counts).toEqual({ sessions: 3, findings: 15, evidence: 2 });
    expect(await seedDemoFindings(t.handle.db, c.consultation.id, actor, { store: t.app.blobStore })).toEqual({
      sessions: 0,
      findings: 0,
      evidence: 0,
    });
    await indexAllNow(t.handle.db);
    const page = json<InboxPage>(await get(`${base(c)}/inbox?kind=finding&limit=50`));
    expect(page.items).toHaveLength(15);
    const withFile = page.items.filter((i) => i.hasAttachments);
    expect(withFile).toHaveLength(2);
    const detail = json<InboxItemDetail>(await get(`${base(c)}/inbox/items/finding/${withFile[0]!.id}`));
    const file = await get(detail.files[0]!.url);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    const overview = json<FindingsOverview>(await get(`${base(c)}/scenarios/${c.scenarios[0].id}/findings-overview`));
    expect(overview.total).toBe(4);
    expect(overview.items[0]!.severity).toBe('critical');
  });
});
