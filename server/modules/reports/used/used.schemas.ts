import { z } from 'zod';

/**
 * "How your input was used" (issue 14 story 7): what a respondent or participant sees of their own
 * input once the høringsnotat is published. Imports only zod (the client may import it).
 */
const Localized = z.object({ da: z.string(), en: z.string() });

export const UsedTokenParams = z.object({
  token: z.string().min(1).max(200).describe('The edit token from the receipt’s private link'),
});

export const UsedQuery = z.object({
  consultation: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9-]+$/, 'A consultation id or slug')
    .describe('The consultation (id or slug)'),
});

export const UsedTheme = z
  .object({
    tagId: z.uuid(),
    name: Localized.describe('The codebook theme'),
    inReport: z.boolean().describe('Whether the report has a section on this theme'),
    cited: z.boolean().describe('Whether a sentence of the theme’s summary rests on this input'),
    quotes: z
      .array(z.object({ text: z.string().describe('As quoted in the report, with its public redactions') }))
      .describe('Where this input is quoted in the theme’s section of the report'),
    answer: z.enum(['accommodated', 'partly', 'not_accommodated']).nullable().describe('The agency’s answer'),
    answerReason: Localized,
    changeMade: Localized,
  })
  .describe('A theme the input was coded with (confirmed codings only) or is quoted under');
export type UsedTheme = z.infer<typeof UsedTheme>;

export const UsedItem = z.object({
  kind: z.enum(['response', 'comment']),
  id: z.uuid(),
  label: z.string().describe('The response’s receipt code, or the comment’s scenario and opening words'),
  themes: z.array(UsedTheme).describe('The item’s own coding (for a campaign member: what it added)'),
  campaign: z
    .object({
      memberCount: z.int(),
      themes: z.array(UsedTheme).describe('The themes the campaign’s shared text was coded with, and the answers'),
    })
    .nullable()
    .describe('The campaign (near-identical responses) the item belongs to, if any'),
});
export type UsedItem = z.infer<typeof UsedItem>;

export const UsedView = z.object({
  consultation: z.object({ id: z.uuid(), slug: z.string(), title: Localized }),
  report: z.object({ number: z.int(), publishedAt: z.iso.datetime() }),
  items: z.array(UsedItem),
});
export type UsedView = z.infer<typeof UsedView>;
