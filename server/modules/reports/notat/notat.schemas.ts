import { z } from 'zod';

/** The høringsnotat's versions and downloads (issue 14 story 6). Imports only zod. */

export const ReportConsultationParams = z.object({ id: z.string().min(1).max(200) });
export const StaffReportParams = z.object({ id: z.uuid() });
export const VersionParams = z.object({
  id: z.uuid(),
  number: z.coerce.number().int().min(1).max(1_000_000),
});

export const ReportFormat = z.enum(['html', 'docx', 'md', 'json']);
export type ReportFormat = z.infer<typeof ReportFormat>;
export const ReportFileQuery = z.strictObject({
  format: ReportFormat.default('html').describe('html: print-ready (PDF through the browser’s print); docx; md; json'),
  lang: z.enum(['da', 'en']).default('da'),
  download: z.stringbool().optional().describe('true: as an attachment (a file name), else shown inline'),
});
export type ReportFileQuery = z.infer<typeof ReportFileQuery>;

export const GenerateBody = z
  .strictObject({ note: z.string().trim().max(500).default('').describe('What this draft is for (staff only)') })
  .default({ note: '' });

export const ReportVersion = z
  .object({
    id: z.uuid(),
    number: z.int(),
    status: z.enum(['generating', 'failed', 'draft', 'published', 'superseded']),
    progress: z.number().min(0).max(1),
    phase: z.string(),
    error: z.string().nullable(),
    note: z.string(),
    requestedAt: z.iso.datetime(),
    generatedAt: z.iso.datetime().nullable(),
    tookMs: z.int().nullable(),
    peakRssBytes: z.number().nullable().describe('The generating process’s peak resident memory while it ran'),
    publishedAt: z.iso.datetime().nullable(),
  })
  .describe('A version of the høringsnotat: generated in the background, a draft until an admin publishes it');
export type ReportVersion = z.infer<typeof ReportVersion>;

export const ReportVersionList = z.object({
  items: z.array(ReportVersion).describe('Newest first'),
  published: z.int().nullable().describe('The number of the published version, if any'),
});

export const PublishedVersion = z
  .object({ number: z.int(), publishedAt: z.iso.datetime() })
  .describe('The published version of the høringsnotat');
