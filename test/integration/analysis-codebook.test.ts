import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Codebook,
  CodebookDocument,
  CodebookTag,
  ImportResult,
} from '../../server/modules/analysis/codebook/codebook.schemas.ts';
import type { Coding } from '../../server/modules/analysis/codings/codings.schemas.ts';
import {
  call,
  createTestApp,
  expectError,
  json,
  signInCast,
  type Cast,
  type TestApp,
  type TestUser,
  type ErrorWith,
} from '../helpers/app.ts';
import { factory, openConsultation, submission, submitOk, TEXT_Q } from '../helpers/factory.ts';

const WRONG = ['reviewer', 'participant', 'anonymous'] as const;
type Wrong = (typeof WRONG)[number];
const name = (en: string) => ({ da: `${en} (da)`, en });

describe('the codebook (issue 11 story 3)', () => {
  let t: TestApp;
  let cast: Cast;
  let analyst: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    cast = await signInCast(t);
    analyst = cast.analyst;
  });
  afterAll(async () => t.close());

  const who = (w: Wrong) => (w === 'anonymous' ? null : cast[w]);
  const expectRefused = (res: Parameters<typeof expectError>[0], w: Wrong) =>
    w === 'anonymous' ? expectError(res, 401, 'UNAUTHENTICATED') : expectError(res, 403, 'FORBIDDEN');

  const consultation = () => factory(t).newConsultation(cast.admin);
  const create = (cid: string, payload: Record<string, unknown>, user: TestUser | null = analyst) =>
    call(t, user, { method: 'POST', url: `/api/consultations/${cid}/codebook/tags`, payload });
  async function tag(cid: string, en: string, parentId: string | null = null, extra = {}): Promise<CodebookTag> {
    const res = await create(cid, { name: name(en), parentId, ...extra });
    if (res.statusCode !== 201) throw new Error(res.body);
    return json<CodebookTag>(res);
  }
  const codebook = async (cid: string, archived = false): Promise<Codebook> => {
    const res = await call(t, analyst, { url: `/api/consultations/${cid}/codebook?archived=${archived}` });
    expect(res.statusCode).toBe(200);
    return json<Codebook>(res);
  };
  const outline = async (cid: string, archived = false) =>
    (await codebook(cid, archived)).tags.map((x) => `${'-'.repeat(x.depth - 1)}${x.name.en}`);
  const post = (url: string, payload: Record<string, unknown>, user: TestUser | null = analyst) =>
    call(t, user, { method: 'POST', url, payload });
  const readTag = async (cid: string, id: string) => (await codebook(cid, true)).tags.find((x) => x.id === id)!;
  const count = async (table: 'codebook_tags' | 'codings', cid: string) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from ${sql.table(table)} where consultation_id = ${cid}`.execute(
          t.handle.db,
        )
      ).rows[0]!.n,
    );

  /** A theme → sub-theme → code tree: Access › Digital › Smartphone, Access › Assisted, Security. */
  async function tree(cid: string) {
    const access = await tag(cid, 'Access');
    const digital = await tag(cid, 'Digital', access.id);
    const phone = await tag(cid, 'Smartphone', digital.id);
    const assisted = await tag(cid, 'Assisted', access.id);
    const security = await tag(cid, 'Security');
    return { access, digital, phone, assisted, security };
  }

  describe('who may use it', () => {
    it('refuses reviewers and participants (403) and the signed-out (401) on every route, changing nothing', async () => {
      const c = await consultation();
      const other = await consultation();
      const { access, security } = await tree(c.id);
      const before = await count('codebook_tags', c.id);
      const routes: { method: 'GET' | 'POST' | 'PATCH'; url: string; payload?: Record<string, unknown> }[] = [
        { method: 'GET', url: `/api/consultations/${c.id}/codebook` },
        { method: 'POST', url: `/api/consultations/${c.id}/codebook/tags`, payload: { name: name('New') } },
        { method: 'PATCH', url: `/api/codebook-tags/${access.id}`, payload: { version: 1, name: name('X') } },
        {
          method: 'POST',
          url: `/api/codebook-tags/${access.id}/move`,
          payload: { version: 1, parentId: null, position: 1 },
        },
        { method: 'POST', url: `/api/codebook-tags/${access.id}/archive`, payload: { version: 1 } },
        { method: 'POST', url: `/api/codebook-tags/${access.id}/unarchive`, payload: { version: 1 } },
        {
          method: 'POST',
          url: `/api/codebook-tags/${access.id}/merge`,
          payload: { version: 1, intoTagId: security.id },
        },
        { method: 'POST', url: `/api/consultations/${other.id}/codebook/copy`, payload: { fromConsultationId: c.id } },
        { method: 'GET', url: `/api/consultations/${c.id}/codebook/export` },
        {
          method: 'POST',
          url: `/api/consultations/${c.id}/codebook/import`,
          payload: {
            format: 'samraad.codebook',
            formatVersion: 1,
            tags: [{ ref: 'a', parentRef: null, name: name('A') }],
          },
        },
      ];
      for (const route of routes) {
        for (const w of WRONG) expectRefused(await call(t, who(w), route), w);
      }
      expect(await count('codebook_tags', c.id)).toBe(before);
      expect(await count('codebook_tags', other.id)).toBe(0);
      expect((await readTag(c.id, access.id)).version).toBe(1);
    });

    it('lets an admin build a codebook as well', async () => {
      const c = await consultation();
      expect((await create(c.id, { name: name('Theme') }, cast.admin)).statusCode).toBe(201);
    });
  });

  describe('building the tree', () => {
    it('lists tags depth-first with their depth, three levels and more, siblings in order', async () => {
      const c = await consultation();
      const { access, phone } = await tree(c.id);
      const first = await tag(c.id, 'First', access.id, { position: 0 });
      expect(first.position).toBe(0);
      expect(await outline(c.id)).toEqual(['Access', '-First', '-Digital', '--Smartphone', '-Assisted', 'Security']);
      const book = await codebook(c.id);
      expect(book).toMatchObject({ consultationId: c.id, maxDepth: 5 });
      expect(book.tags.find((x) => x.id === phone.id)).toMatchObject({
        depth: 3,
        version: 1,
        archived: false,
        codingCount: 0,
        mergedIntoId: null,
      });
      expect(book.tags.map((x) => x.position)).toEqual([0, 0, 1, 0, 2, 1]);
    });

    it('keeps a definition, include and exclude notes, an example and a scenario of the consultation', async () => {
      const c = await consultation();
      const s1 = await factory(t).newScenario(cast.admin, c.id, { key: 'S1' });
      const res = await create(c.id, {
        name: name('Cost'),
        definition: 'What the solution costs citizens',
        includeNote: 'Fees, devices',
        excludeNote: 'Costs to the state: see Budget',
        example: '“I cannot afford a new phone”',
        scenarioId: s1.id,
      });
      expect(res.statusCode).toBe(201);
      expect(json<CodebookTag>(res)).toMatchObject({
        consultationId: c.id,
        parentId: null,
        definition: 'What the solution costs citizens',
        includeNote: 'Fees, devices',
        excludeNote: 'Costs to the state: see Budget',
        example: '“I cannot afford a new phone”',
        scenarioId: s1.id,
      });
    });

    it('refuses a sixth level (400 too_deep) and keeps five', async () => {
      const c = await consultation();
      let parent: string | null = null;
      for (let level = 1; level <= 5; level++) parent = (await tag(c.id, `L${level}`, parent)).id;
      const res = await create(c.id, { name: name('L6'), parentId: parent });
      expectError(res, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(res).error.details.reason).toBe('too_deep');
      expect(await count('codebook_tags', c.id)).toBe(5);
    });

    it('refuses bad input, a missing parent, another consultation’s parent or scenario, changing nothing', async () => {
      const c = await consultation();
      const other = await consultation();
      const foreign = await tag(other.id, 'Foreign');
      const foreignScenario = await factory(t).newScenario(cast.admin, other.id, { key: 'S1' });
      const theme = await tag(c.id, 'Theme');
      expectError(await create(c.id, {}), 400, 'VALIDATION_FAILED');
      expectError(await create(c.id, { name: { da: ' ', en: 'x' } }), 400, 'VALIDATION_FAILED');
      expectError(await create(c.id, { name: name('x'), definition: 'x'.repeat(5001) }), 400, 'VALIDATION_FAILED');
      expectError(await create(c.id, { name: name('x'), parentId: 'nope' }), 400, 'VALIDATION_FAILED');
      expectError(await create(c.id, { name: name('x'), parentId: randomUUID() }), 404, 'NOT_FOUND');
      const cross = await create(c.id, { name: name('x'), parentId: foreign.id });
      expectError(cross, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(cross).error.details.reason).toBe('other_consultation');
      const scen = await create(c.id, { name: name('x'), scenarioId: foreignScenario.id });
      expectError(scen, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(scen).error.details.reason).toBe('other_consultation');
      expectError(await create(randomUUID(), { name: name('x') }), 404, 'NOT_FOUND');
      expect((await codebook(c.id)).tags.map((x) => x.id)).toEqual([theme.id]);
    });
  });

  describe('editing a tag', () => {
    const patch = (id: string, payload: Record<string, unknown>, user: TestUser | null = analyst) =>
      call(t, user, { method: 'PATCH', url: `/api/codebook-tags/${id}`, payload });

    it('changes what is sent and counts a new version; a stale version is a 409 that changes nothing', async () => {
      const c = await consultation();
      const theme = await tag(c.id, 'Theme');
      const res = await patch(theme.id, { version: 1, name: name('Renamed'), definition: 'Now defined' });
      expect(res.statusCode).toBe(200);
      expect(json<CodebookTag>(res)).toMatchObject({ version: 2, name: name('Renamed'), definition: 'Now defined' });
      const stale = await patch(theme.id, { version: 1, name: name('Lost update') });
      expectError(stale, 409, 'STALE_VERSION');
      expect(json<ErrorWith<Record<string, unknown>>>(stale).error.details.currentVersion).toBe(2);
      expect((await readTag(c.id, theme.id)).name).toEqual(name('Renamed'));
    });

    it('refuses an empty change, a bad body and an unknown tag', async () => {
      const c = await consultation();
      const theme = await tag(c.id, 'Theme');
      expectError(await patch(theme.id, { version: 1 }), 400, 'VALIDATION_FAILED');
      expectError(await patch(theme.id, { name: name('x') }), 400, 'VALIDATION_FAILED');
      expectError(await patch('not-a-uuid', { version: 1, name: name('x') }), 400, 'VALIDATION_FAILED');
      expectError(await patch(randomUUID(), { version: 1, name: name('x') }), 404, 'NOT_FOUND');
      expect(await readTag(c.id, theme.id)).toMatchObject({ version: 1, name: name('Theme') });
    });
  });

  describe('moving a tag', () => {
    const move = (id: string, payload: Record<string, unknown>) => post(`/api/codebook-tags/${id}/move`, payload);

    it('moves a tag with its sub-tags to a new parent and position; both sets of siblings stay in order', async () => {
      const c = await consultation();
      const { digital, security } = await tree(c.id);
      await tag(c.id, 'Threats', security.id);
      const res = await move(digital.id, { version: 1, parentId: security.id, position: 0 });
      expect(res.statusCode).toBe(200);
      expect(json<CodebookTag>(res)).toMatchObject({ parentId: security.id, position: 0, depth: 2, version: 2 });
      expect(await outline(c.id)).toEqual(['Access', '-Assisted', 'Security', '-Digital', '--Smartphone', '-Threats']);
      const positions = (await codebook(c.id)).tags.map((x) => x.position);
      expect(positions).toEqual([0, 0, 1, 0, 0, 1]);
    });

    it('makes a theme of a tag and reorders within the same parent', async () => {
      const c = await consultation();
      const { phone, security } = await tree(c.id);
      expect((await move(phone.id, { version: 1, parentId: null, position: 0 })).statusCode).toBe(200);
      expect((await move(security.id, { version: 1, parentId: null, position: 1 })).statusCode).toBe(200);
      expect(await outline(c.id)).toEqual(['Smartphone', 'Security', 'Access', '-Digital', '-Assisted']);
    });

    it('refuses a cycle (409), another consultation’s parent (400), a sixth level (400) and a stale version (409)', async () => {
      const c = await consultation();
      const other = await consultation();
      const foreign = await tag(other.id, 'Foreign');
      const { access, phone, security } = await tree(c.id);
      const before = await outline(c.id);

      const cycle = await move(access.id, { version: 1, parentId: phone.id, position: 0 });
      expectError(cycle, 409, 'CONFLICT');
      expect(json<ErrorWith<Record<string, unknown>>>(cycle).error.details.reason).toBe('cycle');
      expectError(await move(access.id, { version: 1, parentId: access.id, position: 0 }), 409, 'CONFLICT');

      const cross = await move(access.id, { version: 1, parentId: foreign.id, position: 0 });
      expectError(cross, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(cross).error.details.reason).toBe('other_consultation');

      let deep = security.id;
      for (const level of ['S2', 'S3']) deep = (await tag(c.id, level, deep)).id;
      // Access spans three levels; under S3 (level 3) it would reach level 6.
      const tooDeep = await move(access.id, { version: 1, parentId: deep, position: 0 });
      expectError(tooDeep, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(tooDeep).error.details.reason).toBe('too_deep');

      expectError(await move(access.id, { version: 7, parentId: null, position: 3 }), 409, 'STALE_VERSION');
      expectError(await move(access.id, { version: 1, position: 3 }), 400, 'VALIDATION_FAILED');
      expect((await outline(c.id)).filter((x) => !x.includes('S2') && !x.includes('S3'))).toEqual(before);
      expect((await readTag(c.id, access.id)).version).toBe(1);
    });
  });

  describe('archiving', () => {
    it('archives a tag with its sub-tags, lists them only on request, and restores the same ones', async () => {
      const c = await consultation();
      const { access, digital, phone } = await tree(c.id);
      const res = await post(`/api/codebook-tags/${access.id}/archive`, { version: 1 });
      expect(res.statusCode).toBe(200);
      expect(json<CodebookTag>(res)).toMatchObject({ archived: true, version: 2 });
      expect(await outline(c.id)).toEqual(['Security']);
      expect((await outline(c.id, true)).length).toBe(5);
      expect((await readTag(c.id, phone.id)).archived).toBe(true);

      expectError(await post(`/api/codebook-tags/${access.id}/archive`, { version: 2 }), 409, 'CONFLICT');
      expectError(await post(`/api/codebook-tags/${digital.id}/unarchive`, { version: 2 }), 422, 'RULE_VIOLATION');
      expectError(await create(c.id, { name: name('Under archived'), parentId: access.id }), 422, 'RULE_VIOLATION');

      const back = await post(`/api/codebook-tags/${access.id}/unarchive`, { version: 2 });
      expect(back.statusCode).toBe(200);
      expect(await outline(c.id)).toEqual(['Access', '-Digital', '--Smartphone', '-Assisted', 'Security']);
    });
  });

  describe('merging', () => {
    async function respondedConsultation() {
      const { c, questions } = await openConsultation(t, cast.admin, [TEXT_Q]);
      const receipts = [];
      for (let i = 0; i < 3; i++) receipts.push(await submitOk(t, c.id, submission(questions)));
      return { c, receipts };
    }
    const code = async (cid: string, tagId: string, itemId: string): Promise<Coding> => {
      const res = await post(`/api/consultations/${cid}/codings`, { tagId, itemKind: 'response', itemId });
      if (res.statusCode !== 201) throw new Error(res.body);
      return json<Coding>(res);
    };
    const tagsOfCodings = async (cid: string) =>
      new Map(
        (
          await sql<{
            id: string;
            tagId: string;
          }>`select id, tag_id from codings where consultation_id = ${cid}`.execute(t.handle.db)
        ).rows.map((r) => [r.id, r.tagId]),
      );

    it('moves every coding and every sub-tag to the target, archives the tag, and audits the moved codings', async () => {
      const { c, receipts } = await respondedConsultation();
      const { digital, phone, assisted, security } = await tree(c.id);
      const onDigital = [await code(c.id, digital.id, receipts[0]!.id), await code(c.id, digital.id, receipts[1]!.id)];
      const onPhone = await code(c.id, phone.id, receipts[2]!.id);
      const onSecurity = await code(c.id, security.id, receipts[0]!.id);
      const total = await count('codings', c.id);

      const res = await post(`/api/codebook-tags/${digital.id}/merge`, { version: 1, intoTagId: security.id });
      expect(res.statusCode).toBe(200);
      const merged = json<{ into: CodebookTag; merged: CodebookTag; movedCodings: number; movedTags: number }>(res);
      expect(merged).toMatchObject({ movedCodings: 2, movedTags: 1 });
      expect(merged.merged).toMatchObject({ archived: true, mergedIntoId: security.id, codingCount: 0 });
      expect(merged.into).toMatchObject({ id: security.id, codingCount: 3 });

      expect(await count('codings', c.id)).toBe(total);
      const after = await tagsOfCodings(c.id);
      for (const coding of onDigital) expect(after.get(coding.id)).toBe(security.id);
      expect(after.get(onPhone.id)).toBe(phone.id);
      expect(after.get(onSecurity.id)).toBe(security.id);
      expect(await outline(c.id)).toEqual(['Access', '-Assisted', 'Security', '-Smartphone']);
      expect((await readTag(c.id, assisted.id)).parentId).toBe(digital.parentId);

      const audit = await sql<{ details: { movedCodingIds: string[]; intoTagId: string } }>`
        select details from audit_events
         where consultation_id = ${c.id} and action = 'codebook_tag.merge' and item_id = ${digital.id}`.execute(
        t.handle.db,
      );
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]!.details.intoTagId).toBe(security.id);
      expect([...audit.rows[0]!.details.movedCodingIds].sort()).toEqual(onDigital.map((x) => x.id).sort());

      expectError(await post(`/api/codebook-tags/${digital.id}/unarchive`, { version: 2 }), 409, 'CONFLICT');
      expectError(
        await post(`/api/codebook-tags/${digital.id}/merge`, { version: 2, intoTagId: security.id }),
        409,
        'CONFLICT',
      );
    });

    it('refuses a merge into itself, a sub-tag, another consultation’s tag, or with a stale version, moving nothing', async () => {
      const { c, receipts } = await respondedConsultation();
      const other = await consultation();
      const foreign = await tag(other.id, 'Foreign');
      const { access, phone } = await tree(c.id);
      const coding = await code(c.id, access.id, receipts[0]!.id);
      const merge = (payload: Record<string, unknown>) => post(`/api/codebook-tags/${access.id}/merge`, payload);

      const self = await merge({ version: 1, intoTagId: access.id });
      expectError(self, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(self).error.details.reason).toBe('same_tag');
      const sub = await merge({ version: 1, intoTagId: phone.id });
      expectError(sub, 409, 'CONFLICT');
      expect(json<ErrorWith<Record<string, unknown>>>(sub).error.details.reason).toBe('cycle');
      const cross = await merge({ version: 1, intoTagId: foreign.id });
      expectError(cross, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(cross).error.details.reason).toBe('other_consultation');
      expectError(await merge({ version: 9, intoTagId: phone.id }), 409, 'STALE_VERSION');
      expectError(await merge({ version: 1, intoTagId: randomUUID() }), 404, 'NOT_FOUND');

      expect((await tagsOfCodings(c.id)).get(coding.id)).toBe(access.id);
      expect(await readTag(c.id, access.id)).toMatchObject({ archived: false, version: 1, codingCount: 1 });
    });
  });

  describe('copy, export and import', () => {
    it('copies another consultation’s active tags with their hierarchy, scenarios matched by key', async () => {
      const from = await consultation();
      const s1 = await factory(t).newScenario(cast.admin, from.id, { key: 'S1' });
      const s2 = await factory(t).newScenario(cast.admin, from.id, { key: 'S2' });
      const { access, security } = await tree(from.id);
      await post(`/api/codebook-tags/${security.id}/archive`, { version: 1 });
      await call(t, analyst, {
        method: 'PATCH',
        url: `/api/codebook-tags/${access.id}`,
        payload: { version: 1, scenarioId: s1.id, definition: 'Who can use it' },
      });
      const digital = (await codebook(from.id)).tags.find((x) => x.name.en === 'Digital')!;
      await call(t, analyst, {
        method: 'PATCH',
        url: `/api/codebook-tags/${digital.id}`,
        payload: { version: 1, scenarioId: s2.id },
      });
      const to = await consultation();
      const targetS1 = await factory(t).newScenario(cast.admin, to.id, { key: 'S1' });
      await tag(to.id, 'Existing');

      const res = await post(`/api/consultations/${to.id}/codebook/copy`, { fromConsultationId: from.slug });
      expect(res.statusCode).toBe(201);
      expect(json<ImportResult>(res)).toEqual({ created: 4, unmatchedScenarioKeys: ['S2'] });
      expect(await outline(to.id)).toEqual(['Existing', 'Access', '-Digital', '--Smartphone', '-Assisted']);
      const copied = (await codebook(to.id)).tags.find((x) => x.name.en === 'Access')!;
      expect(copied).toMatchObject({ scenarioId: targetS1.id, definition: 'Who can use it', position: 1 });
      expect(copied.id).not.toBe(access.id);
      expect(await count('codings', to.id)).toBe(0);

      const self = await post(`/api/consultations/${to.id}/codebook/copy`, { fromConsultationId: to.id });
      expectError(self, 400, 'BAD_REQUEST');
      expectError(
        await post(`/api/consultations/${to.id}/codebook/copy`, { fromConsultationId: 'no-such-hearing' }),
        404,
        'NOT_FOUND',
      );
      expect(await count('codebook_tags', to.id)).toBe(5);
    });

    it('exports the codebook as a document that imports into another consultation as the same tree', async () => {
      const from = await consultation();
      await tree(from.id);
      const res = await call(t, analyst, { url: `/api/consultations/${from.id}/codebook/export` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="codebook-${from.slug}.json"`);
      const doc = json<CodebookDocument>(res);
      expect(doc).toMatchObject({ format: 'samraad.codebook', formatVersion: 1, source: { consultationId: from.id } });
      expect(doc.tags).toHaveLength(5);

      const to = await consultation();
      const imported = await post(`/api/consultations/${to.id}/codebook/import`, doc);
      expect(imported.statusCode).toBe(201);
      expect(json<ImportResult>(imported)).toEqual({ created: 5, unmatchedScenarioKeys: [] });
      expect(await outline(to.id)).toEqual(await outline(from.id));
    });

    it('imports all or nothing: a cycle, a missing parent, a sixth level or a malformed document adds no tag', async () => {
      const to = await consultation();
      await tag(to.id, 'Existing');
      const doc = (tags: Record<string, unknown>[]) => ({ format: 'samraad.codebook', formatVersion: 1, tags });
      const t1 = (ref: string, parentRef: string | null) => ({ ref, parentRef, name: name(ref) });
      const importing = (body: Record<string, unknown>) => post(`/api/consultations/${to.id}/codebook/import`, body);

      const cycle = await importing(doc([t1('ok', null), t1('a', 'b'), t1('b', 'a')]));
      expectError(cycle, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(cycle).error.details.reason).toBe('invalid_tree');
      const orphan = await importing(doc([t1('ok', null), t1('a', 'missing')]));
      expectError(orphan, 400, 'BAD_REQUEST');
      expect(json<ErrorWith<Record<string, unknown>>>(orphan).error.details).toMatchObject({ index: 1, ref: 'a' });
      const six = ['1', '2', '3', '4', '5', '6'].map((r, i) => t1(r, i === 0 ? null : String(i)));
      expectError(await importing(doc(six)), 400, 'BAD_REQUEST');
      expectError(await importing({ ...doc([t1('a', null)]), format: 'qdc' }), 400, 'VALIDATION_FAILED');
      expectError(await importing(doc([{ ref: 'a', parentRef: null }])), 400, 'VALIDATION_FAILED');
      expect(await outline(to.id)).toEqual(['Existing']);
      expect(await count('codebook_tags', to.id)).toBe(1);

      const ok = await importing(doc(six.slice(0, 5)));
      expect(ok.statusCode).toBe(201);
      expect(await count('codebook_tags', to.id)).toBe(6);
    });
  });
});
