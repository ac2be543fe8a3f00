import { request } from './http.ts';
import type {
  Consultation,
  ConsultationSummary,
  CreateConsultationInput,
  DocumentsInput,
  Page,
  Phase,
  UpdateConsultationInput,
} from './types.ts';

export const listConsultations = (
  q: { phase?: Phase; cursor?: string | null; limit?: number } = {},
  signal?: AbortSignal,
) => request<Page<ConsultationSummary>>('/api/consultations', { query: q, signal });

export const getConsultation = (idOrSlug: string, signal?: AbortSignal) =>
  request<Consultation>(`/api/consultations/${encodeURIComponent(idOrSlug)}`, { signal });

export const createConsultation = (body: CreateConsultationInput) =>
  request<Consultation>('/api/consultations', { method: 'POST', body });

export const updateConsultation = (id: string, body: UpdateConsultationInput) =>
  request<Consultation>(`/api/consultations/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const transitionConsultation = (id: string, to: Phase, reason?: string) =>
  request<Consultation>(`/api/consultations/${encodeURIComponent(id)}/transition`, {
    method: 'POST',
    body: reason ? { to, reason } : { to },
  });

export const replaceDocuments = (id: string, body: DocumentsInput) =>
  request<Consultation>(`/api/consultations/${encodeURIComponent(id)}/documents`, { method: 'PUT', body });
