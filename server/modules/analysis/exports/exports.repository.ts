import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';

/** The inbox_exports table (issue 12 story 4). */
const COLUMNS = [
  'id',
  'consultationId',
  'actor',
  'format',
  'lang',
  'query',
  'status',
  'total',
  'doneCount',
  'storageKey',
  'tokenHash',
  'expiresAt',
  'error',
  'createdAt',
  'finishedAt',
] as const;

export type ExportRowDb = {
  id: string;
  consultationId: string;
  actor: Actor;
  format: 'csv' | 'jsonl' | 'xlsx';
  lang: 'da' | 'en';
  query: Record<string, unknown>;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number;
  doneCount: number;
  storageKey: string | null;
  tokenHash: string | null;
  expiresAt: Date | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export async function insertExport(
  db: Db,
  v: {
    consultationId: string;
    actor: Actor;
    format: ExportRowDb['format'];
    lang: ExportRowDb['lang'];
    query: object;
    total: number;
    tokenHash: string;
    expiresAt: Date;
  },
): Promise<ExportRowDb> {
  return (await db
    .insertInto('inboxExports')
    .values({
      consultationId: v.consultationId,
      createdBy: v.actor.id,
      actor: JSON.stringify({
        id: v.actor.id,
        email: v.actor.email,
        displayName: v.actor.displayName,
        roles: v.actor.roles,
      }),
      format: v.format,
      lang: v.lang,
      query: JSON.stringify(v.query),
      status: 'queued',
      total: v.total,
      tokenHash: v.tokenHash,
      expiresAt: v.expiresAt,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow()) as ExportRowDb;
}

export async function findExport(db: Db, consultationId: string, id: string): Promise<ExportRowDb | undefined> {
  return (await db
    .selectFrom('inboxExports')
    .select(COLUMNS)
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst()) as ExportRowDb | undefined;
}

export async function findExportById(db: Db, id: string): Promise<ExportRowDb | undefined> {
  return (await db.selectFrom('inboxExports').select(COLUMNS).where('id', '=', id).executeTakeFirst()) as
    ExportRowDb | undefined;
}

/** queued (or running, after a restart) → running; undefined when it is done or failed. */
export async function claimExport(db: Db, id: string): Promise<ExportRowDb | undefined> {
  return (await db
    .updateTable('inboxExports')
    .set({ status: 'running', doneCount: 0 })
    .where('id', '=', id)
    .where('status', 'in', ['queued', 'running'])
    .returning(COLUMNS)
    .executeTakeFirst()) as ExportRowDb | undefined;
}

export async function setProgress(db: Db, id: string, done: number): Promise<void> {
  await db.updateTable('inboxExports').set({ doneCount: done }).where('id', '=', id).execute();
}

export async function finishExport(db: Db, id: string, v: { storageKey: string; done: number }): Promise<void> {
  await db
    .updateTable('inboxExports')
    .set({ status: 'done', storageKey: v.storageKey, doneCount: v.done, finishedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function failExport(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable('inboxExports')
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * Expired exports' files, at most `limit`, oldest first: their link is cleared (no file, no token) and
 * their storage keys returned, for the caller to delete the files. A sweep across consultations: the
 * table is the exporting instance's own (a local table under Citus, README).
 */
export async function takeExpiredFiles(db: Db, limit: number): Promise<{ id: string; storageKey: string }[]> {
  const r = await sql<{ id: string; storageKey: string }>`
    with gone as (select id, storage_key from inbox_exports
                   where storage_key is not null and expires_at < now()
                   order by expires_at limit ${limit} for update skip locked)
    update inbox_exports e set storage_key = null, token_hash = null
      from gone where e.id = gone.id
    returning gone.id, gone.storage_key`.execute(db);
  return r.rows;
}
