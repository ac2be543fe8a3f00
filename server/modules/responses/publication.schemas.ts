import { z } from 'zod';
import {
  AnswerView,
  AttachmentView,
  Consent,
  PublicationStatus,
  RespondentView,
  ResponseHead,
  Text,
} from './responses.schemas.ts';

/** Staff contracts: the publication queue, the decision, the invited flag. Imports only zod. */
export const StaffResponse = ResponseHead.extend({
  late: z.boolean().describe('Arrived after the closing time (only letters can)'),
  respondent: RespondentView,
  invited: z.boolean(),
  consent: Consent,
  publicationStatus: PublicationStatus,
  publicationReason: z.string().nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  reviewedBy: z.string().nullable(),
  body: z.string(),
  answers: z.array(AnswerView),
  attachments: z.array(AttachmentView),
}).describe('A response as staff see it');
export type StaffResponse = z.infer<typeof StaffResponse>;

export const QueueQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type QueueQuery = z.infer<typeof QueueQuery>;

export const PublicationBody = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: Text(2000)
      .transform((v) => v.trim())
      .optional(),
  })
  .refine((v) => v.decision !== 'reject' || (v.reason ?? '') !== '', {
    message: 'Give a reason for a rejection',
    path: ['reason'],
  });
export type PublicationInput = z.infer<typeof PublicationBody>;
