import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { CampaignItemKind, CampaignSpan, CampaignStatus } from '../../../db/schema.ts';

/** Campaigns' tables (campaigns, campaign_members, campaign_signatures, campaign_runs) and their reads of the inbox. */

export type ItemKey = { kind: CampaignItemKind; id: string };
export const keyOf = (k: ItemKey) => `${k.kind}:${k.id}`;

// ---- the inbox's items (the analysis module's own table), read for their text

export type ItemText = ItemKey & { version: number; text: string; authorLabel: string; receivedAt: Date };

/** The inbox's items with their text (analysis_item_texts), aliased `i`. */
const itemTexts = (db: Db) =>
  db
    .selectFrom('analysisItems as i')
    .innerJoin('analysisItemTexts as x', (j) =>
      j
        .onRef('x.consultationId', '=', 'i.consultationId')
        .onRef('x.kind', '=', 'i.kind')
        .onRef('x.itemId', '=', 'i.itemId'),
    )
    .select(['i.kind', 'i.itemId as id', 'i.itemVersion as version', 'x.doc as text', 'i.authorLabel', 'i.receivedAt']);

export async function readItems(
  db: Db,
  consultationId: string,
  after: [string, string] | null,
  limit: number,
): Promise<ItemText[]> {
  let q = itemTexts(db).where('i.consultationId', '=', consultationId).where('i.kind', 'in', ['response', 'comment']);
  if (after) q = q.where(sql<boolean>`(i.kind, i.item_id) > (${after[0]}, ${after[1]}::uuid)`);
  const rows = await q.orderBy('i.kind').orderBy('i.itemId').limit(limit).execute();
  return rows.map((r) => ({ ...r, kind: r.kind as CampaignItemKind }));
}

export async function textsOf(
  db: Db,
  consultationId: string,
  keys: readonly ItemKey[],
): Promise<Map<string, ItemText>> {
  const out = new Map<string, ItemText>();
  for (const kind of ['response', 'comment'] as const) {
    const ids = keys.filter((k) => k.kind === kind).map((k) => k.id);
    if (ids.length === 0) continue;
    const rows = await itemTexts(db)
      .where('i.consultationId', '=', consultationId)
      .where('i.kind', '=', kind)
      .where('i.itemId', 'in', ids)
      .execute();
    for (const r of rows) out.set(`${kind}:${r.id}`, { ...r, kind });
  }
  return out;
}

// ---- signatures

export type SignatureRow = ItemKey & { version: number; exactHash: string; groupable: boolean; bands: number[] | null };

export async function upsertSignatures(db: Db, consultationId: string, rows: readonly SignatureRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    await db
      .insertInto('campaignSignatures')
      .values(
        batch.map((r) => ({
          consultationId,
          itemKind: r.kind,
          itemId: r.id,
          itemVersion: r.version,
          exactHash: r.exactHash,
          groupable: r.groupable,
          bands: r.bands,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['consultationId', 'itemKind', 'itemId']).doUpdateSet((eb) => ({
          itemVersion: eb.ref('excluded.itemVersion'),
          exactHash: eb.ref('excluded.exactHash'),
          groupable: eb.ref('excluded.groupable'),
          bands: eb.ref('excluded.bands'),
        })),
      )
      .execute();
  }
}

/** The groupable items with each of these exact hashes (the first few by id per hash). */
export async function withExact(
  db: Db,
  consultationId: string,
  hashes: readonly string[],
): Promise<Map<string, ItemKey[]>> {
  const out = new Map<string, ItemKey[]>();
  if (hashes.length === 0) return out;
  const rows = await db
    .selectFrom('campaignSignatures')
    .select(['itemKind as kind', 'itemId as id', 'exactHash'])
    .where('consultationId', '=', consultationId)
    .where('exactHash', 'in', [...new Set(hashes)])
    .where('groupable', '=', true)
    .orderBy('itemKind')
    .orderBy('itemId')
    .execute();
  for (const r of rows) {
    const list = out.get(r.exactHash) ?? [];
    if (list.length < 3) list.push({ kind: r.kind, id: r.id });
    out.set(r.exactHash, list);
  }
  return out;
}

/** Items sharing at least one LSH band key with these (the GIN index on bands), at most `limit`. */
export async function sharingBands(
  db: Db,
  consultationId: string,
  bands: readonly number[],
  not: ItemKey,
  limit = 20,
): Promise<ItemKey[]> {
  const r = await sql<{ kind: CampaignItemKind; id: string }>`
    select item_kind as kind, item_id as id from campaign_signatures
    where consultation_id = ${consultationId} and bands && ${sql.val([...bands])}::integer[]
      and not (item_kind = ${not.kind} and item_id = ${not.id})
    limit ${limit}`.execute(db);
  return r.rows;
}

export async function pendingSignatures(db: Db, consultationId: string, limit: number): Promise<ItemKey[]> {
  return db
    .selectFrom('campaignSignatures')
    .select(['itemKind as kind', 'itemId as id'])
    .where('consultationId', '=', consultationId)
    .where('groupable', '=', true)
    .where('bands', 'is', null)
    .limit(limit)
    .execute();
}

// ---- campaigns and members

const campaignQuery = (db: Db) => db.selectFrom('campaigns').selectAll();
export type CampaignRow = Awaited<ReturnType<ReturnType<typeof campaignQuery>['executeTakeFirstOrThrow']>>;

export const findCampaign = (db: Db, consultationId: string, id: string) =>
  campaignQuery(db).where('consultationId', '=', consultationId).where('id', '=', id).executeTakeFirst();

export const listCampaigns = (db: Db, consultationId: string, limit: number) =>
  campaignQuery(db)
    .where('consultationId', '=', consultationId)
    .where('status', '!=', 'merged')
    .orderBy('status')
    .orderBy('memberCount', 'desc')
    .orderBy('createdAt')
    .orderBy('id')
    .limit(limit)
    .execute();

export async function insertCampaign(
  db: Db,
  v: { consultationId: string; template: ItemKey; templateText: string },
): Promise<string> {
  const row = await db
    .insertInto('campaigns')
    .values({
      consultationId: v.consultationId,
      templateKind: v.template.kind,
      templateItemId: v.template.id,
      templateText: v.templateText,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type MembershipRow = { campaignId: string; status: 'member' | 'split' };

/** Where each item stands: its campaign (as a member), and the campaigns it was split from. */
export async function membershipsOf(
  db: Db,
  consultationId: string,
  keys: readonly ItemKey[],
): Promise<Map<string, MembershipRow[]>> {
  const out = new Map<string, MembershipRow[]>();
  for (const kind of ['response', 'comment'] as const) {
    const ids = keys.filter((k) => k.kind === kind).map((k) => k.id);
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await db
        .selectFrom('campaignMembers')
        .select(['itemId', 'campaignId', 'status'])
        .where('consultationId', '=', consultationId)
        .where('itemKind', '=', kind)
        .where('itemId', 'in', ids.slice(i, i + 1000))
        .execute();
      for (const r of rows) {
        const k = `${kind}:${r.itemId}`;
        out.set(k, [...(out.get(k) ?? []), { campaignId: r.campaignId, status: r.status }]);
      }
    }
  }
  return out;
}

export async function insertMembers(
  db: Db,
  consultationId: string,
  campaignId: string,
  rows: readonly (ItemKey & {
    similarity: number;
    spans: CampaignSpan[];
    addedBy: 'exact' | 'detection' | 'analyst';
  })[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('campaignMembers')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          consultationId,
          campaignId,
          itemKind: r.kind,
          itemId: r.id,
          similarity: Math.min(1, Math.max(0, r.similarity)),
          addedSpans: JSON.stringify(r.spans),
          addedBy: r.addedBy,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Serialises the placing of items into a consultation's campaigns until the transaction ends. The
 * indexer's arrivals, an incremental run and a full run's clusters can each find the same new
 * copies; without it, two of them, each unable to see the other's uncommitted campaign, would make
 * two campaigns of the same letter. Must run inside a transaction.
 */
export async function lockPlacement(db: Db, consultationId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`campaigns:${consultationId}`}, 0))`.execute(db);
}

export async function recount(db: Db, consultationId: string, campaignId: string): Promise<void> {
  await sql`update campaigns set member_count = (select count(*) from campaign_members m
      where m.consultation_id = ${consultationId} and m.campaign_id = ${campaignId} and m.status = 'member')::int,
      updated_at = now()
    where id = ${campaignId}`.execute(db);
}

export const listMembers = (
  db: Db,
  consultationId: string,
  campaignId: string,
  status: 'member' | 'split',
  limit: number,
) =>
  db
    .selectFrom('campaignMembers')
    .select(['itemKind', 'itemId', 'similarity', 'addedSpans', 'addedBy', 'status'])
    .where('consultationId', '=', consultationId)
    .where('campaignId', '=', campaignId)
    .where('status', '=', status)
    .orderBy('similarity', 'desc')
    .orderBy('itemKind')
    .orderBy('itemId')
    .limit(limit)
    .execute();

export async function splitMembers(
  db: Db,
  consultationId: string,
  campaignId: string,
  keys: readonly ItemKey[],
): Promise<number> {
  let n = 0;
  for (const k of keys) {
    const r = await db
      .updateTable('campaignMembers')
      .set({ status: 'split' })
      .where('consultationId', '=', consultationId)
      .where('campaignId', '=', campaignId)
      .where('itemKind', '=', k.kind)
      .where('itemId', '=', k.id)
      .where('status', '=', 'member')
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
  }
  return n;
}

/** Moves the members of one campaign to another (its split rows stay where they are). */
export async function moveMembers(db: Db, consultationId: string, fromId: string, intoId: string): Promise<ItemKey[]> {
  const rows = await db
    .updateTable('campaignMembers')
    .set({ campaignId: intoId, addedBy: 'analyst' })
    .where('consultationId', '=', consultationId)
    .where('campaignId', '=', fromId)
    .where('status', '=', 'member')
    .returning(['itemKind as kind', 'itemId as id'])
    .execute();
  return rows;
}

export async function setSpans(
  db: Db,
  consultationId: string,
  campaignId: string,
  key: ItemKey,
  similarity: number,
  spans: CampaignSpan[],
) {
  await db
    .updateTable('campaignMembers')
    .set({ similarity, addedSpans: JSON.stringify(spans) })
    .where('consultationId', '=', consultationId)
    .where('campaignId', '=', campaignId)
    .where('itemKind', '=', key.kind)
    .where('itemId', '=', key.id)
    .execute();
}

export async function setStatus(
  db: Db,
  id: string,
  v: { status: CampaignStatus; decidedBy: string; mergedInto?: string | null },
): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({
      status: v.status,
      decidedBy: v.decidedBy,
      decidedAt: sql<Date>`now()`,
      mergedInto: v.mergedInto ?? null,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** The campaign of each item (members only), for the inbox. */
export async function campaignsOfItems(
  db: Db,
  consultationId: string,
  keys: readonly ItemKey[],
): Promise<Map<string, { id: string; memberCount: number; isTemplate: boolean }>> {
  const out = new Map<string, { id: string; memberCount: number; isTemplate: boolean }>();
  if (keys.length === 0) return out;
  const rows = await db
    .selectFrom('campaignMembers as m')
    .innerJoin('campaigns as c', 'c.id', 'm.campaignId')
    .select(['m.itemKind', 'm.itemId', 'c.id', 'c.memberCount', 'c.templateKind', 'c.templateItemId'])
    .where('m.consultationId', '=', consultationId)
    .where('m.status', '=', 'member')
    .where('c.status', '=', 'active')
    .where(
      'm.itemId',
      'in',
      keys.map((k) => k.id),
    )
    .execute();
  for (const r of rows)
    out.set(`${r.itemKind}:${r.itemId}`, {
      id: r.id,
      memberCount: r.memberCount,
      isTemplate: r.templateKind === r.itemKind && r.templateItemId === r.itemId,
    });
  return out;
}

export const memberKeys = (db: Db, consultationId: string, campaignId: string) =>
  db
    .selectFrom('campaignMembers')
    .select(['itemKind as kind', 'itemId as id'])
    .where('consultationId', '=', consultationId)
    .where('campaignId', '=', campaignId)
    .where('status', '=', 'member')
    .execute();

// ---- runs

const runQuery = (db: Db) => db.selectFrom('campaignRuns').selectAll();
export type RunRow = Awaited<ReturnType<ReturnType<typeof runQuery>['executeTakeFirstOrThrow']>>;

export async function insertRun(
  db: Db,
  v: { consultationId: string; mode: 'full' | 'incremental'; requestedBy: string | null },
): Promise<string> {
  const row = await db.insertInto('campaignRuns').values(v).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export const findRun = (db: Db, consultationId: string, id: string) =>
  runQuery(db).where('consultationId', '=', consultationId).where('id', '=', id).executeTakeFirst();

export const listRuns = (db: Db, consultationId: string, limit: number) =>
  runQuery(db)
    .where('consultationId', '=', consultationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** The portal lines the latest full run left out (none before the first). */
export async function latestBoilerplate(db: Db, consultationId: string): Promise<string[]> {
  const row = await db
    .selectFrom('campaignRuns')
    .select('boilerplate')
    .where('consultationId', '=', consultationId)
    .where('mode', '=', 'full')
    .where('status', '=', 'done')
    .orderBy('finishedAt', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.boilerplate ?? [];
}

export const STALE_RUN_MINUTES = 10;

export const claimRun = (db: Db, id: string) =>
  db
    .updateTable('campaignRuns')
    .set({ status: 'running', phase: 'reading', progress: 0, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([
          eb('status', '=', 'running'),
          eb('updatedAt', '<', sql<Date>`now() - make_interval(mins => ${STALE_RUN_MINUTES})`),
        ]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();

export async function setProgress(db: Db, id: string, phase: string, progress: number): Promise<void> {
  await db
    .updateTable('campaignRuns')
    .set({ phase, progress, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function finishRun(
  db: Db,
  id: string,
  v: { itemCount: number; joinedCount: number; boilerplate: string[] },
): Promise<void> {
  await db
    .updateTable('campaignRuns')
    .set({
      itemCount: v.itemCount,
      joinedCount: v.joinedCount,
      boilerplate: JSON.stringify(v.boilerplate),
      status: 'done',
      phase: 'done',
      progress: 100,
      finishedAt: sql<Date>`now()`,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function failRun(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable('campaignRuns')
    .set({ status: 'failed', phase: 'failed', error, finishedAt: sql<Date>`now()`, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Issue 14 story 7: an item's active campaign (as a member), with its template and the item's own additions. */
export async function campaignOfMember(db: Db, consultationId: string, key: ItemKey) {
  return db
    .selectFrom('campaignMembers as m')
    .innerJoin('campaigns as c', 'c.id', 'm.campaignId')
    .select(['c.id', 'c.templateKind', 'c.templateItemId', 'c.memberCount', 'm.addedSpans'])
    .where('m.consultationId', '=', consultationId)
    .where('m.itemKind', '=', key.kind)
    .where('m.itemId', '=', key.id)
    .where('m.status', '=', 'member')
    .where('c.status', '=', 'active')
    .executeTakeFirst();
}
