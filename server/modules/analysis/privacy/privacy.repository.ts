import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type {
  PrivacyFindingKind,
  PrivacyFindingStatus,
  PrivacyItemKind,
  PrivacyScanStateTable,
} from '../../../db/schema.ts';
import { displayNameOf } from '../../accounts/accounts.fragments.ts';

/** The redaction queue's tables (migration 20261208010000): findings, what was scanned, where the scanner is. */

export type FeedKey = string;
const FEED_KEY = 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"';

export type ScanState = {
  auditAfterAt: FeedKey | null;
  auditAfterId: string | null;
  walkKind: 'response' | 'comment' | null;
  walkAfterConsultation: string | null;
  walkAfterId: string | null;
};

export async function lockScanState(trx: Db): Promise<ScanState | undefined> {
  return trx
    .selectFrom('privacyScanState')
    .select(['auditAfterId', 'walkKind', 'walkAfterConsultation', 'walkAfterId'])
    .select(sql<FeedKey | null>`to_char(audit_after_at at time zone 'UTC', ${FEED_KEY})`.as('auditAfterAt'))
    .where('id', '=', 1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function saveScanState(trx: Db, patch: Partial<ScanState>): Promise<void> {
  const { auditAfterAt, ...rest } = patch;
  const set: Partial<Record<keyof PrivacyScanStateTable, unknown>> = { ...rest };
  await trx
    .updateTable('privacyScanState')
    .set({
      ...(set as Partial<ScanState>),
      ...(auditAfterAt !== undefined ? { auditAfterAt: sql<Date>`${auditAfterAt}::timestamptz` } : {}),
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', 1)
    .execute();
}

/** The next run walks every item again (input written without an audit event: the demo seed, an import). */
export async function restartWalk(db: Db): Promise<void> {
  await sql`update privacy_scan_state
               set walk_kind = 'response', walk_after_consultation = null, walk_after_id = null,
                   audit_after_at = coalesce(audit_after_at, now()), updated_at = now()
             where id = 1`.execute(db);
}

/** The scanner follows the audit log up to the same horizon as the inbox indexer (one query, one place). */
export { writersHorizon } from '../inbox/inbox.repository.ts';

/** An item and its consultation: the scanner's batches span consultations (the audit log's order). */
export type ItemRef = { consultationId: string; id: string };
const consultationsOf = (items: readonly ItemRef[]) => [...new Set(items.map((i) => i.consultationId))];

export async function stampsOf(db: Db, kind: PrivacyItemKind, items: readonly ItemRef[]): Promise<Map<string, string>> {
  if (items.length === 0) return new Map();
  // The batch's consultations and its items: the key (consultation_id, item_kind, item_id) is bound
  // in all its columns, and under Citus the statement goes only to those consultations' shards.
  const rows = await db
    .selectFrom('privacyScanned')
    .select(['itemId', 'stamp'])
    .where('consultationId', 'in', consultationsOf(items))
    .where('itemKind', '=', kind)
    .where(
      'itemId',
      'in',
      items.map((i) => i.id),
    )
    .execute();
  return new Map(rows.map((r) => [r.itemId, r.stamp]));
}

export type ScannedRow = {
  itemKind: PrivacyItemKind;
  itemId: string;
  consultationId: string;
  stamp: string;
  awaitingText: boolean;
};

export async function saveScanned(db: Db, rows: readonly ScannedRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('privacyScanned')
    .values(rows.map((r) => ({ ...r, scannedAt: sql<Date>`now()` })))
    .onConflict((oc) =>
      oc.columns(['consultationId', 'itemKind', 'itemId']).doUpdateSet((eb) => ({
        stamp: eb.ref('excluded.stamp'),
        awaitingText: eb.ref('excluded.awaitingText'),
        scannedAt: sql<Date>`now()`,
      })),
    )
    .execute();
}

/** Responses scanned while a file's text was still being extracted, least recently scanned first. */
export async function awaitingText(db: Db, limit: number): Promise<{ consultationId: string; id: string }[]> {
  return db
    .selectFrom('privacyScanned')
    .select(['consultationId', 'itemId as id'])
    .where('awaitingText', '=', true)
    .where('itemKind', '=', 'response')
    .orderBy('scannedAt')
    .limit(limit)
    .execute();
}

export type FindingInsert = {
  consultationId: string;
  itemKind: PrivacyItemKind;
  itemId: string;
  responseId: string | null;
  field: string;
  kind: PrivacyFindingKind;
  startOffset: number;
  endOffset: number;
  quote: string;
  createdBy?: string | null;
  status?: PrivacyFindingStatus;
  reason?: string | null;
  decidedBy?: string | null;
  decidedAt?: Date | null;
};

/** A changed item's undecided scanner findings go; decided ones and hand-marked passages stay. */
export async function dropPendingFindings(db: Db, kind: PrivacyItemKind, items: readonly ItemRef[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .deleteFrom('privacyFindings')
    .where('consultationId', 'in', consultationsOf(items))
    .where('itemKind', '=', kind)
    .where(
      'itemId',
      'in',
      items.map((i) => i.id),
    )
    .where('status', '=', 'pending')
    .where('kind', '<>', 'manual')
    .execute();
}

/** Inserts the findings a passage does not have yet; returns the ids of those inserted. */
export async function insertFindings(db: Db, rows: readonly FindingInsert[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const out = await db
    .insertInto('privacyFindings')
    .values(rows.map((r) => ({ ...r })))
    .onConflict((oc) =>
      oc.columns(['consultationId', 'itemKind', 'itemId', 'field', 'startOffset', 'endOffset']).doNothing(),
    )
    .returning('id')
    .execute();
  return out.map((r) => r.id);
}

const FINDING_COLUMNS = [
  'f.id',
  'f.consultationId',
  'f.itemKind',
  'f.itemId',
  'f.responseId',
  'f.field',
  'f.kind',
  'f.startOffset',
  'f.endOffset',
  'f.quote',
  'f.status',
  'f.reason',
  'f.decidedAt',
  'f.createdAt',
] as const;

export async function listFindings(
  db: Db,
  f: {
    consultationId: string;
    status?: PrivacyFindingStatus | undefined;
    responseId?: string | undefined;
    after?: { at: string; id: string } | undefined;
    limit: number;
  },
) {
  let q = db
    .selectFrom('privacyFindings as f')
    .select([...FINDING_COLUMNS, displayNameOf('f.decidedBy').as('decidedByName')])
    .select(sql<string>`to_char(f.created_at at time zone 'UTC', ${FEED_KEY})`.as('createdKey'))
    .where('f.consultationId', '=', f.consultationId);
  if (f.status) q = q.where('f.status', '=', f.status);
  if (f.responseId) q = q.where('f.responseId', '=', f.responseId);
  if (f.after) q = q.where(sql<boolean>`(f.created_at, f.id) > (${f.after.at}::timestamptz, ${f.after.id}::uuid)`);
  return q
    .orderBy('f.createdAt')
    .orderBy('f.id')
    .limit(f.limit + 1)
    .execute();
}
export type FindingRow = Awaited<ReturnType<typeof listFindings>>[number];

export async function findFinding(db: Db, consultationId: string, id: string): Promise<FindingRow | undefined> {
  return db
    .selectFrom('privacyFindings as f')
    .select([...FINDING_COLUMNS, displayNameOf('f.decidedBy').as('decidedByName')])
    .select(sql<string>`to_char(f.created_at at time zone 'UTC', ${FEED_KEY})`.as('createdKey'))
    .where('f.consultationId', '=', consultationId)
    .where('f.id', '=', id)
    .executeTakeFirst();
}

export async function decideFinding(
  trx: Db,
  consultationId: string,
  id: string,
  d: { status: 'accepted' | 'rejected'; reason: string; decidedBy: string },
): Promise<void> {
  await trx
    .updateTable('privacyFindings')
    .set({ status: d.status, reason: d.reason, decidedBy: d.decidedBy, decidedAt: sql<Date>`now()` })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .execute();
}

export async function countsByStatus(db: Db, consultationId: string) {
  const rows = await db
    .selectFrom('privacyFindings')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('consultationId', '=', consultationId)
    .groupBy('status')
    .execute();
  const out = { pending: 0, accepted: 0, rejected: 0 };
  for (const r of rows) out[r.status] = r.n;
  return out;
}

/** How many findings on this response (its texts and its files) are not decided yet. */
export async function unresolvedCount(db: Db, consultationId: string, responseId: string): Promise<number> {
  const r = await db
    .selectFrom('privacyFindings')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('consultationId', '=', consultationId)
    .where('responseId', '=', responseId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return r.n;
}

/** The accepted redactions of these items, by item and field. */
export async function acceptedCuts(db: Db, consultationId: string, kind: PrivacyItemKind, itemIds: readonly string[]) {
  const out = new Map<string, Map<string, { start: number; end: number }[]>>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('privacyFindings')
    .select(['itemId', 'field', 'startOffset', 'endOffset'])
    .where('consultationId', '=', consultationId)
    .where('itemKind', '=', kind)
    .where('itemId', 'in', [...itemIds])
    .where('status', '=', 'accepted')
    .execute();
  for (const r of rows) {
    const byField = out.get(r.itemId) ?? new Map<string, { start: number; end: number }[]>();
    const list = byField.get(r.field) ?? [];
    list.push({ start: r.startOffset, end: r.endOffset });
    byField.set(r.field, list);
    out.set(r.itemId, byField);
  }
  return out;
}

/** The passages not rejected (accepted or still pending) of some items, by item and field. */
export async function cutsNotRejected(
  db: Db,
  consultationId: string,
  kind: PrivacyItemKind,
  itemIds: readonly string[],
) {
  const out = new Map<string, Map<string, { start: number; end: number }[]>>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('privacyFindings')
    .select(['itemId', 'field', 'startOffset', 'endOffset'])
    .where('consultationId', '=', consultationId)
    .where('itemKind', '=', kind)
    .where('itemId', 'in', [...itemIds])
    .where('status', '<>', 'rejected')
    .execute();
  for (const r of rows) {
    const byField = out.get(r.itemId) ?? new Map<string, { start: number; end: number }[]>();
    byField.set(r.field, [...(byField.get(r.field) ?? []), { start: r.startOffset, end: r.endOffset }]);
    out.set(r.itemId, byField);
  }
  return out;
}

/** Attachments that have findings not rejected: not published as they are. */
export async function withheldAttachments(
  db: Db,
  consultationId: string,
  attachmentIds: readonly string[],
): Promise<Set<string>> {
  if (attachmentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('privacyFindings')
    .select('itemId')
    .distinct()
    .where('consultationId', '=', consultationId)
    .where('itemKind', '=', 'attachment')
    .where('itemId', 'in', [...attachmentIds])
    .where('status', '<>', 'rejected')
    .execute();
  return new Set(rows.map((r) => r.itemId));
}

/** The response an attachment belongs to, as the scanner recorded it with a finding or a scan. */
export async function attachmentOwner(db: Db, consultationId: string, attachmentId: string): Promise<string | null> {
  const r = await db
    .selectFrom('privacyFindings')
    .select('responseId')
    .where('consultationId', '=', consultationId)
    .where('itemKind', '=', 'attachment')
    .where('itemId', '=', attachmentId)
    .limit(1)
    .executeTakeFirst();
  return r?.responseId ?? null;
}

export async function setTextVersion(
  trx: Db,
  v: { consultationId: string; attachmentId: string; responseId: string; publishedBy: string },
  publish: boolean,
): Promise<void> {
  if (!publish) {
    await trx.deleteFrom('privacyTextVersions').where('attachmentId', '=', v.attachmentId).execute();
    return;
  }
  await trx
    .insertInto('privacyTextVersions')
    .values(v)
    .onConflict((oc) => oc.column('attachmentId').doNothing())
    .execute();
}

/** Of these files, those whose redacted text is published in their place. */
export async function textVersions(db: Db, attachmentIds: readonly string[]): Promise<Set<string>> {
  if (attachmentIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('privacyTextVersions')
    .select('attachmentId')
    .where('attachmentId', 'in', [...attachmentIds])
    .execute();
  return new Set(rows.map((r) => r.attachmentId));
}

export async function findTextVersion(db: Db, consultationId: string, attachmentId: string) {
  return db
    .selectFrom('privacyTextVersions')
    .select(['attachmentId', 'responseId'])
    .where('consultationId', '=', consultationId)
    .where('attachmentId', '=', attachmentId)
    .executeTakeFirst();
}

/** How many findings on this file are not decided yet. */
export async function unresolvedOnItem(
  db: Db,
  consultationId: string,
  kind: PrivacyItemKind,
  itemId: string,
): Promise<number> {
  const r = await db
    .selectFrom('privacyFindings')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('consultationId', '=', consultationId)
    .where('itemKind', '=', kind)
    .where('itemId', '=', itemId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  return r.n;
}
