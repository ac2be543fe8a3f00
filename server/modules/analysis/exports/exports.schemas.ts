import { z } from 'zod';
import { InboxQuery } from '../inbox/inbox.schemas.ts';

/** Contracts of inbox exports (issue 12 story 4). */
export const ExportFormat = z.enum(['csv', 'jsonl', 'xlsx']);
export const ExportLang = z.enum(['da', 'en']).default('da').describe('The language of the tag names');

/** The inbox view's filters (as GET /inbox takes them), and the format. */
export const ExportQuery = InboxQuery.extend({ format: ExportFormat, lang: ExportLang });
export type ExportQuery = z.infer<typeof ExportQuery>;

export const ExportView = z
  .object({
    id: z.uuid(),
    format: ExportFormat,
    status: z.enum(['queued', 'running', 'done', 'failed']),
    total: z.number().int().describe('Items in the view when the export started (estimated for a large view)'),
    doneCount: z.number().int(),
    error: z.string().nullable(),
    expiresAt: z.iso.datetime().nullable().describe('The download link works until then'),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .describe('An export of an inbox view running as a background job');
export type ExportView = z.infer<typeof ExportView>;

export const ExportStart = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('direct'),
    url: z.string().describe('GET it to download the file, streamed'),
    total: z.number().int(),
  }),
  z.object({
    mode: z.literal('job'),
    export: ExportView,
    downloadUrl: z
      .string()
      .describe('Works once the export is done, until expiresAt; it holds a secret: shown only to who asked for it'),
  }),
]);
export type ExportStart = z.infer<typeof ExportStart>;

export const ExportParams = z.object({ id: z.string().min(1).max(100), exportId: z.uuid() });
export const DownloadQuery = z.object({ token: z.string().min(20).max(200) });
