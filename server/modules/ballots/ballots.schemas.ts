import { z } from 'zod';

/** Ballot contracts (issue #5 story 5, DESIGN.md §2 Ballot). Imports only zod. */
export const RankEntry = z.object({
  scenarioId: z.uuid(),
  rank: z.number().int().min(1).max(1000).describe('1 is first; equal ranks are ties'),
});
export type RankEntry = z.infer<typeof RankEntry>;

export const BallotBody = z
  .object({
    ranks: z
      .array(RankEntry)
      .min(1)
      .max(100)
      .refine((r) => new Set(r.map((x) => x.scenarioId)).size === r.length, 'A scenario is ranked twice')
      .describe('The scenarios you rank; one left out is unranked (below every ranked one)'),
  })
  .strict();
export type BallotInput = z.infer<typeof BallotBody>;

export const ActingAs = z.enum(['citizen', 'business', 'ngo', 'public_authority', 'other']);

export const Ballot = z
  .object({
    consultationId: z.uuid(),
    ranks: z.array(RankEntry).describe('Ranked scenarios, best first; ranks are stored dense (1, 1, 2 …)'),
    segment: z
      .object({ actingAs: ActingAs.nullable(), invited: z.boolean() })
      .describe('The segment the ballot counts in, from your profile'),
    acceptsInput: z.boolean().describe('Whether it can still be replaced or withdrawn'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('Your ballot in a consultation');
export type Ballot = z.infer<typeof Ballot>;

/** One of your ballots, for your activity page. */
export const OwnBallot = z.object({
  consultation: z.object({
    id: z.uuid(),
    slug: z.string(),
    title: z.object({ da: z.string(), en: z.string() }),
    acceptsInput: z.boolean(),
  }),
  ranks: z.array(RankEntry),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type OwnBallot = z.infer<typeof OwnBallot>;

export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });

/** Stakeholder segments the results can be split by (issue #5 story 6). */
export const Segment = z.enum([
  'all',
  'citizen',
  'business',
  'ngo',
  'public_authority',
  'other',
  'invited',
  'not_invited',
]);
export type Segment = z.infer<typeof Segment>;
