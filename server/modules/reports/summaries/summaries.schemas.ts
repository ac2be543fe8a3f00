import { z } from 'zod';

/**
 * Contracts of theme summaries and the agency's answers (issue 14 story 5). Imports only zod (the
 * client imports the types).
 */
export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const ThemeParams = ConsultationParams.extend({ tagId: z.uuid().describe('The codebook tag (theme)') });

const Localized = z.object({ da: z.string(), en: z.string() });
const ItemKind = z.enum(['response', 'comment', 'finding', 'stakeholder_input']);

export const AgencyAnswer = z
  .enum(['accommodated', 'partly', 'not_accommodated'])
  .describe('Whether the remarks were met ("imødekommet"), partly, or not');
export type AgencyAnswer = z.infer<typeof AgencyAnswer>;
export const SummaryStatus = z.enum(['draft', 'ready']).describe('Ready: complete in both languages, for the report');
export type SummaryStatus = z.infer<typeof SummaryStatus>;

export const Coverage = z
  .object({
    passages: z.int().describe('Confirmed coded passages under the theme, its sub-tags included'),
    items: z.int().describe('Distinct items (responses, comments, …) those passages are in'),
    citedPassages: z.int().describe('Of those passages, how many this summary cites'),
    citedItems: z.int().describe('Of those items, how many this summary cites a passage of'),
    passagePercent: z.int().nullable().describe('citedPassages of passages in whole per cent (null: none coded)'),
    itemPercent: z.int().nullable(),
    singleVoices: z.int().describe('Passages under the theme that no summary cites yet'),
  })
  .describe("How much of a theme's coded input its summary cites");
export type Coverage = z.infer<typeof Coverage>;

export const ThemeRow = z.object({
  tagId: z.uuid(),
  parentId: z.uuid().nullable(),
  depth: z.int().describe('1 for a theme, 2 for its sub-themes, …'),
  name: Localized,
  summaryId: z.uuid().nullable(),
  status: SummaryStatus.nullable().describe('Null: no summary written yet'),
  answer: AgencyAnswer.nullable(),
  version: z.int().describe('0 until a summary is written'),
  sentenceCount: z.int(),
  coverage: Coverage,
});
export type ThemeRow = z.infer<typeof ThemeRow>;

export const ThemeSummaryList = z
  .object({
    consultationId: z.uuid(),
    themes: z.array(ThemeRow).describe('Every theme in use, depth-first, siblings in codebook order'),
  })
  .describe("A consultation's themes with their summaries' status and coverage");
export type ThemeSummaryList = z.infer<typeof ThemeSummaryList>;

export const PassageSource = z.object({
  label: z.string().describe('Who sent the item, as the inbox lists it'),
  receivedAt: z.iso.datetime().nullable(),
  excerpt: z.string().describe("The start of the item's text"),
});

export const Passage = z
  .object({
    codingId: z.uuid(),
    tagId: z.uuid(),
    tagName: Localized,
    itemKind: ItemKind,
    itemId: z.uuid(),
    field: z.string().nullable(),
    quote: z.string().nullable().describe('The coded words; null when the whole item or text is coded'),
    stance: z.enum(['for', 'against', 'neutral', 'mixed']).nullable(),
    source: PassageSource,
    cited: z.boolean().describe('Some summary of this consultation cites it'),
  })
  .describe('A coded passage under a theme');
export type Passage = z.infer<typeof Passage>;
export const PassagePage = z.object({ items: z.array(Passage), nextCursor: z.string().nullable() });
export type PassagePage = z.infer<typeof PassagePage>;

export const PassageQuery = z.object({
  q: z.string().trim().max(200).optional().describe('Words in the quote or the sender'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type PassageQuery = z.infer<typeof PassageQuery>;

export const Citation = z
  .object({
    codingId: z.uuid(),
    removed: z.boolean().describe('The coding was deleted since: the source is gone'),
    inTheme: z.boolean().describe('False when the coding has been moved to a tag outside this theme'),
    passage: Passage.omit({ cited: true }).nullable().describe('Null when removed'),
  })
  .describe('A coded passage a sentence rests on');
export type Citation = z.infer<typeof Citation>;

export const Sentence = z.object({ text: Localized, citations: z.array(Citation) });

export const ThemeSummary = z
  .object({
    consultationId: z.uuid(),
    tag: z.object({
      id: z.uuid(),
      parentId: z.uuid().nullable(),
      name: Localized,
      path: z.array(Localized).describe('The names from the top theme down to this one'),
      archived: z.boolean(),
    }),
    id: z.uuid().nullable().describe('Null until the summary is first saved'),
    status: SummaryStatus,
    answer: AgencyAnswer.nullable(),
    answerReason: Localized,
    changeMade: Localized,
    version: z.int().describe('Send it back with a change; 0 before the first save'),
    writtenBy: z.string().nullable(),
    updatedAt: z.iso.datetime().nullable(),
    sentences: z.array(Sentence),
    coverage: Coverage,
  })
  .describe("A theme's summary, the agency's answer and the change it led to");
export type ThemeSummary = z.infer<typeof ThemeSummary>;

const Text = (max: number) => z.strictObject({ da: z.string().max(max), en: z.string().max(max) });

export const SentenceInput = z
  .strictObject({
    text: Text(2000),
    codingIds: z
      .array(z.uuid())
      .max(50)
      .default([])
      .refine((ids) => new Set(ids).size === ids.length, 'A passage is cited once per sentence'),
  })
  .refine((s) => s.text.da.trim() !== '' || s.text.en.trim() !== '', {
    message: 'A sentence needs a text in Danish or English',
    path: ['text'],
  });

export const SaveSummaryBody = z.strictObject({
  version: z.int().min(0).describe('The version you edited (0 for a theme without a summary)'),
  status: SummaryStatus.default('draft'),
  answer: AgencyAnswer.nullable().default(null),
  answerReason: Text(20_000).default({ da: '', en: '' }),
  changeMade: Text(20_000).default({ da: '', en: '' }),
  sentences: z.array(SentenceInput).max(100),
});
export type SaveSummaryInput = z.infer<typeof SaveSummaryBody>;
