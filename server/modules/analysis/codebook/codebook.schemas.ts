import { z } from 'zod';
import { Note } from '../analysis.schemas.ts';

/** Codebook contracts (issue 11 story 3). Imports only zod. */
const Name = z.string().trim().min(1).max(200);
export const TagName = z.object({ da: Name, en: Name }).describe('The tag’s name in Danish and English');

export const CodebookTag = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    parentId: z.uuid().nullable(),
    name: z.object({ da: z.string(), en: z.string() }),
    definition: z.string(),
    includeNote: z.string().describe('What belongs under this tag'),
    excludeNote: z.string().describe('What does not, and where it goes instead'),
    example: z.string(),
    scenarioId: z.uuid().nullable(),
    position: z.int().describe('Place among its siblings, from 0'),
    depth: z.int().describe('Level in the tree: 1 for a theme'),
    archived: z.boolean(),
    archivedAt: z.iso.datetime().nullable(),
    mergedIntoId: z.uuid().nullable().describe('Set once the tag was merged into another (then also archived)'),
    version: z.int().describe('Send it back with a change; a stale one is refused with 409'),
    codingCount: z.int().describe('Confirmed codings with this tag itself (not its sub-tags)'),
    proposedCount: z.int().describe('Proposed codings waiting for an analyst'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A codebook tag');
export type CodebookTag = z.infer<typeof CodebookTag>;

export const Codebook = z
  .object({
    consultationId: z.uuid(),
    maxDepth: z.int(),
    tags: z.array(CodebookTag).describe('Depth-first, siblings by position: each tag follows its parent'),
  })
  .describe('A consultation’s codebook as a tree-ready flat list');
export type Codebook = z.infer<typeof Codebook>;

export const CodebookQuery = z.object({
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Include archived (and merged) tags'),
});

const Texts = {
  definition: Note.optional(),
  includeNote: Note.optional(),
  excludeNote: Note.optional(),
  example: Note.optional(),
};

export const CreateTagBody = z.object({
  parentId: z.uuid().nullable().default(null).describe('The parent tag; null for a theme'),
  name: TagName,
  ...Texts,
  scenarioId: z.uuid().nullable().default(null),
  position: z.int().min(0).max(100_000).optional().describe('Among its siblings; default: last'),
});
export type CreateTagInput = z.infer<typeof CreateTagBody>;

export const UpdateTagBody = z
  .object({ version: z.int().min(1), name: TagName.optional(), ...Texts, scenarioId: z.uuid().nullable().optional() })
  .refine((v) => Object.keys(v).length > 1, 'Nothing to change');
export type UpdateTagInput = z.infer<typeof UpdateTagBody>;

export const MoveTagBody = z.object({
  version: z.int().min(1),
  parentId: z.uuid().nullable().describe('The new parent; null to make it a theme'),
  position: z.int().min(0).max(100_000).describe('Among its new siblings (clamped to the end)'),
});
export type MoveTagInput = z.infer<typeof MoveTagBody>;

export const VersionBody = z.object({ version: z.int().min(1) });

export const MergeTagBody = z.object({
  version: z.int().min(1).describe('The version of the tag that is merged away'),
  intoTagId: z.uuid(),
});
export type MergeTagInput = z.infer<typeof MergeTagBody>;

export const MergeResult = z
  .object({
    into: CodebookTag,
    merged: CodebookTag,
    movedCodings: z.int(),
    movedTags: z.int().describe('Sub-tags of the merged tag, now under the target'),
  })
  .describe('A merge: every coding of the merged tag now carries the target');

export const CopyBody = z.object({
  fromConsultationId: z.string().min(1).max(100).describe('Consultation id or slug to copy the codebook from'),
});

const DocumentTag = z.object({
  ref: z.string().trim().min(1).max(100).describe('The tag’s key inside this document'),
  parentRef: z.string().trim().min(1).max(100).nullable(),
  name: TagName,
  definition: Note.default(''),
  includeNote: Note.default(''),
  excludeNote: Note.default(''),
  example: Note.default(''),
  scenarioKey: z.string().max(8).nullable().default(null).describe('A scenario of the consultation, by key (S1)'),
});
export type DocumentTag = z.infer<typeof DocumentTag>;

export const CodebookDocument = z
  .object({
    format: z.literal('samraad.codebook'),
    formatVersion: z.literal(1),
    source: z
      .object({ consultationId: z.uuid(), slug: z.string(), exportedAt: z.iso.datetime() })
      .optional()
      .describe('Where an exported document came from (ignored on import)'),
    tags: z.array(DocumentTag).max(5000).describe('Active tags; each names its parent by ref'),
  })
  .describe('A codebook as JSON, for export and import');
export type CodebookDocument = z.infer<typeof CodebookDocument>;

export const ImportResult = z
  .object({
    created: z.int(),
    unmatchedScenarioKeys: z
      .array(z.string())
      .describe('Scenario keys this consultation does not have: those tags were made without a scenario'),
  })
  .describe('Tags added to the codebook (after the tags already in it)');
export type ImportResult = z.infer<typeof ImportResult>;
