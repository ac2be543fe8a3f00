import { z } from 'zod';

/** Comment contracts (issue #5 stories 2–4, DESIGN.md §2 Comment). Imports only zod. */
export const CommentStatus = z.enum(['visible', 'hidden', 'deleted']);
export type CommentStatus = z.infer<typeof CommentStatus>;
export const ParagraphId = z.string().regex(/^p-[0-9a-f]{8}(-[0-9]+)?$/, 'A paragraph id like p-1a2b3c4d');

/** Text a person writes: trimmed, no NUL (PostgreSQL text cannot hold it). Shown as plain text. */
const Body = z
  .string()
  .trim()
  .min(1)
  .max(5000)
  .refine((s) => !s.includes('\u0000'), 'Contains a NUL character');

export const Anchor = z
  .object({
    paragraphId: z.string(),
    version: z.number().int().describe('The description version the comment was written about'),
    text: z
      .object({ da: z.string().nullable(), en: z.string().nullable() })
      .describe("The paragraph's plain text at that time, per language (null where it was not in that language)"),
    outdated: z.boolean().describe('The paragraph is no longer in the current version'),
  })
  .describe('The paragraph a comment is anchored to');

export const Comment = z
  .object({
    id: z.uuid(),
    scenarioId: z.uuid(),
    parentId: z.uuid().nullable(),
    anchor: Anchor.nullable(),
    scenarioVersion: z.number().int(),
    status: CommentStatus,
    hiddenReason: z.string().nullable(),
    body: z.string().nullable().describe('Plain text; null when hidden (to the public) or deleted'),
    author: z.object({ displayName: z.string() }).nullable(),
    mine: z.boolean(),
    supportCount: z.number().int(),
    supportedByMe: z.boolean(),
    canEdit: z.boolean().describe('You wrote it, it is visible and the consultation still takes input'),
    canSupport: z.boolean(),
    createdAt: z.iso.datetime(),
    editedAt: z.iso.datetime().nullable(),
  })
  .describe('A comment as the viewer may see it');
export type Comment = z.infer<typeof Comment>;

export const Thread = Comment.extend({ replies: z.array(Comment) }).describe('A top-level comment with its replies');
export type Thread = z.infer<typeof Thread>;

export const CommentList = z
  .object({
    scenarioId: z.uuid(),
    currentVersion: z.number().int(),
    acceptsInput: z.boolean(),
    canModerate: z.boolean(),
    total: z.number().int().describe('Visible comments on the scenario, replies included'),
    paragraphCounts: z.record(z.string(), z.number().int()).describe('Visible comments per paragraph id'),
    items: z.array(Thread),
    nextCursor: z.string().nullable(),
  })
  .describe("A scenario's comment threads, oldest first");
export type CommentList = z.infer<typeof CommentList>;

export const CommentListQuery = z.object({
  paragraph: z
    .union([ParagraphId, z.literal('none')])
    .optional()
    .describe('Only threads on this paragraph, or `none` for comments on the whole scenario'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type CommentListQuery = z.infer<typeof CommentListQuery>;

export const CreateCommentBody = z
  .object({
    body: Body,
    paragraphId: ParagraphId.optional().describe('A paragraph of the current version; a reply takes its parent’s'),
    parentId: z.uuid().optional().describe('Reply to this top-level comment (one level deep)'),
  })
  .strict();
export type CreateCommentInput = z.infer<typeof CreateCommentBody>;

export const UpdateCommentBody = z.object({ body: Body }).strict();

export const ModerationBody = z
  .object({
    action: z.enum(['hide', 'restore']),
    reason: z.string().trim().min(1).max(500).optional().describe('Required to hide; shown to visitors'),
  })
  .strict()
  .refine((v) => v.action !== 'hide' || !!v.reason, {
    message: 'A reason is required to hide a comment',
    path: ['reason'],
  });
export type ModerationInput = z.infer<typeof ModerationBody>;

export const SupportState = z
  .object({ commentId: z.uuid(), supportCount: z.number().int(), supportedByMe: z.boolean() })
  .describe('Support (+1) for a comment');
export type SupportState = z.infer<typeof SupportState>;

/** One of your own comments, for your activity page (hidden ones included, with the reason). */
export const OwnComment = z.object({
  id: z.uuid(),
  consultation: z.object({ id: z.uuid(), slug: z.string(), title: z.object({ da: z.string(), en: z.string() }) }),
  scenario: z.object({ id: z.uuid(), key: z.string(), title: z.object({ da: z.string(), en: z.string() }) }),
  parentId: z.uuid().nullable(),
  paragraphId: z.string().nullable(),
  body: z.string(),
  status: z.enum(['visible', 'hidden']),
  hiddenReason: z.string().nullable(),
  supportCount: z.number().int(),
  createdAt: z.iso.datetime(),
  editedAt: z.iso.datetime().nullable(),
});
export type OwnComment = z.infer<typeof OwnComment>;

export const IdempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, '1–200 visible ASCII characters')
    .optional()
    .describe('Repeat a request with the same key to get the first result back, never a duplicate'),
});

export const CommentIdParams = z.object({ id: z.uuid() });
export const ScenarioIdParams = z.object({ id: z.uuid() });
