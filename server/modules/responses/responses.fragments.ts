import { sql } from 'kysely';

/**
 * SQL fragments of the responses module's tables for other modules' statements (issue 9 item 2).
 * Each takes column references of the caller's query.
 */

/** True when any kept version of a response in the consultation lists an attachment with this hash. */
export const attachmentInAnyVersion = (consultationIdRef: string, sha256Ref: string) =>
  sql<boolean>`exists (select 1 from response_versions v
                        where v.consultation_id = ${sql.ref(consultationIdRef)}
                          and v.snapshot -> 'attachments' ? ${sql.ref(sha256Ref)})`;
