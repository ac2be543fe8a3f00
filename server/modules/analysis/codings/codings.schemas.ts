import { z } from 'zod';
import { page } from '../../../shared/schemas.ts';
import { CodingStatus, ConsultationParams, ItemKind, Note, Stance } from '../analysis.schemas.ts';

/** Coding contracts (issue 11 story 4). Imports only zod. */
const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
export const Field = z
  .string()
  .regex(
    new RegExp(`^(body|answer:${UUID}|attachment:${UUID}|[a-z][a-z_]{0,39})$`),
    'body, answer:<questionId>, attachment:<id>, or a text the item names (a finding’s task, observation or recommendation; a stakeholder input’s minutes)',
  )
  .transform((v) => v.toLowerCase())
  .describe(
    'Which text of the item: `body` (a response’s or a comment’s text), `answer:<questionId>` or ' +
      '`attachment:<attachmentId>` of a response; `task`, `observation` or `recommendation` of a finding',
  );

const Offset = z.int().min(0).max(10_000_000);

export const Coding = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    tagId: z.uuid(),
    itemKind: ItemKind,
    itemId: z.uuid(),
    field: z.string().nullable().describe('Null: the whole item'),
    itemVersion: z.int().nullable().describe('The response version the coding was made on'),
    startOffset: z.int().nullable().describe('Unicode code points from the start of the field’s text'),
    endOffset: z.int().nullable().describe('Exclusive; both offsets null: the whole field or item'),
    quote: z.string().nullable().describe('The coded words, copied when the coding was made'),
    stance: Stance.nullable(),
    note: z.string(),
    status: CodingStatus,
    coderId: z.uuid(),
    coderName: z.string().describe('The coder’s display name (staff see who coded what)'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A tag on an item, one of its texts, or a passage of that text');
export type Coding = z.infer<typeof Coding>;

export const CreateCodingBody = z
  .object({
    tagId: z.uuid(),
    itemKind: z
      .enum(['response', 'comment', 'finding', 'stakeholder_input'])
      .describe('A finding is coded on its task, observation or recommendation; a stakeholder input on its minutes'),
    itemId: z.uuid(),
    field: Field.nullable().default(null),
    startOffset: Offset.optional(),
    endOffset: Offset.optional(),
    stance: Stance.nullable().default(null),
    note: Note.default(''),
  })
  .refine((v) => (v.startOffset === undefined) === (v.endOffset === undefined), {
    message: 'Give both offsets or neither',
    path: ['endOffset'],
  })
  .refine((v) => v.startOffset === undefined || v.field !== null, {
    message: 'A passage lies in a field',
    path: ['field'],
  })
  .refine((v) => v.startOffset === undefined || v.startOffset < v.endOffset!, {
    message: 'The passage must end after it starts',
    path: ['endOffset'],
  });
export type CreateCodingInput = z.infer<typeof CreateCodingBody>;

export const UpdateCodingBody = z
  .object({ tagId: z.uuid().optional(), stance: Stance.nullable().optional(), note: Note.optional() })
  .refine((v) => Object.keys(v).length > 0, 'Nothing to change');
export type UpdateCodingInput = z.infer<typeof UpdateCodingBody>;

export const CodingListQuery = z.object({
  tagId: z.uuid().optional(),
  itemKind: ItemKind.optional(),
  itemId: z.uuid().optional(),
  coderId: z.uuid().optional(),
  status: CodingStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CodingListQuery = z.infer<typeof CodingListQuery>;

export const CodingPage = page(Coding).describe('Codings, newest first');

/** A coding, named under its consultation (every statement then knows the consultation: Citus). */
export const CodingParams = ConsultationParams.extend({ codingId: z.uuid() });

export const ItemParams = z.object({
  id: z.string().min(1).max(100).describe('Consultation id or slug'),
  kind: ItemKind,
  itemId: z.uuid(),
});

export const ItemCodings = z
  .object({
    itemKind: ItemKind,
    itemId: z.uuid(),
    currentVersion: z.int().nullable().describe('The item’s version now (responses)'),
    codings: z.array(
      Coding.extend({
        outdated: z.boolean().describe('Made on an earlier version of the response: to be reviewed again'),
      }),
    ),
  })
  .describe('Every coding of one item, oldest first');
export type ItemCodings = z.infer<typeof ItemCodings>;
