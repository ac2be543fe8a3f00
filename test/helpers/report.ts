import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { indexAllNow } from './indexer.ts';
import { runReportJob } from '../../server/modules/reports/notat/notat.job.ts';
import type { ReportVersion } from '../../server/modules/reports/notat/notat.schemas.ts';
import type { Consultation } from '../../server/modules/consultations/consultations.schemas.ts';
import { call, json, type Cast, type TestApp, type TestUser } from './app.ts';
import { openConsultation, submission, submitOk } from './factory.ts';

/**
 * A hearing with input to report on (issue 14 story 6): web responses from several kinds of
 * sender, a letter and an e-mail registered by staff, a høringsliste (one party answered, one with
 * no comments, one silent), a codebook with a sub-theme, coded passages (one holding an e-mail
 * address the redaction queue accepted), and published responses to quote.
 */
export type ReportHearing = {
  c: Consultation;
  tags: { access: string; seniors: string; cost: string };
  responseIds: string[];
  redactedResponseId: string;
  parties: string[];
};

export const SECRET_MAIL = 'karen.hemmelig@example.dk';
const ok = async <T>(t: TestApp, user: TestUser, method: string, url: string, payload?: unknown, status = 200) => {
  const res = await call(t, user, {
    method: method as 'POST',
    url,
    ...(payload ? { payload: payload as object } : {}),
  });
  expect(res.statusCode, res.body).toBe(status);
  return json<T>(res);
};

export async function reportHearing(t: TestApp, cast: Cast): Promise<ReportHearing> {
  const { c, questions } = await openConsultation(t, cast.admin);
  const bodies: [string, string][] = [
    ['citizen', 'Borgere uden smartphone skal kunne logge på med et kodekort.'],
    ['citizen', `Ældre borgere har brug for hjælp. Skriv til ${SECRET_MAIL} for detaljer om min mor.`],
    ['ngo', 'Foreningen mener, at prisen er for høj for små kommuner.'],
    ['business', 'Virksomheden ønsker en åben standard og lave omkostninger.'],
  ];
  const responseIds: string[] = [];
  for (const [actingAs, body] of bodies) {
    const respondent = {
      name: 'Karen Jensen',
      email: `k-${randomUUID().slice(0, 8)}@example.dk`,
      actingAs,
      ...(actingAs === 'citizen' ? {} : { organisationName: `Org ${randomUUID().slice(0, 6)}` }),
      ...(actingAs === 'business' ? { cvr: '34051178' } : {}),
    };
    responseIds.push((await submitOk(t, c.id, submission(questions, { respondent, body }))).id);
  }
  for (const channel of ['letter', 'email'] as const) {
    const letter = await ok<{ id: string }>(
      t,
      cast.analyst,
      'POST',
      `/api/consultations/${c.id}/responses/letters`,
      {
        ...submission(questions, { body: 'Et brev om adgang for alle og om prisen.' }),
        respondent: { name: 'Region Syd', actingAs: 'public_authority', organisationName: 'Region Syd', email: null },
        channel,
        receivedAt: new Date().toISOString(),
      },
      201,
    );
    responseIds.push(letter.id);
  }
  // The høringsliste: one party answers (linked to the letter), one has no comments, one is silent.
  const parties: string[] = [];
  for (const name of ['Ærø Kommune', 'Aarhus Kommune', 'Danske Regioner']) {
    const p = await ok<{ id: string }>(
      t,
      cast.admin,
      'POST',
      '/api/parties',
      {
        name: `${name} ${randomUUID().slice(0, 4)}`,
        kind: 'municipality',
        emails: [`h-${randomUUID().slice(0, 8)}@k.example`],
      },
      201,
    );
    parties.push(p.id);
  }
  await ok(t, cast.admin, 'POST', `/api/consultations/${c.id}/parties`, { partyIds: parties });
  await ok(t, cast.analyst, 'POST', `/api/consultations/${c.id}/parties/${parties[0]}/response`, {
    responseId: responseIds[4],
  });
  await ok(t, cast.analyst, 'POST', `/api/consultations/${c.id}/parties/${parties[1]}/no-comments`);

  const tag = (name: { da: string; en: string }, parentId?: string) =>
    ok<{ id: string }>(
      t,
      cast.analyst,
      'POST',
      `/api/consultations/${c.id}/codebook/tags`,
      { name, ...(parentId ? { parentId } : {}) },
      201,
    );
  const access = (await tag({ da: 'Adgang for alle', en: 'Access for everyone' })).id;
  const seniors = (await tag({ da: 'Ældre borgere', en: 'Older citizens' }, access)).id;
  const cost = (await tag({ da: 'Omkostninger', en: 'Costs' })).id;
  const code = (tagId: string, n: number, phrase?: string) => {
    const text = [
      ...bodies.map((b) => b[1]),
      'Et brev om adgang for alle og om prisen.',
      'Et brev om adgang for alle og om prisen.',
    ][n]!;
    const chars = Array.from(text);
    const start = phrase ? Array.from(text.slice(0, text.indexOf(phrase))).length : 0;
    const end = phrase ? start + Array.from(phrase).length : chars.length;
    return ok(
      t,
      cast.analyst,
      'POST',
      `/api/consultations/${c.id}/codings`,
      {
        tagId,
        itemKind: 'response',
        itemId: responseIds[n],
        field: 'body',
        startOffset: start,
        endOffset: end,
      },
      201,
    );
  };
  await code(access, 0);
  await code(seniors, 1);
  await code(access, 4, 'adgang for alle');
  await code(cost, 2, 'prisen er for høj');
  await code(cost, 3);
  await code(cost, 5, 'om prisen');

  // The e-mail address in the second response is redacted; the first four are published. The scan
  // may find more a moment later (the scanner also follows new input), so each response's pending
  // findings are read again right before it is approved, until none is left.
  await ok(t, cast.analyst, 'POST', `/api/consultations/${c.id}/redactions/scan`);
  const pendingOf = async (id: string) =>
    (
      await ok<{ items: { id: string; itemId: string; kind: string }[] }>(
        t,
        cast.analyst,
        'GET',
        `/api/consultations/${c.id}/redactions?status=pending`,
      )
    ).items.filter((f) => f.itemId === id);
  for (const id of responseIds.slice(0, 4)) {
    for (let round = 0; round < 20; round++) {
      const pending = await pendingOf(id);
      for (const f of pending)
        await ok(t, cast.analyst, 'POST', `/api/consultations/${c.id}/redactions/${f.id}/decision`, {
          decision: id === responseIds[1] ? 'accept' : 'reject',
          reason: id === responseIds[1] ? 'En e-mailadresse' : 'Ikke personoplysninger',
        });
      const res = await call(t, cast.analyst, {
        method: 'POST',
        url: `/api/responses/${id}/publication`,
        payload: { decision: 'approve' },
      });
      if (res.statusCode === 200) break;
      if (round === 19) throw new Error(`approval failed: ${res.statusCode} ${res.body}`);
      await ok(t, cast.analyst, 'POST', `/api/consultations/${c.id}/redactions/scan`);
    }
  }
  await indexAll(t);
  return { c, tags: { access, seniors, cost }, responseIds, redactedResponseId: responseIds[1]!, parties };
}

/** Runs the inbox indexer until it has caught up. */
export async function indexAll(t: TestApp) {
  await indexAllNow(t.handle.db);
}

/** Asks for a new version and runs its job here (the test apps run no job workers). */
export async function generated(t: TestApp, user: TestUser, consultationId: string): Promise<ReportVersion> {
  const v = await ok<ReportVersion>(
    t,
    user,
    'POST',
    `/api/consultations/${consultationId}/reports`,
    { note: 'test' },
    202,
  );
  await runReportJob(
    { db: t.handle.db, publicUrl: 'https://samraad.example', log: { warn: () => undefined } },
    { consultationId, versionId: v.id },
  );
  return ok<ReportVersion>(t, user, 'GET', `/api/consultations/${consultationId}/reports/${v.number}`);
}
