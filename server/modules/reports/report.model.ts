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
  count: CountLink;
  answer: AgencyAnswer | null;
  answerReason: Localized;
  changeMade: Localized;
  /** The summary's sentences, each with the codings it cites. */
  sentences: { text: Localized; codingIds: string[] }[];
  quotes: ReportQuote[];
};

export type ReportModel = {
  format: typeof REPORT_FORMAT;
  consultationId: string;
  number: number;
  generatedAt: string;
  themes: ReportTheme[];
};
