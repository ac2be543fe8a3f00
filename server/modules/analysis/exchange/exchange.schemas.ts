import { z } from 'zod';

/** Exchange contracts (issue 11 story 9). Imports only zod (the client may import it). */

export const CodingsExportQuery = z.object({
  proposed: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Also the proposed codings (suggested themes not yet confirmed); default confirmed only'),
});

export const ProjectExportQuery = z.object({
  lang: z.enum(['da', 'en']).default('da').describe('The language of the code names and the sources’ headings'),
});

export const ImportQuery = z.object({
  apply: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('false (default): a preview that changes nothing; true: import, all or nothing'),
});

/** The multipart body, for the OpenAPI document only: the handler reads the one file part itself. */
export const ImportBody = z
  .object({ file: z.string().meta({ format: 'binary' }).describe('A REFI-QDA codebook (.qdc) or project (.qdpx)') })
  .describe('multipart/form-data with one file part named `file`');

export const ImportTagRow = z.object({
  guid: z.string().describe('The code’s GUID in the file'),
  path: z.array(z.string()).describe('The code’s name and its parents’ names, from the top'),
  action: z
    .enum(['created', 'matched_guid', 'matched_name', 'skipped'])
    .describe('matched_guid: a tag with this id; matched_name: a tag with this name under the same parent'),
  tagId: z.uuid().nullable().describe('The tag it is or becomes (null in a preview of a new tag, or skipped)'),
  reason: z
    .enum(['archived', 'parent_skipped', 'no_name', 'too_deep', 'name_shortened'])
    .nullable()
    .describe('Why a code is skipped, or what to know about a match'),
});
export type ImportTagRow = z.infer<typeof ImportTagRow>;

export const ImportCodingProblem = z.object({
  source: z.string().describe('The source’s name in the file'),
  sourceGuid: z.string(),
  selectionGuid: z.string(),
  reason: z
    .enum([
      'unknown_source',
      'no_source_text',
      'text_changed',
      'out_of_range',
      'crosses_fields',
      'empty',
      'attachment_part',
      'code_skipped',
      'archived_tag',
    ])
    .describe(
      'unknown_source: not an item of this consultation; text_changed: the words at the selection are no longer the item’s; ' +
        'crosses_fields: the selection spans two texts or a heading; attachment_part: files are coded whole',
    ),
});
export type ImportCodingProblem = z.infer<typeof ImportCodingProblem>;

export const ImportReport = z
  .object({
    applied: z.boolean().describe('false for a preview: nothing was changed'),
    format: z.enum(['qdc', 'qdpx']),
    tags: z.object({
      created: z.int(),
      matched: z.int(),
      skipped: z.int(),
      rows: z.array(ImportTagRow),
    }),
    codings: z.object({
      created: z.int(),
      present: z.int().describe('Codings the consultation already has (same item, tag and words): not duplicated'),
      problems: z.int(),
      rows: z.array(ImportCodingProblem).describe('The first 500 problems'),
    }),
  })
  .describe('What an import creates and matches (a preview), or did (applied)');
export type ImportReport = z.infer<typeof ImportReport>;

const Path = z.object({ da: z.array(z.string()), en: z.array(z.string()) });
export const ExportedCoding = z.object({
  itemKind: z.string(),
  itemId: z.uuid(),
  itemVersion: z.int().nullable(),
  field: z.string().nullable().describe('null: the whole item'),
  start: z.int().nullable().describe('Unicode code points into the field’s text; null: the whole field'),
  end: z.int().nullable(),
  quote: z.string().nullable(),
  tagId: z.uuid(),
  tagPath: Path.describe('The tag’s name and its parents’ names, from the top'),
  stance: z.string().nullable(),
  note: z.string(),
  status: z.enum(['confirmed', 'proposed']),
  coder: z.string().describe('The coder’s display name'),
  createdAt: z.iso.datetime(),
});
export const CodingsDocument = z
  .object({
    format: z.literal('samraad.codings'),
    formatVersion: z.literal(1),
    consultation: z.object({ id: z.uuid(), slug: z.string() }),
    exportedAt: z.iso.datetime(),
    offsets: z.string(),
    codings: z.array(ExportedCoding),
  })
  .describe('Every coding of a consultation, one entry per coding');
