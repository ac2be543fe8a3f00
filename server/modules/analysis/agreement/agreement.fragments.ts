import { type Expression, sql, type SqlBool } from 'kysely';
import { type Actor, hasRole } from '../../../shared/actor.ts';

/**
 * Blind coding (issue 11 story 7): while a sample is open, a coder of it who is not an admin does
 * not see the other coders' codings on the sample's items. The condition a coding row (table
 * `codings`, unaliased) must meet to be shown to the actor; undefined when nothing is hidden
 * (admins see everything). The codings service adds it to its listings.
 */
export function visibleCodingsFor(actor: Actor | null): Expression<SqlBool> | undefined {
  if (!actor || hasRole(actor, 'admin')) return undefined;
  return sql<boolean>`(codings.coder_id = ${actor.id} or not exists (
      select 1 from agreement_sample_items si
        join agreement_samples s on s.id = si.sample_id and s.status = 'open'
        join agreement_sample_coders me on me.sample_id = s.id and me.user_id = ${actor.id}
        join agreement_sample_coders other on other.sample_id = s.id and other.user_id = codings.coder_id
       where si.item_id = codings.item_id and s.consultation_id = codings.consultation_id))`;
}
