import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ItStage, Phase } from '../modules/consultations/consultations.rules.ts';
import type { Consent } from '../modules/responses/responses.rules.ts';
import type { ScenarioStatus } from '../modules/scenarios/scenarios.rules.ts';
import type { Role } from '../shared/schemas.ts';

/**
 * Database types, camelCase through Kysely's CamelCasePlugin (the SQL stays snake_case). A state
 * column has the domain type of its `check` constraint (imported from the owning module's rules or
 * schemas), so rows need no casts.
 */
export type Localized = { da: string; en: string };
/** A PostgreSQL text-search configuration a text is indexed in (migration 20261205060000). */
export type SearchLanguage = 'danish' | 'english';
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string, string>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  displayName: string;
  passwordHash: string | null;
  locale: Generated<'da' | 'en'>;
  disabledAt: Date | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface UserRolesTable {
  userId: string;
  role: Role;
  grantedAt: Generated<Date>;
}

export interface SessionsTable {
  idHash: string;
  userId: string;
  createdAt: Generated<Date>;
  expiresAt: Timestamp;
  /** The account's roles when the session was issued (issue 15 item 5); null for older sessions. */
  rolesKey: string | null;
}

export interface ConsultationsTable {
  id: Generated<string>;
  slug: string;
  title: Json<Localized>;
  summary: Json<Localized>;
  body: Json<Localized>;
  languages: ColumnType<('da' | 'en')[], ('da' | 'en')[] | undefined, ('da' | 'en')[]>;
  phase: Generated<Phase>;
  opensAt: Timestamp | null;
  closesAt: Timestamp | null;
  itStage: Generated<ItStage>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ConsultationDocumentsTable {
  id: Generated<string>;
  consultationId: string;
  title: Json<Localized>;
  url: string;
  mediaType: string | null;
  sizeBytes: ColumnType<string | null, number | null | undefined, number | null>;
  position: number;
  createdAt: Generated<Date>;
}

export interface ConsultationPhaseChangesTable {
  id: Generated<string>;
  consultationId: string;
  fromPhase: Phase;
  toPhase: Phase;
  changedBy: string | null;
  changedAt: Generated<Date>;
}

export interface ScenariosTable {
  id: Generated<string>;
  consultationId: string;
  key: string;
  title: Json<Localized>;
  summary: Json<Localized>;
  position: number;
  status: Generated<ScenarioStatus>;
  statusRound: Generated<number>;
  currentVersion: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ScenarioVersionsTable {
  scenarioId: string;
  version: number;
  description: Json<Localized>;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface ScenarioStatusChangesTable {
  id: Generated<string>;
  scenarioId: string;
  fromStatus: ScenarioStatus | null;
  toStatus: ScenarioStatus;
  round: number;
  note: string | null;
  changedBy: string | null;
  changedAt: Generated<Date>;
}

export interface AuditEventsTable {
  consultationId: Generated<string>;
  id: Generated<string>;
  occurredAt: Generated<Date>;
  actorId: string | null;
  actorLabel: string | null;
  /** 'account' | 'respondent' | 'system'; null on rows older than 20261205050000 (see AuditActorKind). */
  actorKind: Generated<string | null>;
  action: string;
  itemType: string;
  itemId: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface AttachmentsTable {
  consultationId: string;
  id: Generated<string>;
  responseId: string | null;
  filename: string;
  mediaType: string;
  sizeBytes: ColumnType<string, number, number>;
  sha256: string;
  storageKey: string;
  extractionStatus: Generated<'pending' | 'done' | 'failed' | 'skipped'>;
  extractedText: string | null;
  extractionError: string | null;
  /** The language the text is indexed in (detected from its stop words): text_search uses only it. */
  textLanguage: ColumnType<SearchLanguage | null, never, SearchLanguage | null>;
  textSearch: ColumnType<string | null, never, string>;
  uploadedBy: string | null;
  source: Generated<'upload' | 'letter'>;
  createdAt: Generated<Date>;
}

export interface Database {
  users: UsersTable;
  userRoles: UserRolesTable;
  sessions: SessionsTable;
  consultations: ConsultationsTable;
  consultationDocuments: ConsultationDocumentsTable;
  consultationPhaseChanges: ConsultationPhaseChangesTable;
  scenarios: ScenariosTable;
  scenarioVersions: ScenarioVersionsTable;
  scenarioStatusChanges: ScenarioStatusChangesTable;
  auditEvents: AuditEventsTable;
  attachments: AttachmentsTable;
}

export type UserRow = Selectable<UsersTable>;
export type ConsultationRow = Selectable<ConsultationsTable>;
export type ScenarioRow = Selectable<ScenariosTable>;

// Debate and ranking (issue #5, migration 20261125093000). Columns added to existing tables are
// declared by interface merging, so this block stays in one place.
export type ActingAs = 'citizen' | 'business' | 'ngo' | 'public_authority' | 'other';
export type ParagraphText = { da: string | null; en: string | null };

export interface UsersTable {
  /** Null until a self-registered participant confirms the address; staff-made accounts default to now(). */
  emailConfirmedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  actingAs: ActingAs | null;
  organisationName: string | null;
  invited: Generated<boolean>;
}

export interface ConsultationsTable {
  resultsPublishedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface AccountTokensTable {
  idHash: string;
  userId: string;
  purpose: 'confirm_email' | 'reset_password';
  passwordHash: string | null;
  displayName: string | null;
  locale: 'da' | 'en' | null;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
  createdAt: Generated<Date>;
}

export interface CommentsTable {
  consultationId: string;
  id: Generated<string>;
  scenarioId: string;
  authorId: string;
  parentId: string | null;
  paragraphId: string | null;
  paragraphText: ColumnType<ParagraphText | null, string | null, string | null>;
  scenarioVersion: number;
  body: string;
  status: Generated<'visible' | 'hidden' | 'deleted'>;
  hiddenReason: string | null;
  hiddenBy: string | null;
  hiddenAt: Timestamp | null;
  idempotencyKey: string | null;
  createdAt: Generated<Date>;
  editedAt: Timestamp | null;
  deletedAt: Timestamp | null;
}

export interface CommentSupportsTable {
  consultationId: string;
  commentId: string;
  userId: string;
  createdAt: Generated<Date>;
}

export interface BallotsTable {
  consultationId: string;
  id: Generated<string>;
  userId: string;
  ranks: Json<Record<string, number>>;
  ranking: string;
  actingAs: ActingAs | null;
  invited: Generated<boolean>;
  idempotencyKey: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface Database {
  accountTokens: AccountTokensTable;
  comments: CommentsTable;
  commentSupports: CommentSupportsTable;
  ballots: BallotsTable;
}

// Hearing responses and mail (issue 4, migration 20261125091000), declared by interface merging.
export type QuestionKind = 'text' | 'single' | 'multi' | 'scale' | 'scenario_scale';
export type QuestionOption = { id: string; label: Localized };

export interface QuestionsTable {
  consultationId: string;
  id: Generated<string>;
  position: number;
  kind: QuestionKind;
  required: Generated<boolean>;
  prompt: Json<Localized>;
  help: ColumnType<Localized, string | undefined, string>;
  options: ColumnType<QuestionOption[], string | undefined, string>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ResponsesTable {
  consultationId: string;
  id: Generated<string>;
  receiptCode: string;
  respondentName: string;
  respondentEmail: string | null;
  actingAs: 'citizen' | 'business' | 'ngo' | 'public_authority' | 'other';
  organisationName: string | null;
  cvr: string | null;
  invited: Generated<boolean>;
  consent: Consent;
  status: Generated<'submitted' | 'withdrawn'>;
  channel: Generated<'web' | 'letter' | 'email'>;
  locale: Generated<'da' | 'en'>;
  body: string;
  fingerprint: string;
  editTokenHash: string | null;
  editTokenSealed: Buffer | null;
  idempotencyKeyHash: string | null;
  requestHash: string | null;
  publicationStatus: 'pending' | 'approved' | 'rejected' | 'not_requested';
  publicationReason: string | null;
  reviewedBy: string | null;
  reviewedAt: Timestamp | null;
  registeredBy: string | null;
  submittedAt: Timestamp;
  editedAt: Timestamp | null;
  withdrawnAt: Timestamp | null;
  version: Generated<number>;
  /** Made by the database when the response is approved (migration 20261125150000); null otherwise. */
  search: ColumnType<string | null, never, never>;
  /** Set with `search` by the approval trigger: the one language the text is indexed and searched in. */
  searchLanguage: ColumnType<SearchLanguage | null, never, never>;
  createdAt: Generated<Date>;
}

export interface AnswersTable {
  consultationId: string;
  responseId: string;
  questionId: string;
  value: ColumnType<unknown, string, string>;
}

export interface ResponseVersionsTable {
  consultationId: string;
  responseId: string;
  version: number;
  snapshot: ColumnType<Record<string, unknown>, string, never>;
  fingerprint: string;
  createdAt: Generated<Date>;
}

export type OutboxStatus = 'pending' | 'sent' | 'outboxed' | 'failed';

export interface MailOutboxTable {
  consultationId: Generated<string>;
  id: Generated<string>;
  recipient: string;
  /** Null while the mail waits as a template (migration 20261125160000); set once it is sent. */
  subject: string | null;
  textBody: string | null;
  htmlBody: string | null;
  /** A mail module template and its data (mail.templates.ts StoredTemplate), rendered when sent or read. */
  template: ColumnType<unknown, string | null | undefined, string | null>;
  kind: string;
  locale: 'da' | 'en';
  responseId: string | null;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  lastError: string | null;
  createdAt: Generated<Date>;
  sentAt: Timestamp | null;
  /** Added by migration 20261125110000: when the relay may (re)try it. */
  nextAttemptAt: Generated<Date>;
}

export interface Database {
  questions: QuestionsTable;
  responses: ResponsesTable;
  answers: AnswersTable;
  responseVersions: ResponseVersionsTable;
  mailOutbox: MailOutboxTable;
}

// A consultation's uploaded documents (issue 10 item 14, migration 20261205070000), files module.
export interface DocumentFilesTable {
  consultationId: string;
  id: Generated<string>;
  filename: string;
  mediaType: string;
  sizeBytes: ColumnType<string, number, number>;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  createdAt: Generated<Date>;
}

export interface Database {
  documentFiles: DocumentFilesTable;
}

// The analysis workspace's codebook and codings (issue 11, migration 20261206000000), analysis module.
export type CodingItemKind = 'response' | 'comment' | 'finding' | 'stakeholder_input';
export type Stance = 'for' | 'against' | 'neutral' | 'mixed';
export type CodingStatus = 'confirmed' | 'proposed';

export interface CodebookTagsTable {
  id: Generated<string>;
  consultationId: string;
  parentId: string | null;
  name: Json<Localized>;
  definition: Generated<string>;
  includeNote: Generated<string>;
  excludeNote: Generated<string>;
  example: Generated<string>;
  scenarioId: string | null;
  position: number;
  archivedAt: Timestamp | null;
  mergedIntoId: string | null;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface CodingsTable {
  consultationId: string;
  id: Generated<string>;
  tagId: string;
  itemKind: CodingItemKind;
  itemId: string;
  /** Which text of the item: `body`, `answer:<questionId>`, `attachment:<attachmentId>`; null = the whole item. */
  field: string | null;
  itemVersion: number | null;
  startOffset: number | null;
  endOffset: number | null;
  quote: string | null;
  stance: Stance | null;
  note: Generated<string>;
  status: Generated<CodingStatus>;
  coderId: string;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface Database {
  codebookTags: CodebookTagsTable;
  codings: CodingsTable;
}

// The analysts' inbox (issue 11 stories 1 and 5, migration 20261206010000), analysis module.
export type InboxItemKind = 'response' | 'comment' | 'finding' | 'stakeholder_input';
export type InboxStatus = 'new' | 'in_progress' | 'analysed';
export interface AnalysisItemsTable {
  consultationId: string;
  kind: InboxItemKind;
  itemId: string;
  itemVersion: Generated<number>;
  receivedAt: Date;
  authorLabel: Generated<string>;
  actingAs: string | null;
  invited: boolean | null;
  channel: string | null;
  sourceStatus: string;
  scenarioIds: Generated<string[]>;
  hasAttachments: Generated<boolean>;
  docLanguage: SearchLanguage;
  search: ColumnType<string, string, string>;
  status: Generated<InboxStatus>;
  assigneeId: string | null;
  needsReview: Generated<boolean>;
  statusChangedAt: Timestamp | null;
  sourceStamp: Generated<string>;
  indexedAt: Generated<Date>;
}
/** The item's text and excerpt, apart from the rows the inbox filters and ranks (migration 20261213000000). */
export interface AnalysisItemTextsTable {
  consultationId: string;
  kind: InboxItemKind;
  itemId: string;
  excerpt: Generated<string>;
  doc: Generated<string>;
}
export interface AnalysisIndexStateTable {
  id: Generated<number>;
  auditAfterAt: Timestamp | null;
  auditAfterId: string | null;
  walkKind: InboxItemKind | null;
  walkAfterConsultation: string | null;
  walkAfterId: string | null;
  updatedAt: Generated<Date>;
}

export interface Database {
  analysisItems: AnalysisItemsTable;
  analysisItemTexts: AnalysisItemTextsTable;
  analysisIndexState: AnalysisIndexStateTable;
}

// Issue 11 story 5: a consultation's analysts, and the analysts limited to them (analysis module).
export interface ConsultationAnalystsTable {
  consultationId: string;
  userId: string;
  assignedBy: string | null;
  assignedAt: Generated<Date>;
}
export interface AnalystLimitsTable {
  userId: string;
  limitedBy: string | null;
  limitedAt: Generated<Date>;
}

export interface Database {
  consultationAnalysts: ConsultationAnalystsTable;
  analystLimits: AnalystLimitsTable;
}

// Coder agreement samples (issue 11 story 7, migration 20261207000000), analysis module.
export type AgreementSampleStatus = 'open' | 'closed';
export interface AgreementSamplesTable {
  id: Generated<string>;
  consultationId: string;
  number: number;
  seed: string;
  size: number;
  filters: Json<Record<string, unknown>>;
  status: Generated<AgreementSampleStatus>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  closedBy: string | null;
  closedAt: Timestamp | null;
}
export interface AgreementSampleItemsTable {
  sampleId: string;
  position: number;
  itemKind: 'response' | 'comment';
  itemId: string;
}
export interface AgreementSampleCodersTable {
  sampleId: string;
  userId: string;
  displayName: string;
}

export interface Database {
  agreementSamples: AgreementSamplesTable;
  agreementSampleItems: AgreementSampleItemsTable;
  agreementSampleCoders: AgreementSampleCodersTable;
}

// Suggested themes (issue 11 story 8, migration 20261207010000), analysis module.
export type ThemeRunStatus = 'queued' | 'running' | 'done' | 'failed';
export type ThemeCandidateKind = 'theme' | 'small' | 'unmatched';
export type ThemeCandidateStatus = 'open' | 'accepted' | 'dismissed';
export type ThemeRunFilters = { kinds?: ('response' | 'comment')[]; scenarioId?: string };
export interface ThemeRunsTable {
  id: Generated<string>;
  consultationId: string;
  status: Generated<ThemeRunStatus>;
  phase: Generated<string>;
  progress: Generated<number>;
  seed: number;
  k: number | null;
  filters: Json<ThemeRunFilters>;
  itemCount: number | null;
  unclusteredCount: number | null;
  chosenK: number | null;
  vocabulary: number | null;
  error: string | null;
  requestedBy: string | null;
  createdAt: Generated<Date>;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  updatedAt: Generated<Date>;
}
export interface ThemeCandidatesTable {
  id: Generated<string>;
  consultationId: string;
  runId: string;
  position: number;
  kind: ThemeCandidateKind;
  memberCount: number;
  terms: Json<{ term: string; weight: number }[]>;
  quotes: Json<{ kind: string; itemId: string; quote: string; similarity: number }[]>;
  /** [kind, item id, similarity], the closest to the centroid first. */
  members: Json<[string, string, number][]>;
  status: Generated<ThemeCandidateStatus>;
  tagId: string | null;
  proposedCount: Generated<number>;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  createdAt: Generated<Date>;
}

export interface Database {
  themeRuns: ThemeRunsTable;
  themeCandidates: ThemeCandidatesTable;
}

// Issue 15 item 5: rate-limit counters shared by every instance (migration 20261208040000).
export interface RateLimitsTable {
  key: string;
  hits: number;
  windowEnds: Timestamp;
}

export interface Database {
  rateLimits: RateLimitsTable;
}

// Campaigns (issue 12 story 1, migration 20261208000000), analysis module.
export type CampaignStatus = 'active' | 'not_a_campaign' | 'merged';
export type CampaignItemKind = 'response' | 'comment';
export type CampaignSpan = { start: number; end: number; kind: 'added' | 'changed' };
export interface CampaignsTable {
  id: Generated<string>;
  consultationId: string;
  status: Generated<CampaignStatus>;
  templateKind: CampaignItemKind;
  templateItemId: string;
  templateText: string;
  memberCount: Generated<number>;
  mergedInto: string | null;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}
export interface CampaignMembersTable {
  consultationId: string;
  campaignId: string;
  itemKind: CampaignItemKind;
  itemId: string;
  status: Generated<'member' | 'split'>;
  similarity: number;
  addedSpans: Json<CampaignSpan[]>;
  addedBy: 'exact' | 'detection' | 'analyst';
  createdAt: Generated<Date>;
}
export interface CampaignSignaturesTable {
  consultationId: string;
  itemKind: CampaignItemKind;
  itemId: string;
  itemVersion: number;
  exactHash: string;
  groupable: boolean;
  bands: number[] | null;
  createdAt: Generated<Date>;
}
export interface CampaignRunsTable {
  id: Generated<string>;
  consultationId: string;
  mode: 'full' | 'incremental';
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  phase: Generated<string>;
  progress: Generated<number>;
  itemCount: number | null;
  joinedCount: number | null;
  boilerplate: ColumnType<string[], string | undefined, string>;
  error: string | null;
  requestedBy: string | null;
  createdAt: Generated<Date>;
  finishedAt: Timestamp | null;
  updatedAt: Generated<Date>;
}

export interface Database {
  campaigns: CampaignsTable;
  campaignMembers: CampaignMembersTable;
  campaignSignatures: CampaignSignaturesTable;
  campaignRuns: CampaignRunsTable;
}

// Bulk import of letters and e-mails (issue 12 story 3, migration 20261208020000), responses module.
export type ResponseImportSource = 'csv' | 'zip' | 'mail';
export type ResponseImportStatus = 'staged' | 'committing' | 'committed' | 'failed';
export interface ResponseImportsTable {
  id: Generated<string>;
  consultationId: string;
  createdBy: string | null;
  actor: Json<{ id: string; email: string; displayName: string; roles: Role[] }>;
  source: ResponseImportSource;
  status: ResponseImportStatus;
  rowCount: Generated<number>;
  errorCount: Generated<number>;
  duplicateCount: Generated<number>;
  doneCount: Generated<number>;
  importedCount: Generated<number>;
  error: string | null;
  createdAt: Generated<Date>;
  committedAt: Timestamp | null;
}
export interface ResponseImportRowsTable {
  importId: string;
  rowNo: number;
  externalRef: string;
  input: Json<unknown>;
  errors: Json<{ field: string; code: string; message: string }[]>;
  duplicate: Generated<boolean>;
}

export interface Database {
  responseImports: ResponseImportsTable;
  responseImportRows: ResponseImportRowsTable;
}

// Exports of inbox views at any size (issue 12 story 4, migration 20261208020100), analysis module.
export type InboxExportStatus = 'queued' | 'running' | 'done' | 'failed';
export interface InboxExportsTable {
  id: Generated<string>;
  consultationId: string;
  createdBy: string | null;
  actor: Json<{ id: string; email: string; displayName: string; roles: Role[] }>;
  format: 'csv' | 'jsonl' | 'xlsx';
  lang: 'da' | 'en';
  query: Json<Record<string, unknown>>;
  status: InboxExportStatus;
  total: Generated<number>;
  doneCount: Generated<number>;
  storageKey: string | null;
  tokenHash: string | null;
  expiresAt: Timestamp | null;
  error: string | null;
  createdAt: Generated<Date>;
  finishedAt: Timestamp | null;
}

export interface Database {
  inboxExports: InboxExportsTable;
}

// Personal data found before anything is published (issue 12 story 2, migration 20261208010000),
// declared by interface merging. Owned by the analysis module (analysis/privacy).
export type PrivacyItemKind = 'response' | 'comment' | 'attachment';
export type PrivacyFindingKind = 'cpr' | 'email' | 'phone' | 'own_name' | 'own_email' | 'manual';
export type PrivacyFindingStatus = 'pending' | 'accepted' | 'rejected';

export interface PrivacyFindingsTable {
  consultationId: string;
  id: Generated<string>;
  itemKind: PrivacyItemKind;
  itemId: string;
  responseId: string | null;
  /** 'body', a question's id (a free-text answer), or 'text' (a comment, an attachment's extracted text). */
  field: string;
  kind: PrivacyFindingKind;
  /** Code points, as substr counts them. */
  startOffset: number;
  endOffset: number;
  quote: string;
  status: Generated<PrivacyFindingStatus>;
  reason: string | null;
  createdBy: string | null;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
  createdAt: Generated<Date>;
}

export interface PrivacyScannedTable {
  itemKind: PrivacyItemKind;
  itemId: string;
  consultationId: string;
  stamp: string;
  awaitingText: Generated<boolean>;
  scannedAt: Generated<Date>;
}

export interface PrivacyScanStateTable {
  id: number;
  auditAfterAt: Timestamp | null;
  auditAfterId: string | null;
  walkKind: 'response' | 'comment' | null;
  walkAfterConsultation: string | null;
  walkAfterId: string | null;
  updatedAt: Generated<Date>;
}

/** A file's redacted text published in its place (migration 20261208010100). */
export interface PrivacyTextVersionsTable {
  attachmentId: string;
  consultationId: string;
  responseId: string;
  publishedBy: string | null;
  publishedAt: Generated<Date>;
}

export interface Database {
  privacyTextVersions: PrivacyTextVersionsTable;
  privacyFindings: PrivacyFindingsTable;
  privacyScanned: PrivacyScannedTable;
  privacyScanState: PrivacyScanStateTable;
}

// Identity (issue 15, migration 20261208030000): owned by the identity module.
export type Loa = 'low' | 'substantial' | 'high';
export interface IdentityFlowsTable {
  stateHash: string;
  provider: string;
  purpose: 'login' | 'verify' | 'staff';
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  responseId: string | null;
  consultationId: string | null;
  locale: Generated<'da' | 'en'>;
  expiresAt: Timestamp;
  createdAt: Generated<Date>;
}
export interface IdentityLinksTable {
  provider: string;
  subject: string;
  userId: string;
  createdAt: Generated<Date>;
  lastUsedAt: Timestamp | null;
}
export interface IdentityPendingTable {
  idHash: string;
  provider: string;
  subject: string;
  displayName: string | null;
  confirmHash: string | null;
  expiresAt: Timestamp;
  createdAt: Generated<Date>;
}
export interface ResponseVerificationsTable {
  responseId: string;
  consultationId: string;
  provider: string;
  loa: Loa;
  cvr: string | null;
  orgName: string | null;
  verifiedAt: Generated<Date>;
}
export interface ConsultationIdentityRulesTable {
  consultationId: string;
  minLoa: Loa;
}
export interface Database {
  identityFlows: IdentityFlowsTable;
  identityLinks: IdentityLinksTable;
  identityPending: IdentityPendingTable;
  responseVerifications: ResponseVerificationsTable;
  consultationIdentityRules: ConsultationIdentityRulesTable;
}

// Issue 15 item 3: a second factor for password sign-in (migration 20261208040200), accounts module.
export interface AccountTotpTable {
  userId: string;
  secret: string;
  enabledAt: Timestamp | null;
  lastStep: string | number | null;
  createdAt: Generated<Date>;
}
export interface AccountRecoveryCodesTable {
  userId: string;
  codeHash: string;
  usedAt: Timestamp | null;
}

export interface Database {
  accountTotp: AccountTotpTable;
  accountRecoveryCodes: AccountRecoveryCodesTable;
}

// Stakeholder inputs (issue 13 story 4, migration 20261209300000), stakeholder-inputs module.
export type StakeholderInputKind = 'meeting' | 'written_input' | 'market_dialogue';
export type StakeholderInputVisibility = 'staff_only' | 'published';
export type PartyKind =
  'ministry' | 'agency' | 'region' | 'municipality' | 'business' | 'association' | 'ngo' | 'other';
export type StakeholderParty = { name: string; kind: PartyKind | null };
export interface StakeholderInputsTable {
  consultationId: string;
  id: Generated<string>;
  kind: StakeholderInputKind;
  title: string;
  heldOn: ColumnType<string, string, string>;
  parties: Json<StakeholderParty[]>;
  scenarioIds: ColumnType<string[], string[] | undefined, string[]>;
  minutes: Generated<string>;
  visibility: Generated<StakeholderInputVisibility>;
  version: Generated<number>;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  publishedAt: Timestamp | null;
  deletedAt: Timestamp | null;
}
export interface StakeholderInputFilesTable {
  consultationId: string;
  id: Generated<string>;
  stakeholderInputId: string;
  filename: string;
  mediaType: string;
  sizeBytes: ColumnType<string, number, number>;
  sha256: string;
  storageKey: string;
  public: Generated<boolean>;
  extractionStatus: Generated<'pending' | 'done' | 'failed' | 'skipped'>;
  extractedText: string | null;
  extractionError: string | null;
  uploadedBy: string | null;
  createdAt: Generated<Date>;
}
export interface Database {
  stakeholderInputs: StakeholderInputsTable;
  stakeholderInputFiles: StakeholderInputFilesTable;
}

// Issue 13 stories 2, 3 and 5: consulted parties and the høringsliste (migration 20261209100000), parties module.
export interface PartiesTable {
  id: Generated<string>;
  name: string;
  nameKey: string;
  kind: PartyKind;
  cvr: string | null;
  emails: string[];
  locale: Generated<'da' | 'en'>;
  note: Generated<string>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}
export interface PartyListSettingsTable {
  consultationId: string;
  reminderDays: number | null;
  updatedAt: Generated<Date>;
}
export interface ConsultationPartiesTable {
  consultationId: string;
  partyId: string;
  addedBy: string | null;
  addedAt: Generated<Date>;
  invitedAt: Timestamp | null;
  invitedBy: string | null;
  responseId: string | null;
  respondedAt: Timestamp | null;
  linkedBy: 'link' | 'match' | 'staff' | null;
  late: Generated<boolean>;
  noCommentsAt: Timestamp | null;
  noCommentsBy: 'party' | 'staff' | null;
}
export interface PartyInvitationsTable {
  tokenHash: string;
  consultationId: string;
  partyId: string;
  mail: 'invitation' | 'reminder';
  createdAt: Generated<Date>;
}
export interface PartyRemindersTable {
  consultationId: string;
  partyId: string;
  reminder: number;
  sentAt: Generated<Date>;
}
export interface PartyMatchRejectionsTable {
  consultationId: string;
  partyId: string;
  responseId: string;
  rejectedBy: string | null;
  rejectedAt: Generated<Date>;
}
export interface Database {
  parties: PartiesTable;
  partyListSettings: PartyListSettingsTable;
  consultationParties: ConsultationPartiesTable;
  partyInvitations: PartyInvitationsTable;
  partyReminders: PartyRemindersTable;
  partyMatchRejections: PartyMatchRejectionsTable;
}

// Issue 14 stories 1, 3 and 4 (migration 20261209400000): reviewers, review rounds, positions and the
// decision record, owned by the reviews module.
export type ReviewPosition = 'supports' | 'supports_with_conditions' | 'objects';
export type NoteFormat = 'markdown' | 'text';
export type DecisionOutcome = 'shortlisted' | 'eliminated' | 'selected';
export type EvidenceRef = {
  kind: 'theme' | 'ranking' | 'finding' | 'review' | 'item' | 'document';
  ref: string;
  label: string;
};
export interface ConsultationReviewersTable {
  consultationId: string;
  userId: string;
  authority: string;
  /** Will reference the organisations directory (server/modules/parties); no foreign key yet. */
  organisationId: string | null;
  invitedBy: string | null;
  invitedAt: Generated<Date>;
}
export interface ReviewRoundsTable {
  consultationId: string;
  id: Generated<string>;
  number: number;
  status: Generated<'open' | 'closed'>;
  dueAt: Timestamp;
  openedBy: string | null;
  openedAt: Generated<Date>;
  closedBy: string | null;
  closedAt: Timestamp | null;
}
export interface ReviewRoundScenariosTable {
  consultationId: string;
  roundId: string;
  scenarioId: string;
}
export interface ReviewsTable {
  consultationId: string;
  id: Generated<string>;
  roundId: string;
  scenarioId: string;
  reviewerId: string;
  authority: string;
  position: ReviewPosition;
  conditions: Json<string[]>;
  reasons: string | null;
  note: string;
  noteFormat: NoteFormat;
  revision: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}
export interface ReviewRevisionsTable {
  consultationId: string;
  reviewId: string;
  revision: number;
  position: ReviewPosition;
  conditions: Json<string[]>;
  reasons: string | null;
  note: string;
  noteFormat: NoteFormat;
  writtenBy: string | null;
  writtenAt: Generated<Date>;
}
export interface ReviewRemindersTable {
  consultationId: string;
  roundId: string;
  reviewerId: string;
  reminder: string;
  mailId: string | null;
  sentAt: Generated<Date>;
}
export interface ScenarioDecisionsTable {
  consultationId: string;
  roundId: string;
  scenarioId: string;
  outcome: DecisionOutcome;
  reasons: string;
  evidence: Json<EvidenceRef[]>;
  decidedBy: string | null;
  decidedAt: Generated<Date>;
}
export interface DecisionApprovalsTable {
  consultationId: string;
  roundId: string;
  approvedBy: string;
  approvedAt: Timestamp;
  documentRef: string;
  recordedBy: string | null;
  recordedAt: Generated<Date>;
}
export interface Database {
  consultationReviewers: ConsultationReviewersTable;
  reviewRounds: ReviewRoundsTable;
  reviewRoundScenarios: ReviewRoundScenariosTable;
  reviews: ReviewsTable;
  reviewRevisions: ReviewRevisionsTable;
  reviewReminders: ReviewRemindersTable;
  scenarioDecisions: ScenarioDecisionsTable;
  decisionApprovals: DecisionApprovalsTable;
}

// Issue 13 story 1: user-test sessions and findings (migration 20261209200000), findings module.
export type TestMethod = 'moderated_usability_test' | 'think_aloud' | 'interview' | 'unmoderated_task' | 'survey';
export type FindingSeverity = 'critical' | 'major' | 'minor' | 'cosmetic';
export type FindingStatus = 'open' | 'addressed' | 'wont_fix';
export interface UserTestSessionsTable {
  consultationId: string;
  id: Generated<string>;
  ref: string | null;
  heldOn: ColumnType<string, string, string>;
  remote: Generated<boolean>;
  place: Generated<string>;
  method: TestMethod;
  facilitator: string;
  participantProfile: Generated<string>;
  participantCount: number;
  device: Generated<string>;
  recordingConsent: boolean;
  note: Generated<string>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}
export interface FindingsTable {
  consultationId: string;
  id: Generated<string>;
  scenarioId: string;
  task: Generated<string>;
  observation: string;
  severity: FindingSeverity;
  participantsAffected: number;
  recommendation: Generated<string>;
  status: Generated<FindingStatus>;
  statusNote: Generated<string>;
  version: Generated<number>;
  sortKey: ColumnType<number, never, never>;
  createdBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
  deletedAt: Timestamp | null;
}
export interface FindingSessionsTable {
  consultationId: string;
  findingId: string;
  sessionId: string;
}
export interface FindingEvidenceTable {
  consultationId: string;
  id: string;
  findingId: string;
  filename: string;
  mediaType: string;
  sizeBytes: ColumnType<string, number, number>;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  createdAt: Generated<Date>;
}
export interface FindingImportsTable {
  id: Generated<string>;
  consultationId: string;
  createdBy: string | null;
  filename: string;
  status: 'staged' | 'committed';
  rows: ColumnType<unknown, string, string>;
  rowCount: number;
  errorCount: number;
  createdAt: Generated<Date>;
  committedAt: Timestamp | null;
}
export interface Database {
  userTestSessions: UserTestSessionsTable;
  findings: FindingsTable;
  findingSessions: FindingSessionsTable;
  findingEvidence: FindingEvidenceTable;
  findingImports: FindingImportsTable;
}

// Issue 14 stories 5 and 6: theme summaries and the høringsnotat's versions (migration 20261210100000),
// reports module.
export type AgencyAnswer = 'accommodated' | 'partly' | 'not_accommodated';
export type ReportStatus = 'generating' | 'failed' | 'draft' | 'published' | 'superseded';
export interface ThemeSummariesTable {
  consultationId: string;
  id: Generated<string>;
  tagId: string;
  answer: AgencyAnswer | null;
  answerReason: ColumnType<Localized, string | undefined, string>;
  changeMade: ColumnType<Localized, string | undefined, string>;
  status: Generated<'draft' | 'ready'>;
  version: Generated<number>;
  writtenBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}
export interface ThemeSummarySentencesTable {
  consultationId: string;
  summaryId: string;
  position: number;
  text: Json<Localized>;
}
export interface ThemeSummaryCitationsTable {
  consultationId: string;
  summaryId: string;
  position: number;
  codingId: string;
}
export interface ReportVersionsTable {
  consultationId: string;
  id: Generated<string>;
  number: number;
  status: Generated<ReportStatus>;
  progress: Generated<number>;
  phase: Generated<string>;
  error: string | null;
  /** The generated report (the JSON format); HTML, DOCX and Markdown are rendered from it. */
  model: ColumnType<unknown, string | null | undefined, string | null>;
  note: Generated<string>;
  requestedBy: string | null;
  requestedAt: Generated<Date>;
  generatedAt: Timestamp | null;
  tookMs: number | null;
  peakRss: ColumnType<string | null, number | null | undefined, number | null>;
  publishedBy: string | null;
  publishedAt: Timestamp | null;
}
export interface Database {
  themeSummaries: ThemeSummariesTable;
  themeSummarySentences: ThemeSummarySentencesTable;
  themeSummaryCitations: ThemeSummaryCitationsTable;
  reportVersions: ReportVersionsTable;
}

// Issue 14 story 7: the ledger of "how your input was used" notices (migration 20261210300000),
// reports module.
export interface ReportNoticesTable {
  consultationId: string;
  recipientKind: 'response' | 'participant';
  recipientId: string;
  reportId: string;
  mailId: string | null;
  sentAt: Generated<Date>;
}
export interface Database {
  reportNotices: ReportNoticesTable;
}

// Issue 14, Measure: the scenario scorecard's aggregates per consultation, recounted in the
// background (migration 20261211100000), reviews module's scorecard.
export interface ScorecardCountsTable {
  consultationId: string;
  part: string;
  payload: ColumnType<unknown, string, string>;
  countedAt: Date;
  recountingSince: Date | null;
}
export interface Database {
  scorecardCounts: ScorecardCountsTable;
}
