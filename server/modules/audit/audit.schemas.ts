import { z } from 'zod';
import { IsoDateTime, Localized } from '../../shared/schemas.ts';

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
    itemName: Localized.nullable().describe('The title of the consultation or scenario the event is about, if any'),
    consultationTitle: Localized.nullable().describe('The title of the consultation the event belongs to, if any'),
  })
  .describe('An audit event');
export type AuditEvent = z.infer<typeof AuditEvent>;

const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\u0000\uD800-\uDFFF]/u.test(v), 'Text cannot contain NUL or lone surrogate characters');

/** A real calendar date and time (JavaScript would roll 2026-02-30 over to March). */
const When = IsoDateTime.refine((v) => {
  const [y, m, d] = v.slice(0, 10).split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  return y >= 2000 && y <= 9999 && day.getUTCMonth() === m - 1 && day.getUTCDate() === d;
}, 'Not a date in the calendar');

export const AuditQuery = z
  .object({
    consultationId: z.uuid().optional(),
    itemType: z
      .string()
      .regex(/^[a-z_]{1,50}$/, 'An item type such as consultation or scenario')
      .optional(),
    itemId: Text(100).optional(),
    action: z
      .string()
      .regex(/^[a-z_]+(\.[a-z_]+)?$/, 'An action such as consultation.transition')
      .max(80)
      .optional(),
    actorId: z.uuid().optional().describe('Only events by this account'),
    actor: Text(200).optional().describe('Only events whose actor label contains this text'),
    q: Text(200).optional().describe('Free text: the actor, the action or the details contain it'),
    from: When.optional().describe('Only events at or after this time'),
    to: When.optional().describe('Only events before this time'),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((v) => !v.from || !v.to || Date.parse(v.from) <= Date.parse(v.to), {
    message: 'from must not be after to',
    path: ['from'],
  });
export type AuditQuery = z.infer<typeof AuditQuery>;
