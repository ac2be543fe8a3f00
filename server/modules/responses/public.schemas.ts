import { z } from 'zod';
import { Question } from '../questions/questions.schemas.ts';
import { ActingAs, AnswerView, AttachmentView, Channel, Text } from './responses.schemas.ts';

/** The public view of published responses (issue 4, story 6). Imports only zod. */
export const Highlight = z
  .object({
    source: z.enum(['response', 'attachment']),
    attachmentId: z.uuid().nullable(),
    html: z.string().describe('Escaped text; the only markup is <mark>…</mark> around the hits'),
  })
  .describe('Where the search matched');

export const PublicResponse = z
  .object({
    id: z.uuid(),
    submittedAt: z.iso.datetime(),
    editedAt: z.iso.datetime().nullable(),
    channel: Channel,
    actingAs: ActingAs,
    name: z.string().nullable().describe('Null when the respondent chose to be anonymous'),
    organisationName: z.string().nullable(),
    cvr: z.string().nullable(),
    invited: z.boolean(),
    body: z.string().describe('Plain text: render as text, never as HTML'),
    answers: z.array(AnswerView),
    attachments: z.array(AttachmentView),
    highlight: Highlight.nullable(),
    mitidVerified: z
      .enum(['low', 'substantial', 'high'])
      .nullable()
      .describe('Verified with MitID at this NSIS level (issue 15); shown only for a named publication, else null'),
  })
  .describe('A published hearing response');
export type PublicResponse = z.infer<typeof PublicResponse>;

const ActingAsFilter = z
  .union([ActingAs, z.array(ActingAs).max(5)])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .describe('Repeat to filter on several stakeholder types');

export const PublicQuery = z
  .object({
    q: Text(500)
      .transform((v) => v.trim())
      .optional()
      .describe('Full-text search, Danish and English (web-search syntax: "phrase", -word, or)'),
    actingAs: ActingAsFilter.optional(),
    invited: z.stringbool().optional(),
    scenario: z.uuid().optional().describe('Only responses that rate this scenario'),
    from: z.iso.date().optional().describe('Submitted on or after this day (Danish time)'),
    to: z.iso.date().optional().describe('Submitted on or before this day (Danish time)'),
    sort: z.enum(['newest', 'oldest', 'relevance']).default('newest').describe('relevance (best match first) needs q'),
    cursor: z.string().max(300).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'from is after to', path: ['from'] })
  .refine((v) => v.sort !== 'relevance' || !!v.q, {
    message: 'Sorting by relevance needs a search (q)',
    path: ['sort'],
  });
export type PublicQuery = z.infer<typeof PublicQuery>;

export const ExportQuery = z.object({
  lang: z.enum(['da', 'en']).default('da').describe('Language of the column headings and option labels'),
  delimiter: z.enum(['comma', 'semicolon']).default('comma').describe('semicolon suits a spreadsheet set to Danish'),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

/** The open-data JSON export, one document (streamed): what `responses.json` returns. */
export const OpenDataExport = z
  .object({
    consultation: z.object({
      id: z.uuid(),
      slug: z.string(),
      title: z.object({ da: z.string(), en: z.string() }),
      closesAt: z.iso.datetime().nullable(),
    }),
    generatedAt: z.iso.datetime(),
    questions: z.array(Question),
    responses: z.array(PublicResponse.omit({ highlight: true })),
  })
  .describe('Open data: the published responses of a consultation');
