import { z } from 'zod';

/** Campaign contracts (issue 12 story 1). Imports only zod (the client may import it). */
export const CampaignParams = z.object({
  id: z.string().min(1).max(100).describe('Consultation id or slug'),
  campaignId: z.uuid(),
});

const SourceKind = z.enum(['response', 'comment']);
export const CampaignItemKey = z.object({ kind: SourceKind, id: z.uuid() });

export const CampaignStatus = z
  .enum(['active', 'not_a_campaign', 'merged'])
  .describe("'not_a_campaign': an analyst's decision, which later detection runs respect");

export const CampaignSummary = z
  .object({
    id: z.uuid(),
    status: CampaignStatus,
    memberCount: z.int().describe('N identical or near-identical responses'),
    templateKind: SourceKind,
    templateItemId: z.uuid(),
    templateText: z.string().describe('The template: the most common text, else the medoid'),
    mergedInto: z.uuid().nullable(),
    decidedBy: z.uuid().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A campaign: identical and near-identical items of a consultation under one template');
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const CampaignRun = z.object({
  id: z.uuid(),
  mode: z.enum(['full', 'incremental']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  phase: z.string().describe('reading, hashing, banding, verifying, clustering, saving, done, failed'),
  progress: z.int().min(0).max(100),
  itemCount: z.int().nullable(),
  joinedCount: z.int().nullable().describe('Items that joined a campaign in this run'),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type CampaignRun = z.infer<typeof CampaignRun>;

export const CampaignList = z.object({
  items: z.array(CampaignSummary),
  latestRun: CampaignRun.nullable(),
});
export type CampaignList = z.infer<typeof CampaignList>;

export const Span = z.object({ start: z.int(), end: z.int(), kind: z.enum(['added', 'changed']) });

export const CampaignMember = z.object({
  kind: SourceKind,
  id: z.uuid(),
  status: z.enum(['member', 'split']),
  isTemplate: z.boolean(),
  authorLabel: z.string(),
  receivedAt: z.iso.datetime().nullable(),
  similarity: z.number().describe('Jaccard similarity of its 5-word shingles to the template’s'),
  text: z.string().describe('The item’s text as received (never altered)'),
  spans: z.array(Span).describe('Sentences it added to or changed in the template, as offsets in `text`'),
  addedBy: z.enum(['exact', 'detection', 'analyst']),
});
export type CampaignMember = z.infer<typeof CampaignMember>;

export const CampaignDetail = z.object({
  campaign: CampaignSummary,
  members: z.array(CampaignMember).describe('The first 200, most similar first'),
  split: z.array(CampaignMember).describe('Items an analyst split out; detection never puts them back'),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const StartRunBody = z.object({
  mode: z.enum(['full', 'incremental']).default('full').describe("'incremental': only items not yet compared"),
});
export type StartRunInput = z.infer<typeof StartRunBody>;

export const SplitBody = z.object({
  members: z.array(CampaignItemKey).min(1).max(500).describe('Take these items out of the campaign'),
});
export type SplitInput = z.infer<typeof SplitBody>;

export const MergeBody = z.object({ intoId: z.uuid().describe('The campaign this one joins') });
export type MergeInput = z.infer<typeof MergeBody>;

export const StatusBody = z.object({
  status: z
    .enum(['active', 'not_a_campaign'])
    .describe("'not_a_campaign' keeps the cluster together, out of the campaigns"),
});
export type StatusInput = z.infer<typeof StatusBody>;

export const CodeBody = z.object({
  tagId: z.uuid(),
  stance: z.enum(['for', 'against', 'neutral', 'mixed']).nullable().default(null),
  note: z.string().max(5000).default(''),
});
export type CodeInput = z.infer<typeof CodeBody>;
export const CodeResult = z.object({ codingIds: z.array(z.uuid()).describe('One coding per member') });
