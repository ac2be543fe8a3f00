import type { z } from 'zod';
import type {
  PublishedVersion as PublishedVersionSchema,
  ReportVersion as ReportVersionSchema,
  ReportVersionList as ReportVersionListSchema,
} from '../../../server/modules/reports/notat/notat.schemas.ts';
import type { ReportModel } from '../../../server/modules/reports/report.model.ts';
import { ApiError, request } from './http.ts';

/** The høringsnotat (issue 14 story 6): versions for staff, the published one for everyone. */
export type ReportVersion = z.infer<typeof ReportVersionSchema>;
export type ReportVersionList = z.infer<typeof ReportVersionListSchema>;
export type PublishedVersion = z.infer<typeof PublishedVersionSchema>;
export type { ReportModel };
export const REPORT_FORMATS = ['html', 'docx', 'md', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const c = (id: string) => `/api/consultations/${encodeURIComponent(id)}`;

export const listReportVersions = (id: string, signal?: AbortSignal) =>
  request<ReportVersionList>(`${c(id)}/reports`, { signal });

export const generateReport = (id: string, note = '') =>
  request<ReportVersion>(`${c(id)}/reports`, { method: 'POST', body: { note } });

export const publishReport = (id: string, number: number) =>
  request<ReportVersion>(`${c(id)}/reports/${number}/publish`, { method: 'POST' });

/** A version's file (staff), for a link. */
export const versionFileUrl = (id: string, number: number, format: ReportFormat, lang: 'da' | 'en', download = false) =>
  `${c(id)}/reports/${number}/file?format=${format}&lang=${lang}${download ? '&download=true' : ''}`;

/** The published report's file (everyone), for a link. */
export const publishedFileUrl = (idOrSlug: string, format: ReportFormat, lang: 'da' | 'en', download = false) =>
  `${c(idOrSlug)}/report?format=${format}&lang=${lang}${download ? '&download=true' : ''}`;

/** Which version is published (null while none is). */
export async function getPublishedVersion(idOrSlug: string, signal?: AbortSignal): Promise<PublishedVersion | null> {
  try {
    return await request<PublishedVersion>(`${c(idOrSlug)}/report/version`, { signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  }
}

export const getPublishedModel = (idOrSlug: string, signal?: AbortSignal) =>
  request<ReportModel>(`${c(idOrSlug)}/report`, { query: { format: 'json' }, signal });
