import { z } from 'zod';

/** Contracts of the bulk import (issue 12 story 3); imports only zod, so the client may import it. */
export const ImportStatus = z.enum(['staged', 'committing', 'committed', 'failed']);
export const ImportSource = z.enum(['csv', 'zip', 'mail']);

export const ImportView = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    source: ImportSource,
    status: ImportStatus,
    rowCount: z.number().int(),
    errorCount: z.number().int().describe('Rows with errors: while there are any, the import cannot be committed'),
    duplicateCount: z.number().int().describe('Rows whose reference was imported before: skipped'),
    toImportCount: z.number().int(),
    doneCount: z.number().int().describe('Rows written so far by a running commit'),
    importedCount: z.number().int(),
    error: z.string().nullable().describe('Why the last commit failed (nothing of it was kept)'),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    committedAt: z.iso.datetime().nullable(),
  })
  .describe('A staged bulk import and its commit');
export type ImportView = z.infer<typeof ImportView>;

export const RowErrorCode = z.enum([
  'missing_ref',
  'duplicate_ref',
  'missing_text',
  'bad_date',
  'unknown_question',
  'bad_answer',
  'bad_value',
  'file_not_found',
  'file_too_large',
  'file_wrong_type',
]);
export const ImportRowView = z.object({
  rowNo: z.number().int().describe('The row in the file (1-based, the header counted), or the message number'),
  externalRef: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  channel: z.enum(['letter', 'email']),
  receivedAt: z.string(),
  text: z.string().describe('The first 300 characters'),
  files: z.array(z.string()),
  answerCount: z.number().int(),
  duplicate: z.boolean(),
  errors: z.array(z.object({ field: z.string(), code: RowErrorCode, message: z.string() })),
});
export type ImportRowView = z.infer<typeof ImportRowView>;
export const ImportRowPage = z.object({ items: z.array(ImportRowView), nextAfter: z.number().int().nullable() });
export type ImportRowPage = z.infer<typeof ImportRowPage>;
export const ImportList = z.object({ items: z.array(ImportView) });

export const ImportParams = z.object({ id: z.string().min(1).max(100), importId: z.uuid() });
export const ImportRowsQuery = z.object({
  after: z.coerce.number().int().min(0).default(0).describe('Rows after this row number'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  errors: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Only the rows with errors'),
});
