import type { Db } from '../../db/database.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { type Clock, systemClock } from '../../shared/clock.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { acceptsInput } from '../consultations/consultations.rules.ts';
import { responseForEditToken } from '../responses/responses.service.ts';
import { sha256Hex } from '../responses/responses.crypto.ts';
import { linkToParty } from './parties.link.ts';
import * as repo from './parties.repository.ts';
import { actingAsOf, entryStatus } from './parties.rules.ts';
import type { Invitation } from './parties.schemas.ts';

/**
 * The party's personal link (issue 13 story 3): the token is the only credential, so every
 * failure is the same 404, and nothing is logged with it (the routes log from `warn` up).
 */
async function resolve(db: Db, token: string) {
  const t = await repo.findToken(db, sha256Hex(token));
  if (!t) throw notFound('Invitation');
  const c = await requireReadableConsultation(db, null, t.consultationId).catch(() => null);
  const e = c ? await repo.findEntry(db, c.id, t.partyId) : undefined;
  if (!c || !e) throw notFound('Invitation');
  return { c, e };
}

export async function readInvitation(db: Db, token: string, clock: Clock = systemClock): Promise<Invitation> {
  const { c, e } = await resolve(db, token);
  return {
    consultation: {
      id: c.id,
      slug: c.slug,
      title: c.title,
      closesAt: c.closesAt?.toISOString() ?? null,
      acceptsInput: acceptsInput(c, clock()),
    },
    party: { name: e.name, kind: e.kind, cvr: e.cvr, locale: e.locale, actingAs: actingAsOf(e.kind) },
    status: entryStatus(e),
  };
}

/**
 * "No comments" (ingen bemærkninger) from the mail: the page asks for a confirmation and POSTs; a
 * GET never changes anything. Until the deadline; repeating it is harmless.
 */
export async function noCommentsByToken(db: Db, token: string, clock: Clock = systemClock): Promise<Invitation> {
  const { c, e } = await resolve(db, token);
  if (!acceptsInput(c, clock())) throw new AppError('CONSULTATION_CLOSED', 'The consultation is closed');
  if (e.responseId) throw new AppError('CONFLICT', 'Your organisation has already responded', { reason: 'responded' });
  if (!e.noCommentsAt) {
    await db.transaction().execute(async (trx) => {
      const locked = await repo.lockEntry(trx, c.id, e.partyId);
      if (!locked || locked.responseId || locked.noCommentsAt) return;
      await repo.setNoComments(trx, c.id, e.partyId, 'party', clock());
      await recordAudit(trx, null, {
        action: 'party.no_comments',
        itemType: 'consultation',
        itemId: c.id,
        consultationId: c.id,
        details: { partyId: e.partyId, by: 'party' },
      });
    });
  }
  return readInvitation(db, token, clock);
}

/**
 * After a response was submitted through the personal link, the respond page links it to the party:
 * the receipt's edit token proves the response is the caller's, the invitation's that the party is.
 */
export async function linkByToken(
  db: Db,
  token: string,
  input: { responseId: string; editToken: string },
): Promise<Invitation> {
  const { c, e } = await resolve(db, token);
  const r = await responseForEditToken(db, c.id, input.editToken);
  if (!r || r.id !== input.responseId) throw notFound('Response');
  await db.transaction().execute((trx) => linkToParty(trx, null, c, e.partyId, r, 'link'));
  return readInvitation(db, token);
}
