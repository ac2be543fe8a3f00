import { z } from 'zod';
import { Segment } from '../ballots/ballots.schemas.ts';

/** Ranking results contracts (issue #5 story 6, DESIGN.md §4 C4). Imports only zod. */
export const ResultsQuery = z.object({ segment: Segment.default('all') });
export type ResultsQuery = z.infer<typeof ResultsQuery>;

const Share = z.number().min(0).max(1);
const Localized = z.object({ da: z.string(), en: z.string() });

export const Results = z
  .object({
    consultationId: z.uuid(),
    segment: Segment,
    publishedAt: z.iso
      .datetime()
      .nullable()
      .describe('When an admin published the results; null while only staff see them'),
    ballotCount: z.number().int(),
    segmentCounts: z
      .record(Segment, z.number().int().nullable())
      .describe('Ballots per segment, to label the segment choice; null for a segment hidden from this viewer'),
    minSegmentSize: z.number().int().describe('RESULTS_MIN_SEGMENT: smaller segments are shown to staff only'),
    hiddenSegments: z
      .array(Segment)
      .describe(
        'Segments this viewer may not open (403 SEGMENT_TOO_SMALL): fewer rankings than minSegmentSize, a rest of the whole ' +
          'after it below that, or hidden with it so that no subtraction rebuilds a small group',
      ),
    scenarios: z
      .array(z.object({ id: z.uuid(), key: z.string(), title: Localized }))
      .describe('The counted scenarios (all but eliminated ones), in their order; every array below follows it'),
    firstPreference: z.object({
      blank: z.number().int().describe('Ballots ranking none of the counted scenarios'),
      counts: z.array(z.number()).describe('First places; a tie for first splits one ballot evenly'),
      shares: z.array(Share).describe('counts / (ballots − blank)'),
    }),
    borda: z.object({
      points: z.array(z.number()).describe('1 point per scenario beaten, ½ per tie, on each ballot'),
      mean: z.array(z.number()).describe('points / ballots, on a 0 … n − 1 scale'),
    }),
    pairwise: z.array(z.array(z.number().int())).describe('pairwise[i][j]: ballots preferring scenario i to j'),
    condorcetWinner: z.uuid().nullable().describe('The scenario that beats every other head to head, if any'),
    schulze: z.object({
      order: z.array(z.array(z.uuid())).describe('Tiers best first; scenarios in one tier are tied'),
      positions: z.array(z.number().int()).describe('1-based place per scenario (tied scenarios share it)'),
      winner: z.uuid().nullable(),
      strength: z.array(z.array(z.number())).describe('Strongest-path strengths (margins)'),
    }),
    stability: z
      .object({
        resamples: z.number().int(),
        seed: z.number().int(),
        rankShares: z
          .array(z.array(Share))
          .describe('rankShares[i][k]: share of resamples with scenario i in place k + 1'),
        winner: z.uuid().nullable(),
        winnerRetained: Share.nullable().describe('Share of resamples in which the winner stays first'),
      })
      .describe('Bootstrap resampling of the ballots'),
  })
  .describe('Ranking results for a consultation and a segment');
export type Results = z.infer<typeof Results>;

export const PublishState = z
  .object({ consultationId: z.uuid(), resultsPublishedAt: z.iso.datetime().nullable() })
  .describe('Whether the ranking results are public');
export type PublishState = z.infer<typeof PublishState>;

export const PublishBody = z
  .object({
    confirmSmall: z
      .boolean()
      .default(false)
      .describe('Publish even when fewer rankings than RESULTS_MIN_SEGMENT were cast (else 409 RESULTS_TOO_FEW)'),
  })
  .strict()
  .nullish()
  .describe('Optional (an empty request has a null body); an empty body publishes only when enough rankings were cast');
export type PublishBody = z.infer<typeof PublishBody>;

export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
