import type { Db } from '../../db/database.ts';
import type { Actor } from '../../shared/actor.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { EDIT_TOKEN_PATTERN, sha256Hex } from './responses.crypto.ts';
import { withheldAttachmentIds } from '../analysis/privacy/privacy.service.ts';
import * as feed from './analysis-feed.repository.ts';
import * as repo from './responses.repository.ts';

/**
 * What other modules may ask of the responses tables (STYLE.md §1: each table has one owner, and
 * other modules go through its service).
 */

/**
 * For the files module: a published response's attachments may be downloaded by anyone, except a
 * file with personal data not rejected in the redaction queue (issue 12 story 2).
 */
export const isResponsePublished = async (
  db: Db,
  consultationId: string,
  responseId: string,
  attachmentId?: string,
): Promise<boolean> =>
  (await repo.isPublished(db, consultationId, responseId)) &&
  (attachmentId === undefined || !(await withheldAttachmentIds(db, consultationId, [attachmentId])).has(attachmentId));

/**
 * For modules whose routes name only a response (the staff's verification view): the response's
 * consultation, or null. A look-up by an id unique on its own, as GET /api/responses/:id's; under
 * Citus it asks every shard, and the caller's statements after it filter by the consultation.
 */
export const consultationOfResponse = (db: Db, id: string): Promise<string | null> => repo.consultationOf(db, id);

/** For the questions module's shape rules: whether the consultation has any response (withdrawn ones too). */
export const hasResponses = (db: Db, consultationId: string): Promise<boolean> => repo.anyResponse(db, consultationId);

export type { ItemKey, ResponseForAnalysis } from './analysis-feed.repository.ts';

/** For the analysis inbox: what it indexes of these responses, published or not (staff only). */
export const responsesForAnalysis = feed.responsesForAnalysis;

/** For the analysis inbox's first run: every response's key, in key order after `after`. */
export const responseKeysAfter = feed.responseKeysAfter;

export type { ResponseVersionForAnalysis } from './analysis-feed.repository.ts';

/** For the analysis item view: a response's earlier versions, newest first (staff only). */
export const earlierResponseVersions = feed.earlierVersions;

export type { ResponseForPrivacy } from './analysis-feed.repository.ts';

/** For the personal-data scanner (issue 12 story 2): each text field of these responses, and who wrote them. */
export const responsesForPrivacy = feed.responsesForPrivacy;

/** For the redaction queue: a published response's search index is made again from its redacted text. */
export const reindexPublishedResponse = feed.reindexPublished;

// Issue 13 (the høringsliste, parties module): what the list needs of the responses it links.

export type ResponseForParty = Pick<
  repo.StaffRow,
  | 'consultationId'
  | 'id'
  | 'receiptCode'
  | 'respondentName'
  | 'respondentEmail'
  | 'actingAs'
  | 'organisationName'
  | 'cvr'
  | 'invited'
  | 'status'
  | 'channel'
  | 'submittedAt'
>;

const forParty = (r: repo.StaffRow | Awaited<ReturnType<typeof repo.findByCvrOrDomain>>[number]): ResponseForParty => ({
  consultationId: r.consultationId,
  id: r.id,
  receiptCode: r.receiptCode,
  respondentName: r.respondentName,
  respondentEmail: r.respondentEmail,
  actingAs: r.actingAs,
  organisationName: r.organisationName,
  cvr: r.cvr,
  invited: r.invited,
  status: r.status,
  channel: r.channel,
  submittedAt: r.submittedAt,
});

/** A response of this consultation (a letter's `submittedAt` is when it arrived), or null. */
export async function responseForParty(db: Db, consultationId: string, id: string): Promise<ResponseForParty | null> {
  const row = await repo.findById(db, id);
  return row && row.consultationId === consultationId ? forParty(row) : null;
}

/** The response an edit token belongs to (the respondent's own credential), if it is of this consultation. */
export async function responseForEditToken(
  db: Db,
  consultationId: string,
  token: string,
): Promise<ResponseForParty | null> {
  if (!EDIT_TOKEN_PATTERN.test(token)) return null;
  const row = await repo.findByTokenHash(db, sha256Hex(token));
  return row && row.consultationId === consultationId ? forParty(row) : null;
}

/** Responses that may be a listed party's, by CVR or by the e-mail domain (lower case). */
export async function responsesMatching(
  db: Db,
  consultationId: string,
  f: { cvrs: readonly string[]; domains: readonly string[]; exclude: readonly string[]; limit: number },
): Promise<ResponseForParty[]> {
  return (await repo.findByCvrOrDomain(db, consultationId, f)).map(forParty);
}

/**
 * "Invited or not" follows the høringsliste (issue 13 story 5): a response linked to a party on the
 * list is marked invited, in the caller's transaction, and audited so the inbox indexer sees it.
 */
/** Whether one of these responses (by id, in one consultation) was sent from this e-mail address. */
export async function hasRespondentEmail(
  db: Db,
  consultationId: string,
  ids: readonly string[],
  email: string,
): Promise<boolean> {
  if (ids.length === 0) return false;
  return repo.anyRespondentEmail(db, consultationId, ids, email);
}

export async function markInvitedFromList(
  trx: Db,
  actor: Actor | null,
  r: { consultationId: string; id: string; partyId: string },
): Promise<void> {
  await repo.setInvited(trx, r.consultationId, r.id, true);
  await recordAudit(trx, actor, {
    action: 'response.invited',
    itemType: 'response',
    itemId: r.id,
    consultationId: r.consultationId,
    details: { invited: true, partyId: r.partyId, source: 'party_list' },
  });
}

// Issue 14 story 7 (reports module, "how your input was used"): the respondent's own response by
// the edit token, and whom to tell when the høringsnotat is published.

export type OwnResponseRef = {
  consultationId: string;
  id: string;
  receiptCode: string;
  status: 'submitted' | 'withdrawn';
  locale: 'da' | 'en';
};

/** The response an edit token belongs to, of any consultation (the token is the only credential), or null. */
export async function responseRefForEditToken(db: Db, token: string): Promise<OwnResponseRef | null> {
  if (!EDIT_TOKEN_PATTERN.test(token)) return null;
  const row = await repo.findByTokenHash(db, sha256Hex(token));
  return row
    ? {
        consultationId: row.consultationId,
        id: row.id,
        receiptCode: row.receiptCode,
        status: row.status,
        locale: row.locale,
      }
    : null;
}

export type RespondentToTell = { id: string; email: string; locale: 'da' | 'en'; receiptCode: string };

/** Submitted responses with an e-mail address, in id order after `afterId` (a keyset page of `limit`). */
export async function respondentsToTell(
  db: Db,
  consultationId: string,
  afterId: string | null,
  limit: number,
): Promise<RespondentToTell[]> {
  const rows = await repo.respondentsAfter(db, consultationId, afterId, limit);
  return rows.map((r) => ({ id: r.id, email: r.respondentEmail!, locale: r.locale, receiptCode: r.receiptCode }));
}
/** Of these responses, those the public sees: the høringsnotat quotes only these (issue 14 story 6). */
export const publishedResponseIds = (db: Db, consultationId: string, ids: readonly string[]) =>
  repo.publishedIds(db, consultationId, ids);
