import type { Db } from '../../db/database.ts';
import { hasRespondentEmail } from '../responses/responses.service.ts';
import * as repo from './parties.repository.ts';

/**
 * "Invited or not" for a ballot (issue 13 story 5): whether the account's e-mail address sent a
 * response that is linked to a party on this consultation's list. The list is small (its linked
 * responses are read by primary key), so a ballot cast pays one short look-up. Kept apart from
 * parties.link.ts, which calls the ballots module, so the ballots module can call this.
 */
export async function isListedRespondent(db: Db, consultationId: string, email: string): Promise<boolean> {
  const ids = await repo.linkedResponseIds(db, consultationId);
  if (ids.length === 0) return false;
  return hasRespondentEmail(db, consultationId, ids, email);
}
