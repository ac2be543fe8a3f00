import { z } from 'zod';

/**
 * Contracts of review by public authorities and the decision record (issue 14 stories 1, 3, 4).
 * Imports only zod (the client imports the types).
 */
export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const ReviewerParams = ConsultationParams.extend({ userId: z.uuid() });
export const RoundParams = ConsultationParams.extend({ roundId: z.uuid() });
export const RoundScenarioParams = RoundParams.extend({ scenarioId: z.uuid() });
export const ReviewIdParams = ConsultationParams.extend({ reviewId: z.uuid() });

const Localized = z.object({ da: z.string(), en: z.string() });

// Story 1: reviewers.
export const Reviewer = z.object({
  userId: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  authority: z.string().describe('The public authority the reviewer speaks for'),
  organisationId: z.uuid().nullable().describe('The organisation in the directory (once it exists)'),
  invitedAt: z.iso.datetime(),
  hasPassword: z.boolean().describe('False while an invited person has not chosen a password yet'),
});
export type Reviewer = z.infer<typeof Reviewer>;
export const ReviewerList = z.object({ items: z.array(Reviewer) });
export type ReviewerList = z.infer<typeof ReviewerList>;

export const InviteReviewerBody = z.strictObject({
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  displayName: z.string().trim().min(1).max(200).optional().describe('For a new account; default the address'),
  authority: z.string().trim().min(1).max(200),
  organisationId: z.uuid().nullable().optional(),
  locale: z.enum(['da', 'en']).default('da').describe("A new account's language (its mails)"),
});
export type InviteReviewerInput = z.infer<typeof InviteReviewerBody>;
export const InviteResult = Reviewer.extend({
  created: z.boolean().describe('A new account was made and mailed a link to choose a password'),
});

// Story 3: rounds and positions.
export const RoundStatus = z.enum(['open', 'closed']);
export const Position = z.enum(['supports', 'supports_with_conditions', 'objects']);
export type Position = z.infer<typeof Position>;
export const NoteFormat = z.enum(['markdown', 'text']);

export const Round = z.object({
  id: z.uuid(),
  consultationId: z.uuid(),
  number: z.number().int(),
  status: RoundStatus,
  dueAt: z.iso.datetime(),
  openedAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  scenarioIds: z.array(z.uuid()),
});
export type Round = z.infer<typeof Round>;
export const RoundList = z.object({ items: z.array(Round) });

export const OpenRoundBody = z.strictObject({
  dueAt: z.iso.datetime({ offset: true }),
  scenarioIds: z.array(z.uuid()).min(1).max(100).optional().describe('Default: every scenario'),
});
export type OpenRoundInput = z.infer<typeof OpenRoundBody>;

export const Review = z.object({
  id: z.uuid(),
  roundId: z.uuid(),
  scenarioId: z.uuid(),
  reviewerId: z.uuid(),
  reviewerName: z.string(),
  authority: z.string(),
  position: Position,
  conditions: z.array(z.string()),
  reasons: z.string().nullable(),
  note: z.string(),
  noteFormat: NoteFormat,
  noteHtml: z.string().describe('The note rendered (Markdown cleaned, or plain text escaped)'),
  revision: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type Review = z.infer<typeof Review>;

export const WriteReviewBody = z
  .strictObject({
    position: Position,
    conditions: z.array(z.string().trim().min(1).max(2000)).max(30).default([]),
    reasons: z.string().trim().max(10_000).nullable().optional(),
    note: z.string().max(50_000).default(''),
    noteFormat: NoteFormat.default('markdown'),
  })
  .superRefine((b, ctx) => {
    if (b.position === 'supports_with_conditions' && b.conditions.length === 0)
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'List at least one condition' });
    if (b.position !== 'supports_with_conditions' && b.conditions.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['conditions'],
        message: 'Conditions belong to "supports with conditions"',
      });
    if (b.position === 'objects' && !b.reasons)
      ctx.addIssue({ code: 'custom', path: ['reasons'], message: 'An objection needs its reasons' });
  });
export type WriteReviewInput = z.infer<typeof WriteReviewBody>;

export const Revision = z.object({
  revision: z.number().int(),
  position: Position,
  conditions: z.array(z.string()),
  reasons: z.string().nullable(),
  note: z.string(),
  noteFormat: NoteFormat,
  writtenAt: z.iso.datetime(),
});
export const RevisionList = z.object({ items: z.array(Revision) });

export const RoundScenario = z.object({
  id: z.uuid(),
  key: z.string(),
  title: Localized,
  status: z.string(),
});

export const RoundDetail = z.object({
  round: Round,
  consultation: z.object({ id: z.uuid(), slug: z.string(), title: Localized, phase: z.string() }),
  scenarios: z.array(RoundScenario),
  reviewers: z.array(z.object({ userId: z.uuid(), displayName: z.string(), authority: z.string() })),
  reviews: z.array(Review).describe("Every reviewer's positions for staff; a reviewer's own until the round closes"),
  othersVisible: z.boolean().describe("Whether other reviewers' positions are included"),
  canWrite: z.boolean().describe('The signed-in reviewer may write positions in this round'),
  canManage: z.boolean(),
});
export type RoundDetail = z.infer<typeof RoundDetail>;

export const MyReviews = z.object({
  items: z.array(
    z.object({
      consultation: z.object({ id: z.uuid(), slug: z.string(), title: Localized, phase: z.string() }),
      authority: z.string(),
      rounds: z.array(
        z.object({
          id: z.uuid(),
          number: z.number().int(),
          status: RoundStatus,
          dueAt: z.iso.datetime(),
          scenarios: z.number().int(),
          signed: z.number().int().describe('Scenarios this reviewer has taken a position on'),
        }),
      ),
    }),
  ),
});
export type MyReviews = z.infer<typeof MyReviews>;

// Story 4: the decision record.
export const Outcome = z.enum(['shortlisted', 'eliminated', 'selected']);
export type Outcome = z.infer<typeof Outcome>;
export const EvidenceKind = z.enum(['theme', 'ranking', 'finding', 'review', 'item', 'document']);
export const Evidence = z.strictObject({
  kind: EvidenceKind,
  ref: z.string().trim().min(1).max(500).describe('An id, or a path in this app (ranking, item, document)'),
  label: z.string().trim().min(1).max(300),
});
export type Evidence = z.infer<typeof Evidence>;

export const ScenarioOutcome = z.object({
  scenarioId: z.uuid(),
  key: z.string(),
  title: Localized,
  outcome: Outcome,
  reasons: z.string(),
  evidence: z.array(Evidence),
  decidedAt: z.iso.datetime(),
});
export const Approval = z.object({
  approvedBy: z.string(),
  approvedAt: z.iso.datetime(),
  documentRef: z.string(),
  recordedAt: z.iso.datetime(),
});
export const Decision = z.object({
  roundId: z.uuid(),
  roundNumber: z.number().int(),
  roundStatus: RoundStatus,
  outcomes: z.array(ScenarioOutcome).describe('Empty until the admin records the decision'),
  approval: Approval.nullable(),
});
export type Decision = z.infer<typeof Decision>;

export const RecordDecisionBody = z.strictObject({
  outcomes: z
    .array(
      z.strictObject({
        scenarioId: z.uuid(),
        outcome: Outcome,
        reasons: z.string().trim().min(1).max(20_000),
        evidence: z.array(Evidence).max(50).default([]),
      }),
    )
    .min(1)
    .max(100),
});
export type RecordDecisionInput = z.infer<typeof RecordDecisionBody>;

export const ApprovalBody = z.strictObject({
  approvedBy: z.string().trim().min(1).max(300).describe('E.g. "Folketingets Finansudvalg" or a minister'),
  approvedAt: z.iso.datetime({ offset: true }),
  documentRef: z.string().trim().min(1).max(1000).describe('The decision document: a reference or a URL'),
});
export type ApprovalInput = z.infer<typeof ApprovalBody>;
