import { z } from 'zod';
import { IsoDateTime, Localized, LocalizedShort, LocalizedSummary } from '../../shared/schemas.ts';

export const Phase = z.enum(['draft', 'open', 'closed', 'analysis', 'concluded']);
export const ItStage = z.enum(['idea', 'analysis', 'procurement', 'completion', 'realisation']);
export const Slug = z
  .string()
  .min(3)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case letters, digits and single hyphens');
const Language = z.enum(['da', 'en']);

export const Document = z.object({
  id: z.uuid(),
  title: Localized,
  url: z.string(),
  mediaType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
});

export const ConsultationSummary = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    title: Localized,
    summary: Localized,
    phase: Phase,
    opensAt: z.iso.datetime().nullable(),
    closesAt: z.iso.datetime().nullable(),
    itStage: ItStage,
    acceptsInput: z.boolean(),
    scenarioCount: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A consultation in a list');

export const PhaseChange = z.object({
  from: Phase,
  to: Phase,
  at: z.iso.datetime(),
  by: z.string().nullable(),
});

export const Consultation = ConsultationSummary.extend({
  body: Localized,
  bodyHtml: Localized,
  languages: z.array(Language),
  version: z.number().int(),
  documents: z.array(Document),
  phaseHistory: z.array(PhaseChange),
  allowedTransitions: z.array(Phase),
  serverTime: z.iso.datetime(),
}).describe('A consultation');
export type Consultation = z.infer<typeof Consultation>;
export type ConsultationSummary = z.infer<typeof ConsultationSummary>;

export const ListQuery = z.object({
  phase: Phase.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const CreateConsultationBody = z.object({
  slug: Slug,
  title: LocalizedShort,
  summary: LocalizedSummary.default({ da: '', en: '' }),
  body: Localized.default({ da: '', en: '' }),
  languages: z.array(Language).min(1).max(2).default(['da', 'en']),
  opensAt: IsoDateTime.nullable().optional(),
  closesAt: IsoDateTime.nullable().optional(),
  itStage: ItStage.default('analysis'),
});
export type CreateConsultationInput = z.infer<typeof CreateConsultationBody>;

export const UpdateConsultationBody = z
  .object({
    version: z.number().int().min(1).describe('The version you edited; a stale one is refused with 409'),
    slug: Slug.optional(),
    title: LocalizedShort.optional(),
    summary: LocalizedSummary.optional(),
    body: Localized.optional(),
    languages: z.array(Language).min(1).max(2).optional(),
    opensAt: IsoDateTime.nullable().optional(),
    closesAt: IsoDateTime.nullable().optional(),
    itStage: ItStage.optional(),
  })
  .refine((v) => Object.keys(v).length > 1, 'Nothing to change');
export type UpdateConsultationInput = z.infer<typeof UpdateConsultationBody>;

export const TransitionBody = z.object({
  to: Phase,
  // Issue 14 story 4: "concluded" needs a recorded decision and a published report, unless the admin
  // records why (audited).
  reason: z
    .string()
    .trim()
    .min(1)
    .max(2000)
    .optional()
    .describe('Why the consultation concludes without a published hearing report (kept in the audit log)'),
});

export const DocumentsBody = z.object({
  documents: z
    .array(
      z.object({
        title: LocalizedShort,
        url: z
          .string()
          .max(2000)
          // A path must not start with // or /\: browsers read both as another host (issue 10 item 9).
          .refine((u) => /^(https?:\/\/[^\s/\\]|\/(?![/\\]))/i.test(u), 'An http(s) URL or a path on this site'),
        mediaType: z.string().max(100).nullable().optional(),
        sizeBytes: z.number().int().min(0).nullable().optional(),
      }),
    )
    .max(50),
});
export type DocumentsInput = z.infer<typeof DocumentsBody>;

export const IdOrSlugParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const IdParams = z.object({ id: z.uuid() });
