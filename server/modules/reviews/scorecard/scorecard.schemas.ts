import { z } from 'zod';

/**
 * The scenario scorecard (issue 14 story 2): per scenario, what a reviewer weighs — ranking standings
 * per segment and how stable they are, the themes for and against it, user-test findings, what each
 * consulted party said, its status history, and the positions of the current review round — and a
 * comparison of every scenario on the same measures. Imports only zod (the client imports the types).
 */
export const ScorecardParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const ScenarioScorecardParams = ScorecardParams.extend({ scenarioId: z.uuid() });

const Localized = z.object({ da: z.string(), en: z.string() });
const Segment = z.enum(['all', 'citizen', 'business', 'ngo', 'public_authority', 'other', 'invited', 'not_invited']);
const Stance = z.enum(['for', 'against', 'neutral', 'mixed', 'none']);
const Severity = z.enum(['critical', 'major', 'minor', 'cosmetic']);
const Position = z.enum(['supports', 'supports_with_conditions', 'objects']);

export const StanceCounts = z
  .object({ for: z.int(), against: z.int(), neutral: z.int(), mixed: z.int(), none: z.int() })
  .describe('Coded items by stance (an item counts once per theme and stance; "none": coded without a stance)');
export type StanceCounts = z.infer<typeof StanceCounts>;

const ConsultationRef = z.object({ id: z.uuid(), slug: z.string(), title: Localized, phase: z.string() });
const ScenarioRef = z.object({ id: z.uuid(), key: z.string(), title: Localized, status: z.string() });

const Neighbour = z.object({
  scenarioId: z.uuid(),
  margin: z.int().describe('Head-to-head: ballots preferring the upper scenario less those preferring the lower'),
  ballotsToReverse: z
    .int()
    .describe('Ballots that would have to switch the pair to reverse it (0: not a head-to-head win)'),
});

export const SegmentPlace = z.object({
  segment: Segment,
  ballots: z.int().nullable().describe('Null when the segment is hidden from this reader (fewer than minSegmentSize)'),
  hidden: z.boolean(),
  position: z
    .int()
    .nullable()
    .describe('1-based Schulze place (tied scenarios share it); null: not counted or no ballots'),
  of: z.int().describe('Scenarios counted (all but eliminated ones)'),
  tied: z.boolean(),
  firstShare: z.number().nullable().describe('Share of the ballots ranking something that rank this scenario first'),
  up: Neighbour.nullable().describe('The closest margin to the place above'),
  down: Neighbour.nullable().describe('The closest margin to the place below'),
  closest: Neighbour.extend({ above: z.uuid() })
    .nullable()
    .describe("The segment's whole order: its closest margin between neighbouring places (its weakest link)"),
});

export const Quote = z.object({
  codingId: z.uuid(),
  stance: Stance,
  actingAs: z.string().nullable(),
  campaign: z.boolean().describe('The quoted item is a member of a campaign (identical or near-identical responses)'),
  quote: z.string().describe('Personal-data passages cut out ([…])'),
  source: z.object({
    kind: z.enum(['response', 'comment', 'finding', 'stakeholder_input']),
    id: z.uuid(),
    href: z.string().nullable().describe("The item in the analysts' inbox, for staff; null for a reviewer"),
  }),
});
export type Quote = z.infer<typeof Quote>;

export const ThemeCard = z.object({
  themeId: z.uuid(),
  name: Localized,
  stances: StanceCounts,
  byActingAs: z
    .array(z.object({ actingAs: z.string(), stances: StanceCounts }))
    .describe('The same counts by stakeholder type (acting as); "unknown" when the item says nothing'),
  campaign: StanceCounts.describe('Of the counts, the items that are campaign members'),
  quotes: z.array(Quote),
});

export const Findings = z.object({
  total: z.int(),
  bySeverity: z.array(z.object({ severity: Severity, count: z.int() })),
  byFrequency: z.array(z.object({ participantsAffected: z.int(), count: z.int() })),
  top: z.array(
    z.object({
      id: z.uuid(),
      severity: Severity,
      participantsAffected: z.int(),
      task: z.string(),
      observation: z.string(),
    }),
  ),
});

export const PartyCard = z.object({
  partyId: z.uuid(),
  name: z.string(),
  kind: z.string(),
  invited: z.boolean(),
  answered: z.boolean(),
  noComments: z.boolean(),
  stances: StanceCounts.describe("Its answer's codings on this scenario"),
  quotes: z.array(Quote),
});

export const RoundPositions = z.object({
  round: z
    .object({ id: z.uuid(), number: z.int(), status: z.enum(['open', 'closed']), dueAt: z.iso.datetime() })
    .nullable()
    .describe('The current round: the open one, else the latest'),
  othersVisible: z.boolean().describe("Whether other reviewers' positions are included (staff; after the close)"),
  counts: z.object({ supports: z.int(), supports_with_conditions: z.int(), objects: z.int() }),
  positions: z.array(
    z.object({
      reviewerName: z.string(),
      authority: z.string(),
      position: Position,
      conditions: z.array(z.string()),
      reasons: z.string().nullable(),
      updatedAt: z.iso.datetime(),
    }),
  ),
});

export const ScenarioScorecard = z.object({
  consultation: ConsultationRef,
  scenario: ScenarioRef,
  scenarios: z.array(ScenarioRef).describe("The consultation's scenarios, in their order (to name the neighbours)"),
  minSegmentSize: z.int(),
  countedAt: z.iso
    .datetime()
    .describe('When the rankings and codings were counted (stored; recounted in the background once 30 s old)'),
  ranking: z.array(SegmentPlace),
  themes: z.array(ThemeCard).describe('Top-level themes with codings about this scenario, most coded first'),
  findings: Findings,
  parties: z.array(PartyCard).describe('The høringsliste, alphabetically'),
  statusHistory: z.array(
    z.object({
      from: z.string().nullable(),
      to: z.string(),
      round: z.int(),
      note: z.string().nullable(),
      at: z.iso.datetime(),
    }),
  ),
  reviews: RoundPositions,
});
export type ScenarioScorecard = z.infer<typeof ScenarioScorecard>;

export const ScorecardComparison = z.object({
  consultation: ConsultationRef,
  minSegmentSize: z.int(),
  countedAt: z.iso
    .datetime()
    .describe('When the rankings and codings were counted (stored; recounted in the background once 30 s old)'),
  segments: z.array(z.object({ segment: Segment, ballots: z.int().nullable(), hidden: z.boolean() })),
  round: RoundPositions.shape.round,
  othersVisible: z.boolean(),
  scenarios: z.array(
    ScenarioRef.extend({
      places: z
        .array(z.object({ segment: Segment, position: z.int().nullable(), tied: z.boolean() }))
        .describe('Schulze place per segment (null when hidden, empty or not counted)'),
      stances: StanceCounts.describe('Coded items about the scenario, summed over themes'),
      campaign: z.int().describe('Of those, campaign members'),
      findings: z.object({ critical: z.int(), major: z.int(), minor: z.int(), cosmetic: z.int() }),
      reviews: RoundPositions.shape.counts,
      lastChange: z.object({ to: z.string(), at: z.iso.datetime() }).nullable(),
    }),
  ),
});
export type ScorecardComparison = z.infer<typeof ScorecardComparison>;
