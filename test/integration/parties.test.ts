import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Board, Invitation, MatchList, Party } from '../../server/modules/parties/parties.schemas.ts';
import { remindBatch } from '../../server/modules/parties/parties.reminders.ts';
import {
  call,
  type Cast,
  createTestApp,
  expectError,
  json,
  signedInUser,
  signInCast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import {
  DAY_MS,
  mailsTo,
  openConsultation,
  passDeadline,
  setClosesAt,
  submission,
  submitOk,
  tokenIn,
} from '../helpers/factory.ts';

// Issue 13 stories 2, 3 and 5: the directory, the høringsliste, invitations, "no comments",
// matching, the status board and the invited flag following the list. Every route, every role.

const W = [2, 7, 6, 5, 4, 3, 2, 1];
/** A random valid CVR number (modulus 11). */
function cvr(): string {
  for (;;) {
    const d = [1 + Math.floor(Math.random() * 9), ...Array.from({ length: 6 }, () => Math.floor(Math.random() * 10))];
    const s = d.reduce((a, x, i) => a + x * W[i]!, 0);
    const check = (11 - (s % 11)) % 11;
    if (check < 10) return [...d, check].join('');
  }
}
const tag = () => randomUUID().slice(0, 8);

let t: TestApp;
let cast: Cast;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://samraad.example' });
  cast = await signInCast(t);
});
afterAll(async () => t.close());

async function newParty(over: Record<string, unknown> = {}): Promise<Party> {
  const res = await call(t, cast.admin, {
    method: 'POST',
    url: '/api/parties',
    payload: { name: `Kommune ${tag()}`, kind: 'municipality', emails: [`hoering-${tag()}@k.example`], ...over },
  });
  expect(res.statusCode, res.body).toBe(201);
  return json<Party>(res);
}

const partyCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from parties`.execute(t.handle.db)).rows[0]!.n);

async function expectRoles(
  req: { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: Record<string, unknown> },
  refused: (keyof Cast)[],
) {
  expectError(await call(t, null, req), 401, 'UNAUTHENTICATED');
  for (const who of refused) expectError(await call(t, cast[who], req), 403, 'FORBIDDEN');
}

describe('the directory of parties', () => {
  it('an admin adds, reads, finds, changes and deletes a party', async () => {
    const number = cvr();
    const p = await newParty({
      name: '  Dansk   Testforening ' + tag(),
      kind: 'association',
      cvr: number.slice(0, 4) + ' ' + number.slice(4),
      locale: 'en',
      note: 'Kontakt via sekretariatet',
    });
    expect(p).toMatchObject({ kind: 'association', cvr: number, locale: 'en', note: 'Kontakt via sekretariatet' });
    expect(p.name).toMatch(/^Dansk Testforening /);
    expect(json<Party>(await call(t, cast.admin, { method: 'GET', url: `/api/parties/${p.id}` })).id).toBe(p.id);
    const found = json<{ items: Party[] }>(
      await call(t, cast.admin, {
        method: 'GET',
        url: `/api/parties?q=${encodeURIComponent(p.name.slice(-8))}&kind=association`,
      }),
    );
    expect(found.items.map((x) => x.id)).toEqual([p.id]);
    const changed = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/parties/${p.id}`,
      payload: { name: p.name, kind: 'ngo', cvr: null, emails: ['a@b.example', 'C@D.example'] },
    });
    expect(json<Party>(changed)).toMatchObject({
      kind: 'ngo',
      cvr: null,
      emails: ['a@b.example', 'c@d.example'],
      locale: 'da',
    });
    expect((await call(t, cast.admin, { method: 'DELETE', url: `/api/parties/${p.id}` })).statusCode).toBe(204);
    expectError(await call(t, cast.admin, { method: 'GET', url: `/api/parties/${p.id}` }), 404, 'NOT_FOUND');
  });

  it('reports a duplicate by CVR or by normalised name, and adds nothing', async () => {
    const number = cvr();
    const p = await newParty({ name: `Aalborg Testkommune ${tag()}`, cvr: number });
    const before = await partyCount();
    const byCvr = await call(t, cast.admin, {
      method: 'POST',
      url: '/api/parties',
      payload: { name: `Andet navn ${tag()}`, kind: 'municipality', cvr: number, emails: ['x@y.example'] },
    });
    expectError(byCvr, 409, 'CONFLICT');
    expect(json<{ error: { details: unknown } }>(byCvr).error.details).toEqual({
      reason: 'duplicate_cvr',
      partyId: p.id,
    });
    const byName = await call(t, cast.admin, {
      method: 'POST',
      url: '/api/parties',
      payload: {
        name: ` ${p.name.toUpperCase().replace('AALBORG', 'Ålborg').replace(' ', '-')} `,
        kind: 'other',
        emails: ['x@y.example'],
      },
    });
    // "Ålborg" folds to "aalborg" like "Aalborg": the same name.
    expectError(byName, 409, 'CONFLICT');
    expect(json<{ error: { details: { reason: string } } }>(byName).error.details.reason).toBe('duplicate_name');
    const other = await newParty();
    expectError(
      await call(t, cast.admin, {
        method: 'PUT',
        url: `/api/parties/${other.id}`,
        payload: { name: p.name, kind: 'other', emails: ['x@y.example'] },
      }),
      409,
      'CONFLICT',
    );
    expect(await partyCount()).toBe(before + 1);
  });

  it('refuses bad input with 400 and changes nothing', async () => {
    const before = await partyCount();
    for (const payload of [
      { name: 'X', kind: 'municipality', cvr: '12345678', emails: ['a@b.example'] },
      { name: 'X', kind: 'municipality', emails: [] },
      { name: 'X', kind: 'kingdom', emails: ['a@b.example'] },
      { name: '   ', kind: 'ngo', emails: ['a@b.example'] },
      { name: 'X', kind: 'ngo', emails: ['not-an-address'] },
      { name: 'X', kind: 'ngo', emails: ['a@b.example'], locale: 'de' },
    ]) {
      expectError(
        await call(t, cast.admin, { method: 'POST', url: '/api/parties', payload }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expectError(await call(t, cast.admin, { method: 'GET', url: '/api/parties/not-a-uuid' }), 400, 'VALIDATION_FAILED');
    expectError(await call(t, cast.admin, { method: 'GET', url: `/api/parties/${randomUUID()}` }), 404, 'NOT_FOUND');
    expect(await partyCount()).toBe(before);
  });

  it('keeps a party that is on a list', async () => {
    const p = await newParty();
    const { c } = await openConsultation(t, cast.admin);
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [p.id] },
    });
    const res = await call(t, cast.admin, { method: 'DELETE', url: `/api/parties/${p.id}` });
    expectError(res, 409, 'CONFLICT');
    expect(json<{ error: { details: unknown } }>(res).error.details).toEqual({ reason: 'listed' });
    // The party stays, and so does the list's entry; no deletion is audited.
    expect((await call(t, cast.admin, { method: 'GET', url: `/api/parties/${p.id}` })).statusCode).toBe(200);
    const audited = await t.handle.db
      .selectFrom('auditEvents')
      .select('id')
      .where('action', '=', 'party.delete')
      .where('itemId', '=', p.id)
      .execute();
    expect(audited).toEqual([]);
  });

  it('imports a CSV after a preview, all rows or none', async () => {
    const existing = await newParty({ cvr: cvr() });
    const [a, b] = [cvr(), cvr()];
    const bad = [
      'name;kind;cvr;emails;locale;note',
      `Import A ${tag()};agency;${a};a@a.example;da;`,
      `Import B ${tag()};business;${a};b@b.example b2@b.example;en;same CVR as line 2`,
      `;ngo;;c@c.example;da;`,
      `${existing.name};other;;d@d.example;da;`,
      `Import E ${tag()};kingdom;12345678;e@e.example;da;`,
    ].join('\n');
    const before = await partyCount();
    const preview = await call(t, cast.admin, {
      method: 'POST',
      url: '/api/parties/import/preview',
      payload: { csv: bad },
    });
    expect(preview.statusCode).toBe(200);
    const p = json<{
      rowCount: number;
      errorCount: number;
      rows: { rowNo: number; errors: { field: string; code: string }[] }[];
    }>(preview);
    expect(p.rowCount).toBe(5);
    expect(p.errorCount).toBe(4);
    const codes = Object.fromEntries(p.rows.map((r) => [r.rowNo, r.errors.map((e) => `${e.field}:${e.code}`)]));
    expect(codes).toEqual({
      2: [],
      3: ['cvr:duplicate_in_file'],
      4: ['name:missing'],
      5: ['name:duplicate_name'],
      6: expect.arrayContaining(['kind:invalid', 'cvr:invalid']),
    });
    expectError(
      await call(t, cast.admin, { method: 'POST', url: '/api/parties/import', payload: { csv: bad } }),
      422,
      'RULE_VIOLATION',
    );
    expect(await partyCount()).toBe(before);

    const good = `name,kind,cvr,emails\nImport F ${tag()},region,${b},f@f.example\n"Import G, ${tag()}",ngo,,g@g.example;g2@g.example\n`;
    const done = await call(t, cast.admin, { method: 'POST', url: '/api/parties/import', payload: { csv: good } });
    expect(done.statusCode, done.body).toBe(201);
    expect(json(done)).toEqual({ created: 2 });
    expect(await partyCount()).toBe(before + 2);
    expectError(
      await call(t, cast.admin, { method: 'POST', url: '/api/parties/import', payload: { csv: good } }),
      422,
      'RULE_VIOLATION',
    );
    expectError(
      await call(t, cast.admin, {
        method: 'POST',
        url: '/api/parties/import/preview',
        payload: { csv: 'foo,bar\n1,2' },
      }),
      400,
      'BAD_REQUEST',
    );
    expectError(
      await call(t, cast.admin, { method: 'POST', url: '/api/parties/import', payload: {} }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('is for admins only', async () => {
    const p = await newParty();
    const body = { name: `X ${tag()}`, kind: 'ngo', emails: ['a@b.example'] };
    for (const req of [
      { method: 'GET' as const, url: '/api/parties' },
      { method: 'POST' as const, url: '/api/parties', payload: body },
      { method: 'GET' as const, url: `/api/parties/${p.id}` },
      { method: 'PUT' as const, url: `/api/parties/${p.id}`, payload: body },
      { method: 'DELETE' as const, url: `/api/parties/${p.id}` },
      { method: 'POST' as const, url: '/api/parties/import/preview', payload: { csv: 'name' } },
      { method: 'POST' as const, url: '/api/parties/import', payload: { csv: 'name' } },
    ]) {
      await expectRoles(req, ['participant', 'reviewer', 'analyst']);
    }
    // The role is checked before the input: a bad body from a participant is 403, not 400.
    expectError(
      await call(t, cast.participant, { method: 'POST', url: '/api/parties', payload: { x: 1 } }),
      403,
      'FORBIDDEN',
    );
  });
});

async function board(id: string, query = '', who: TestUser = cast.admin): Promise<Board> {
  const res = await call(t, who, { method: 'GET', url: `/api/consultations/${id}/parties${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return json<Board>(res);
}

describe('the høringsliste', () => {
  it('is shut to an analyst limited to a team this consultation is not on (403 not_on_team), and open once on it', async () => {
    const { c } = await openConsultation(t, cast.admin);
    const p = await newParty();
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [p.id] },
    });
    const outsider = await signedInUser(t, ['analyst']);
    const limit = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/analysts/${outsider.id}/limit`,
      payload: { limited: true },
    });
    expect(limit.statusCode, limit.body).toBe(200);
    const tries = [
      { url: `/api/consultations/${c.id}/parties` },
      { url: `/api/consultations/${c.id}/party-matches` },
      { method: 'POST' as const, url: `/api/consultations/${c.id}/parties/${p.id}/no-comments` },
    ];
    for (const req of tries) {
      const res = await call(t, outsider, req);
      expectError(res, 403, 'FORBIDDEN');
      expect(json<{ error: { details: { reason: string } } }>(res).error.details.reason).toBe('not_on_team');
    }
    expect((await board(c.id)).items.find((e) => e.party.id === p.id)!.noCommentsAt).toBeNull();
    const team = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/consultations/${c.id}/analysts/${outsider.id}`,
      payload: { assigned: true },
    });
    expect(team.statusCode, team.body).toBeLessThan(300);
    expect((await call(t, outsider, { url: `/api/consultations/${c.id}/parties` })).statusCode).toBe(200);
  });

  it('adds parties by id and by kind, removes one, and counts them on the board', async () => {
    const [m1, m2, n] = [await newParty(), await newParty(), await newParty({ kind: 'ngo' })];
    const { c } = await openConsultation(t, cast.admin);
    const add = await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [n.id, m1.id] },
    });
    expect(json(add)).toEqual({ added: 2, alreadyListed: 0 });
    const all = json<{ added: number; alreadyListed: number }>(
      await call(t, cast.admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/parties`,
        payload: { kinds: ['municipality'] },
      }),
    );
    expect(all.alreadyListed).toBe(1);
    const b = await board(c.id);
    expect(b.items.map((e) => e.party.id)).toEqual(expect.arrayContaining([m1.id, m2.id, n.id]));
    expect(b.counts.total).toBe(b.items.length);
    expect(b.counts.notInvited).toBe(b.counts.total);
    expect((await board(c.id, '?kind=ngo')).items.map((e) => e.party.id)).toEqual([n.id]);
    expect(
      (await call(t, cast.admin, { method: 'DELETE', url: `/api/consultations/${c.id}/parties/${m2.id}` })).statusCode,
    ).toBe(204);
    expect((await board(c.id)).items.map((e) => e.party.id)).not.toContain(m2.id);
    expectError(
      await call(t, cast.admin, { method: 'DELETE', url: `/api/consultations/${c.id}/parties/${m2.id}` }),
      404,
      'NOT_FOUND',
    );
    const s = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/consultations/${c.id}/parties/settings`,
      payload: { reminderDays: 3 },
    });
    expect(json(s)).toEqual({ reminderDays: 3 });
    expect((await board(c.id)).reminderDays).toBe(3);
  });

  it('refuses bad input with 4xx and changes nothing', async () => {
    const p = await newParty();
    const { c } = await openConsultation(t, cast.admin);
    for (const payload of [{}, { partyIds: ['nope'] }, { kinds: ['kingdom'] }]) {
      expectError(
        await call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/parties`, payload }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expectError(
      await call(t, cast.admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/parties`,
        payload: { partyIds: [p.id, randomUUID()] },
      }),
      400,
      'BAD_REQUEST',
    );
    expectError(
      await call(t, cast.admin, {
        method: 'PUT',
        url: `/api/consultations/${c.id}/parties/settings`,
        payload: { reminderDays: 99 },
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call(t, cast.admin, { method: 'GET', url: `/api/consultations/${c.id}/parties?status=read` }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await call(t, cast.admin, {
        method: 'POST',
        url: `/api/consultations/${c.id}/parties/invitations`,
        payload: { partyIds: [p.id] },
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/parties/${p.id}/no-comments` }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(t, cast.admin, { method: 'GET', url: `/api/consultations/no-such-slug/parties` }),
      404,
      'NOT_FOUND',
    );
    expect((await board(c.id)).counts.total).toBe(0);
  });

  it('sends each party an invitation in its language with personal links the outbox never shows', async () => {
    const da = await newParty();
    const en = await newParty({
      kind: 'business',
      cvr: cvr(),
      locale: 'en',
      emails: [`a-${tag()}@biz.example`, `b-${tag()}@biz.example`],
    });
    const { c } = await openConsultation(t, cast.admin, undefined, {
      title: { da: 'Digital identitet', en: 'Digital identity' },
    });
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [da.id, en.id] },
    });
    const res = await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties/invitations`,
      payload: {},
    });
    expect(json(res)).toEqual({ queued: 3 });
    const [daMail] = await mailsTo(t, da.emails[0]!);
    expect(daMail).toMatchObject({ kind: 'party_invitation', locale: 'da' });
    expect(daMail!.subject).toBe('Høring: Digital identitet');
    expect(daMail!.textBody).toContain('Høringsfrist');
    expect(daMail!.textBody).toContain(`https://samraad.example/consultations/${c.slug}/respond#token=`);
    expect(daMail!.textBody).toContain('https://samraad.example/invitations/no-comments#token=');
    const enMails = await Promise.all(en.emails.map((e) => mailsTo(t, e)));
    expect(enMails.map((m) => m[0]!.subject)).toEqual([
      'Consultation: Digital identity',
      'Consultation: Digital identity',
    ]);
    // Only the token's hash is stored; the outbox masks the link for staff.
    const token = tokenIn(daMail!);
    const stored = await sql<{
      n: string;
    }>`select count(*) as n from party_invitations where token_hash = ${token}`.execute(t.handle.db);
    expect(Number(stored.rows[0]!.n)).toBe(0);
    const outbox = await call(t, cast.admin, {
      method: 'GET',
      url: `/api/mail/outbox?to=${encodeURIComponent(da.emails[0]!)}`,
    });
    expect(outbox.body).not.toContain(token);
    expect(outbox.body).toContain('token=[hidden]');
    const b = await board(c.id);
    expect(b.counts).toMatchObject({ total: 2, invited: 2, noReply: 2, notInvited: 0 });
    // Again without ids: nobody left to invite.
    expect(
      json(
        await call(t, cast.admin, {
          method: 'POST',
          url: `/api/consultations/${c.id}/parties/invitations`,
          payload: {},
        }),
      ),
    ).toEqual({ queued: 0 });

    // The personal link: what it is for, and "no comments" after the confirmation.
    const inv = json<Invitation>(await call(t, null, { method: 'GET', url: `/api/invitations/${token}` }));
    expect(inv).toMatchObject({
      party: { name: da.name, actingAs: 'public_authority' },
      status: 'invited',
      consultation: { id: c.id },
    });
    const nc = await call(t, null, { method: 'POST', url: `/api/invitations/${token}/no-comments` });
    expect(json<Invitation>(nc).status).toBe('no_comments');
    expect((await call(t, null, { method: 'POST', url: `/api/invitations/${token}/no-comments` })).statusCode).toBe(
      200,
    );
    const after = await board(c.id, '?status=no_comments');
    expect(after.items).toEqual([
      expect.objectContaining({ party: expect.objectContaining({ id: da.id }), noCommentsBy: 'party' }),
    ]);
    // The public page lists the consulted parties and whether they answered.
    const pub = json<{ items: { name: string; answered: boolean }[] }>(
      await call(t, null, { method: 'GET', url: `/api/consultations/${c.slug}/consulted-parties` }),
    );
    expect(pub.items).toEqual(
      expect.arrayContaining([
        { name: da.name, kind: 'municipality', answered: true },
        { name: en.name, kind: 'business', answered: false },
      ]),
    );
    expectError(await call(t, null, { method: 'GET', url: `/api/invitations/${'x'.repeat(43)}` }), 404, 'NOT_FOUND');
    expectError(await call(t, null, { method: 'GET', url: '/api/invitations/short' }), 400, 'VALIDATION_FAILED');
    expectError(
      await call(t, null, { method: 'POST', url: `/api/invitations/${'y'.repeat(43)}/no-comments` }),
      404,
      'NOT_FOUND',
    );
  });

  it('links a response sent through the personal link to the party and marks it invited', async () => {
    const p = await newParty({ kind: 'agency' });
    const { c, questions } = await openConsultation(t, cast.admin);
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [p.id] },
    });
    await call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/parties/invitations`, payload: {} });
    const token = tokenIn((await mailsTo(t, p.emails[0]!))[0]!);
    const receipt = await submitOk(
      t,
      c.id,
      submission(questions, {
        respondent: {
          name: 'Sagsbehandler',
          email: `sb-${tag()}@agency.example`,
          actingAs: 'public_authority',
          organisationName: p.name,
        },
      }),
    );
    const other = await submitOk(t, c.id, submission(questions));
    // Another response's edit token does not fit.
    expectError(
      await call(t, null, {
        method: 'POST',
        url: `/api/invitations/${token}/response`,
        payload: { responseId: receipt.id, editToken: other.editToken },
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await call(t, null, {
        method: 'POST',
        url: `/api/invitations/${token}/response`,
        payload: { responseId: receipt.id },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const res = await call(t, null, {
      method: 'POST',
      url: `/api/invitations/${token}/response`,
      payload: { responseId: receipt.id, editToken: receipt.editToken },
    });
    expect(json<Invitation>(res).status).toBe('responded');
    const [entry] = (await board(c.id)).items;
    expect(entry).toMatchObject({ status: 'responded', responseId: receipt.id, linkedBy: 'link', late: false });
    const staff = json<{ invited: boolean }>(
      await call(t, cast.analyst, { method: 'GET', url: `/api/responses/${receipt.id}` }),
    );
    expect(staff.invited).toBe(true);
    // Responded: "no comments" is refused now.
    expectError(await call(t, null, { method: 'POST', url: `/api/invitations/${token}/no-comments` }), 409, 'CONFLICT');
  });

  it('lets staff record no comments, and link a late letter that is marked late', async () => {
    const [p, q] = [await newParty(), await newParty({ kind: 'region' })];
    const { c, questions } = await openConsultation(t, cast.admin);
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [p.id, q.id] },
    });
    const nc = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties/${p.id}/no-comments`,
    });
    expect(nc.statusCode, nc.body).toBe(200);
    expect(json(nc)).toMatchObject({ status: 'no_comments', noCommentsBy: 'staff' });
    await passDeadline(t, c.id);
    const letter = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${c.id}/responses/letters`,
      payload: {
        ...submission(questions),
        respondent: { name: 'Region', actingAs: 'public_authority', organisationName: q.name, email: null },
        channel: 'letter',
        receivedAt: new Date().toISOString(),
      },
    });
    expect(letter.statusCode, letter.body).toBe(201);
    const id = json<{ id: string }>(letter).id;
    const linked = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties/${q.id}/response`,
      payload: { responseId: id },
    });
    expect(json(linked)).toMatchObject({ status: 'responded', linkedBy: 'staff', late: true });
    expect((await board(c.id, '?status=late', cast.analyst)).items.map((e) => e.party.id)).toEqual([q.id]);
    expectError(
      await call(t, cast.analyst, {
        method: 'POST',
        url: `/api/consultations/${c.id}/parties/${p.id}/response`,
        payload: { responseId: id },
      }),
      409,
      'CONFLICT',
    );
    expectError(
      await call(t, cast.analyst, {
        method: 'POST',
        url: `/api/consultations/${c.id}/parties/${p.id}/response`,
        payload: { responseId: randomUUID() },
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('proposes matches by CVR and e-mail domain (not webmail); staff confirm or reject them', async () => {
    const number = cvr();
    const domain = `kommune-${tag()}.example`;
    const biz = await newParty({ kind: 'business', cvr: number });
    const mun = await newParty({ emails: [`hoering@${domain}`, `someone@gmail.com`] });
    const { c, questions } = await openConsultation(t, cast.admin);
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [biz.id, mun.id] },
    });
    const byCvr = await submitOk(
      t,
      c.id,
      submission(questions, {
        respondent: {
          name: 'Direktør',
          email: `d-${tag()}@firma.example`,
          actingAs: 'business',
          organisationName: 'Firma',
          cvr: number,
        },
      }),
    );
    const byDomain = await submitOk(
      t,
      c.id,
      submission(questions, {
        respondent: { name: 'Medarbejder', email: `m@${domain.toUpperCase()}`, actingAs: 'citizen' },
      }),
    );
    await submitOk(
      t,
      c.id,
      submission(questions, { respondent: { name: 'Borger', email: `b-${tag()}@gmail.com`, actingAs: 'citizen' } }),
    );
    const list = json<MatchList>(
      await call(t, cast.analyst, { method: 'GET', url: `/api/consultations/${c.id}/party-matches` }),
    );
    expect(list.items.map((m) => [m.partyId, m.responseId, m.basis])).toEqual(
      expect.arrayContaining([
        [biz.id, byCvr.id, 'cvr'],
        [mun.id, byDomain.id, 'domain'],
      ]),
    );
    expect(list.items).toHaveLength(2);
    const rejected = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${c.id}/party-matches/reject`,
      payload: { partyId: mun.id, responseId: byDomain.id },
    });
    expect(json<MatchList>(rejected).items.map((m) => m.responseId)).toEqual([byCvr.id]);
    const confirmed = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${c.id}/party-matches/confirm`,
      payload: { partyId: biz.id, responseId: byCvr.id },
    });
    expect(json<MatchList>(confirmed).items).toEqual([]);
    expect((await board(c.id)).items.find((e) => e.party.id === biz.id)).toMatchObject({
      linkedBy: 'match',
      responseId: byCvr.id,
    });
    expect(
      json<{ invited: boolean }>(await call(t, cast.analyst, { method: 'GET', url: `/api/responses/${byCvr.id}` }))
        .invited,
    ).toBe(true);
    // A rejected or confirmed pair is no longer a proposal.
    expectError(
      await call(t, cast.analyst, {
        method: 'POST',
        url: `/api/consultations/${c.id}/party-matches/confirm`,
        payload: { partyId: mun.id, responseId: byDomain.id },
      }),
      409,
      'CONFLICT',
    );
    expectError(
      await call(t, cast.analyst, {
        method: 'POST',
        url: `/api/consultations/${c.id}/party-matches/reject`,
        payload: { partyId: mun.id },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const audit = await sql<{
      action: string;
    }>`select action from audit_events where consultation_id = ${c.id} and action like 'party.match%'`.execute(
      t.handle.db,
    );
    expect(audit.rows.map((r) => r.action).sort()).toEqual(['party.match_confirmed', 'party.match_rejected']);
  });

  it('reminds the parties that have not answered, once', async () => {
    const [a, b, done] = [await newParty(), await newParty({ locale: 'en' }), await newParty()];
    const { c } = await openConsultation(t, cast.admin);
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [a.id, b.id, done.id] },
    });
    await call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/parties/invitations`, payload: {} });
    await call(t, cast.admin, { method: 'POST', url: `/api/consultations/${c.id}/parties/${done.id}/no-comments` });
    const deps = {
      db: t.handle.db,
      publicUrl: 'https://samraad.example',
      mailStatus: 'outboxed' as const,
      defaultReminderDays: 5,
    };
    // A week before the deadline nothing is due; three days before, it is.
    const mine = async () =>
      (await board(c.id)).items
        .filter((e) => e.remindedAt !== null)
        .map((e) => e.party.id)
        .sort();
    await remindBatch(deps);
    expect(await mine()).toEqual([]);
    await setClosesAt(t, c.id, new Date(Date.now() + 3 * DAY_MS));
    await remindBatch(deps, undefined, 10_000);
    expect(await mine()).toEqual([a.id, b.id].sort());
    await remindBatch(deps, undefined, 10_000);
    const [reminder] = (await mailsTo(t, b.emails[0]!)).filter((m) => m.kind === 'party_reminder');
    expect(reminder!.subject).toMatch(/^Reminder: consultation: /);
    expect((await mailsTo(t, b.emails[0]!)).filter((m) => m.kind === 'party_reminder')).toHaveLength(1);
    expect((await mailsTo(t, done.emails[0]!)).filter((m) => m.kind === 'party_reminder')).toHaveLength(0);
    // The reminder's link works, and so does the invitation's.
    for (const m of await mailsTo(t, a.emails[0]!)) {
      expect((await call(t, null, { method: 'GET', url: `/api/invitations/${tokenIn(m)}` })).statusCode).toBe(200);
    }
  });

  it('is for admins (the list) and staff (the board and the answers) only', async () => {
    const p = await newParty();
    const { c } = await openConsultation(t, cast.admin);
    await call(t, cast.admin, {
      method: 'POST',
      url: `/api/consultations/${c.id}/parties`,
      payload: { partyIds: [p.id] },
    });
    const base = `/api/consultations/${c.id}`;
    const adminOnly = [
      { method: 'POST' as const, url: `${base}/parties`, payload: { partyIds: [p.id] } },
      { method: 'PUT' as const, url: `${base}/parties/settings`, payload: { reminderDays: 2 } },
      { method: 'POST' as const, url: `${base}/parties/invitations`, payload: {} },
      { method: 'DELETE' as const, url: `${base}/parties/${p.id}` },
    ];
    for (const req of adminOnly) await expectRoles(req, ['participant', 'reviewer', 'analyst']);
    const staff = [
      { method: 'GET' as const, url: `${base}/parties` },
      { method: 'POST' as const, url: `${base}/parties/${p.id}/no-comments` },
      { method: 'POST' as const, url: `${base}/parties/${p.id}/response`, payload: { responseId: randomUUID() } },
      { method: 'GET' as const, url: `${base}/party-matches` },
      {
        method: 'POST' as const,
        url: `${base}/party-matches/confirm`,
        payload: { partyId: p.id, responseId: randomUUID() },
      },
      {
        method: 'POST' as const,
        url: `${base}/party-matches/reject`,
        payload: { partyId: p.id, responseId: randomUUID() },
      },
    ];
    for (const req of staff) await expectRoles(req, ['participant', 'reviewer']);
    const b = await board(c.id);
    expect(b.items[0]).toMatchObject({ status: 'not_invited', noCommentsAt: null });
    // A draft's list is not public.
    const draft = json<{ id: string }>(
      await call(t, cast.admin, {
        method: 'POST',
        url: '/api/consultations',
        payload: {
          slug: `d-${tag()}`,
          title: { da: 'U', en: 'U' },
          summary: { da: 'U', en: 'U' },
          body: { da: 'U', en: 'U' },
        },
      }),
    );
    expectError(
      await call(t, null, { method: 'GET', url: `/api/consultations/${draft.id}/consulted-parties` }),
      404,
      'NOT_FOUND',
    );
  });
});
