import type { z } from 'zod';
import type {
  CreateQuestionBody,
  Question as QuestionSchema,
  QuestionKind as QuestionKindSchema,
  UpdateQuestionBody,
} from '../../../server/modules/questions/questions.schemas.ts';
import { request } from './http.ts';

export type Question = z.infer<typeof QuestionSchema>;
export type QuestionKind = z.infer<typeof QuestionKindSchema>;
export type CreateQuestionInput = z.input<typeof CreateQuestionBody>;
export type UpdateQuestionInput = z.input<typeof UpdateQuestionBody>;
export const QUESTION_KINDS: readonly QuestionKind[] = ['text', 'single', 'multi', 'scale', 'scenario_scale'];

const base = (consultation: string) => `/api/consultations/${encodeURIComponent(consultation)}/questions`;

export const listQuestions = (consultationIdOrSlug: string, signal?: AbortSignal) =>
  request<Question[]>(base(consultationIdOrSlug), { signal });

export const createQuestion = (consultationId: string, body: CreateQuestionInput) =>
  request<Question>(base(consultationId), { method: 'POST', body });

export const updateQuestion = (id: string, body: UpdateQuestionInput) =>
  request<Question>(`/api/questions/${encodeURIComponent(id)}`, { method: 'PATCH', body });

export const deleteQuestion = (id: string) =>
  request<void>(`/api/questions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const reorderQuestions = (consultationId: string, questionIds: string[]) =>
  request<Question[]>(`${base(consultationId)}/order`, { method: 'PUT', body: { questionIds } });
