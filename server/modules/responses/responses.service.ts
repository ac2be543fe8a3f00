import type { Db } from '../../db/database.ts';
import { withheldAttachmentIds } from '../analysis/privacy/privacy.service.ts';
import * as feed from './analysis-feed.repository.ts';
import * as repo from './responses.repository.ts';

/**
 * What other modules may ask of the responses tables (STYLE.md §1: each table has one owner, and
 * other modules go through its service).
 */

/**
 * For the files module: a published response's attachments may be downloaded by anyone, except a
 * file with personal data not rejected in the redaction queue (issue 12 story 2).
 */
export const isResponsePublished = async (
  db: Db,
  consultationId: string,
  responseId: string,
  attachmentId?: string,
): Promise<boolean> =>
  (await repo.isPublished(db, consultationId, responseId)) &&
  (attachmentId === undefined || !(await withheldAttachmentIds(db, [attachmentId])).has(attachmentId));

/** For the questions module's shape rules: whether the consultation has any response (withdrawn ones too). */
export const hasResponses = (db: Db, consultationId: string): Promise<boolean> => repo.anyResponse(db, consultationId);

export type { ItemKey, ResponseForAnalysis } from './analysis-feed.repository.ts';

/** For the analysis inbox: what it indexes of these responses, published or not (staff only). */
export const responsesForAnalysis = feed.responsesForAnalysis;

/** For the analysis inbox's first run: every response's key, in key order after `after`. */
export const responseKeysAfter = feed.responseKeysAfter;

export type { ResponseVersionForAnalysis } from './analysis-feed.repository.ts';

/** For the analysis item view: a response's earlier versions, newest first (staff only). */
export const earlierResponseVersions = feed.earlierVersions;

export type { ResponseForPrivacy } from './analysis-feed.repository.ts';

/** For the personal-data scanner (issue 12 story 2): each text field of these responses, and who wrote them. */
export const responsesForPrivacy = feed.responsesForPrivacy;

/** For the redaction queue: a published response's search index is made again from its redacted text. */
export const reindexPublishedResponse = feed.reindexPublished;
