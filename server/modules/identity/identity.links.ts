import type { Db } from '../../db/database.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './identity.repository.ts';

/**
 * Called by the participants module when a confirmation link is opened (in its transaction): the
 * MitID person of a first sign-in that asked for this link is linked to the account. Kept apart
 * from identity.service.ts so the two modules' services do not import each other.
 */
export async function completeIdentityLink(trx: Db, confirmHash: string, userId: string): Promise<void> {
  const pending = await repo.takePendingByConfirm(trx, confirmHash);
  if (!pending) return;
  await repo.insertLink(trx, { provider: pending.provider, subject: pending.subject, userId });
  await recordAudit(trx, null, {
    action: 'identity.link',
    itemType: 'account',
    itemId: userId,
    details: { provider: pending.provider },
  });
}
