import { z } from 'zod';

/** Common contracts shared by modules (imports only zod, so the client may import it too). */
export const Uuid = z.uuid();
export const Localized = z.object({
  da: z.string().max(200_000),
  en: z.string().max(200_000),
});
export const LocalizedShort = z.object({
  da: z.string().trim().min(1).max(300),
  en: z.string().trim().min(1).max(300),
});
export const LocalizedSummary = z.object({ da: z.string().max(2000), en: z.string().max(2000) });
export const IsoDateTime = z.iso.datetime({ offset: true });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .describe('Error');

export const PageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const Role = z.enum(['admin', 'analyst', 'reviewer', 'participant']);
export type Role = z.infer<typeof Role>;
/** The agency's staff; reviewers (public authorities) are scoped to their consultations (issue 14). */
export const STAFF_ROLES: readonly Role[] = ['admin', 'analyst'];

/** OpenAPI `security` of a route that needs a session (its guard answers 401 without one). */
export const sessionRequired: Record<string, string[]>[] = [{ session: [] }];
/** OpenAPI `security` of a route open to visitors that does more for a signed-in user. */
export const optionalSession: Record<string, string[]>[] = [{}, { session: [] }];
