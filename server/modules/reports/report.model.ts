import type { AgencyAnswer, InboxItemKind, Localized } from '../../db/schema.ts';

/**
 * The generated høringsnotat (issue 14 story 6) as stored in `report_versions.model` and served as the
 * report's JSON format; HTML, DOCX and Markdown are rendered from it. Other code (the "how your input
 * was used" pages, story 7) reads a published report through `getPublishedReport` in
 * reports.service.ts and relies only on the fields below: fields may be added, never renamed.
 */
export const REPORT_FORMAT = 'samraad.hoeringsnotat/1';

/** A number in the report and the inbox view (a URL path with its query) that recounts it. */
export type CountLink = { n: number; href: string };

/** A quoted coded passage; `text` has the public redactions applied. */
export type ReportQuote = {
  codingId: string;
  itemKind: InboxItemKind;
  itemId: string;
  text: string;
};

export type ReportTheme = {
  tagId: string;
  name: Localized;
  /** The tag's parent theme (null for a top-level theme) and its depth in the codebook (0 at the top). */
  parentId: string | null;
  depth: number;
  /** The items coded with the theme or one of its sub-themes. */
  count: CountLink;
  /** Whether a summary is written (false: the report says "no summary yet"). */
  summarised: boolean;
  answer: AgencyAnswer | null;
  answerReason: Localized;
  changeMade: Localized;
  /** The summary's sentences, each with the codings it cites. */
  sentences: { text: Localized; codingIds: string[] }[];
  quotes: ReportQuote[];
};

export type ReportParty = {
  name: string;
  status: 'responded' | 'no_comments' | 'no_answer';
  /** Answered after the deadline (accepted by staff). */
  late: boolean;
};

/** "N identical or near-identical responses": one active campaign (issue 12). */
export type ReportCampaign = { campaignId: string; label: Localized; count: CountLink };

export type ReportDecision = {
  roundNumber: number;
  outcomes: {
    scenarioId: string;
    key: string;
    title: Localized;
    outcome: 'shortlisted' | 'eliminated' | 'selected';
    reasons: string;
    evidence: { kind: string; ref: string; label: string }[];
  }[];
  approval: { approvedBy: string; approvedAt: string; documentRef: string } | null;
};

export type ReportModel = {
  format: typeof REPORT_FORMAT;
  consultationId: string;
  number: number;
  generatedAt: string;
  consultation: { slug: string; title: Localized; publicUrl: string; hoeringsportalenUrl: string | null };
  /** The hearing period (ISO times) and its length in whole days; null while a date is not set. */
  period: { opensAt: string | null; closesAt: string | null; days: number | null };
  /** The inbox index's point in time: input that arrived after it is not counted. */
  indexedUpTo: string | null;
  /** The høringsliste, alphabetical (Danish collation). */
  parties: ReportParty[];
  input: {
    total: CountLink;
    byKind: { kind: InboxItemKind; count: CountLink }[];
    /** Responses by stakeholder type (acting as). */
    byActingAs: { actingAs: string; count: CountLink }[];
    /** Responses by channel (web form, letter, e-mail). */
    byChannel: { channel: string; count: CountLink }[];
    campaigns: ReportCampaign[];
  };
  themes: ReportTheme[];
  /** The changes made, collected from the themes' answers, in the themes' order. */
  changes: { tagId: string; name: Localized; text: Localized }[];
  decision: ReportDecision | null;
};
