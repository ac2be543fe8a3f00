import type { z } from 'zod';
import type {
  UsedItem as UsedItemSchema,
  UsedTheme as UsedThemeSchema,
  UsedView as UsedViewSchema,
} from '../../../server/modules/reports/used/used.schemas.ts';
import { ApiError, request } from './http.ts';

/** "How your input was used" (issue 14 story 7). */
export type UsedView = z.infer<typeof UsedViewSchema>;
export type UsedItem = z.infer<typeof UsedItemSchema>;
export type UsedTheme = z.infer<typeof UsedThemeSchema>;

/** 404 means "not published yet" (or not yours): the page shows nothing, or says so. */
const orNull = (e: unknown): null => {
  if (e instanceof ApiError && e.status === 404) return null;
  throw e;
};

/** The respondent's own response, with the edit token; null before the report is published. */
export const getUsedByToken = (token: string, signal?: AbortSignal): Promise<UsedView | null> =>
  request<UsedView>(`/api/responses/by-token/${encodeURIComponent(token)}/used`, { signal }).catch(orNull);

/** The signed-in participant's own comments in a consultation; null before the report is published. */
export const getMyUsed = (consultation: string, signal?: AbortSignal): Promise<UsedView | null> =>
  request<UsedView>(`/api/me/used?consultation=${encodeURIComponent(consultation)}`, { signal }).catch(orNull);
