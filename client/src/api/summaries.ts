import type { z } from 'zod';
import type {
  Passage as PassageSchema,
  PassagePage as PassagePageSchema,
  SaveSummaryBody,
  ThemeSummary as ThemeSummarySchema,
  ThemeSummaryList as ThemeSummaryListSchema,
} from '../../../server/modules/reports/summaries/summaries.schemas.ts';
import { request } from './http.ts';

/** Theme summaries and the agency's answers (issue 14 story 5). */
export type ThemeSummaryList = z.infer<typeof ThemeSummaryListSchema>;
export type ThemeRow = ThemeSummaryList['themes'][number];
export type ThemeSummary = z.infer<typeof ThemeSummarySchema>;
export type Citation = ThemeSummary['sentences'][number]['citations'][number];
export type Passage = z.infer<typeof PassageSchema>;
export type PassagePage = z.infer<typeof PassagePageSchema>;
export type SaveSummaryInput = z.input<typeof SaveSummaryBody>;
export type AgencyAnswer = NonNullable<ThemeSummary['answer']>;

export const ANSWERS: readonly AgencyAnswer[] = ['accommodated', 'partly', 'not_accommodated'];

const base = (id: string) => `/api/consultations/${encodeURIComponent(id)}/theme-summaries`;
const one = (id: string, tagId: string) => `${base(id)}/${encodeURIComponent(tagId)}`;
const query = (p: { q?: string; cursor?: string | null; limit?: number }) => {
  const s = new URLSearchParams();
  if (p.q) s.set('q', p.q);
  if (p.cursor) s.set('cursor', p.cursor);
  if (p.limit) s.set('limit', String(p.limit));
  const out = s.toString();
  return out ? `?${out}` : '';
};

export const listThemeSummaries = (id: string, signal?: AbortSignal) => request<ThemeSummaryList>(base(id), { signal });
export const getThemeSummary = (id: string, tagId: string, signal?: AbortSignal) =>
  request<ThemeSummary>(one(id, tagId), { signal });
export const saveThemeSummary = (id: string, tagId: string, body: SaveSummaryInput) =>
  request<ThemeSummary>(one(id, tagId), { method: 'PUT', body });
export const listPassages = (
  id: string,
  tagId: string,
  p: { q?: string; cursor?: string | null; limit?: number },
  signal?: AbortSignal,
) => request<PassagePage>(`${one(id, tagId)}/passages${query(p)}`, { signal });
export const listSingleVoices = (id: string, tagId: string, cursor: string | null, signal?: AbortSignal) =>
  request<PassagePage>(`${one(id, tagId)}/single-voices${query({ cursor })}`, { signal });

/** The analysis workspace's page of the item a passage is in. */
export const itemHref = (consultationId: string, p: { itemKind: string; itemId: string }) =>
  `/admin/consultations/${encodeURIComponent(consultationId)}/inbox/${encodeURIComponent(p.itemKind)}/${encodeURIComponent(p.itemId)}`;
