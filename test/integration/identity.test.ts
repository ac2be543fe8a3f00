import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import type { InboxPage } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
import { decide, freshEmail, lastMailTo, openConsultation, submission, submitOk, tokenIn } from '../helpers/factory.ts';
import { type Persona, PERSONAS, startTestOp, type TestOp, walkProvider } from '../helpers/oidc-provider.ts';

// Issue 15 (Identity): MitID through OpenID Connect brokers and staff single sign-on, against an
// in-process oidc-provider issuing broker-shaped tokens.

let op: TestOp;
let t: TestApp;
let cast: Cast;

beforeAll(async () => {
  op = await startTestOp();
  t = await createTestApp(op.env);
  cast = await signInCast(t);
});
afterAll(async () => {
  await t?.close();
  await op?.close();
});

const cookieOf = (res: { headers: Record<string, unknown> }, name: string): string | undefined => {
  const all = res.headers['set-cookie'];
  const list = Array.isArray(all) ? all : all ? [String(all)] : [];
  const c = list.find((s: string) => s.startsWith(`${name}=`));
  return c?.split(';')[0];
};

/** Starts a sign-in at Samråd and walks the provider; returns the callback URL and the flow cookie. */
async function begin(app: TestApp, provider: string, persona: Persona = op.next, locale = 'da') {
  op.next = persona;
  const start = await app.app.inject({ method: 'GET', url: `/api/identity/login/${provider}?locale=${locale}` });
  expect(start.statusCode).toBe(302);
  const flowCookie = cookieOf(start, 'samraad_oidc')!;
  expect(flowCookie).toBeTruthy();
  const back = await walkProvider(String(start.headers.location));
  return { back, flowCookie };
}

async function finish(app: TestApp, back: URL, flowCookie: string, extraCookie?: string) {
  return app.app.inject({
    method: 'GET',
    url: `${back.pathname}${back.search}`,
    headers: { cookie: [flowCookie, extraCookie].filter(Boolean).join('; ') },
  });
}

/** A first MitID sign-in linked to an address through the mailed confirmation; returns the address. */
async function linkFirstSignIn(provider: string, persona: Persona & { name: string }) {
  const { back, flowCookie } = await begin(t, provider, persona);
  const res = await finish(t, back, flowCookie);
  expect(res.statusCode).toBe(302);
  const loc = String(res.headers.location);
  expect(loc).toMatch(/^\/eid\/link#/);
  expect(cookieOf(res, 'samraad_session')).toBeUndefined();
  const pending = loc.split('#token=')[1]!;
  const p = await call(t, null, { method: 'POST', url: '/api/identity/pending', payload: { token: pending } });
  expect(json(p)).toEqual({ displayName: persona.name });
  const email = freshEmail();
  const link = await call(t, null, {
    method: 'POST',
    url: '/api/identity/link',
    payload: { token: pending, email, displayName: persona.name, locale: 'da' },
  });
  expect(link.statusCode).toBe(202);
  const confirm = await call(t, null, {
    method: 'POST',
    url: '/api/participants/confirm',
    payload: { token: tokenIn(await lastMailTo(t, email)) },
  });
  expect(confirm.statusCode).toBe(200);
  return email;
}

describe('MitID sign-in', () => {
  it('lists the configured brokers and staff sign-in', async () => {
    const res = await call(t, null, { method: 'GET', url: '/api/identity/providers' });
    expect(json(res)).toEqual({
      brokers: [
        { id: 'neb', label: 'MitID' },
        { id: 'idura', label: 'MitID (Idura)' },
      ],
      staff: { label: 'Staff sign-in' },
    });
  });

  it('sends PKCE (S256), state and nonce, and never asks for a CPR number', async () => {
    const start = await call(t, null, { method: 'GET', url: '/api/identity/login/neb' });
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(op.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toBeTruthy();
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('scope')).not.toMatch(/ssn|cpr/);
    expect(url.searchParams.get('idp_values')).toBe('mitid');
  });

  it('first sign-in links after e-mail confirmation; later sign-ins go straight in (client secret, NEB claims)', async () => {
    // A person of this run (on PostgreSQL the database outlives a run, and the fixed persona is linked).
    const anna = { ...PERSONAS.anna, uuid: randomUUID() };
    const email = await linkFirstSignIn('neb', anna);
    const { back, flowCookie } = await begin(t, 'neb', anna);
    const res = await finish(t, back, flowCookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const session = cookieOf(res, 'samraad_session')!;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } });
    expect(json(me)).toMatchObject({ email, roles: ['participant'] });
    // No CPR number is stored anywhere the identity module writes.
    const dump = await sql<{ t: string }>`
      select concat_ws(' ', (select string_agg(l::text, ' ') from identity_links l),
        (select string_agg(a.details::text, ' ') from audit_events a where a.details::text like '%mitid%')) as t`.execute(
      t.handle.db,
    );
    expect(dump.rows[0]!.t).not.toContain('0101701234');

    // Logout ends the MitID session.
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session } });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } });
    expect(after.statusCode).toBe(401);
  });

  it('signs in through private_key_jwt with Idura-shaped claims', async () => {
    const hanne = { ...PERSONAS.highHanne, uuid: randomUUID() };
    await linkFirstSignIn('idura', hanne);
    const { back, flowCookie } = await begin(t, 'idura', hanne);
    const res = await finish(t, back, flowCookie);
    expect(cookieOf(res, 'samraad_session')).toBeTruthy();
  });

  it('refuses a wrong state, a missing flow cookie and a replayed state', async () => {
    const { back, flowCookie } = await begin(t, 'neb', PERSONAS.anna);
    const wrong = new URL(back);
    wrong.searchParams.set('state', 'not-the-state');
    const r1 = await finish(t, wrong, flowCookie);
    expect(r1.headers.location).toBe('/login?identity_error=state');
    const r2 = await finish(t, back, '');
    expect(r2.headers.location).toBe('/login?identity_error=state');
    const ok = await finish(t, back, flowCookie);
    expect(String(ok.headers.location)).toMatch(/^\/eid\/link#|^\/$/);
    const again = await finish(t, back, flowCookie);
    expect(again.headers.location).toBe('/login?identity_error=state');
    expect(cookieOf(again, 'samraad_session')).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the flow’s', async () => {
    const { back, flowCookie } = await begin(t, 'neb', PERSONAS.anna);
    await sql`update identity_flows set nonce = 'another-nonce' where provider = 'neb' and created_at > now() - interval '1 minute'`.execute(
      t.handle.db,
    );
    const res = await finish(t, back, flowCookie);
    expect(res.headers.location).toBe('/login?identity_error=failed');
    expect(cookieOf(res, 'samraad_session')).toBeUndefined();
  });

  it('refuses a replayed code even with its flow restored', async () => {
    const { back, flowCookie } = await begin(t, 'neb', PERSONAS.anna);
    const flows = await sql<Record<string, unknown>>`select * from identity_flows where provider = 'neb'`.execute(
      t.handle.db,
    );
    const first = await finish(t, back, flowCookie);
    expect(String(first.headers.location)).not.toContain('identity_error');
    // Put every flow back as it was: the code alone is now spent at the provider.
    for (const f of flows.rows) {
      await sql`insert into identity_flows (state_hash, provider, purpose, code_verifier, nonce, return_to, locale, expires_at)
        values (${f.stateHash}, ${f.provider}, ${f.purpose}, ${f.codeVerifier}, ${f.nonce}, ${f.returnTo}, ${f.locale}, ${f.expiresAt})
        on conflict do nothing`.execute(t.handle.db);
    }
    const replay = await finish(t, back, flowCookie);
    expect(replay.headers.location).toBe('/login?identity_error=failed');
  });

  it('refuses an expired code', async () => {
    op.codeTtl = 1;
    try {
      const { back, flowCookie } = await begin(t, 'neb', PERSONAS.anna);
      await new Promise((r) => setTimeout(r, 2100));
      const res = await finish(t, back, flowCookie);
      expect(res.headers.location).toBe('/login?identity_error=failed');
    } finally {
      op.codeTtl = 60;
    }
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    const fresh = await createTestApp(op.env);
    op.rogueJwks = true;
    try {
      const { back, flowCookie } = await begin(fresh, 'neb', PERSONAS.anna);
      const res = await finish(fresh, back, flowCookie);
      expect(res.headers.location).toBe('/login?identity_error=failed');
      expect(cookieOf(res, 'samraad_session')).toBeUndefined();
    } finally {
      op.rogueJwks = false;
      await fresh.close();
    }
  });

  it('rejects bad input with clear 4xx', async () => {
    expectError(await call(t, null, { method: 'GET', url: '/api/identity/login/nope' }), 404, 'NOT_FOUND');
    expectError(await call(t, null, { method: 'GET', url: '/api/identity/login/BAD!' }), 400, 'VALIDATION_FAILED');
    expectError(
      await call(t, null, { method: 'POST', url: '/api/identity/pending', payload: { token: 'x' } }),
      400,
      'INVALID_TOKEN',
    );
    expectError(
      await call(t, null, {
        method: 'POST',
        url: '/api/identity/link',
        payload: { token: 'x', email: 'not-an-address', displayName: 'A' },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('Verifying a response with MitID', () => {
  async function verify(
    app: TestApp,
    token: string,
    provider: string,
    persona: (typeof PERSONAS)[keyof typeof PERSONAS],
  ) {
    op.next = persona;
    const start = await call(app, null, {
      method: 'POST',
      url: '/api/identity/verify',
      payload: { provider, token, returnTo: '/r/edit', locale: 'en' },
    });
    expect(start.statusCode).toBe(200);
    const flowCookie = cookieOf(start, 'samraad_oidc')!;
    const back = await walkProvider(json<{ url: string }>(start).url);
    return finish(app, back, flowCookie);
  }

  it('records broker, level and time; MitID Erhverv adds CVR and organisation; a consultation can require substantial', async () => {
    const { c, questions } = await openConsultation(t, cast.admin);
    const rule = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/consultations/${c.id}/identity-rule`,
      payload: { minLoa: 'substantial' },
    });
    expect(json(rule)).toEqual({ minLoa: 'substantial' });

    const low = await submitOk(t, c.id, submission(questions));
    const refused = await verify(t, low.editToken, 'neb', PERSONAS.lowLars);
    expect(refused.headers.location).toBe('/r/edit?identity_error=loa_too_low');

    const biz = await submitOk(t, c.id, submission(questions));
    const ok = await verify(t, biz.editToken, 'neb', PERSONAS.erhverv);
    expect(ok.headers.location).toBe('/r/edit?verified=substantial');
    const row = await sql<
      Record<string, unknown>
    >`select * from response_verifications where response_id = ${biz.id}`.execute(t.handle.db);
    expect(row.rows[0]).toMatchObject({
      provider: 'neb',
      loa: 'substantial',
      cvr: '12345678',
      orgName: 'Eksempel ApS',
    });
    const none = await sql`select 1 from response_verifications where response_id = ${low.id}`.execute(t.handle.db);
    expect(none.rows).toEqual([]);

    // The respondent sees it with the edit token; staff see it; a participant does not.
    const own = await call(t, null, {
      method: 'POST',
      url: '/api/identity/verification',
      payload: { token: biz.editToken },
    });
    expect(json(own)).toMatchObject({ verification: { loa: 'substantial', cvr: '12345678' }, minLoa: 'substantial' });
    const staffView = await call(t, cast.analyst, { method: 'GET', url: `/api/responses/${biz.id}/verification` });
    // Issue 14 story 1: a reviewer is not staff; a response's verification is staff's.
    expectError(
      await call(t, cast.reviewer, { method: 'GET', url: `/api/responses/${biz.id}/verification` }),
      403,
      'FORBIDDEN',
    );
    expect(json(staffView)).toMatchObject({
      verification: { provider: 'neb', loa: 'substantial', orgName: 'Eksempel ApS' },
    });
    expectError(
      await call(t, cast.participant, { method: 'GET', url: `/api/responses/${biz.id}/verification` }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await call(t, null, { method: 'GET', url: `/api/responses/${biz.id}/verification` }),
      401,
      'UNAUTHENTICATED',
    );

    // Analysts filter the inbox on verification and level.
    // The inbox rows of these responses, as the indexer writes them. Not indexInput: on a shared
    // PostgreSQL database it would index other test files' input while they assert it is not yet.
    await sql`insert into analysis_items (consultation_id, kind, item_id, received_at, source_status, scenario_ids,
                                          doc_language, search)
              select ${c.id}::uuid, 'response', x.id, now(), 'submitted', '{}', 'danish', to_tsvector('danish', 'svar')
                from unnest(${[biz.id, low.id]}::uuid[]) as x(id)
              on conflict do nothing`.execute(t.handle.db);
    await sql`insert into analysis_item_texts (consultation_id, kind, item_id, excerpt, doc)
              select ${c.id}::uuid, 'response', x.id, 'svar', 'svar' from unnest(${[biz.id, low.id]}::uuid[]) as x(id)
              on conflict do nothing`.execute(t.handle.db);
    const ids = async (query: string) =>
      json<InboxPage>(
        await call(t, cast.analyst, { method: 'GET', url: `/api/consultations/${c.id}/inbox?${query}` }),
      ).items.map((i) => i.id);
    expect(await ids('verified=any')).toEqual([biz.id]);
    expect(await ids('verified=substantial')).toEqual([biz.id]);
    expect(await ids('verified=high')).toEqual([]);
    expect(await ids('verified=none')).toEqual([low.id]);
    expectError(
      await call(t, cast.analyst, { method: 'GET', url: `/api/consultations/${c.id}/inbox?verified=maybe` }),
      400,
      'VALIDATION_FAILED',
    );

    // The open-data export says which published responses were verified.
    await decide(t, cast.admin, biz.id, 'approve');
    await decide(t, cast.admin, low.id, 'approve');
    const csv = await call(t, null, { method: 'GET', url: `/api/consultations/${c.id}/responses.csv` });
    const lines = csv.body.split('\r\n');
    expect(lines[0]).toMatch(/,mitid_verified$/);
    expect(lines.find((l) => l.startsWith(biz.id))).toMatch(/,substantial$/);
    expect(lines.find((l) => l.startsWith(low.id))).toMatch(/,$/);
    const doc = json<{ responses: { id: string; mitidVerified: string | null }[] }>(
      await call(t, null, { method: 'GET', url: `/api/consultations/${c.id}/responses.json` }),
    );
    expect(doc.responses.find((r) => r.id === biz.id)?.mitidVerified).toBe('substantial');
    // The public list shows it for a named publication only.
    const list = json<{ items: { id: string; mitidVerified: string | null }[] }>(
      await call(t, null, { method: 'GET', url: `/api/consultations/${c.id}/responses` }),
    );
    expect(list.items.find((r) => r.id === biz.id)?.mitidVerified).toBe('substantial');
    const anon = await submitOk(t, c.id, submission(questions, { consent: 'public_anonymous' }));
    await verify(t, anon.editToken, 'neb', PERSONAS.anna);
    await decide(t, cast.admin, anon.id, 'approve');
    const again = json<{ items: { id: string; mitidVerified: string | null }[] }>(
      await call(t, null, { method: 'GET', url: `/api/consultations/${c.id}/responses` }),
    );
    expect(again.items.find((r) => r.id === anon.id)?.mitidVerified).toBeNull();
  });

  it('refuses an unknown edit token, and the rule is admin-only', async () => {
    expectError(
      await call(t, null, {
        method: 'POST',
        url: '/api/identity/verify',
        payload: { provider: 'neb', token: 'x'.repeat(43) },
      }),
      404,
      'NOT_FOUND',
    );
    const { c } = await openConsultation(t, cast.admin);
    const put = (u: typeof cast.admin | null) =>
      call(t, u, { method: 'PUT', url: `/api/consultations/${c.id}/identity-rule`, payload: { minLoa: 'high' } });
    expectError(await put(null), 401, 'UNAUTHENTICATED');
    for (const u of [cast.participant, cast.reviewer, cast.analyst]) expectError(await put(u), 403, 'FORBIDDEN');
    expectError(
      await call(t, cast.admin, {
        method: 'PUT',
        url: `/api/consultations/${c.id}/identity-rule`,
        payload: { minLoa: 'medium' },
      }),
      400,
      'VALIDATION_FAILED',
    );
    const read = await call(t, null, { method: 'GET', url: `/api/consultations/${c.id}/identity-rule` });
    expect(json(read)).toEqual({ minLoa: null });
  });
});

describe('Staff single sign-on', () => {
  it('signs staff in with roles from the group claim; a person in no mapped group is refused', async () => {
    const { back, flowCookie } = await begin(t, 'staff', PERSONAS.staffAnalyst);
    const res = await finish(t, back, flowCookie);
    expect(res.headers.location).toBe('/');
    const session = cookieOf(res, 'samraad_session')!;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: session } });
    expect(json(me)).toMatchObject({ email: 'sso-analyst@agency.example', roles: ['analyst'] });

    const no = await begin(t, 'staff', PERSONAS.staffNobody);
    const refused = await finish(t, no.back, no.flowCookie);
    expect(refused.headers.location).toBe('/login?identity_error=not_allowed');
    expect(cookieOf(refused, 'samraad_session')).toBeUndefined();
  });
});
