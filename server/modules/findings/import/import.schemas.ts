import { z } from 'zod';
import { ConsultationParams } from '../findings.schemas.ts';

/** The findings CSV import (issue 13 story 1): a staged preview, then a commit of all rows or none. Imports only zod. */

export const ImportParams = ConsultationParams.extend({ importId: z.uuid() });

export const ImportRowError = z.object({
  column: z.string(),
  code: z
    .string()
    .describe(
      'unknown_scenario, session_not_found, session_ambiguous, bad_date, bad_severity, bad_count, too_many_affected, bad_status, missing, too_long',
    ),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportRow = z.object({
  rowNo: z.int().describe('The line of the spreadsheet (the header is line 1)'),
  input: z.record(z.string(), z.string()).describe('The cells read, by column'),
  errors: z.array(ImportRowError),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const FindingImport = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    filename: z.string(),
    status: z.enum(['staged', 'committed']),
    rowCount: z.int(),
    errorCount: z.int().describe('Rows with at least one error; the import commits only when none has'),
    unknownColumns: z.array(z.string()).describe('Header names that were not read'),
    rows: z.array(ImportRow),
    createdAt: z.iso.datetime(),
    committedAt: z.iso.datetime().nullable(),
  })
  .describe('A findings import: its rows with their errors (the preview)');
export type FindingImport = z.infer<typeof FindingImport>;
