import { z } from 'zod';
import { Localized, LocalizedShort, LocalizedSummary } from '../../shared/schemas.ts';

export const ScenarioStatus = z.enum(['candidate', 'shortlisted', 'eliminated', 'selected']);
export const ScenarioKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,7}$/, 'Like S1: a capital letter, then up to 7 capitals or digits');

export const Paragraph = z.object({ id: z.string(), html: z.string(), text: z.string() });
export const Paragraphs = z.object({ da: z.array(Paragraph), en: z.array(Paragraph) });

export const StatusChange = z.object({
  from: ScenarioStatus.nullable(),
  to: ScenarioStatus,
  round: z.number().int(),
  note: z.string().nullable(),
  at: z.iso.datetime(),
});

export const ScenarioSummary = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    key: z.string(),
    title: Localized,
    summary: Localized,
    position: z.number().int(),
    status: ScenarioStatus,
    statusRound: z.number().int(),
    version: z.number().int(),
  })
  .describe('A scenario in a list');

export const Scenario = ScenarioSummary.extend({
  consultationSlug: z.string(),
  consultationTitle: Localized,
  consultationPhase: z.enum(['draft', 'open', 'closed', 'analysis', 'concluded']),
  description: Localized,
  paragraphs: Paragraphs,
  statusHistory: z.array(StatusChange),
  allowedStatusChanges: z.array(ScenarioStatus),
  updatedAt: z.iso.datetime(),
}).describe('A scenario with its description split into addressable paragraphs');
export type Scenario = z.infer<typeof Scenario>;
export type ScenarioSummary = z.infer<typeof ScenarioSummary>;

export const ScenarioVersion = z
  .object({
    scenarioId: z.uuid(),
    version: z.number().int(),
    description: Localized,
    paragraphs: Paragraphs,
    createdAt: z.iso.datetime(),
  })
  .describe('One stored version of a description');

export const CreateScenarioBody = z.object({
  key: ScenarioKey,
  title: LocalizedShort,
  summary: LocalizedSummary.default({ da: '', en: '' }),
  description: Localized.default({ da: '', en: '' }),
});
export type CreateScenarioInput = z.infer<typeof CreateScenarioBody>;

export const UpdateScenarioBody = z
  .object({
    key: ScenarioKey.optional(),
    title: LocalizedShort.optional(),
    summary: LocalizedSummary.optional(),
    description: Localized.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateScenarioInput = z.infer<typeof UpdateScenarioBody>;

export const StatusBody = z.object({
  status: ScenarioStatus,
  round: z.number().int().min(1).max(100),
  note: z.string().trim().max(2000).optional(),
});
export type StatusInput = z.infer<typeof StatusBody>;

export const OrderBody = z.object({ scenarioIds: z.array(z.uuid()).min(1).max(100) });

export const ScenarioIdParams = z.object({ id: z.uuid() });
export const VersionParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });
export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
