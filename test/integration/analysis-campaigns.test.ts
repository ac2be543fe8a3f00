import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCampaignJob } from '../../server/modules/analysis/campaigns/campaigns.job.ts';
import type {
  CampaignDetail,
  CampaignList,
  CampaignRun,
  CampaignSummary,
} from '../../server/modules/analysis/campaigns/campaigns.schemas.ts';
import { call, createTestApp, expectError, json, signInCast, type Cast, type TestApp } from '../helpers/app.ts';
import { factory, type OpenConsultation, submission, submitOk } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

type Wrong = 'reviewer' | 'participant' | 'anonymous';
const WRONG: Wrong[] = ['reviewer', 'participant', 'anonymous'];

const LETTER =
  'Vi opfordrer ministeriet til at bevare NemID som et frivilligt alternativ. Mange ældre borgere har ingen smartphone. ' +
  'En kodeviser skal kunne fås gratis på ethvert borgerservice. Løsningen må ikke gøre borgerne afhængige af private banker. ' +
  'Vi beder om at fristen for overgangen forlænges med mindst et år. Borgere uden fast bopæl skal også kunne logge på. ' +
  'Det offentlige har et ansvar for at alle kan være med, også dem der ikke kan eller vil bruge en app.';
const ADDED = 'Min mor på 91 år kan ikke bruge en app, og hun har ingen at spørge om hjælp.';
const LETTER2 =
  'Vi støtter forslaget om en ny digital identitet, fordi den gør det lettere at bruge offentlige tjenester på nettet. ' +
  'Sikkerheden er bedre end i dag, og det er godt at borgerne selv kan vælge mellem app og kodeviser i hverdagen.';

let t: TestApp;
let cast: Cast;
let open: OpenConsultation;
let other: OpenConsultation;
const ids: Record<string, string> = {};

const base = (cid = open.consultation.id) => `/api/consultations/${cid}`;
const who = (w: Wrong) => (w === 'anonymous' ? null : cast[w]);
const expectRefused = (res: Parameters<typeof expectError>[0], w: Wrong) =>
  w === 'anonymous' ? expectError(res, 401, 'UNAUTHENTICATED') : expectError(res, 403, 'FORBIDDEN');

const indexAll = () => indexAllNow(t.handle.db);

const list = async () => {
  const res = await call(t, cast.analyst, { url: `${base()}/campaigns` });
  expect(res.statusCode, res.body).toBe(200);
  return json<CampaignList>(res);
};
const detail = async (id: string) => {
  const res = await call(t, cast.analyst, { url: `${base()}/campaigns/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return json<CampaignDetail>(res);
};
async function fullRun(): Promise<CampaignRun> {
  const res = await call(t, cast.analyst, {
    method: 'POST',
    url: `${base()}/campaign-runs`,
    payload: { mode: 'full' },
  });
  expect(res.statusCode, res.body).toBe(202);
  const run = json<CampaignRun>(res);
  await runCampaignJob({ db: t.handle.db, log: t.app.log }, { runId: run.id });
  const done = await call(t, cast.analyst, { url: `${base()}/campaign-runs/${run.id}` });
  expect(done.statusCode, done.body).toBe(200);
  return json<CampaignRun>(done);
}

const auditOf = async (cid: string, action: string) =>
  (
    await sql<{
      details: Record<string, unknown>;
    }>`select details from audit_events where consultation_id = ${cid} and action = ${action}`.execute(t.handle.db)
  ).rows;

beforeAll(async () => {
  t = await createTestApp({ JOBS_ENABLED: 'false' });
  cast = await signInCast(t);
  const f = factory(t);
  open = await f.newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
  other = await f.newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
  const submit = async (name: string, body: string, cid = open.consultation.id) => {
    ids[name] = (await submitOk(t, cid, submission([], { body }))).id;
  };
  await submit('copy1', LETTER);
  await submit('copy2', LETTER.toUpperCase());
  await submit('copy3', `  ${LETTER.replaceAll('. ', '.\n')}`);
  await submit('edited', LETTER.replace('ældre borgere', 'gamle borgere'));
  await submit('plus', `${LETTER} ${ADDED}`);
  await submit('unrelated1', 'Jeg synes forslaget er godt, men fristen er alt for kort for de små kommuner i landet.');
  await submit(
    'unrelated2',
    'Tilgængeligheden for blinde og svagtseende brugere skal testes grundigt før lanceringen.',
  );
  await submit('other', LETTER, other.consultation.id);
  await indexAll();
});
afterAll(async () => t?.close());

describe('detection as input arrives', () => {
  it('makes one campaign of copies that arrive in one batch, whatever order their ids fall in', async () => {
    // A copy joins the campaign of whichever of its copies is placed already; before, the first copy
    // in id order was taken, and when it was not placed yet the two started a second campaign. The
    // ids are random, so eight hearings make the bad order all but certain to occur at least once.
    const f = factory(t);
    const hearings = [];
    for (let n = 0; n < 8; n++) {
      const h = await f.newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
      for (const [i, body] of [LETTER, LETTER, LETTER, `${LETTER} ${ADDED}`].entries())
        await submitOk(
          t,
          h.consultation.id,
          submission([], {
            body,
            respondent: { name: `Borger ${i}`, email: `b${n}-${i}@example.dk`, actingAs: 'citizen' },
          }),
        );
      hearings.push(h.consultation.id);
    }
    await indexAll();
    for (const cid of hearings) {
      const res = await call(t, cast.analyst, { url: `/api/consultations/${cid}/campaigns` });
      expect(json<{ items: { memberCount: number }[] }>(res).items.map((c) => c.memberCount)).toEqual([4]);
    }
  });

  it('groups exact copies and near-copies once indexed, and not unrelated responses or other consultations', async () => {
    const { items } = await list();
    expect(items).toHaveLength(1);
    const c = items[0]!;
    expect(c).toMatchObject({ status: 'active', memberCount: 5, templateKind: 'response' });
    // The first copy to arrive is the template (the copies are indexed in one batch).
    expect(c.templateItemId).toBe(ids.copy1);
    expect(c.templateText).toContain('Vi opfordrer ministeriet');
    const d = await detail(c.id);
    const memberIds = d.members.map((m) => m.id).sort();
    expect(memberIds).toEqual([ids.copy1, ids.copy2, ids.copy3, ids.edited, ids.plus].sort());
    expect(d.members[0]!.isTemplate).toBe(true);
    const plus = d.members.find((m) => m.id === ids.plus)!;
    expect(plus.spans.map((s) => plus.text.slice(s.start, s.end))).toEqual([ADDED]);
    expect(plus.spans[0]!.kind).toBe('added');
    const edited = d.members.find((m) => m.id === ids.edited)!;
    expect(edited.spans.map((s) => s.kind)).toEqual(['changed']);
    expect(d.members.find((m) => m.id === ids.copy2)!.spans).toEqual([]);
  });

  it('a full run finds the same campaign, adds nothing twice and shows its progress', async () => {
    const run = await fullRun();
    expect(run).toMatchObject({ status: 'done', progress: 100, mode: 'full' });
    expect(run.itemCount).toBeGreaterThanOrEqual(7);
    const { items, latestRun } = await list();
    expect(items).toHaveLength(1);
    expect(items[0]!.memberCount).toBe(5);
    expect(latestRun?.id).toBe(run.id);
    expect(await auditOf(open.consultation.id, 'campaign_run.start')).toHaveLength(1);
  });
});

describe('analysts’ decisions', () => {
  it('splits a member out; later runs respect it', async () => {
    const c = (await list()).items[0]!;
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/campaigns/${c.id}/split`,
      payload: { members: [{ kind: 'response', id: ids.edited }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<CampaignSummary>(res).memberCount).toBe(4);
    await fullRun();
    const d = await detail(c.id);
    expect(d.campaign.memberCount).toBe(4);
    expect(d.split.map((m) => m.id)).toEqual([ids.edited]);
    expect(await auditOf(open.consultation.id, 'campaign.split')).toHaveLength(1);
  });

  it('merges two campaigns, comparing the moved members against the kept template', async () => {
    await submitOk(t, open.consultation.id, submission([], { body: LETTER2 }));
    await submitOk(t, open.consultation.id, submission([], { body: LETTER2.toLowerCase() }));
    await indexAll();
    const { items } = await list();
    expect(items).toHaveLength(2);
    const [big, small] = items as [CampaignSummary, CampaignSummary];
    expect(small.memberCount).toBe(2);
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/campaigns/${small.id}/merge`,
      payload: { intoId: big.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<CampaignSummary>(res).memberCount).toBe(6);
    const moved = (await detail(big.id)).members.filter((m) => m.text.toLowerCase().startsWith('vi støtter'));
    expect(moved).toHaveLength(2);
    expect(moved[0]!.spans.length).toBeGreaterThan(0);
    expect((await list()).items).toHaveLength(1);
    expect(await auditOf(open.consultation.id, 'campaign.merge')).toHaveLength(1);
  });

  it('marks a cluster "not a campaign"; a new copy joins it there, no new campaign is made', async () => {
    const c = (await list()).items[0]!;
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/campaigns/${c.id}/status`,
      payload: { status: 'not_a_campaign' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<CampaignSummary>(res).status).toBe('not_a_campaign');
    const late = await submitOk(t, open.consultation.id, submission([], { body: LETTER }));
    await indexAll();
    await fullRun();
    const { items } = await list();
    expect(items).toHaveLength(1);
    expect(items[0]!.status).toBe('not_a_campaign');
    expect((await detail(c.id)).members.some((m) => m.id === late.id)).toBe(true);
    const back = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/campaigns/${c.id}/status`,
      payload: { status: 'active' },
    });
    expect(json<CampaignSummary>(back).status).toBe('active');
    expect(await auditOf(open.consultation.id, 'campaign.status')).toHaveLength(2);
  });

  it('codes a campaign: one coding per member, audited', async () => {
    const tag = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/codebook/tags`,
      payload: { name: { da: 'Bevar NemID', en: 'Keep NemID' } },
    });
    expect(tag.statusCode, tag.body).toBe(201);
    const tagId = json<{ id: string }>(tag).id;
    const c = (await list()).items[0]!;
    const res = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/campaigns/${c.id}/codings`,
      payload: { tagId, stance: 'against' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(json<{ codingIds: string[] }>(res).codingIds).toHaveLength(c.memberCount);
    const rows = await sql<{ n: number }>`select count(*)::int as n from codings
      where consultation_id = ${open.consultation.id} and tag_id = ${tagId}`.execute(t.handle.db);
    expect(rows.rows[0]!.n).toBe(c.memberCount);
    expect(await auditOf(open.consultation.id, 'campaign.code')).toHaveLength(1);
  });
});

describe('the inbox', () => {
  it('shows a campaign once when collapsed, with its member count, and filters by campaign', async () => {
    const c = (await list()).items[0]!;
    type Page = { items: { id: string; campaign?: { id: string; memberCount: number; isTemplate: boolean } | null }[] };
    const all = json<Page>(await call(t, cast.analyst, { url: `${base()}/inbox?limit=100` }));
    const collapsed = json<Page>(
      await call(t, cast.analyst, { url: `${base()}/inbox?limit=100&campaignsCollapsed=true` }),
    );
    const inCampaign = all.items.filter((x) => x.campaign?.id === c.id);
    expect(inCampaign).toHaveLength(c.memberCount);
    const shown = collapsed.items.filter((x) => x.campaign?.id === c.id);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.campaign).toMatchObject({ isTemplate: true, memberCount: c.memberCount });
    expect(collapsed.items.length).toBe(all.items.length - c.memberCount + 1);
    const members = json<Page>(await call(t, cast.analyst, { url: `${base()}/inbox?limit=100&campaign=${c.id}` }));
    expect(members.items.map((x) => x.id).sort()).toEqual(inCampaign.map((x) => x.id).sort());
    const bad = await call(t, cast.analyst, { url: `${base()}/inbox?campaign=nope` });
    expect(bad.statusCode).toBe(400);
  });
});

describe('refusals', () => {
  it.each(WRONG)('refuses %s on every route, before validation', async (w) => {
    const c = (await list()).items[0]!;
    const urls: [string, string, unknown?][] = [
      ['GET', `${base()}/campaigns`],
      ['GET', `${base()}/campaigns/${c.id}`],
      ['POST', `${base()}/campaign-runs`, { mode: 'nonsense' }],
      ['POST', `${base()}/campaigns/${c.id}/split`, {}],
      ['POST', `${base()}/campaigns/${c.id}/merge`, {}],
      ['POST', `${base()}/campaigns/${c.id}/status`, {}],
      ['POST', `${base()}/campaigns/${c.id}/codings`, {}],
    ];
    for (const [method, url, payload] of urls) {
      const res = await call(t, who(w), { method: method as 'GET' | 'POST', url, payload: payload as object });
      expectRefused(res, w);
    }
  });

  it('rejects bad input with a clear 4xx and changes nothing', async () => {
    const c = (await list()).items[0]!;
    const before = await detail(c.id);
    const bad: [string, unknown, number][] = [
      [`${base()}/campaigns/${c.id}/split`, { members: [] }, 400],
      [`${base()}/campaigns/${c.id}/split`, { members: [{ kind: 'response', id: ids.unrelated1 }] }, 400],
      [`${base()}/campaigns/${c.id}/merge`, { intoId: c.id }, 400],
      [`${base()}/campaigns/${c.id}/merge`, { intoId: '00000000-0000-4000-8000-000000000000' }, 404],
      [`${base()}/campaigns/${c.id}/status`, { status: 'merged' }, 400],
      [`${base()}/campaign-runs`, { mode: 'sometimes' }, 400],
    ];
    for (const [url, payload, code] of bad) {
      const res = await call(t, cast.analyst, { method: 'POST', url, payload: payload as object });
      expect(res.statusCode, `${url} ${res.body}`).toBe(code);
    }
    expect((await detail(c.id)).campaign.memberCount).toBe(before.campaign.memberCount);
    const missing = await call(t, cast.analyst, { url: `${base()}/campaigns/00000000-0000-4000-8000-000000000000` });
    expectError(missing, 404, 'NOT_FOUND');
    const elsewhere = await call(t, cast.analyst, { url: `${base(other.consultation.id)}/campaigns/${c.id}` });
    expectError(elsewhere, 404, 'NOT_FOUND');
  });
});
