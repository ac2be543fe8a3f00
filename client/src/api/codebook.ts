import type { z } from 'zod';
import type {
  Codebook as CodebookSchema,
  CodebookDocument as CodebookDocumentSchema,
  CodebookTag as CodebookTagSchema,
  CreateTagBody,
  ImportResult as ImportResultSchema,
  MergeResult as MergeResultSchema,
  UpdateTagBody,
} from '../../../server/modules/analysis/codebook/codebook.schemas.ts';
import { request } from './http.ts';

/** A consultation's codebook (issue 11 story 3): shapes from the server's zod contracts. */
export type CodebookTag = z.infer<typeof CodebookTagSchema>;
export type Codebook = z.infer<typeof CodebookSchema>;
export type CodebookDocument = z.input<typeof CodebookDocumentSchema>;
export type CreateTagInput = z.input<typeof CreateTagBody>;
export type UpdateTagInput = z.input<typeof UpdateTagBody>;
export type ImportResult = z.infer<typeof ImportResultSchema>;
export type MergeResult = z.infer<typeof MergeResultSchema>;

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}/codebook`;
const tagPath = (id: string) => `/api/codebook-tags/${encodeURIComponent(id)}`;

export const getCodebook = (consultationId: string, opts: { archived?: boolean } = {}, signal?: AbortSignal) =>
  request<Codebook>(base(consultationId), { query: { archived: opts.archived ? 'true' : undefined }, signal });

export const createTag = (consultationId: string, body: CreateTagInput) =>
  request<CodebookTag>(`${base(consultationId)}/tags`, { method: 'POST', body });

export const updateTag = (id: string, body: UpdateTagInput) =>
  request<CodebookTag>(tagPath(id), { method: 'PATCH', body });

export const moveTag = (id: string, body: { version: number; parentId: string | null; position: number }) =>
  request<CodebookTag>(`${tagPath(id)}/move`, { method: 'POST', body });

export const archiveTag = (id: string, version: number) =>
  request<CodebookTag>(`${tagPath(id)}/archive`, { method: 'POST', body: { version } });

export const unarchiveTag = (id: string, version: number) =>
  request<CodebookTag>(`${tagPath(id)}/unarchive`, { method: 'POST', body: { version } });

export const mergeTag = (id: string, body: { version: number; intoTagId: string }) =>
  request<MergeResult>(`${tagPath(id)}/merge`, { method: 'POST', body });

export const copyCodebook = (consultationId: string, fromConsultationId: string) =>
  request<ImportResult>(`${base(consultationId)}/copy`, { method: 'POST', body: { fromConsultationId } });

/** The address of the JSON download (the server sends it as an attachment). */
export const codebookExportUrl = (consultationId: string) => `${base(consultationId)}/export`;

/** The codebook as a REFI-QDA codebook (.qdc), code names in one language. */
export const codebookQdcUrl = (consultationId: string, lang: 'da' | 'en') =>
  `${base(consultationId)}/export.qdc?lang=${lang}`;

export const importCodebook = (consultationId: string, doc: unknown) =>
  request<ImportResult>(`${base(consultationId)}/import`, { method: 'POST', body: doc });
