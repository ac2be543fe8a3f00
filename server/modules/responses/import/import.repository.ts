import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { ResponseImportSource, ResponseImportStatus } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import type { RowError } from './import.rules.ts';

/** The response_imports and response_import_rows tables (issue 12 story 3). */

export type ImportRow = {
  id: string;
  consultationId: string;
  actor: Actor;
  source: ResponseImportSource;
  status: ResponseImportStatus;
  rowCount: number;
  errorCount: number;
  duplicateCount: number;
  doneCount: number;
  importedCount: number;
  error: string | null;
  createdAt: Date;
  committedAt: Date | null;
};

const COLUMNS = [
  'id',
  'consultationId',
  'actor',
  'source',
  'status',
  'rowCount',
  'errorCount',
  'duplicateCount',
  'doneCount',
  'importedCount',
  'error',
  'createdAt',
  'committedAt',
] as const;

export type StagedRow = { rowNo: number; externalRef: string; input: unknown; errors: RowError[]; duplicate: boolean };

/** The import and its rows, in batches of one statement each (one transaction: the caller's). */
export async function insertImport(
  db: Db,
  v: { consultationId: string; actor: Actor; source: ResponseImportSource; rows: readonly StagedRow[] },
): Promise<string> {
  const errorCount = v.rows.filter((r) => r.errors.length > 0).length;
  const duplicateCount = v.rows.filter((r) => r.duplicate && r.errors.length === 0).length;
  const { id } = await db
    .insertInto('responseImports')
    .values({
      consultationId: v.consultationId,
      createdBy: v.actor.id,
      actor: JSON.stringify({
        id: v.actor.id,
        email: v.actor.email,
        displayName: v.actor.displayName,
        roles: v.actor.roles,
      }),
      source: v.source,
      status: 'staged',
      rowCount: v.rows.length,
      errorCount,
      duplicateCount,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let i = 0; i < v.rows.length; i += 2000) {
    const batch = JSON.stringify(
      v.rows.slice(i, i + 2000).map((r) => ({
        row_no: r.rowNo,
        external_ref: r.externalRef,
        input: r.input,
        errors: r.errors,
        duplicate: r.duplicate,
      })),
    );
    await sql`
      insert into response_import_rows (import_id, row_no, external_ref, input, errors, duplicate)
      select ${id}::uuid, x.row_no, x.external_ref, x.input, x.errors, x.duplicate
        from jsonb_to_recordset(${batch}::jsonb) as x(row_no int, external_ref text, input jsonb, errors jsonb, duplicate boolean)`.execute(
      db,
    );
  }
  return id;
}

export async function findImport(db: Db, consultationId: string, id: string): Promise<ImportRow | undefined> {
  return (await db
    .selectFrom('responseImports')
    .select(COLUMNS)
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .executeTakeFirst()) as ImportRow | undefined;
}

export async function listImports(db: Db, consultationId: string, limit: number): Promise<ImportRow[]> {
  return (await db
    .selectFrom('responseImports')
    .select(COLUMNS)
    .where('consultationId', '=', consultationId)
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .execute()) as ImportRow[];
}

export async function listRows(
  db: Db,
  importId: string,
  o: { afterRowNo: number; limit: number; errorsOnly: boolean },
): Promise<StagedRow[]> {
  let q = db
    .selectFrom('responseImportRows')
    .select(['rowNo', 'externalRef', 'input', 'errors', 'duplicate'])
    .where('importId', '=', importId)
    .where('rowNo', '>', o.afterRowNo);
  if (o.errorsOnly) q = q.where(sql<boolean>`jsonb_array_length(errors) > 0`);
  return (await q.orderBy('rowNo').limit(o.limit).execute()) as StagedRow[];
}

/** The rows a commit writes: those without errors that were not imported before, in row order. */
export async function rowsToWrite(db: Db, importId: string, afterRowNo: number, limit: number) {
  return db
    .selectFrom('responseImportRows')
    .select(['rowNo', 'externalRef', 'input'])
    .where('importId', '=', importId)
    .where('rowNo', '>', afterRowNo)
    .where('duplicate', '=', false)
    .orderBy('rowNo')
    .limit(limit)
    .execute();
}

/** Staged (or failed) → committing, unless it has errors; the row is locked, so one commit wins. */
export async function markCommitting(db: Db, consultationId: string, id: string): Promise<ImportRow | undefined> {
  return (await db
    .updateTable('responseImports')
    .set({ status: 'committing', doneCount: 0, error: null })
    .where('consultationId', '=', consultationId)
    .where('id', '=', id)
    .where('status', 'in', ['staged', 'failed'])
    .where('errorCount', '=', 0)
    .returning(COLUMNS)
    .executeTakeFirst()) as ImportRow | undefined;
}

export async function findCommitting(db: Db, id: string): Promise<ImportRow | undefined> {
  return (await db
    .selectFrom('responseImports')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('status', '=', 'committing')
    .executeTakeFirst()) as ImportRow | undefined;
}

/** Locks the import while it is committing (for the commit's transaction); false when it is not. */
export async function lockCommitting(db: Db, id: string): Promise<boolean> {
  const r = await db
    .updateTable('responseImports')
    .set({ doneCount: 0 })
    .where('id', '=', id)
    .where('status', '=', 'committing')
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function finishImport(db: Db, id: string, v: { done: number; imported: number }): Promise<void> {
  await db
    .updateTable('responseImports')
    .set({ status: 'committed', doneCount: v.done, importedCount: v.imported, committedAt: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function failImport(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable('responseImports')
    .set({ status: 'failed', doneCount: 0, error })
    .where('id', '=', id)
    .where('status', '=', 'committing')
    .execute();
}

/** Which of these idempotency-key hashes a response of this consultation already has. */
export async function existingKeyHashes(
  db: Db,
  consultationId: string,
  hashes: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < hashes.length; i += 5000) {
    const part = hashes.slice(i, i + 5000);
    const rows = await db
      .selectFrom('responses')
      .select('idempotencyKeyHash')
      .where('consultationId', '=', consultationId)
      .where('idempotencyKeyHash', 'in', part)
      .execute();
    for (const r of rows) if (r.idempotencyKeyHash) out.add(r.idempotencyKeyHash);
  }
  return out;
}
