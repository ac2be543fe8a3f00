import type { z } from 'zod';
import type {
  ExportStart as ExportStartSchema,
  ExportView as ExportViewSchema,
} from '../../../server/modules/analysis/exports/exports.schemas.ts';
import type { InboxFilters } from '../data/inbox-filter.ts';
import { inboxQueryRecord } from '../data/inbox-filter.ts';
import { request } from './http.ts';

/** Exports of an inbox view (issue 12 story 4). */
export type ExportStart = z.infer<typeof ExportStartSchema>;
export type ExportView = z.infer<typeof ExportViewSchema>;
export type ExportFormat = ExportView['format'];

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}/inbox/exports`;

export const startExport = (consultationId: string, f: InboxFilters, format: ExportFormat, lang: 'da' | 'en') =>
  request<ExportStart>(base(consultationId), { method: 'POST', body: { ...inboxQueryRecord(f), format, lang } });

export const getExport = (consultationId: string, exportId: string) =>
  request<ExportView>(`${base(consultationId)}/${encodeURIComponent(exportId)}`);
