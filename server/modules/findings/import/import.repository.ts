import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { ImportRow } from './import.schemas.ts';

/** The findings module's import staging (finding_imports): one row per upload, its rows as JSON. */

export type Staged = { unknownColumns: string[]; rows: ImportRow[] };
export type ImportRecord = {
  id: string;
  consultationId: string;
  filename: string;
  status: 'staged' | 'committed';
  rowCount: number;
  errorCount: number;
  rows: Staged;
  createdAt: Date;
  committedAt: Date | null;
};

export async function insertImport(
  db: Db,
  v: { consultationId: string; createdBy: string | null; filename: string; staged: Staged; errorCount: number },
): Promise<string> {
  const row = await db
    .insertInto('findingImports')
    .values({
      consultationId: v.consultationId,
      createdBy: v.createdBy,
      filename: v.filename,
      status: 'staged',
      rows: JSON.stringify(v.staged),
      rowCount: v.staged.rows.length,
      errorCount: v.errorCount,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findImport(db: Db, consultationId: string, id: string, lock = false) {
  let q = db
    .selectFrom('findingImports')
    .select([
      'id',
      'consultationId',
      'filename',
      'status',
      'rowCount',
      'errorCount',
      'rows',
      'createdAt',
      'committedAt',
    ])
    .where('consultationId', '=', consultationId)
    .where('id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? ({ ...row, rows: row.rows as Staged } as ImportRecord) : undefined;
}

export async function saveImport(
  db: Db,
  id: string,
  v: { staged: Staged; errorCount: number; committed: boolean },
): Promise<void> {
  await db
    .updateTable('findingImports')
    .set({
      rows: JSON.stringify(v.staged),
      errorCount: v.errorCount,
      ...(v.committed ? { status: 'committed' as const, committedAt: sql<Date>`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}
