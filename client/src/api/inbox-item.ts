import type { z } from 'zod';
import type { InboxItemDetail as InboxItemDetailSchema } from '../../../server/modules/analysis/inbox/inbox.schemas.ts';
import { request } from './http.ts';

/** One input item with everything staff may read of it (issue 11 story 2). */
export type InboxItemDetail = z.infer<typeof InboxItemDetailSchema>;
export type ItemText = InboxItemDetail['texts'][number];
export type ItemKindValue = InboxItemDetail['kind'];

export const getInboxItem = (consultationId: string, kind: string, itemId: string, signal?: AbortSignal) =>
  request<InboxItemDetail>(
    `/api/consultations/${encodeURIComponent(consultationId)}/inbox/items/${encodeURIComponent(kind)}/${encodeURIComponent(itemId)}`,
    { signal },
  );
