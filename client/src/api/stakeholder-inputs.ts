import type { z } from 'zod';
import type {
  CreateInputBody,
  InputFile as InputFileSchema,
  InputList as InputListSchema,
  PartyKind as PartyKindSchema,
  PublicInputList as PublicInputListSchema,
  StakeholderInput as StakeholderInputSchema,
  StakeholderInputKind as KindSchema,
  UpdateInputBody,
} from '../../../server/modules/stakeholder-inputs/stakeholder-inputs.schemas.ts';
import { uploadFileTo } from './attachments.ts';
import { request } from './http.ts';

/** Stakeholder inputs (issue 13 story 4): shapes from the server's zod contracts. */
export type StakeholderInput = z.infer<typeof StakeholderInputSchema>;
export type InputList = z.infer<typeof InputListSchema>;
export type InputFile = z.infer<typeof InputFileSchema>;
export type PublicInputList = z.infer<typeof PublicInputListSchema>;
export type StakeholderInputKind = z.infer<typeof KindSchema>;
export type PartyKind = z.infer<typeof PartyKindSchema>;
export type CreateInput = z.input<typeof CreateInputBody>;
export type UpdateInput = z.input<typeof UpdateInputBody>;

export const INPUT_KINDS: readonly StakeholderInputKind[] = ['meeting', 'written_input', 'market_dialogue'];
export const PARTY_KINDS: readonly PartyKind[] = [
  'ministry',
  'agency',
  'region',
  'municipality',
  'business',
  'association',
  'ngo',
  'other',
];

const base = (consultationId: string) => `/api/consultations/${encodeURIComponent(consultationId)}/stakeholder-inputs`;
const one = (consultationId: string, inputId: string) => `${base(consultationId)}/${encodeURIComponent(inputId)}`;

export const listInputs = (consultationId: string, signal?: AbortSignal) =>
  request<InputList>(base(consultationId), { signal, query: { limit: 100 } });

export const getInput = (consultationId: string, inputId: string, signal?: AbortSignal) =>
  request<StakeholderInput>(one(consultationId, inputId), { signal });

export const createInput = (consultationId: string, body: CreateInput) =>
  request<StakeholderInput>(base(consultationId), { method: 'POST', body });

export const updateInput = (consultationId: string, inputId: string, body: UpdateInput) =>
  request<StakeholderInput>(one(consultationId, inputId), { method: 'PATCH', body });

export const deleteInput = (consultationId: string, inputId: string) =>
  request<null>(one(consultationId, inputId), { method: 'DELETE' });

export const previewMinutes = (consultationId: string, markdown: string) =>
  request<{ html: string }>(`${base(consultationId)}/preview`, { method: 'POST', body: { markdown } });

export const uploadInputFile = (
  consultationId: string,
  inputId: string,
  file: File,
  onProgress: (fraction: number) => void,
  opts: { public: boolean },
) => uploadFileTo<InputFile>(`${one(consultationId, inputId)}/files?public=${String(opts.public)}`, file, onProgress);

export const setInputFilePublic = (consultationId: string, inputId: string, fileId: string, isPublic: boolean) =>
  request<InputFile>(`${one(consultationId, inputId)}/files/${encodeURIComponent(fileId)}`, {
    method: 'PATCH',
    body: { public: isPublic },
  });

export const removeInputFile = (consultationId: string, inputId: string, fileId: string) =>
  request<null>(`${one(consultationId, inputId)}/files/${encodeURIComponent(fileId)}`, { method: 'DELETE' });

export const listPublishedInputs = (consultationId: string, signal?: AbortSignal) =>
  request<PublicInputList>(`/api/consultations/${encodeURIComponent(consultationId)}/published-stakeholder-inputs`, {
    signal,
    query: { limit: 100 },
  });
