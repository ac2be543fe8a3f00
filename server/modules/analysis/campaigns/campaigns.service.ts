import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import { refused, requireWorkspace } from '../analysis.service.ts';
import { createCoding } from '../codings/codings.service.ts';
import { type Arrival, memberDiff, noteArrivals } from './campaigns.detect.ts';
import { CAMPAIGNS_JOB } from './campaigns.job.ts';
import * as repo from './campaigns.repository.ts';
import type {
  CampaignDetail,
  CampaignList,
  CampaignMember,
  CampaignRun,
  CampaignSummary,
  MergeInput,
  SplitInput,
  StartRunInput,
  StatusInput,
} from './campaigns.schemas.ts';

/** Campaigns (issue 12 story 1): detection runs, the analysts' view and decisions, campaign coding. */
export type CampaignsContext = { db: Db; jobs: Pick<JobQueue, 'send'> };

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toSummary(c: repo.CampaignRow): CampaignSummary {
  return {
    id: c.id,
    status: c.status,
    memberCount: c.memberCount,
    templateKind: c.templateKind,
    templateItemId: c.templateItemId,
    templateText: c.templateText,
    mergedInto: c.mergedInto,
    decidedBy: c.decidedBy,
    decidedAt: iso(c.decidedAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

function toRun(r: repo.RunRow): CampaignRun {
  return {
    id: r.id,
    mode: r.mode,
    status: r.status,
    phase: r.phase,
    progress: r.progress,
    itemCount: r.itemCount,
    joinedCount: r.joinedCount,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  };
}

/** New or changed input from the inbox indexer (off the submission path): exact copies and near-copies joined. */
export const campaignArrivals = (db: Db, arrivals: readonly Arrival[]) => noteArrivals(db, arrivals);

/** Starts a detection run: stored as queued and its job enqueued in one transaction; audited. */
export async function startRun(ctx: CampaignsContext, actor: Actor | null, idOrSlug: string, input: StartRunInput) {
  const c = await requireWorkspace(ctx.db, actor, idOrSlug, 'code');
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertRun(trx, { consultationId: c.id, mode: input.mode, requestedBy: actor!.id });
    await ctx.jobs.send(CAMPAIGNS_JOB, { runId: id }, { trx, retryLimit: 1 });
    await recordAudit(trx, actor, {
      action: 'campaign_run.start',
      itemType: 'campaign_run',
      itemId: id,
      consultationId: c.id,
      details: { mode: input.mode },
    });
    return id;
  });
  return toRun((await repo.findRun(ctx.db, c.id, id))!);
}

export async function getRun(db: Db, actor: Actor | null, idOrSlug: string, runId: string): Promise<CampaignRun> {
  const c = await requireWorkspace(db, actor, idOrSlug, 'read');
  const run = await repo.findRun(db, c.id, runId);
  if (!run) throw notFound('Run');
  return toRun(run);
}

export async function listCampaigns(db: Db, actor: Actor | null, idOrSlug: string): Promise<CampaignList> {
  const c = await requireWorkspace(db, actor, idOrSlug, 'read');
  const [rows, runs] = await Promise.all([repo.listCampaigns(db, c.id, 500), repo.listRuns(db, c.id, 1)]);
  return { items: rows.map(toSummary), latestRun: runs[0] ? toRun(runs[0]) : null };
}

async function campaignOf(db: Db, actor: Actor | null, idOrSlug: string, campaignId: string, action: 'read' | 'code') {
  const c = await requireWorkspace(db, actor, idOrSlug, action);
  const campaign = await repo.findCampaign(db, c.id, campaignId);
  if (!campaign) throw notFound('Campaign');
  return { c, campaign };
}

export async function getCampaign(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  campaignId: string,
): Promise<CampaignDetail> {
  const { c, campaign } = await campaignOf(db, actor, idOrSlug, campaignId, 'read');
  const [members, split] = await Promise.all([
    repo.listMembers(db, c.id, campaign.id, 'member', 200),
    repo.listMembers(db, c.id, campaign.id, 'split', 200),
  ]);
  const texts = await repo.textsOf(
    db,
    c.id,
    [...members, ...split].map((m) => ({ kind: m.itemKind, id: m.itemId })),
  );
  const toMember = (m: (typeof members)[number]): CampaignMember => {
    const t = texts.get(`${m.itemKind}:${m.itemId}`);
    return {
      kind: m.itemKind,
      id: m.itemId,
      status: m.status,
      isTemplate: m.itemKind === campaign.templateKind && m.itemId === campaign.templateItemId,
      authorLabel: t?.authorLabel ?? '',
      receivedAt: t ? t.receivedAt.toISOString() : null,
      similarity: m.similarity,
      text: t?.text ?? '',
      spans: m.addedSpans,
      addedBy: m.addedBy,
    };
  };
  const ordered = members.map(toMember).sort((a, b) => Number(b.isTemplate) - Number(a.isTemplate));
  return { campaign: toSummary(campaign), members: ordered, split: split.map(toMember) };
}

/** Takes members out of a campaign; detection never puts them back into it. Audited. */
export async function splitCampaign(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  campaignId: string,
  input: SplitInput,
): Promise<CampaignSummary> {
  const { c, campaign } = await campaignOf(db, actor, idOrSlug, campaignId, 'code');
  if (campaign.status === 'merged') throw refused('CONFLICT', 'merged', 'The campaign was merged into another');
  await db.transaction().execute(async (trx) => {
    const n = await repo.splitMembers(trx, c.id, campaign.id, input.members);
    if (n === 0) throw refused('BAD_REQUEST', 'not_members', 'None of the items is a member of the campaign');
    await repo.recount(trx, c.id, campaign.id);
    await recordAudit(trx, actor, {
      action: 'campaign.split',
      itemType: 'campaign',
      itemId: campaign.id,
      consultationId: c.id,
      details: { members: input.members, split: n },
    });
  });
  return toSummary((await repo.findCampaign(db, c.id, campaign.id))!);
}

/** Merges a campaign into another: its members join the other's template (their additions compared again). */
export async function mergeCampaign(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  campaignId: string,
  input: MergeInput,
): Promise<CampaignSummary> {
  const { c, campaign } = await campaignOf(db, actor, idOrSlug, campaignId, 'code');
  if (input.intoId === campaign.id)
    throw refused('BAD_REQUEST', 'same_campaign', 'A campaign cannot merge into itself');
  const into = await repo.findCampaign(db, c.id, input.intoId);
  if (!into) throw notFound('Campaign');
  if (campaign.status === 'merged' || into.status === 'merged')
    throw refused('CONFLICT', 'merged', 'The campaign was merged into another');
  await db.transaction().execute(async (trx) => {
    const moved = await repo.moveMembers(trx, c.id, campaign.id, into.id);
    const texts = await repo.textsOf(trx, c.id, moved);
    const bp = new Set(await repo.latestBoilerplate(trx, c.id));
    for (const k of moved) {
      const d = memberDiff(into.templateText, texts.get(repo.keyOf(k))?.text ?? '', bp);
      await repo.setSpans(trx, c.id, into.id, k, d.similarity, d.spans);
    }
    await repo.setStatus(trx, campaign.id, { status: 'merged', decidedBy: actor!.id, mergedInto: into.id });
    await repo.recount(trx, c.id, campaign.id);
    await repo.recount(trx, c.id, into.id);
    await recordAudit(trx, actor, {
      action: 'campaign.merge',
      itemType: 'campaign',
      itemId: campaign.id,
      consultationId: c.id,
      details: { intoId: into.id, moved: moved.length },
    });
  });
  return toSummary((await repo.findCampaign(db, c.id, into.id))!);
}

/** Marks a cluster "not a campaign" (kept together, so detection leaves it alone), or a campaign again. */
export async function setCampaignStatus(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  campaignId: string,
  input: StatusInput,
): Promise<CampaignSummary> {
  const { c, campaign } = await campaignOf(db, actor, idOrSlug, campaignId, 'code');
  if (campaign.status === 'merged') throw refused('CONFLICT', 'merged', 'The campaign was merged into another');
  if (campaign.status !== input.status) {
    await db.transaction().execute(async (trx) => {
      await repo.setStatus(trx, campaign.id, { status: input.status, decidedBy: actor!.id });
      await recordAudit(trx, actor, {
        action: 'campaign.status',
        itemType: 'campaign',
        itemId: campaign.id,
        consultationId: c.id,
        details: { from: campaign.status, to: input.status },
      });
    });
  }
  return toSummary((await repo.findCampaign(db, c.id, campaign.id))!);
}

/** The most members coded at once: a bigger campaign is coded in parts (the page says so). */
export const MAX_CODED_MEMBERS = 5000;

/**
 * Codes a campaign: one coding per member (each its own, through the codings service, which
 * checks the tag and audits each), and one audit event for the campaign. Members coded with the
 * tag already are skipped by the caller's choice of tag (a second coding is the analyst's to make).
 */
export async function codeCampaign(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  campaignId: string,
  input: { tagId: string; stance: 'for' | 'against' | 'neutral' | 'mixed' | null; note: string },
): Promise<{ codingIds: string[] }> {
  const { c, campaign } = await campaignOf(db, actor, idOrSlug, campaignId, 'code');
  if (campaign.status !== 'active')
    throw refused('CONFLICT', 'not_active', 'Only an active campaign is coded as one', { status: campaign.status });
  const members = (await repo.memberKeys(db, c.id, campaign.id)).slice(0, MAX_CODED_MEMBERS);
  const codingIds: string[] = [];
  for (const m of members) {
    const coding = await createCoding(db, actor, c.id, {
      tagId: input.tagId,
      itemKind: m.kind,
      itemId: m.id,
      field: null,
      stance: input.stance,
      note: input.note,
    });
    codingIds.push(coding.id);
  }
  await recordAudit(db, actor, {
    action: 'campaign.code',
    itemType: 'campaign',
    itemId: campaign.id,
    consultationId: c.id,
    details: { tagId: input.tagId, codings: codingIds.length },
  });
  return { codingIds };
}

/** For the inbox: the active campaign of each item, its member count and whether it is the template. */
export const campaignsOfItems = repo.campaignsOfItems;

export type MemberCampaign = {
  id: string;
  memberCount: number;
  template: { kind: 'response' | 'comment'; id: string };
  /** Whether the item is the campaign's template itself. */
  isTemplate: boolean;
  /** What the member added to or changed in the template (offsets into its body). */
  addedSpans: { start: number; end: number; kind: 'added' | 'changed' }[];
};

/**
 * For the reports module (issue 14 story 7): the active campaign an item belongs to, for the item's
 * own author (their campaign's answer and their own additions' coding), or null.
 */
export async function campaignOfMember(
  db: Db,
  consultationId: string,
  key: { kind: 'response' | 'comment'; id: string },
): Promise<MemberCampaign | null> {
  const row = await repo.campaignOfMember(db, consultationId, key);
  if (!row) return null;
  return {
    id: row.id,
    memberCount: row.memberCount,
    template: { kind: row.templateKind, id: row.templateItemId },
    isTemplate: row.templateKind === key.kind && row.templateItemId === key.id,
    addedSpans: row.addedSpans ?? [],
  };
}
