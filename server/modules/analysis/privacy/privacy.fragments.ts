import { sql } from 'kysely';

/**
 * SQL fragments of the redaction queue's table that other modules embed in their own statements,
 * so `privacy_findings` keeps one owner (issue 9 item 2).
 */

/** True when the attachment a column points at may be published as it is: no finding on it but rejected ones. */
export const attachmentPublishable = (attachmentIdRef: string) =>
  sql<boolean>`not exists (select 1 from privacy_findings pf
     where pf.item_kind = 'attachment' and pf.item_id = ${sql.ref(attachmentIdRef)} and pf.status <> 'rejected')`;
