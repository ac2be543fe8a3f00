import { z } from 'zod';

/**
 * Stakeholder inputs (issue 13 story 4): meetings and written input staff record outside the
 * hearing. Imports only zod (the client may import it).
 */

const Text = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !v.includes('\u0000'), 'Text cannot contain NUL characters');

export const StakeholderInputKind = z
  .enum(['meeting', 'written_input', 'market_dialogue'])
  .describe('A meeting, a written input, or a market-dialogue meeting with possible suppliers');
export type StakeholderInputKind = z.infer<typeof StakeholderInputKind>;

export const Visibility = z
  .enum(['staff_only', 'published'])
  .describe('staff_only: analysts and admins only; published: on the public consultation page');
export type Visibility = z.infer<typeof Visibility>;

export const PartyKind = z.enum([
  'ministry',
  'agency',
  'region',
  'municipality',
  'business',
  'association',
  'ngo',
  'other',
]);
export type PartyKind = z.infer<typeof PartyKind>;

export const Party = z
  .object({ name: Text(1, 200), kind: PartyKind.nullable().default(null) })
  .describe('A party to the meeting or input: a free-text name, optionally the kind of organisation');
export type Party = z.infer<typeof Party>;

export const InputParams = z.object({
  id: z.string().min(1).max(100).describe('Consultation id or slug'),
  inputId: z.uuid(),
});
export const FileParams = InputParams.extend({ fileId: z.uuid() });

const Fields = {
  kind: StakeholderInputKind,
  title: Text(1, 300),
  heldOn: z.iso.date().describe('The day of the meeting, or the day the written input arrived'),
  parties: z.array(Party).max(50),
  scenarioIds: z
    .array(z.uuid())
    .max(50)
    .transform((v) => [...new Set(v)])
    .describe('Scenarios of this consultation the input concerns; may be empty'),
  minutes: z
    .string()
    .max(200_000)
    .refine((v) => !v.includes('\u0000'), 'Text cannot contain NUL characters')
    .describe('Markdown; rendered safely (no raw HTML)'),
  visibility: Visibility,
};

export const CreateInputBody = z.object({
  ...Fields,
  parties: Fields.parties.default([]),
  scenarioIds: Fields.scenarioIds.default([]),
  minutes: Fields.minutes.default(''),
  visibility: Visibility.default('staff_only'),
});
export type CreateInputBody = z.infer<typeof CreateInputBody>;

export const UpdateInputBody = z
  .object({
    version: z.int().min(1).describe('The version you edited (409 STALE_VERSION when it changed since)'),
    kind: Fields.kind.optional(),
    title: Fields.title.optional(),
    heldOn: Fields.heldOn.optional(),
    parties: Fields.parties.optional(),
    scenarioIds: Fields.scenarioIds.optional(),
    minutes: Fields.minutes.optional(),
    visibility: Fields.visibility.optional(),
  })
  .refine((v) => Object.keys(v).length > 1, 'Nothing to change');
export type UpdateInputBody = z.infer<typeof UpdateInputBody>;

export const InputFile = z.object({
  id: z.uuid(),
  filename: z.string(),
  mediaType: z.string(),
  sizeBytes: z.int(),
  public: z.boolean().describe('Shown on the public page when the input is published'),
  extraction: z.enum(['pending', 'done', 'failed', 'skipped']),
  url: z.string().describe('Download link'),
});
export type InputFile = z.infer<typeof InputFile>;

export const StakeholderInput = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    kind: StakeholderInputKind,
    title: z.string(),
    heldOn: z.iso.date(),
    parties: z.array(z.object({ name: z.string(), kind: PartyKind.nullable() })),
    scenarioIds: z.array(z.uuid()),
    minutes: z.string().describe('The Markdown source'),
    minutesHtml: z.string().describe('The minutes rendered and sanitised: no raw HTML, links rel="noopener"'),
    visibility: Visibility,
    version: z.int(),
    files: z.array(InputFile),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    publishedAt: z.iso.datetime().nullable(),
  })
  .describe('A meeting or written input recorded by staff');
export type StakeholderInput = z.infer<typeof StakeholderInput>;

export const InputSummary = StakeholderInput.omit({ minutes: true, minutesHtml: true }).describe(
  'A stakeholder input in a list',
);
export type InputSummary = z.infer<typeof InputSummary>;

export const InputListQuery = z.object({
  visibility: Visibility.optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type InputListQuery = z.infer<typeof InputListQuery>;

export const InputList = z.object({ items: z.array(InputSummary), nextCursor: z.string().nullable() });
export type InputList = z.infer<typeof InputList>;

export const PublicInput = StakeholderInput.omit({ minutes: true, version: true, visibility: true }).describe(
  'A published stakeholder input, as the public reads it (public files only)',
);
export type PublicInput = z.infer<typeof PublicInput>;
export const PublicInputList = z.object({ items: z.array(PublicInput), nextCursor: z.string().nullable() });
export type PublicInputList = z.infer<typeof PublicInputList>;

export const FileQuery = z.object({
  public: z.stringbool().default(true).describe('false: kept internal even when the input is published'),
});
export const UpdateFileBody = z.object({ public: z.boolean() });

export const PreviewBody = z.object({ markdown: Fields.minutes });
export const PreviewResult = z.object({ html: z.string() });
