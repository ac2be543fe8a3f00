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

/** True when a file of the response matches the search `q`, each text only in its own language (GIN index). */
export const attachmentTextMatchOf = (consultationIdRef: string, responseIdRef: string, q: string) =>
  sql<boolean>`exists (select 1 from attachments att
     where att.consultation_id = ${sql.ref(consultationIdRef)} and att.response_id = ${sql.ref(responseIdRef)}
       and ${matchInOwnLanguage(sql.ref('att.text_search'), sql.ref('att.text_language'), q)})`;
