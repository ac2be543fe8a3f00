import { z } from 'zod';
import { page } from '../../../shared/schemas.ts';
import { ItemKind } from '../analysis.schemas.ts';
import { TagName } from '../codebook/codebook.schemas.ts';

/** Suggested-theme contracts (issue 11 story 8). Imports only zod (the client may import it). */
export const RunParams = z.object({
  id: z.string().min(1).max(100).describe('Consultation id or slug'),
  runId: z.uuid(),
});
export const CandidateParams = RunParams.extend({ candidateId: z.uuid() });

export const RunPhase = z
  .enum(['queued', 'reading', 'vectorising', 'choosing_k', 'clustering', 'describing', 'saving', 'done', 'failed'])
  .describe('What the run is doing now');

const SourceKind = z.enum(['response', 'comment']);

export const StartRunBody = z.object({
  seed: z
    .int()
    .min(0)
    .max(2_147_483_647)
    .default(1)
    .describe('The same seed on the same input gives the same candidates'),
  kinds: z.array(SourceKind).min(1).max(2).optional().describe('Only these kinds of input (default: all)'),
  scenarioId: z.uuid().optional().describe('Only input on this scenario'),
  k: z.int().min(2).max(100).optional().describe('How many clusters; chosen by silhouette (5–40) when absent'),
});
export type StartRunInput = z.infer<typeof StartRunBody>;

export const ThemeRun = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    phase: RunPhase,
    progress: z.int().min(0).max(100).describe('Per cent done'),
    seed: z.int(),
    k: z.int().nullable().describe('The k asked for; null: chosen by silhouette'),
    kinds: z.array(SourceKind).nullable(),
    scenarioId: z.uuid().nullable(),
    itemCount: z.int().nullable().describe('Items read'),
    unclusteredCount: z.int().nullable().describe('Items with no content word left (only stop words)'),
    chosenK: z.int().nullable(),
    vocabulary: z.int().nullable().describe('Terms the vectors were made of'),
    error: z.string().nullable(),
    requestedBy: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .describe('A run of the theme pipeline over a consultation’s input');
export type ThemeRun = z.infer<typeof ThemeRun>;

export const ThemeRunList = z.object({ items: z.array(ThemeRun).describe('The latest 50 runs, newest first') });
export type ThemeRunList = z.infer<typeof ThemeRunList>;

export const ThemeCandidate = z
  .object({
    id: z.uuid(),
    runId: z.uuid(),
    position: z.int(),
    kind: z
      .enum(['theme', 'small', 'unmatched'])
      .describe('A theme; a small cluster; or the items that share no term with any other'),
    singleVoice: z.boolean().describe('A small cluster or unmatched items: kept, not dropped'),
    memberCount: z.int(),
    terms: z.array(z.object({ term: z.string(), weight: z.number() })).describe('Top terms (c-TF-IDF), as written'),
    quotes: z
      .array(
        z.object({
          itemKind: ItemKind,
          itemId: z.uuid(),
          quote: z.string(),
          similarity: z.number().describe('Cosine similarity to the cluster’s centre'),
        }),
      )
      .describe('The most central items, a sentence of each'),
    status: z.enum(['open', 'accepted', 'dismissed']),
    tagId: z.uuid().nullable().describe('The tag it became, once accepted'),
    proposedCount: z.int().describe('Codings proposed for its members when accepted'),
    decidedBy: z.uuid().nullable(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .describe('A candidate theme for an analyst to name and accept, or dismiss');
export type ThemeCandidate = z.infer<typeof ThemeCandidate>;

export const ThemeRunDetail = z.object({ run: ThemeRun, candidates: z.array(ThemeCandidate) });
export type ThemeRunDetail = z.infer<typeof ThemeRunDetail>;

export const AcceptBody = z.object({
  name: TagName,
  parentId: z.uuid().nullable().default(null).describe('Under this tag; null: a new theme'),
  proposeCodings: z
    .boolean()
    .default(false)
    .describe('Propose a coding of every member with the new tag, for an analyst to confirm'),
});
export type AcceptInput = z.infer<typeof AcceptBody>;

export const ProposedQuery = z.object({
  tagId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ProposedQuery = z.infer<typeof ProposedQuery>;

export const ProposedCoding = z
  .object({
    id: z.uuid(),
    tagId: z.uuid(),
    itemKind: ItemKind,
    itemId: z.uuid(),
    excerpt: z.string().describe('The start of the item’s text'),
    author: z.string(),
    proposedBy: z.uuid(),
    createdAt: z.iso.datetime(),
  })
  .describe('A coding proposed from a suggested theme, waiting for an analyst');
export type ProposedCoding = z.infer<typeof ProposedCoding>;
export const ProposedPage = page(ProposedCoding);

export const DecideBody = z
  .object({
    codingIds: z.array(z.uuid()).min(1).max(500).optional().describe('These proposed codings'),
    tagId: z.uuid().optional().describe('Every proposed coding with this tag'),
  })
  .refine((v) => (v.codingIds === undefined) !== (v.tagId === undefined), 'Give codingIds or tagId, not both');
export type DecideInput = z.infer<typeof DecideBody>;
export const DecideResult = z.object({ codingIds: z.array(z.uuid()).describe('The codings confirmed or rejected') });
export type DecideResult = z.infer<typeof DecideResult>;
