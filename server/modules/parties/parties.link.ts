import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { findAccountByEmail } from '../accounts/accounts.registration.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { applySegment } from '../ballots/ballots.service.ts';
import { markInvitedFromList, type ResponseForParty } from '../responses/responses.service.ts';
import * as repo from './parties.repository.ts';
import { isLate } from './parties.rules.ts';

/**
 * Links a response to a party on the list, in the caller's transaction (issue 13 stories 3 and 5):
 * through the personal link, a confirmed match or by staff. The response becomes invited (through
 * the responses module, audited, so the inbox's filter follows), and the ballots of the
 * respondent's account in this consultation count in the invited segment. A response after the
 * deadline (a letter staff accepted) is marked late.
 */
export async function linkToParty(
  trx: Db,
  actor: Actor | null,
  c: { id: string; closesAt: Date | null },
  partyId: string,
  r: ResponseForParty,
  linkedBy: 'link' | 'match' | 'staff',
): Promise<void> {
  const entry = await repo.lockEntry(trx, c.id, partyId);
  if (!entry) throw notFound('Party on the list');
  if (r.status !== 'submitted') throw new AppError('CONFLICT', 'The response was withdrawn', { reason: 'withdrawn' });
  if (entry.responseId === r.id) return;
  if (entry.responseId) {
    throw new AppError('CONFLICT', 'Another response is already linked to this party', { reason: 'already_linked' });
  }
  const other = await repo.entryOfResponse(trx, c.id, r.id);
  if (other) {
    throw new AppError('CONFLICT', 'The response is already linked to another party', { reason: 'response_linked' });
  }
  const late = isLate(r.submittedAt, c.closesAt);
  await repo.linkResponse(trx, c.id, partyId, { responseId: r.id, respondedAt: r.submittedAt, linkedBy, late });
  await markInvitedFromList(trx, actor, { consultationId: c.id, id: r.id, partyId });
  const account = r.respondentEmail ? await findAccountByEmail(trx, r.respondentEmail) : undefined;
  if (account) {
    await applySegment(trx, account.id, [c.id], { invited: true });
  }
  await recordAudit(trx, actor, {
    action: 'party.response_linked',
    itemType: 'consultation',
    itemId: c.id,
    consultationId: c.id,
    details: { partyId, responseId: r.id, linkedBy, late },
  });
}
