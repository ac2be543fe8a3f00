import { z } from 'zod';

/** The redaction queue's contracts (issue 12 story 2). Imports only zod (the client may import it). */
export const FindingKind = z
  .enum(['cpr', 'email', 'phone', 'own_name', 'own_email', 'manual'])
  .describe('What the scanner found, or manual for a passage marked by hand');
export const FindingStatus = z.enum(['pending', 'accepted', 'rejected']);
export const PrivacyItemKind = z.enum(['response', 'comment', 'attachment']);

export const RedactionParams = z.object({
  id: z.string().min(1).max(100).describe('Consultation id or slug'),
  findingId: z.uuid(),
});

export const RedactionQuery = z.object({
  status: FindingStatus.optional().describe('Only findings with this status (all when left out)'),
  responseId: z.uuid().optional().describe('Only the findings on this response and its files'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type RedactionQuery = z.infer<typeof RedactionQuery>;

/** A decision always carries its reason: it is audited and shown to whoever reads the queue later. */
const Reason = z.string().trim().min(1, 'Give a reason').max(500);

export const DecisionBody = z.object({
  decision: z
    .enum(['accept', 'reject'])
    .describe('accept: redacted wherever the public can see it; reject: not personal data'),
  reason: Reason,
});
export type DecisionBody = z.infer<typeof DecisionBody>;

export const ManualBody = z.object({
  itemKind: PrivacyItemKind,
  itemId: z.uuid(),
  field: z
    .string()
    .min(1)
    .max(100)
    .describe("'body' or a question's id for a response, 'text' for a comment or a file's text"),
  start: z.int().min(0).describe('Unicode code points from the start of the field’s text'),
  end: z.int().min(1),
  reason: Reason,
});
export type ManualBody = z.infer<typeof ManualBody>;

export const Finding = z.object({
  id: z.uuid(),
  itemKind: PrivacyItemKind,
  itemId: z.uuid(),
  responseId: z.uuid().nullable(),
  field: z.string(),
  kind: FindingKind,
  start: z.int(),
  end: z.int(),
  status: FindingStatus,
  reason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  context: z.object({ before: z.string(), quote: z.string(), after: z.string() }),
});
export type Finding = z.infer<typeof Finding>;

export const FindingPage = z.object({
  items: z.array(Finding),
  nextCursor: z.string().nullable(),
  counts: z.object({ pending: z.int(), accepted: z.int(), rejected: z.int() }),
});
export type FindingPage = z.infer<typeof FindingPage>;

export const ScanResult = z.object({ scanned: z.int(), findings: z.int(), busy: z.boolean() });

export const AttachmentParams = z.object({
  id: z.string().min(1).max(100).describe('Consultation id or slug'),
  attachmentId: z.uuid(),
});
export const TextVersionBody = z.object({
  publish: z.boolean().describe('true: publish the file’s redacted text in its place; false: take it back'),
});
export const TextVersionResult = z.object({ attachmentId: z.uuid(), published: z.boolean() });
