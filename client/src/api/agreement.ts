import type { z } from 'zod';
import type {
  AgreementResults as AgreementResultsSchema,
  CreateSampleBody,
  ItemSamples as ItemSamplesSchema,
  SampleDetail as SampleDetailSchema,
  SampleList as SampleListSchema,
} from '../../../server/modules/analysis/agreement/agreement.schemas.ts';
import { request } from './http.ts';

/** Coder agreement (issue 11 story 7): samples, their results, and whether an item is coded blind. */
export type SampleList = z.infer<typeof SampleListSchema>;
export type AgreementSample = SampleList['items'][number];
export type SampleDetail = z.infer<typeof SampleDetailSchema>;
export type AgreementResults = z.infer<typeof AgreementResultsSchema>;
export type ItemSamples = z.infer<typeof ItemSamplesSchema>;
export type CreateSampleInput = z.input<typeof CreateSampleBody>;

const samples = (consultationId: string) =>
  `/api/consultations/${encodeURIComponent(consultationId)}/agreement-samples`;
const sample = (consultationId: string, id: string) => `${samples(consultationId)}/${encodeURIComponent(id)}`;

export const listSamples = (consultationId: string, signal?: AbortSignal) =>
  request<SampleList>(samples(consultationId), { signal });

export const drawSample = (consultationId: string, body: CreateSampleInput) =>
  request<SampleDetail>(samples(consultationId), { method: 'POST', body });

export const getSample = (consultationId: string, id: string, signal?: AbortSignal) =>
  request<SampleDetail>(sample(consultationId, id), { signal });

export const closeSample = (consultationId: string, id: string) =>
  request<SampleDetail>(`${sample(consultationId, id)}/close`, { method: 'POST' });

export const sampleResults = (consultationId: string, id: string, signal?: AbortSignal) =>
  request<AgreementResults>(`${sample(consultationId, id)}/results`, { signal });

export const itemSamples = (consultationId: string, kind: string, itemId: string, signal?: AbortSignal) =>
  request<ItemSamples>(
    `/api/consultations/${encodeURIComponent(consultationId)}/items/${encodeURIComponent(kind)}/${encodeURIComponent(itemId)}/agreement-samples`,
    { signal },
  );
