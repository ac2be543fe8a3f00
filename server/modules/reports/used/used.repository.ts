import type { Db } from '../../../db/database.ts';

/**
 * The reports module's tables as "how your input was used" reads and writes them (issue 14 story 7):
 * the published høringsnotat (report_versions, at most one published per consultation) and the
 * ledger of notices (report_notices).
 */

/** The consultation's published report version, if any. */
export async function findPublishedReport(db: Db, consultationId: string) {
  return db
    .selectFrom('reportVersions')
    .select(['id', 'number', 'publishedAt', 'model'])
    .where('consultationId', '=', consultationId)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** Every published report version (a small reference table): what the notice sweep walks. */
export async function listPublishedReports(db: Db) {
  return db
    .selectFrom('reportVersions')
    .select(['consultationId', 'id'])
    .where('status', '=', 'published')
    .orderBy('publishedAt')
    .execute();
}

export type RecipientKind = 'response' | 'participant';

/** Which of these recipients have had their notice for the consultation. */
export async function noticedAmong(
  db: Db,
  consultationId: string,
  kind: RecipientKind,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('reportNotices')
    .select('recipientId')
    .where('consultationId', '=', consultationId)
    .where('recipientKind', '=', kind)
    .where('recipientId', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.recipientId));
}

/**
 * Claims the notices of these recipients: returns the ids whose row this call inserted (a second
 * sweep, or a racing instance, gets none of them: the primary key decides).
 */
export async function claimNotices(
  db: Db,
  v: { consultationId: string; reportId: string; kind: RecipientKind; ids: readonly string[] },
): Promise<Set<string>> {
  if (v.ids.length === 0) return new Set();
  const rows = await db
    .insertInto('reportNotices')
    .values(
      v.ids.map((id) => ({
        consultationId: v.consultationId,
        recipientKind: v.kind,
        recipientId: id,
        reportId: v.reportId,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .returning('recipientId')
    .execute();
  return new Set(rows.map((r) => r.recipientId));
}

export async function setNoticeMail(
  db: Db,
  key: { consultationId: string; kind: RecipientKind; id: string },
  mailId: string,
): Promise<void> {
  await db
    .updateTable('reportNotices')
    .set({ mailId })
    .where('consultationId', '=', key.consultationId)
    .where('recipientKind', '=', key.kind)
    .where('recipientId', '=', key.id)
    .execute();
}
