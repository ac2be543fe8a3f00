import { z } from 'zod';
import { ActingAs, Channel, Text } from '../../responses/responses.schemas.ts';

/** The analysts' inbox (issue 11 stories 1 and 5). Imports only zod. */

export const InboxKind = z
  .enum(['response', 'comment', 'finding', 'stakeholder_input'])
  .describe('finding and stakeholder_input arrive with their issues; the inbox already lists them');
export const InboxStatus = z.enum(['new', 'in_progress', 'analysed']);

/** A query parameter that may be repeated: `?kind=response&kind=comment`. */
const many = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .union([item, z.array(item).max(max)])
    .transform((v) => (Array.isArray(v) ? v : [v]) as z.infer<T>[])
    .describe('Repeat to choose several');

export const InboxQuery = z
  .object({
    q: Text(500)
      .transform((v) => v.trim())
      .optional()
      .describe('Full-text search over everything staff may read, files too (Danish and English, web-search syntax)'),
    kind: many(InboxKind, 4).optional(),
    actingAs: many(ActingAs, 5).optional(),
    channel: many(Channel, 3).optional().describe('How a response arrived: the web form, a letter, an e-mail'),
    invited: z.stringbool().optional(),
    scenario: z.uuid().optional().describe('Items about this scenario (a comment on it, a response that rates it)'),
    status: many(InboxStatus, 3).optional(),
    assignee: z
      .union([z.uuid(), z.literal('none'), z.literal('me')])
      .optional()
      .describe('A user id, `me`, or `none` for unassigned items'),
    hasAttachments: z.stringbool().optional(),
    verified: z
      .enum(['none', 'any', 'low', 'substantial', 'high'])
      .optional()
      .describe('Verified with MitID: none, any, or at least this NSIS level (issue 15)'),
    tag: z.uuid().optional().describe('Coded with this tag or one of its sub-tags'),
    untagged: z.stringbool().optional().describe('true: with no coding yet; false: coded'),
    stance: z.enum(['for', 'against', 'neutral', 'mixed']).optional().describe('Coded with this stance'),
    needsReview: z.stringbool().optional().describe('Changed by its author after an analyst worked on it'),
    includeDeleted: z
      .stringbool()
      .optional()
      .describe(
        'Also list input taken back: withdrawn responses, deleted comments, findings and stakeholder inputs ' +
          '(left out of the default view and of every count of it)',
      ),
    campaign: z.uuid().optional().describe('Members of this campaign (issue 12)'),
    campaignsCollapsed: z
      .stringbool()
      .optional()
      .describe('true: a campaign shows once, as its template with its member count; its other members are left out'),
    from: z.iso.date().optional().describe('Received on or after this day (Danish time)'),
    to: z.iso.date().optional().describe('Received on or before this day (Danish time)'),
    sort: z.enum(['newest', 'oldest', 'relevance']).default('newest').describe('relevance (best match first) needs q'),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'from is after to', path: ['from'] })
  .refine((v) => v.sort !== 'relevance' || !!v.q, {
    message: 'Sorting by relevance needs a search (q)',
    path: ['sort'],
  });
export type InboxQuery = z.infer<typeof InboxQuery>;

export const InboxItem = z
  .object({
    kind: InboxKind,
    id: z.uuid(),
    consultationId: z.uuid(),
    version: z.number().int().describe('The version of the source this row was made from'),
    receivedAt: z.iso.datetime(),
    author: z.string().describe("The respondent's or commenter's name (staff only)"),
    actingAs: ActingAs.nullable(),
    invited: z.boolean().nullable(),
    channel: Channel.nullable(),
    sourceStatus: z
      .enum([
        'submitted',
        'withdrawn',
        'visible',
        'hidden',
        'deleted',
        'open',
        'addressed',
        'wont_fix',
        'published',
        'staff_only',
      ])
      .describe(
        'The state of the input itself: a response submitted or withdrawn, a comment visible, hidden or deleted, ' +
          "a user-test finding open, addressed or won't fix, a stakeholder input published or staff only (or deleted)",
      ),
    scenarioIds: z.array(z.uuid()),
    hasAttachments: z.boolean(),
    excerpt: z.string().describe('Plain text, the start of the item'),
    highlight: z
      .string()
      .nullable()
      .describe(
        'With q: escaped text; the only markup is <mark>…</mark> around the hits. Null when only a file matched',
      ),
    status: InboxStatus,
    assigneeId: z.uuid().nullable(),
    needsReview: z.boolean(),
    campaign: z
      .object({ id: z.uuid(), memberCount: z.int(), isTemplate: z.boolean() })
      .nullable()
      .optional()
      .describe('The active campaign the item belongs to: N identical or near-identical responses'),
  })
  .describe('An input item in the analysts’ inbox');
export type InboxItem = z.infer<typeof InboxItem>;

export const InboxPage = z.object({
  items: z.array(InboxItem),
  nextCursor: z.string().nullable(),
  indexedUpTo: z.iso
    .datetime()
    .nullable()
    .describe('Input that arrived after this time may not be listed yet: the index follows within seconds'),
});
export type InboxPage = z.infer<typeof InboxPage>;

export const FacetCount = z.object({ value: z.string().nullable(), count: z.number().int() });
export const InboxFacets = z
  .object({
    total: z.number().int(),
    kind: z.array(FacetCount),
    actingAs: z.array(FacetCount),
    invited: z.array(FacetCount),
    status: z.array(FacetCount),
    assignee: z.array(FacetCount).describe('value null: unassigned'),
    hasAttachments: z.array(FacetCount),
    scenario: z.array(FacetCount),
    estimated: z
      .boolean()
      .describe('True: the view was too large to count in time, and the counts are estimated from a sample'),
  })
  .describe("Counts beside each filter: each facet counts the view's items with its own filter left out");
export type InboxFacets = z.infer<typeof InboxFacets>;

export const WorkflowBody = z
  .object({
    itemIds: z.array(z.uuid()).min(1).max(1000),
    status: InboxStatus.optional(),
    assigneeId: z.uuid().nullable().optional().describe('null unassigns'),
  })
  .refine((v) => v.status !== undefined || v.assigneeId !== undefined, {
    message: 'Give a status, an assignee or both',
    path: ['status'],
  });
export type WorkflowBody = z.infer<typeof WorkflowBody>;

export const WorkflowResult = z.object({ updated: z.array(z.uuid()) });

export const SplitBody = z
  .object({
    analystIds: z.array(z.uuid()).min(1).max(50),
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).default({}),
  })
  .describe('Split the view (the inbox query, as in the URL) evenly among these analysts');

export const ProgressRow = z.object({
  assigneeId: z.uuid().nullable(),
  items: z.number().int(),
  inProgress: z.number().int(),
  analysed: z.number().int(),
});
export const InboxProgress = z.object({
  overall: ProgressRow.omit({ assigneeId: true }),
  byAssignee: z.array(ProgressRow),
});

export const ConsultationIdParams = z.object({ id: z.uuid() });

/** A text of an item that can be read and coded: the body, a free-text answer, a file's extracted text. */
export const ItemText = z.object({
  field: z.string().describe('`body`, `answer:<questionId>` or `attachment:<attachmentId>` (as codings name it)'),
  label: z
    .object({ da: z.string(), en: z.string() })
    .nullable()
    .describe("The question's prompt, a file's name; null for the body"),
  text: z.string().describe('Plain text; coding offsets count its Unicode code points'),
  codable: z.boolean().describe('Passages can be coded (files are coded whole for now)'),
});

export const ItemChoice = z.object({
  questionId: z.uuid(),
  prompt: z.object({ da: z.string(), en: z.string() }),
  kind: z.string(),
  value: z.unknown(),
});

export const ItemFile = z.object({
  id: z.uuid(),
  filename: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  url: z.string(),
  extraction: z.enum(['pending', 'done', 'failed', 'skipped']),
});

const ItemFactText = z.object({ da: z.string(), en: z.string() });

export const InboxItemDetail = z
  .object({
    kind: InboxKind,
    id: z.uuid(),
    consultationId: z.uuid(),
    version: z.number().int(),
    receivedAt: z.iso.datetime(),
    editedAt: z.iso.datetime().nullable(),
    sourceStatus: InboxItem.shape.sourceStatus,
    author: z.object({
      name: z.string(),
      email: z.string().nullable(),
      actingAs: ActingAs.nullable(),
      organisationName: z.string().nullable(),
      cvr: z.string().nullable(),
      invited: z.boolean().nullable(),
      channel: Channel.nullable(),
    }),
    scenarioIds: z.array(z.uuid()),
    texts: z.array(ItemText),
    choices: z.array(ItemChoice).describe('Answers to the closed questions, read-only'),
    files: z.array(ItemFile),
    earlierVersions: z
      .array(
        z.object({
          version: z.number().int(),
          savedAt: z.iso.datetime(),
          texts: z.array(ItemText.pick({ field: true, label: true, text: true })),
        }),
      )
      .describe(
        'A response’s earlier versions, newest first, with their texts as they were (codings made on one say so)',
      ),
    facts: z
      .array(z.object({ label: ItemFactText, value: ItemFactText }))
      .optional()
      .describe('Further facts of the item (a finding’s severity, frequency, status, sessions); none for other kinds'),
    workflow: z
      .object({ status: InboxStatus, assigneeId: z.uuid().nullable(), needsReview: z.boolean() })
      .nullable()
      .describe('Null until the inbox index has the item (a few seconds after it arrives)'),
  })
  .describe('One input item with everything staff may read of it (issue 11 story 2)');
export type InboxItemDetail = z.infer<typeof InboxItemDetail>;

export const ItemParams = z.object({ id: z.uuid(), kind: InboxKind, itemId: z.uuid() });
