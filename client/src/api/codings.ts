import type { z } from 'zod';
import type {
  Coding as CodingSchema,
  CreateCodingBody,
  ItemCodings as ItemCodingsSchema,
  UpdateCodingBody,
} from '../../../server/modules/analysis/codings/codings.schemas.ts';
import { request } from './http.ts';

/** Codings of an item: a tag on the whole item, one of its texts, or a passage (issue 11 story 4). */
export type Coding = z.infer<typeof CodingSchema>;
export type ItemCodings = z.infer<typeof ItemCodingsSchema>;
export type ItemCoding = ItemCodings['codings'][number];
export type CreateCodingInput = z.input<typeof CreateCodingBody>;
export type UpdateCodingInput = z.input<typeof UpdateCodingBody>;
export type StanceValue = NonNullable<Coding['stance']>;

const consultation = (id: string) => `/api/consultations/${encodeURIComponent(id)}`;
const codingPath = (consultationId: string, id: string) =>
  `${consultation(consultationId)}/codings/${encodeURIComponent(id)}`;

export const itemCodings = (consultationId: string, kind: string, itemId: string, signal?: AbortSignal) =>
  request<ItemCodings>(
    `${consultation(consultationId)}/items/${encodeURIComponent(kind)}/${encodeURIComponent(itemId)}/codings`,
    { signal },
  );

/** Codes an item, a text (`field`), or a passage (`startOffset`/`endOffset` in code points). */
export const createCoding = (consultationId: string, body: CreateCodingInput) =>
  request<Coding>(`${consultation(consultationId)}/codings`, { method: 'POST', body });

export const updateCoding = (consultationId: string, id: string, body: UpdateCodingInput) =>
  request<Coding>(codingPath(consultationId, id), { method: 'PATCH', body });

export const deleteCoding = (consultationId: string, id: string) =>
  request<unknown>(codingPath(consultationId, id), { method: 'DELETE' });
