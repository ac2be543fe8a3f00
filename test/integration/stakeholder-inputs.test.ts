import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rewalkInput } from '../../server/modules/analysis/inbox/inbox.indexer.ts';
import type { InboxItemDetail, InboxPage } from '../../server/modules/analysis/inbox/inbox.schemas.ts';
import type {
  InputFile,
  InputList,
  PublicInputList,
  StakeholderInput,
} from '../../server/modules/stakeholder-inputs/stakeholder-inputs.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signedInUser,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
} from '../helpers/app.ts';
import { factory, type OpenConsultation, waitFor } from '../helpers/factory.ts';
import { indexAllNow } from '../helpers/indexer.ts';

// Issue 13 story 4: stakeholder inputs and the technical dialogue. Staff record meetings and
// written input with parties, scenarios, Markdown minutes, files and visibility; published ones are
// public, staff-only ones never; every input is an item of the analysis inbox, searchable and codable.

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'files');

let t: TestApp;
let cast: Cast;
let open: OpenConsultation;
let other: OpenConsultation;
let cid: string;

const base = () => `/api/consultations/${cid}/stakeholder-inputs`;

const MINUTES = [
  '# Møde med Aarhus Kommune',
  '',
  'Kommunens digitaliseringsenhed pegede på at **borgerservice** skal kunne hjælpe borgere uden smartphone.',
  '',
  '<script>alert("x")</script>',
  '',
  '<img src="x" onerror="alert(1)">',
  '',
  'Se [referatet](https://example.org/referat).',
].join('\n');

function input(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'meeting',
    title: 'Møde med Aarhus Kommunes digitalisering',
    heldOn: '2026-11-03',
    parties: [{ name: 'Aarhus Kommune, Digitalisering', kind: 'municipality' }],
    scenarioIds: [open.scenarios[1].id, open.scenarios[2].id],
    minutes: MINUTES,
    visibility: 'staff_only',
    ...overrides,
  };
}

async function create(overrides: Record<string, unknown> = {}, user: TestUser = cast.analyst) {
  const res = await call(t, user, { method: 'POST', url: base(), payload: input(overrides) });
  expect(res.statusCode, res.body).toBe(201);
  return json<StakeholderInput>(res);
}

function multipart(filename: string, content: Buffer) {
  const boundary = `----samraad${randomUUID().replace(/-/g, '')}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function uploadTo(inputId: string, name: string, query = '', user: TestUser = cast.analyst) {
  const body = multipart(name, await readFile(path.join(FIXTURES, name)));
  return call(t, user, { method: 'POST', url: `${base()}/${inputId}/files${query}`, ...body });
}

const published = async (user: TestUser | null = null) => {
  const res = await call(t, user, { method: 'GET', url: `/api/consultations/${cid}/published-stakeholder-inputs` });
  expect(res.statusCode, res.body).toBe(200);
  return json<PublicInputList>(res);
};
const list = async () => json<InputList>(await call(t, cast.analyst, { method: 'GET', url: base() }));
const inbox = async (query: string) => {
  const res = await call(t, cast.analyst, { method: 'GET', url: `/api/consultations/${cid}/inbox${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return json<InboxPage>(res);
};

beforeAll(async () => {
  t = await createTestApp();
  cast = await signInCast(t);
  const f = factory(t);
  open = await f.newOpenConsultation(cast.admin, {
    scenarios: [{ key: 'S1' }, { key: 'S2' }, { key: 'S3' }, { key: 'S4' }],
  });
  other = await f.newOpenConsultation(cast.admin, { scenarios: [{ key: 'S1' }] });
  cid = open.consultation.id;
});
afterAll(async () => t?.close());

describe('recording stakeholder inputs', () => {
  it('records a meeting with its parties, scenarios and minutes, audited, and lists it', async () => {
    const made = await create();
    expect(made).toMatchObject({
      kind: 'meeting',
      heldOn: '2026-11-03',
      parties: [{ name: 'Aarhus Kommune, Digitalisering', kind: 'municipality' }],
      visibility: 'staff_only',
      version: 1,
      files: [],
      publishedAt: null,
    });
    expect(made.scenarioIds.sort()).toEqual([open.scenarios[1].id, open.scenarios[2].id].sort());
    const got = json<StakeholderInput>(await call(t, cast.admin, { method: 'GET', url: `${base()}/${made.id}` }));
    expect(got.minutes).toBe(MINUTES);
    expect((await list()).items.map((i) => i.id)).toContain(made.id);
    const audit = await t.handle.db
      .selectFrom('auditEvents')
      .select(['action', 'itemType', 'consultationId'])
      .where('itemId', '=', made.id)
      .execute();
    expect(audit).toEqual([{ action: 'stakeholder_input.create', itemType: 'stakeholder_input', consultationId: cid }]);
  });

  it('pages the list with a cursor, and refuses a forged one', async () => {
    await create({ heldOn: '2026-01-02', title: 'Tidligt møde' });
    await create({ heldOn: '2026-01-03', title: 'Næste møde' });
    const first = json<InputList>(await call(t, cast.analyst, { method: 'GET', url: `${base()}?limit=1` }));
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const next = json<InputList>(
      await call(t, cast.analyst, { method: 'GET', url: `${base()}?limit=1&cursor=${first.nextCursor}` }),
    );
    expect(next.items[0]!.id).not.toBe(first.items[0]!.id);
    expectError(await call(t, cast.analyst, { method: 'GET', url: `${base()}?cursor=abc` }), 400, 'BAD_REQUEST');
    expectError(await call(t, cast.analyst, { method: 'GET', url: `${base()}?limit=0` }), 400, 'VALIDATION_FAILED');
  });

  it('renders the minutes safely: no script, no event handler, links rel="noopener"', async () => {
    const made = await create();
    expect(made.minutesHtml).toContain('<strong>borgerservice</strong>');
    expect(made.minutesHtml).not.toMatch(/<script|onerror|alert\(/i);
    expect(made.minutesHtml).not.toContain('<img');
    expect(made.minutesHtml).toMatch(/<a href="https:\/\/example.org\/referat" rel="noopener noreferrer">/);
    expect(made.minutesHtml).not.toContain('<h1');
    const preview = await call(t, cast.analyst, {
      method: 'POST',
      url: `${base()}/preview`,
      payload: { markdown: '*hej* <script>x()</script><a href="javascript:alert(1)">y</a>' },
    });
    expect(preview.statusCode).toBe(200);
    const html = json<{ html: string }>(preview).html;
    expect(html).toContain('<em>hej</em>');
    expect(html).not.toMatch(/script|javascript:/i);
  });

  it('refuses bad input with 400 and creates nothing', async () => {
    const before = (await list()).items.length;
    const bad = [
      input({ title: '' }),
      input({ kind: 'lunch' }),
      input({ heldOn: '2026-02-30' }),
      input({ parties: [{ name: '', kind: 'municipality' }] }),
      input({ parties: [{ name: 'X', kind: 'pirates' }] }),
      input({ scenarioIds: ['not-a-uuid'] }),
      input({ visibility: 'everyone' }),
      input({ title: 'a\u0000b' }),
    ];
    for (const payload of bad) {
      const res = await call(t, cast.analyst, { method: 'POST', url: base(), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    // A scenario of another consultation.
    const foreign = await call(t, cast.analyst, {
      method: 'POST',
      url: base(),
      payload: input({ scenarioIds: [other.scenarios[0].id] }),
    });
    expectError(foreign, 400, 'BAD_REQUEST');
    expect(foreign.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe('unknown_scenario');
    expect((await list()).items.length).toBe(before);
  });

  it('changes an input with its version (409 when stale, nothing changed) and publishes it', async () => {
    const made = await create();
    const patch = (payload: object) => call(t, cast.analyst, { method: 'PATCH', url: `${base()}/${made.id}`, payload });
    const ok = await patch({ version: 1, title: 'Opfølgende møde', visibility: 'published' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<StakeholderInput>(ok)).toMatchObject({ title: 'Opfølgende møde', visibility: 'published', version: 2 });
    expect(json<StakeholderInput>(ok).publishedAt).not.toBeNull();
    expectError(await patch({ version: 1, title: 'Forældet' }), 409, 'STALE_VERSION');
    expectError(await patch({ version: 2 }), 400, 'VALIDATION_FAILED');
    expectError(await patch({ version: 2, scenarioIds: [other.scenarios[0].id] }), 400, 'BAD_REQUEST');
    const now = json<StakeholderInput>(await call(t, cast.analyst, { method: 'GET', url: `${base()}/${made.id}` }));
    expect(now).toMatchObject({ title: 'Opfølgende møde', version: 2 });
    expectError(
      await call(t, cast.analyst, {
        method: 'PATCH',
        url: `/api/consultations/${other.consultation.id}/stakeholder-inputs/${made.id}`,
        payload: { version: 2, title: 'x' },
      }),
      404,
      'NOT_FOUND',
    );
  });

  it('deletes an input: gone from every list and the public page, audited', async () => {
    const made = await create({ visibility: 'published', title: 'Slettes' });
    expect((await published()).items.map((i) => i.id)).toContain(made.id);
    const res = await call(t, cast.admin, { method: 'DELETE', url: `${base()}/${made.id}` });
    expect(res.statusCode).toBe(204);
    expect((await list()).items.map((i) => i.id)).not.toContain(made.id);
    expect((await published()).items.map((i) => i.id)).not.toContain(made.id);
    expectError(await call(t, cast.admin, { method: 'GET', url: `${base()}/${made.id}` }), 404, 'NOT_FOUND');
    expectError(await call(t, cast.admin, { method: 'DELETE', url: `${base()}/${made.id}` }), 404, 'NOT_FOUND');
  });
});

describe('files of an input', () => {
  it('stores a file checked by content, extracts its text, and removes it', async () => {
    const made = await create();
    const res = await uploadTo(made.id, 'hoeringssvar.pdf');
    expect(res.statusCode, res.body).toBe(201);
    const file = json<InputFile>(res);
    expect(file).toMatchObject({ filename: 'hoeringssvar.pdf', mediaType: 'application/pdf', extraction: 'pending' });
    const done = await waitFor(async () => {
      const got = json<StakeholderInput>(await call(t, cast.analyst, { method: 'GET', url: `${base()}/${made.id}` }));
      return got.files[0]?.extraction === 'done' ? got : undefined;
    }, 45_000);
    expect(done.version).toBe(2);
    const download = await call(t, cast.analyst, { method: 'GET', url: file.url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    // A program posing as a PDF, and a second file in one request, are refused.
    expectError(await uploadTo(made.id, 'program-exe.pdf'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const removed = await call(t, cast.analyst, { method: 'DELETE', url: `${base()}/${made.id}/files/${file.id}` });
    expect(removed.statusCode).toBe(204);
    expect(
      json<StakeholderInput>(await call(t, cast.analyst, { method: 'GET', url: `${base()}/${made.id}` })).files,
    ).toEqual([]);
    expectError(await call(t, cast.analyst, { method: 'GET', url: file.url }), 404, 'NOT_FOUND');
  }, 60_000);

  it('refuses a file for an input of another consultation or none', async () => {
    const res = await uploadTo(randomUUID(), 'flag.png');
    expectError(res, 404, 'NOT_FOUND');
  });
});

describe('what the public sees', () => {
  it('lists only published inputs, with rendered minutes and only public files', async () => {
    const secret = await create({ title: 'Fortroligt møde om S2' });
    const pub = await create({ title: 'Markedsdialog om S1 og S4', kind: 'market_dialogue', visibility: 'published' });
    const shown = json<InputFile>(await uploadTo(pub.id, 'flag.png'));
    const internal = json<InputFile>(await uploadTo(pub.id, 'flag.jpg', '?public=false'));
    const secretFile = json<InputFile>(await uploadTo(secret.id, 'flag.png'));
    for (const user of [null, cast.participant, cast.reviewer, cast.analyst]) {
      const items = (await published(user)).items;
      const ids = items.map((i) => i.id);
      expect(ids).toContain(pub.id);
      expect(ids).not.toContain(secret.id);
      const item = items.find((i) => i.id === pub.id)!;
      expect(item.files.map((f) => f.id)).toEqual([shown.id]);
      expect(item.minutesHtml).not.toContain('<script');
      expect(JSON.stringify(items)).not.toContain('Fortroligt');
    }
    for (const user of [null, cast.participant, cast.reviewer]) {
      expect((await call(t, user, { method: 'GET', url: shown.url })).statusCode).toBe(200);
      expectError(await call(t, user, { method: 'GET', url: internal.url }), 404, 'NOT_FOUND');
      expectError(await call(t, user, { method: 'GET', url: secretFile.url }), 404, 'NOT_FOUND');
    }
    // Withdrawn from publication: gone from the public again.
    const back = await call(t, cast.analyst, {
      method: 'PATCH',
      url: `${base()}/${pub.id}`,
      payload: { version: 3, visibility: 'staff_only' },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect((await published()).items.map((i) => i.id)).not.toContain(pub.id);
    expectError(await call(t, null, { method: 'GET', url: shown.url }), 404, 'NOT_FOUND');
  });

  it('shows nothing of a draft consultation to the public', async () => {
    const draft = await factory(t).newConsultation(cast.admin);
    const res = await call(t, null, {
      method: 'GET',
      url: `/api/consultations/${draft.id}/published-stakeholder-inputs`,
    });
    expectError(res, 404, 'NOT_FOUND');
  });
});

describe('who may do what', () => {
  it('lets only analysts and admins at the staff routes: 401 anonymous, 403 participant and reviewer', async () => {
    const made = await create();
    const file = json<InputFile>(await uploadTo(made.id, 'flag.png'));
    const routes: { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object }[] = [
      { method: 'GET', url: base() },
      { method: 'POST', url: base(), payload: input() },
      { method: 'POST', url: `${base()}/preview`, payload: { markdown: 'x' } },
      { method: 'GET', url: `${base()}/${made.id}` },
      { method: 'PATCH', url: `${base()}/${made.id}`, payload: { version: 2, title: 'x' } },
      { method: 'DELETE', url: `${base()}/${made.id}` },
      { method: 'PATCH', url: `${base()}/${made.id}/files/${file.id}`, payload: { public: false } },
      { method: 'DELETE', url: `${base()}/${made.id}/files/${file.id}` },
    ];
    for (const r of routes) {
      expectError(await call(t, null, r), 401, 'UNAUTHENTICATED');
      expectError(await call(t, cast.participant, r), 403, 'FORBIDDEN');
      expectError(await call(t, cast.reviewer, r), 403, 'FORBIDDEN');
    }
    expectError(await uploadTo(made.id, 'flag.png', '', cast.reviewer), 403, 'FORBIDDEN');
    expectError(await uploadTo(made.id, 'flag.png', '', cast.participant), 403, 'FORBIDDEN');
    // A staff-only input's file is 404 to everyone but analysts and admins.
    for (const user of [null, cast.participant, cast.reviewer])
      expectError(await call(t, user, { method: 'GET', url: file.url }), 404, 'NOT_FOUND');
    expect((await call(t, cast.admin, { method: 'GET', url: file.url })).statusCode).toBe(200);
    // Nothing changed by the refused calls.
    const now = json<StakeholderInput>(await call(t, cast.admin, { method: 'GET', url: `${base()}/${made.id}` }));
    expect(now).toMatchObject({ version: 2, title: made.title });
    expect(now.files.map((f) => f.public)).toEqual([true]);
    // The file's public flag: an analyst may change it.
    const flip = await call(t, cast.analyst, {
      method: 'PATCH',
      url: `${base()}/${made.id}/files/${file.id}`,
      payload: { public: false },
    });
    expect(flip.statusCode).toBe(200);
    expect(json<InputFile>(flip).public).toBe(false);
  });
});

describe('team limits', () => {
  it('keeps an analyst limited to other teams out (403 not_on_team), and lets them in once on the team', async () => {
    const limited = await signedInUser(t, ['analyst']);
    const limit = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/analysts/${limited.id}/limit`,
      payload: { limited: true },
    });
    expect(limit.statusCode, limit.body).toBe(200);
    const res = await call(t, limited, { method: 'POST', url: base(), payload: input() });
    expectError(res, 403, 'FORBIDDEN');
    expect(res.json<{ error: { details: { reason: string } } }>().error.details.reason).toBe('not_on_team');
    expectError(await call(t, limited, { method: 'GET', url: base() }), 403, 'FORBIDDEN');
    const join = await call(t, cast.admin, {
      method: 'PUT',
      url: `/api/consultations/${cid}/analysts/${limited.id}`,
      payload: { assigned: true },
    });
    expect(join.statusCode, join.body).toBe(200);
    expect((await call(t, limited, { method: 'POST', url: base(), payload: input() })).statusCode).toBe(201);
  });
});

describe('in the analysis inbox', () => {
  let item: StakeholderInput;

  beforeAll(async () => {
    item = await create({
      title: 'Markedsdialog med identitetsleverandører',
      kind: 'market_dialogue',
      parties: [
        { name: 'Signicat', kind: 'business' },
        { name: 'Nets', kind: 'business' },
      ],
      scenarioIds: [open.scenarios[0].id, open.scenarios[3].id],
      minutes: 'Leverandørerne vurderede at en **kodeviser** til ældre borgere kan leveres inden 2027.',
    });
    const file = json<InputFile>(await uploadTo(item.id, 'hoeringssvar.docx'));
    await waitFor(async () => {
      const got = json<StakeholderInput>(await call(t, cast.analyst, { method: 'GET', url: `${base()}/${item.id}` }));
      return got.files.find((f) => f.id === file.id)?.extraction === 'done' ? true : undefined;
    }, 45_000);
    await rewalkInput(t.handle.db);
    await indexAllNow(t.handle.db);
  }, 60_000);

  it('lists the input with its parties, scenarios, files and visibility', async () => {
    const page = await inbox('?kind=stakeholder_input');
    const row = page.items.find((i) => i.id === item.id);
    expect(row).toMatchObject({
      kind: 'stakeholder_input',
      author: 'Signicat, Nets',
      actingAs: 'business',
      sourceStatus: 'staff_only',
      hasAttachments: true,
    });
    expect(row!.scenarioIds.sort()).toEqual([open.scenarios[0].id, open.scenarios[3].id].sort());
    const byScenario = await inbox(`?scenario=${open.scenarios[3].id}`);
    expect(byScenario.items.map((i) => i.id)).toContain(item.id);
  });

  it('finds it by the words of its minutes and of its file', async () => {
    const byMinutes = await inbox(`?q=${encodeURIComponent('kodeviser')}&kind=stakeholder_input`);
    expect(byMinutes.items.map((i) => i.id)).toContain(item.id);
    expect(byMinutes.items.find((i) => i.id === item.id)!.highlight).toContain('<mark>');
    const byFile = await inbox(`?q=${encodeURIComponent('borgerservicecentre')}&kind=stakeholder_input`);
    expect(byFile.items.map((i) => i.id)).toEqual([item.id]);
  });

  it('shows the item with its title, minutes and file text, and codes a passage of the minutes', async () => {
    const res = await call(t, cast.analyst, {
      method: 'GET',
      url: `/api/consultations/${cid}/inbox/items/stakeholder_input/${item.id}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = json<InboxItemDetail>(res);
    expect(d.texts.map((x) => [x.field.replace(/:.*/, ':…'), x.codable])).toEqual([
      ['title', false],
      ['minutes', true],
      ['attachment:…', false],
    ]);
    expect(d.files).toHaveLength(1);
    expect(d.author.name).toBe('Signicat, Nets');
    const tag = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${cid}/codebook/tags`,
      payload: { name: { da: 'Tilgængelighed', en: 'Accessibility' } },
    });
    expect(tag.statusCode, tag.body).toBe(201);
    const minutes = d.texts.find((x) => x.field === 'minutes')!.text;
    const start = [...minutes].join('').indexOf('kodeviser');
    const coding = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${cid}/codings`,
      payload: {
        tagId: json<{ id: string }>(tag).id,
        itemKind: 'stakeholder_input',
        itemId: item.id,
        field: 'minutes',
        startOffset: start,
        endOffset: start + 'kodeviser'.length,
      },
    });
    expect(coding.statusCode, coding.body).toBe(201);
    expect(json<{ quote: string }>(coding).quote).toBe('kodeviser');
    // The title is read, not coded in passages.
    const onTitle = await call(t, cast.analyst, {
      method: 'POST',
      url: `/api/consultations/${cid}/codings`,
      payload: {
        tagId: json<{ id: string }>(tag).id,
        itemKind: 'stakeholder_input',
        itemId: item.id,
        field: 'title',
        startOffset: 0,
        endOffset: 5,
      },
    });
    expect(onTitle.statusCode).toBe(400);
    const coded = await call(t, cast.analyst, {
      method: 'GET',
      url: `/api/consultations/${cid}/items/stakeholder_input/${item.id}/codings`,
    });
    expect(coded.statusCode, coded.body).toBe(200);
    expect(coded.body).toContain('kodeviser');
  });

  it('follows a change and a deletion through the audit log', async () => {
    const patch = await call(t, cast.analyst, {
      method: 'PATCH',
      url: `${base()}/${item.id}`,
      payload: { version: 2, visibility: 'published' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    await indexAllNow(t.handle.db);
    expect((await inbox('?kind=stakeholder_input')).items.find((i) => i.id === item.id)!.sourceStatus).toBe(
      'published',
    );
    expect((await call(t, cast.analyst, { method: 'DELETE', url: `${base()}/${item.id}` })).statusCode).toBe(204);
    await indexAllNow(t.handle.db);
    expect((await inbox('?kind=stakeholder_input')).items.map((i) => i.id)).not.toContain(item.id);
    const all = await inbox('?kind=stakeholder_input&includeDeleted=true');
    expect(all.items.find((i) => i.id === item.id)!.sourceStatus).toBe('deleted');
  });
});
