import type { Db } from '../../db/database.ts';
import { type Actor, hasRole } from '../../shared/actor.ts';
import { AppError, forbidden, notFound } from '../../shared/errors.ts';
import { requireWorkspace } from '../analysis/analysis.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireReadableConsultation } from '../consultations/consultations.service.ts';
import { responseForParty } from '../responses/responses.service.ts';
import { linkToParty } from './parties.link.ts';
import { kickRelay, type MailStatus, queuePartyMails } from './parties.mail.ts';
import { canParties, type PartiesAction } from './parties.policy.ts';
import * as repo from './parties.repository.ts';
import { entryStatus } from './parties.rules.ts';
import type { Board, EntryStatus, ListEntry, PartyKind } from './parties.schemas.ts';

/** A consultation's høringsliste (issue 13 story 3): the list, invitations, the status board. */
export type ListContext = { db: Db; publicUrl: string; mailStatus: MailStatus; defaultReminderDays: number };

/**
 * The role first (403), then the consultation (404); an analyst limited to their team only on its
 * consultations (403 `not_on_team`), as everywhere in the analysis workspace.
 */
export async function requireList(db: Db, actor: Actor | null, idOrSlug: string, action: PartiesAction) {
  if (!actor || !canParties(actor, action)) throw forbidden();
  if (hasRole(actor, 'admin')) return requireReadableConsultation(db, actor, idOrSlug);
  return requireWorkspace(db, actor, idOrSlug, action === 'readBoard' ? 'read' : 'code');
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toEntry(r: repo.EntryRow): ListEntry {
  return {
    party: { id: r.partyId, name: r.name, kind: r.kind, cvr: r.cvr },
    status: entryStatus(r),
    addedAt: r.addedAt.toISOString(),
    invitedAt: iso(r.invitedAt),
    remindedAt: iso(r.remindedAt ? new Date(r.remindedAt) : null),
    responseId: r.responseId,
    respondedAt: iso(r.respondedAt),
    linkedBy: r.linkedBy,
    late: r.late,
    noCommentsAt: iso(r.noCommentsAt),
    noCommentsBy: r.noCommentsBy,
  };
}

type StatusFilter = 'not_invited' | 'no_reply' | 'responded' | 'no_comments' | 'reminded' | 'late';
const matches = (e: ListEntry, s: StatusFilter): boolean => {
  switch (s) {
    case 'no_reply':
      return e.status === 'invited';
    case 'reminded':
      return e.remindedAt !== null;
    case 'late':
      return e.late;
    case 'not_invited':
    case 'responded':
    case 'no_comments':
      return e.status === (s satisfies EntryStatus);
  }
};

export async function getBoard(
  ctx: ListContext,
  actor: Actor | null,
  idOrSlug: string,
  q: { kind?: PartyKind | undefined; status?: StatusFilter | undefined },
): Promise<Board> {
  const c = await requireList(ctx.db, actor, idOrSlug, 'readBoard');
  const [rows, days] = await Promise.all([repo.listEntries(ctx.db, c.id), repo.reminderDays(ctx.db, c.id)]);
  const all = rows.map(toEntry);
  const count = (s: StatusFilter) => all.filter((e) => matches(e, s)).length;
  return {
    consultationId: c.id,
    closesAt: iso(c.closesAt),
    reminderDays: days ?? ctx.defaultReminderDays,
    counts: {
      total: all.length,
      notInvited: count('not_invited'),
      invited: all.filter((e) => e.invitedAt !== null).length,
      reminded: count('reminded'),
      responded: count('responded'),
      noComments: count('no_comments'),
      noReply: count('no_reply'),
      late: count('late'),
    },
    items: all.filter((e) => (!q.kind || e.party.kind === q.kind) && (!q.status || matches(e, q.status))),
  };
}

/** Adds parties by id and by kind ("all municipalities"); a party already listed is left as it is. */
export async function addToList(
  ctx: ListContext,
  actor: Actor | null,
  idOrSlug: string,
  input: { partyIds: string[]; kinds: PartyKind[] },
) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'manageList');
  const known = await repo.existingPartyIds(ctx.db, input.partyIds);
  const unknown = input.partyIds.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new AppError('BAD_REQUEST', 'Unknown parties', { reason: 'unknown_party', unknown });
  const ids = [...new Set([...known, ...(await repo.partyIdsOfKinds(ctx.db, input.kinds))])];
  const added = await ctx.db.transaction().execute(async (trx) => {
    const rows = await repo.addEntries(trx, c.id, ids, actor!.id);
    await recordAudit(trx, actor, {
      action: 'party_list.add',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { partyIds: rows.map((r) => r.partyId), kinds: input.kinds },
    });
    return rows.length;
  });
  return { added, alreadyListed: ids.length - added };
}

export async function removeFromList(ctx: ListContext, actor: Actor | null, idOrSlug: string, partyId: string) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'manageList');
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.removeEntry(trx, c.id, partyId))) throw notFound('Party on the list');
    await recordAudit(trx, actor, {
      action: 'party_list.remove',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { partyId },
    });
  });
}

export async function setReminderDays(ctx: ListContext, actor: Actor | null, idOrSlug: string, days: number | null) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'manageList');
  await ctx.db.transaction().execute(async (trx) => {
    await repo.setReminderDays(trx, c.id, days);
    await recordAudit(trx, actor, {
      action: 'party_list.settings',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { reminderDays: days },
    });
  });
  return { reminderDays: days ?? ctx.defaultReminderDays };
}

/**
 * Sends the invitations: each party gets a mail in its language at each contact address, with the
 * consultation, the deadline and its personal links; queued with the change in one transaction.
 * Without `partyIds`, every party not yet invited; with them, those parties (again, with new links).
 */
export async function invite(ctx: ListContext, actor: Actor | null, idOrSlug: string, partyIds?: string[]) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'manageList');
  if (c.phase !== 'open' && c.phase !== 'draft') {
    throw new AppError('CONFLICT', 'The consultation no longer takes responses', { reason: 'not_open' });
  }
  const rows = await repo.listEntries(ctx.db, c.id, partyIds);
  if (partyIds && rows.length !== new Set(partyIds).size) throw notFound('Party on the list');
  const to = partyIds ? rows : rows.filter((r) => r.invitedAt === null);
  const now = new Date();
  const queued = await ctx.db.transaction().execute(async (trx) => {
    const n = await queuePartyMails(
      trx,
      'invitation',
      to.map((r) => ({
        consultationId: c.id,
        slug: c.slug,
        title: c.title,
        closesAt: c.closesAt,
        partyId: r.partyId,
        partyName: r.name,
        emails: r.emails,
        locale: r.locale,
      })),
      { publicUrl: ctx.publicUrl, status: ctx.mailStatus },
    );
    await repo.markInvited(
      trx,
      c.id,
      to.map((r) => r.partyId),
      actor!.id,
      now,
    );
    await recordAudit(trx, actor, {
      action: 'party_list.invite',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { parties: to.length, mails: n },
    });
    return n;
  });
  kickRelay(ctx.mailStatus);
  return { queued };
}

/** Staff record that a party has no comments (ingen bemærkninger); refused once it has responded. */
export async function recordNoComments(ctx: ListContext, actor: Actor | null, idOrSlug: string, partyId: string) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'recordAnswers');
  await ctx.db.transaction().execute(async (trx) => {
    const e = await repo.lockEntry(trx, c.id, partyId);
    if (!e) throw notFound('Party on the list');
    if (e.responseId) throw new AppError('CONFLICT', 'The party has responded', { reason: 'responded' });
    if (e.noCommentsAt) return;
    await repo.setNoComments(trx, c.id, partyId, 'staff', new Date());
    await recordAudit(trx, actor, {
      action: 'party.no_comments',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { partyId, by: 'staff' },
    });
  });
  return toEntry((await repo.findEntry(ctx.db, c.id, partyId))!);
}

/**
 * Staff link a response to a party on the list: a letter registered after the deadline (accepted
 * by staff) is marked late.
 */
export async function linkResponse(
  ctx: ListContext,
  actor: Actor | null,
  idOrSlug: string,
  partyId: string,
  responseId: string,
) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'recordAnswers');
  const r = await responseForParty(ctx.db, c.id, responseId);
  if (!r) throw notFound('Response');
  await ctx.db.transaction().execute((trx) => linkToParty(trx, actor, c, partyId, r, 'staff'));
  return toEntry((await repo.findEntry(ctx.db, c.id, partyId))!);
}

/**
 * A letter or e-mail registered by staff on behalf of a party on the list (issue 13 story 5: "invited"
 * follows the list, never a checkbox). `check` runs before the letter is stored (404 when the party is
 * not on this consultation's list, so nothing is written); `link` links the stored letter, which makes
 * it invited (and late after the deadline). The responses module receives these from server/app.ts.
 */
export const letterParty = {
  async check(db: Db, actor: Actor | null, idOrSlug: string, partyId: string): Promise<void> {
    const c = await requireList(db, actor, idOrSlug, 'recordAnswers');
    const entry = await repo.findEntry(db, c.id, partyId);
    if (!entry) throw notFound('Party on the list');
    if (entry.responseId) {
      throw new AppError('CONFLICT', 'Another response is already linked to this party', { reason: 'already_linked' });
    }
  },
  async link(db: Db, actor: Actor | null, idOrSlug: string, partyId: string, responseId: string): Promise<void> {
    const c = await requireList(db, actor, idOrSlug, 'recordAnswers');
    const r = await responseForParty(db, c.id, responseId);
    if (!r) throw notFound('Response');
    await db.transaction().execute((trx) => linkToParty(trx, actor, c, partyId, r, 'staff'));
  },
};

/** For the public consultation page: the invited parties, and whether each answered. */
export async function consultedParties(db: Db, actor: Actor | null, idOrSlug: string) {
  const c = await requireReadableConsultation(db, actor, idOrSlug);
  const rows = await repo.consultedParties(db, c.id);
  return {
    items: rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      answered: r.responseId !== null || r.noCommentsAt !== null,
    })),
  };
}

/**
 * For the høringsnotat (issue 14 story 6, its background job): the høringsliste in alphabetical
 * order (Danish), each party's answer: responded (late when registered after the deadline), no
 * comments, or none.
 */
export async function hearingListForReport(db: Db, consultationId: string) {
  const rows = await repo.listEntries(db, consultationId);
  return rows
    .map((r) => ({
      name: r.name,
      kind: r.kind,
      status: entryStatus(r),
      late: r.late,
      responseId: r.responseId,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'da'));
}
