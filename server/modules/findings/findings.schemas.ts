import { z } from 'zod';

/** User-test sessions and findings (issue 13 story 1, DESIGN.md §2 Finding). Imports only zod. */

export const TEST_METHODS = [
  'moderated_usability_test',
  'think_aloud',
  'interview',
  'unmoderated_task',
  'survey',
] as const;
export const TestMethod = z.enum(TEST_METHODS);
export type TestMethod = z.infer<typeof TestMethod>;
export const SEVERITIES = ['critical', 'major', 'minor', 'cosmetic'] as const;
export const Severity = z.enum(SEVERITIES).describe('critical > major > minor > cosmetic');
export type Severity = z.infer<typeof Severity>;
export const FINDING_STATUSES = ['open', 'addressed', 'wont_fix'] as const;
export const FindingStatus = z.enum(FINDING_STATUSES);
export type FindingStatus = z.infer<typeof FindingStatus>;

const Line = (max: number) => z.string().trim().max(max);
const Para = (max: number) => z.string().max(max);

export const ConsultationParams = z.object({ id: z.string().min(1).max(100).describe('Consultation id or slug') });
export const SessionParams = ConsultationParams.extend({ sessionId: z.uuid() });
export const FindingParams = ConsultationParams.extend({ findingId: z.uuid() });
export const EvidenceParams = FindingParams.extend({ evidenceId: z.uuid() });
export const ScenarioOverviewParams = ConsultationParams.extend({ scenarioId: z.uuid() });

export const SessionBody = z
  .strictObject({
    ref: Line(40)
      .nullable()
      .default(null)
      .transform((v) => (v === '' ? null : v))
      .describe('A short reference a lab’s spreadsheet names the session by (T1, Aarhus-1); unique per consultation'),
    heldOn: z.iso.date().describe('The day of the session'),
    remote: z.boolean().default(false),
    place: Line(200).default('').describe('Where it was held (empty when remote)'),
    method: TestMethod,
    facilitator: Line(200).min(1),
    participantProfile: Para(1000)
      .default('')
      .describe('Who took part, in words: "senior, first-time smartphone user, screen reader"'),
    participantCount: z.int().min(1).max(100_000),
    device: Line(200).default(''),
    recordingConsent: z.boolean().describe('Whether the participants consented to being recorded'),
    note: Para(5000).default(''),
  })
  .refine((v) => v.remote || v.place !== '', { message: 'Give a place, or mark the session remote', path: ['place'] });
export type SessionBody = z.infer<typeof SessionBody>;

export const TestSession = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    ref: z.string().nullable(),
    heldOn: z.iso.date(),
    remote: z.boolean(),
    place: z.string(),
    method: TestMethod,
    facilitator: z.string(),
    participantProfile: z.string(),
    participantCount: z.int(),
    device: z.string(),
    recordingConsent: z.boolean(),
    note: z.string(),
    findingCount: z.int().describe('Findings (not deleted) that name this session'),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A user-test session');
export type TestSession = z.infer<typeof TestSession>;
export const SessionList = z.object({ items: z.array(TestSession) });
export type SessionList = z.infer<typeof SessionList>;

export const FindingBody = z.strictObject({
  scenarioId: z.uuid().describe('One of the consultation’s scenarios'),
  sessionIds: z
    .array(z.uuid())
    .min(1)
    .max(50)
    .refine((v) => new Set(v).size === v.length, 'A session is named twice')
    .describe('The sessions it was met in (one or more)'),
  task: Para(2000).default(''),
  observation: Para(20_000).refine((v) => v.trim() !== '', 'Describe what was observed'),
  severity: Severity,
  participantsAffected: z
    .int()
    .min(1)
    .max(1_000_000)
    .describe('How many of the sessions’ participants met it (at most their number)'),
  recommendation: Para(20_000).default(''),
  status: FindingStatus.default('open'),
  statusNote: Para(5000).default(''),
  version: z
    .int()
    .min(1)
    .optional()
    .describe('On a change: the version it was read at (409 STALE_VERSION if changed since)'),
});
export type FindingBody = z.infer<typeof FindingBody>;

export const Evidence = z.object({
  id: z.uuid(),
  filename: z.string(),
  mediaType: z.string(),
  sizeBytes: z.int(),
  url: z.string().describe('Staff download address'),
  createdAt: z.iso.datetime(),
});
export type Evidence = z.infer<typeof Evidence>;

export const SessionRef = z.object({
  id: z.uuid(),
  ref: z.string().nullable(),
  heldOn: z.iso.date(),
  method: TestMethod,
  facilitator: z.string(),
  participantCount: z.int(),
});

export const Finding = z
  .object({
    id: z.uuid(),
    consultationId: z.uuid(),
    scenarioId: z.uuid(),
    scenarioKey: z.string(),
    sessions: z.array(SessionRef),
    task: z.string(),
    observation: z.string(),
    severity: Severity,
    participantsAffected: z.int(),
    participantsInSessions: z.int().describe('All participants of its sessions'),
    recommendation: z.string(),
    status: FindingStatus,
    statusNote: z.string(),
    version: z.int(),
    evidence: z.array(Evidence),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe('A user-test finding');
export type Finding = z.infer<typeof Finding>;

export const FindingSummary = Finding.omit({ evidence: true, sessions: true }).extend({
  evidenceCount: z.int(),
  sessionIds: z.array(z.uuid()),
});
export type FindingSummary = z.infer<typeof FindingSummary>;

export const FindingListQuery = z.object({
  scenario: z.uuid().optional(),
  severity: Severity.optional(),
  status: FindingStatus.optional(),
  session: z.uuid().optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type FindingListQuery = z.infer<typeof FindingListQuery>;
export const FindingPage = z.object({ items: z.array(FindingSummary), nextCursor: z.string().nullable() });
export type FindingPage = z.infer<typeof FindingPage>;

export const OverviewQuery = z.object({
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const FindingsOverview = z
  .object({
    scenarioId: z.uuid(),
    total: z.int(),
    bySeverity: z.array(z.object({ severity: Severity, count: z.int() })).describe('Every severity, critical first'),
    byFrequency: z
      .array(z.object({ participantsAffected: z.int(), count: z.int() }))
      .describe('How many findings met this many participants, the most first'),
    cells: z
      .array(z.object({ severity: Severity, participantsAffected: z.int(), count: z.int() }))
      .describe('Severity × frequency'),
    items: z.array(FindingSummary).describe('Sorted by severity, then participants affected (most first)'),
    nextCursor: z.string().nullable(),
  })
  .describe("A scenario's findings by severity and frequency");
export type FindingsOverview = z.infer<typeof FindingsOverview>;
