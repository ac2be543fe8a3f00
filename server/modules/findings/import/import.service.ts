import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { AppError, notFound } from '../../../shared/errors.ts';
import { parseCsv } from '../../responses/import/import.parse.ts';
import { listScenarios } from '../../scenarios/scenarios.service.ts';
import * as sessionsRepo from '../sessions.repository.ts';
import { insertFindingIn, requireFindingsWorkspace } from '../findings.service.ts';
import * as repo from './import.repository.ts';
import { type ImportContext, missingColumns, readHeader, readRow, rowInput } from './import.rules.ts';
import type { FindingImport, ImportRow } from './import.schemas.ts';

/**
 * The findings CSV import (issue 13 story 1), after the responses import's stage-then-commit
 * pattern and with its CSV parser: the upload is read and every row checked against the
 * consultation's scenarios and sessions (the preview, with row errors); the commit checks every row
 * again and writes all of them in one transaction, or none.
 */

export const MAX_ROWS = 5_000;

const toView = (r: repo.ImportRecord): FindingImport => ({
  id: r.id,
  consultationId: r.consultationId,
  filename: r.filename,
  status: r.status,
  rowCount: r.rowCount,
  errorCount: r.errorCount,
  unknownColumns: r.rows.unknownColumns,
  rows: r.rows.rows,
  createdAt: r.createdAt.toISOString(),
  committedAt: r.committedAt?.toISOString() ?? null,
});

async function contextOf(db: Db, actor: Actor | null, consultationId: string): Promise<ImportContext> {
  const [scenarios, sessions] = await Promise.all([
    listScenarios(db, actor, consultationId),
    sessionsRepo.listSessions(db, consultationId),
  ]);
  return { scenarios: new Map(scenarios.map((s) => [s.key.toUpperCase(), s.id])), sessions };
}

/** Text from the upload: UTF-8, else Windows-1252 (a CSV saved by a Danish Excel); a binary file is a 415. */
function decode(bytes: Buffer): string {
  if (bytes.includes(0)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the findings as a CSV text file');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function check(rows: readonly ImportRow[], ctx: ImportContext) {
  const checked = rows.map((r) => {
    const { values, errors } = readRow(r.input, ctx);
    return { row: { ...r, errors }, values };
  });
  return { checked, errorCount: checked.filter((c) => c.row.errors.length > 0).length };
}

export async function stageImport(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  file: { filename: string; bytes: Buffer },
): Promise<FindingImport> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'write');
  const table = parseCsv(decode(file.bytes)).filter((cells) => cells.some((x) => x.trim() !== ''));
  const [header, ...body] = table;
  if (!header || body.length === 0)
    throw new AppError('RULE_VIOLATION', 'The CSV has no rows under its header', { reason: 'no_rows' });
  if (body.length > MAX_ROWS)
    throw new AppError('RULE_VIOLATION', `At most ${MAX_ROWS} rows per import`, { reason: 'too_many_rows' });
  const { columns, unknown } = readHeader(header);
  const missing = missingColumns(columns);
  if (missing.length > 0)
    throw new AppError('RULE_VIOLATION', `The CSV lacks columns: ${missing.join(', ')}`, {
      reason: 'missing_columns',
      missing,
    });
  const rows: ImportRow[] = body.map((cells, i) => ({ rowNo: i + 2, input: rowInput(cells, columns), errors: [] }));
  const { checked, errorCount } = check(rows, await contextOf(db, actor, c.id));
  const staged = { unknownColumns: unknown, rows: checked.map((x) => x.row) };
  const id = await repo.insertImport(db, {
    consultationId: c.id,
    createdBy: actor?.id ?? null,
    filename: file.filename.slice(0, 200),
    staged,
    errorCount,
  });
  return toView((await repo.findImport(db, c.id, id))!);
}

export async function getImport(db: Db, actor: Actor | null, idOrSlug: string, importId: string) {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'read');
  const r = await repo.findImport(db, c.id, importId);
  if (!r) throw notFound('Import');
  return toView(r);
}

/**
 * Commits every row or none: each row is checked again (a session or scenario may have changed since
 * the preview); with any error the import keeps the new errors and answers 422, else every finding
 * is written, audited, in this one transaction. A committed import is a 409.
 */
export async function commitImport(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  importId: string,
): Promise<FindingImport> {
  const c = await requireFindingsWorkspace(db, actor, idOrSlug, 'write');
  const refused = await db.transaction().execute(async (trx) => {
    const r = await repo.findImport(trx, c.id, importId, true);
    if (!r) throw notFound('Import');
    if (r.status === 'committed')
      throw new AppError('CONFLICT', 'This import is committed already', { reason: 'committed' });
    const { checked, errorCount } = check(r.rows.rows, await contextOf(trx, actor, c.id));
    const staged = { unknownColumns: r.rows.unknownColumns, rows: checked.map((x) => x.row) };
    if (errorCount > 0) {
      await repo.saveImport(trx, importId, { staged, errorCount, committed: false });
      return errorCount;
    }
    for (const x of checked) await insertFindingIn(trx, actor, c.id, x.values!, { importId, rowNo: x.row.rowNo });
    await repo.saveImport(trx, importId, { staged, errorCount: 0, committed: true });
    return 0;
  });
  if (refused > 0)
    throw new AppError('RULE_VIOLATION', `${refused} rows have errors; nothing was imported`, {
      reason: 'rows_with_errors',
      errorCount: refused,
    });
  return getImport(db, actor, c.id, importId);
}
