import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingPage, TestSession } from '../../server/modules/findings/findings.schemas.ts';
import type { FindingImport } from '../../server/modules/findings/import/import.schemas.ts';
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
import { factory, type OpenConsultation } from '../helpers/factory.ts';

// Issue 13 story 1: "Findings from a usability lab's spreadsheet are imported from CSV with a
// preview, row-level errors and nothing half-imported."

let t: TestApp;
let cast: Cast;
let outsider: TestUser;
let h: OpenConsultation;
let aarhus: TestSession;
let remote: TestSession;

const base = () => `/api/consultations/${h.consultation.id}`;

function csvUpload(text: string | Buffer, filename = 'fund.csv') {
  const boundary = `----csv${crypto.randomUUID().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.isBuffer(text) ? text : Buffer.from(text),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const stage = (text: string | Buffer, user: TestUser | null = cast.analyst) =>
  call(t, user, { method: 'POST', url: `${base()}/finding-imports`, ...csvUpload(text) });
const commit = (id: string, user: TestUser | null = cast.analyst) =>
  call(t, user, { method: 'POST', url: `${base()}/finding-imports/${id}/commit` });
const findingCount = async () =>
  Number(
    (
      await sql<{ n: string }>`select count(*) as n from findings where consultation_id = ${h.consultation.id}`.execute(
        t.handle.db,
      )
    ).rows[0]!.n,
  );

const GOOD = [
  'Scenarie;Session;Opgave;Observation;Alvorlighed;Antal;Anbefaling;Status',
  'S1;T1;Log ind;"Fandt ikke ""Godkend""; gav op";kritisk;4;Større knap;åben',
  's2;"T1; T2";Skift enhed;Forstod ikke ordet nøglekort;major;6;Brug hverdagsord;',
].join('\r\n');

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  outsider = await signedInUser(t, ['analyst']);
  await call(t, cast.admin, { method: 'PUT', url: `/api/analysts/${outsider.id}/limit`, payload: { limited: true } });
  h = await factory(t).newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }, { key: 'S2' }] });
  const session = async (payload: Record<string, unknown>) => {
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/test-sessions`,
      payload: {
        heldOn: '2026-11-03',
        method: 'moderated_usability_test',
        participantProfile: 'senior',
        recordingConsent: true,
        ...payload,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<TestSession>(res);
  };
  aarhus = await session({ ref: 'T1', place: 'Aarhus', facilitator: 'Mette Holm', participantCount: 5 });
  remote = await session({
    ref: 'T2',
    remote: true,
    facilitator: 'Rikke Bach',
    participantCount: 3,
    heldOn: '2026-11-05',
  });
});
afterAll(async () => t?.close());

describe('importing findings from CSV', () => {
  it('stages a preview, commits every row once, and refuses a second commit', async () => {
    const before = await findingCount();
    const staged = await stage(GOOD);
    expect(staged.statusCode, staged.body).toBe(201);
    const view = json<FindingImport>(staged);
    expect(view).toMatchObject({ status: 'staged', rowCount: 2, errorCount: 0, unknownColumns: [] });
    expect(view.rows[0]).toMatchObject({
      rowNo: 2,
      errors: [],
      input: { observation: 'Fandt ikke "Godkend"; gav op' },
    });
    expect(await findingCount()).toBe(before);
    expect(json<FindingImport>(await call(t, cast.analyst, { url: `${base()}/finding-imports/${view.id}` }))).toEqual(
      view,
    );

    const done = await commit(view.id);
    expect(done.statusCode, done.body).toBe(200);
    expect(json<FindingImport>(done)).toMatchObject({ status: 'committed', committedAt: expect.any(String) });
    expect(await findingCount()).toBe(before + 2);
    const page = json<FindingPage>(await call(t, cast.analyst, { url: `${base()}/findings?session=${remote.id}` }));
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      scenarioKey: 'S2',
      severity: 'major',
      participantsAffected: 6,
      participantsInSessions: 8,
      status: 'open',
      sessionIds: expect.arrayContaining([aarhus.id, remote.id]),
    });
    const audited = await sql<{ n: string }>`select count(*) as n from audit_events
      where consultation_id = ${h.consultation.id} and action = 'finding.create' and details->>'importId' = ${view.id}`.execute(
      t.handle.db,
    );
    expect(Number(audited.rows[0]!.n)).toBe(2);
    expectError(await commit(view.id), 409, 'CONFLICT');
    expect(await findingCount()).toBe(before + 2);
  });

  it('finds the session by date and facilitator, reads Windows-1252 and comma-separated files', async () => {
    const text = [
      'scenario,session_date,facilitator,observation,severity,participants_affected,recommendation',
      'S1,05.11.2026,rikke bach,Læste ikke fejlbeskeden højt,minor,2,Brug aria-live',
    ].join('\n');
    const view = json<FindingImport>(await stage(Buffer.from(text, 'latin1')));
    expect(view.errorCount).toBe(0);
    expect(view.rows[0]!.input.observation).toBe('Læste ikke fejlbeskeden højt');
    expect((await commit(view.id)).statusCode).toBe(200);
  });

  it('shows every row’s errors, and a commit with errors writes nothing', async () => {
    const before = await findingCount();
    const text = [
      'scenario;session;session_date;facilitator;task;observation;severity;participants_affected;status',
      'S9;T1;;;Log ind;Noget;major;1;open',
      'S1;T1;;;Log ind;Noget;blocker;1;open',
      'S1;T7;;;Log ind;Noget;minor;1;open',
      'S1;;2026-11-04;Mette Holm;Log ind;Noget;minor;1;open',
      'S1;T1;;;Log ind;;minor;1;open',
      'S1;T1;;;Log ind;Noget;minor;9;open',
      'S1;T1;;;Log ind;Noget;minor;to;open',
      'S1;T1;;;Log ind;Noget;minor;1;færdig',
      'S1;T1;;;Log ind;Helt i orden;cosmetic;1;addressed',
    ].join('\n');
    const view = json<FindingImport>(await stage(text));
    expect(view.rowCount).toBe(9);
    expect(view.errorCount).toBe(8);
    expect(view.rows.map((r) => r.errors.map((e) => e.code))).toEqual([
      ['unknown_scenario'],
      ['bad_severity'],
      ['session_not_found'],
      ['session_not_found'],
      ['missing'],
      ['too_many_affected'],
      ['bad_count'],
      ['bad_status'],
      [],
    ]);
    const refused = await commit(view.id);
    expectError(refused, 422, 'RULE_VIOLATION');
    expect(json<ErrorWith<{ reason: string; errorCount: number }>>(refused).error.details).toMatchObject({
      reason: 'rows_with_errors',
      errorCount: 8,
    });
    expect(await findingCount()).toBe(before);
  });

  it('checks the rows again at commit: a session removed since the preview stops the whole import', async () => {
    const extra = json<TestSession>(
      await call(t, cast.analyst, {
        method: 'POST',
        url: `${base()}/test-sessions`,
        payload: {
          ref: 'T9',
          heldOn: '2026-11-06',
          remote: true,
          method: 'survey',
          facilitator: 'X',
          participantCount: 9,
          recordingConsent: false,
        },
      }),
    );
    const view = json<FindingImport>(
      await stage('scenario;session;observation;severity;participants_affected\nS1;T1;A;minor;1\nS1;T9;B;minor;1'),
    );
    expect(view.errorCount).toBe(0);
    expect(
      (await call(t, cast.analyst, { method: 'DELETE', url: `${base()}/test-sessions/${extra.id}` })).statusCode,
    ).toBe(204);
    const before = await findingCount();
    expectError(await commit(view.id), 422, 'RULE_VIOLATION');
    expect(await findingCount()).toBe(before);
    const again = json<FindingImport>(await call(t, cast.analyst, { url: `${base()}/finding-imports/${view.id}` }));
    expect(again.rows[1]!.errors.map((e) => e.code)).toEqual(['session_not_found']);
  });

  it('refuses a file it cannot read with 4xx and stages nothing', async () => {
    const staged = async () =>
      Number(
        (
          await sql<{
            n: string;
          }>`select count(*) as n from finding_imports where consultation_id = ${h.consultation.id}`.execute(
            t.handle.db,
          )
        ).rows[0]!.n,
      );
    const before = await staged();
    const missing = await stage('scenario;observation\nS1;x');
    expectError(missing, 422, 'RULE_VIOLATION');
    expect(json<ErrorWith<{ reason: string }>>(missing).error.details.reason).toBe('missing_columns');
    expectError(await stage('scenario;session;observation;severity;participants_affected\n'), 422, 'RULE_VIOLATION');
    expectError(await stage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const notMultipart = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/finding-imports`,
      payload: { file: 'x' },
    });
    expect(notMultipart.statusCode).toBeGreaterThanOrEqual(400);
    expect(notMultipart.statusCode).toBeLessThan(500);
    expectError(await commit(crypto.randomUUID()), 404, 'NOT_FOUND');
    expectError(await call(t, cast.analyst, { url: `${base()}/finding-imports/not-a-uuid` }), 400, 'VALIDATION_FAILED');
    expect(await staged()).toBe(before);
  });

  it('refuses a CSV larger than FINDING_IMPORT_MAX_BYTES with 413', async () => {
    const small = await createTestApp({ FINDING_IMPORT_MAX_BYTES: '2048' });
    try {
      const admin = await signedInUser(small, ['admin']);
      const c = await factory(small).newOpenConsultation(admin, { scenarios: [{ key: 'S1' }] });
      const big = `scenario;session;observation;severity;participants_affected\n${'S1;T1;x;minor;1\n'.repeat(400)}`;
      const res = await call(small, admin, {
        method: 'POST',
        url: `/api/consultations/${c.consultation.id}/finding-imports`,
        ...csvUpload(big),
      });
      expectError(res, 413, 'PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  it('refuses every other role before it reads the file', async () => {
    const view = json<FindingImport>(await stage(GOOD));
    const wrong: [TestUser | null, number, string][] = [
      [null, 401, 'UNAUTHENTICATED'],
      [cast.participant, 403, 'FORBIDDEN'],
      [cast.reviewer, 403, 'FORBIDDEN'],
      [outsider, 403, 'FORBIDDEN'],
    ];
    const before = await findingCount();
    for (const [user, status, code] of wrong) {
      expectError(await stage(GOOD, user), status, code);
      expectError(await call(t, user, { url: `${base()}/finding-imports/${view.id}` }), status, code);
      expectError(await commit(view.id, user), status, code);
    }
    expect(await findingCount()).toBe(before);
    expect(
      json<FindingImport>(await call(t, cast.analyst, { url: `${base()}/finding-imports/${view.id}` })).status,
    ).toBe('staged');
  });
});
