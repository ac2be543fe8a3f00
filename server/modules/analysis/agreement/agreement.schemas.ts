import { z } from 'zod';
import { InboxStatus } from '../inbox/inbox.schemas.ts';

/** Coder agreement contracts (issue 11 story 7). Imports only zod (the client may import it). */

export const SampleParams = z.object({
  id: z.string().min(1).max(100).describe('Consultation id or slug'),
  sampleId: z.uuid(),
});

export const SampleItemParams = z.object({
  id: z.string().min(1).max(100).describe('Consultation id or slug'),
  kind: z.enum(['response', 'comment', 'finding', 'stakeholder_input']),
  itemId: z.uuid(),
});

/** The inbox's filters a sample may be drawn from (they mean what they mean in the inbox). */
export const SampleFilters = z
  .object({
    kind: z
      .array(z.enum(['response', 'comment']))
      .min(1)
      .max(2)
      .optional()
      .describe('Only items that can be coded'),
    scenario: z.uuid().optional().describe('Items about this scenario'),
    tag: z.uuid().optional().describe('Coded with this tag or one of its sub-tags'),
    status: z.array(InboxStatus).min(1).max(3).optional(),
  })
  .strict()
  .describe('The inbox filters the items are drawn from (none: every codable item)');
export type SampleFilters = z.infer<typeof SampleFilters>;

export const CreateSampleBody = z
  .object({
    seed: z
      .union([z.int().min(-2_147_483_648).max(2_147_483_647), z.string().trim().min(1).max(100)])
      .transform((v) => String(v))
      .describe('Any integer or text: the same seed, filters and items give the same sample'),
    size: z.int().min(1).max(5000).describe('How many items to draw (fewer when fewer match)'),
    filters: SampleFilters.default({}),
    coderIds: z
      .array(z.uuid())
      .min(2)
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, 'A coder is named twice')
      .describe('Two or more active analysts or admins'),
  })
  .strict();
export type CreateSampleInput = z.infer<typeof CreateSampleBody>;

export const SampleCoder = z.object({
  id: z.uuid(),
  name: z.string().describe('The coder’s name when the sample was drawn'),
  done: z.int().describe('Sample items this coder has coded (at least one confirmed coding)'),
});

export const AgreementSample = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    number: z.int().describe('Sample 1, 2, … within the consultation'),
    seed: z.string(),
    size: z.int().describe('The size asked for'),
    items: z.int().describe('The items drawn (fewer than size when fewer matched)'),
    filters: SampleFilters,
    status: z.enum(['open', 'closed']).describe('Open: its coders code blind'),
    coders: z.array(SampleCoder),
    createdAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
  })
  .describe('A random sample of input for coder agreement');
export type AgreementSample = z.infer<typeof AgreementSample>;

export const SampleList = z.object({ items: z.array(AgreementSample) }).describe('Newest first');

export const SampleItem = z.object({
  position: z.int(),
  kind: z.enum(['response', 'comment']),
  id: z.uuid(),
  excerpt: z.string(),
  codedBy: z.array(z.uuid()).describe('The coders who have coded it'),
});
export const SampleDetail = AgreementSample.extend({ sampleItems: z.array(SampleItem) });
export type SampleDetail = z.infer<typeof SampleDetail>;

const Reading = z
  .enum(['reliable', 'tentative', 'unreliable', 'undetermined'])
  .describe('α ≥ 0.800 reliable, ≥ 0.667 tentative, below unreliable; undetermined when α is undefined');

export const AgreementFigures = z.object({
  units: z.int().describe('Pairable units: item × tag pairs (per tag: items) coded by at least two coders'),
  percentAgreement: z.number().nullable().describe('0 to 1'),
  kappa: z.number().nullable().describe('Cohen’s κ, only with exactly two coders'),
  alpha: z.number().nullable().describe('Krippendorff’s α, nominal'),
  reading: Reading,
});

export const Disagreement = z.object({
  itemKind: z.enum(['response', 'comment']),
  itemId: z.uuid(),
  excerpt: z.string(),
  tagId: z.uuid(),
  applied: z.array(z.object({ coderId: z.uuid(), quotes: z.array(z.string()) })),
  notApplied: z.array(z.uuid()).describe('Coders who coded the item without this tag'),
});

export const AgreementResults = z
  .object({
    sampleId: z.uuid(),
    coders: z.array(SampleCoder),
    overall: AgreementFigures,
    tags: z.array(
      AgreementFigures.extend({
        tagId: z.uuid(),
        name: z.object({ da: z.string(), en: z.string() }),
        disagreements: z.int(),
      }),
    ),
    disagreements: z.array(Disagreement).describe('Item by item, in sample order'),
  })
  .describe('Agreement per tag and overall; unit of analysis: the presence of a tag on an item');
export type AgreementResults = z.infer<typeof AgreementResults>;

export const ItemSamples = z
  .object({
    samples: z.array(
      z.object({
        id: z.uuid(),
        number: z.int(),
        status: z.enum(['open', 'closed']),
        blind: z.boolean().describe('You code this item blind: others’ codings on it are hidden from you'),
      }),
    ),
  })
  .describe('The agreement samples an item is in');
export type ItemSamples = z.infer<typeof ItemSamples>;
