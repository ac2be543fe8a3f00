import { z } from 'zod';

export const AuditEvent = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid().nullable(),
    occurredAt: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorLabel: z.string().nullable(),
    actorKind: z
      .enum(['account', 'respondent', 'system'])
      .describe('Who acted: an account (actorId), a respondent through their edit link (itemId), or the system'),
    action: z.string(),
    itemType: z.string(),
    itemId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .describe('An audit event');
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditQuery = z.object({
  consultationId: z.uuid().optional(),
  itemType: z.string().max(50).optional(),
  itemId: z.string().max(100).optional(),
  action: z.string().max(80).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
