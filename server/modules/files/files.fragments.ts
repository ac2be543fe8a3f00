import { sql } from 'kysely';
import { matchInOwnLanguage } from '../../shared/search.ts';

/**
 * SQL fragments of the files module's tables for other modules' statements (issue 9 item 2). Each
 * takes column references of the caller's query that hold the consultation and the response id.
 */

/** How many files a response has. */
export const attachmentCountOf = (consultationIdRef: string, responseIdRef: string) =>
  sql<number>`(select count(*)::int from attachments f
                where f.consultation_id = ${sql.ref(consultationIdRef)} and f.response_id = ${sql.ref(responseIdRef)})`;

/**
 * The ids of the consultation's responses with a file whose text matches the search `q`, each text
 * only in its own language (GIN index), as an array computed once per statement, so the caller's
 * `item_id = any(…)` joins its own index scans (a bitmap OR) instead of asking per row.
 */
export const responsesWithFileMatching = (consultationId: string, q: string) =>
  sql<string[]>`array(select att.response_id from attachments att
     where att.consultation_id = ${consultationId} and att.response_id is not null
       and ${matchInOwnLanguage(sql.ref('att.text_search'), sql.ref('att.text_language'), q)})`;
