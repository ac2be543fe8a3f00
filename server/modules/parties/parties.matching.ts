import type { Actor } from '../../shared/actor.ts';
import { AppError, notFound } from '../../shared/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { responseForParty, responsesMatching } from '../responses/responses.service.ts';
import { linkToParty } from './parties.link.ts';
import { type ListContext, requireList } from './parties.list.ts';
import * as repo from './parties.repository.ts';
import { matchableDomain } from './parties.rules.ts';
import type { MatchProposal } from './parties.schemas.ts';

/**
 * Responses not linked through a personal link are proposed for a party on the list by CVR, or by
 * the respondent's e-mail domain matching a contact's (never a webmail domain); staff confirm or
 * reject each proposal (audited). A rejected pair is never proposed again.
 */
async function proposals(ctx: ListContext, c: { id: string }): Promise<MatchProposal[]> {
  const [entries, rejected, linked] = await Promise.all([
    repo.listEntries(ctx.db, c.id),
    repo.rejections(ctx.db, c.id),
    repo.linkedResponseIds(ctx.db, c.id),
  ]);
  const open = entries.filter((e) => e.responseId === null);
  const domainsOf = new Map(
    open.map((e) => [e.partyId, new Set(e.emails.map(matchableDomain).filter((d) => d !== null))]),
  );
  const cvrs = [...new Set(open.flatMap((e) => (e.cvr ? [e.cvr] : [])))];
  const domains = [...new Set([...domainsOf.values()].flatMap((s) => [...s]))];
  const responses = await responsesMatching(ctx.db, c.id, { cvrs, domains, exclude: linked, limit: 1000 });
  const no = new Set(rejected.map((r) => `${r.partyId}/${r.responseId}`));
  const out: MatchProposal[] = [];
  for (const r of responses) {
    const domain = matchableDomain(r.respondentEmail);
    for (const e of open) {
      const basis =
        r.cvr && e.cvr === r.cvr ? 'cvr' : domain && domainsOf.get(e.partyId)!.has(domain) ? 'domain' : null;
      if (!basis || no.has(`${e.partyId}/${r.id}`)) continue;
      out.push({
        partyId: e.partyId,
        partyName: e.name,
        partyKind: e.kind,
        responseId: r.id,
        receiptCode: r.receiptCode,
        respondentName: r.respondentName,
        organisationName: r.organisationName,
        submittedAt: r.submittedAt.toISOString(),
        basis,
      });
    }
  }
  return out;
}

export async function listProposals(ctx: ListContext, actor: Actor | null, idOrSlug: string) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'readBoard');
  return { items: await proposals(ctx, c) };
}

async function requireProposal(ctx: ListContext, c: { id: string }, partyId: string, responseId: string) {
  const p = (await proposals(ctx, c)).find((x) => x.partyId === partyId && x.responseId === responseId);
  if (!p) throw new AppError('CONFLICT', 'This is not a proposed match (any more)', { reason: 'not_proposed' });
  return p;
}

export async function confirmMatch(
  ctx: ListContext,
  actor: Actor | null,
  idOrSlug: string,
  m: { partyId: string; responseId: string },
) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'recordAnswers');
  const p = await requireProposal(ctx, c, m.partyId, m.responseId);
  const r = await responseForParty(ctx.db, c.id, m.responseId);
  if (!r) throw notFound('Response');
  await ctx.db.transaction().execute(async (trx) => {
    await linkToParty(trx, actor, c, m.partyId, r, 'match');
    await recordAudit(trx, actor, {
      action: 'party.match_confirmed',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { partyId: m.partyId, responseId: m.responseId, basis: p.basis },
    });
  });
  return { items: await proposals(ctx, c) };
}

export async function rejectMatch(
  ctx: ListContext,
  actor: Actor | null,
  idOrSlug: string,
  m: { partyId: string; responseId: string },
) {
  const c = await requireList(ctx.db, actor, idOrSlug, 'recordAnswers');
  const p = await requireProposal(ctx, c, m.partyId, m.responseId);
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertRejection(trx, { consultationId: c.id, ...m, rejectedBy: actor!.id });
    await recordAudit(trx, actor, {
      action: 'party.match_rejected',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { partyId: m.partyId, responseId: m.responseId, basis: p.basis },
    });
  });
  return { items: await proposals(ctx, c) };
}
