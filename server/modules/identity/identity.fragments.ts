import { sql } from 'kysely';
import type { Loa } from '../../db/schema.ts';
import { LOA_ORDER } from './identity.rules.ts';

/**
 * SQL fragments of the identity module's tables that other modules embed in their own statements
 * (the analysis inbox's filter), so `response_verifications` keeps one owner. Each takes column
 * references of the caller's query.
 */

export type VerifiedFilter = 'none' | 'any' | Loa;

/**
 * Whether the response a row points at is verified with MitID: `none` (not verified), `any`, or
 * at least the level given. A row that is not a response (a comment) is never verified.
 */
export function verifiedCondition(consultationRef: string, responseIdRef: string, want: VerifiedFilter) {
  const levels = want === 'none' || want === 'any' ? LOA_ORDER : LOA_ORDER.slice(LOA_ORDER.indexOf(want));
  const found = sql<boolean>`exists (select 1 from response_verifications v
      where v.consultation_id = ${sql.ref(consultationRef)} and v.response_id = ${sql.ref(responseIdRef)}
        and v.loa = any(${[...levels]}::text[]))`;
  return want === 'none' ? sql<boolean>`not ${found}` : found;
}
