import type { Db } from '../../../db/database.ts';
import type { Actor } from '../../../shared/actor.ts';
import { notFound } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import { listScenarios } from '../../scenarios/scenarios.service.ts';
import { refused, requireWorkspace } from '../analysis.service.ts';
import { createTag } from '../codebook/codebook.service.ts';
import { insertProposed } from './proposed.repository.ts';
import { THEMES_JOB } from './themes.job.ts';
import * as repo from './themes.repository.ts';
import type {
  AcceptInput,
  StartRunInput,
  ThemeCandidate,
  ThemeRun,
  ThemeRunDetail,
  ThemeRunList,
} from './themes.schemas.ts';

/** Suggested themes (issue 11 story 8): runs of the pipeline, and the analysts' decisions on candidates. */
export type ThemesContext = { db: Db; jobs: Pick<JobQueue, 'send'> };

const iso = (d: Date | null) => d?.toISOString() ?? null;

function toRun(r: repo.RunRow): ThemeRun {
  return {
    id: r.id,
    consultationId: r.consultationId,
    status: r.status,
    phase: r.phase as ThemeRun['phase'],
    progress: r.progress,
    seed: r.seed,
    k: r.k,
    kinds: r.filters.kinds ?? null,
    scenarioId: r.filters.scenarioId ?? null,
    itemCount: r.itemCount,
    unclusteredCount: r.unclusteredCount,
    chosenK: r.chosenK,
    vocabulary: r.vocabulary,
    error: r.error,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}

function toCandidate(c: repo.CandidateRow): ThemeCandidate {
  return {
    id: c.id,
    runId: c.runId,
    position: c.position,
    kind: c.kind,
    singleVoice: c.kind !== 'theme',
    memberCount: c.memberCount,
    terms: c.terms,
    quotes: c.quotes.map((q) => ({
      itemKind: q.kind as ThemeCandidate['quotes'][number]['itemKind'],
      itemId: q.itemId,
      quote: q.quote,
      similarity: q.similarity,
    })),
    status: c.status,
    tagId: c.tagId,
    proposedCount: c.proposedCount,
    decidedBy: c.decidedBy,
    decidedAt: iso(c.decidedAt),
  };
}

/** Starts a run: stored as queued and its job enqueued in one transaction; audited. */
export async function startRun(ctx: ThemesContext, actor: Actor | null, idOrSlug: string, input: StartRunInput) {
  const c = await requireWorkspace(ctx.db, actor, idOrSlug, 'code');
  if (input.scenarioId) {
    const scenarios = await listScenarios(ctx.db, actor, c.id);
    if (!scenarios.some((s) => s.id === input.scenarioId))
      throw refused('BAD_REQUEST', 'other_consultation', 'The scenario belongs to another consultation');
  }
  const filters = {
    ...(input.kinds ? { kinds: [...new Set(input.kinds)] } : {}),
    ...(input.scenarioId ? { scenarioId: input.scenarioId } : {}),
  };
  const id = await ctx.db.transaction().execute(async (trx) => {
    const id = await repo.insertRun(trx, {
      consultationId: c.id,
      seed: input.seed,
      k: input.k ?? null,
      filters,
      requestedBy: actor!.id,
    });
    // One retry: a run whose process died is taken again once its job expires (themes.repository.ts).
    await ctx.jobs.send(THEMES_JOB, { runId: id }, { trx, retryLimit: 1 });
    await recordAudit(trx, actor, {
      action: 'theme_run.start',
      itemType: 'theme_run',
      itemId: id,
      consultationId: c.id,
      details: { seed: input.seed, k: input.k ?? null, filters },
    });
    return id;
  });
  return toRun((await repo.findRun(ctx.db, c.id, id))!);
}

export async function listRuns(db: Db, actor: Actor | null, idOrSlug: string): Promise<ThemeRunList> {
  const c = await requireWorkspace(db, actor, idOrSlug, 'read');
  return { items: (await repo.listRuns(db, c.id, 50)).map(toRun) };
}

async function runOf(db: Db, actor: Actor | null, idOrSlug: string, runId: string, action: 'read' | 'codebook') {
  const c = await requireWorkspace(db, actor, idOrSlug, action);
  const run = await repo.findRun(db, c.id, runId);
  if (!run) throw notFound('Run');
  return { c, run };
}

export async function getRun(db: Db, actor: Actor | null, idOrSlug: string, runId: string): Promise<ThemeRunDetail> {
  const { run } = await runOf(db, actor, idOrSlug, runId, 'read');
  return { run: toRun(run), candidates: (await repo.listCandidates(db, run.id)).map(toCandidate) };
}

async function candidateOf(db: Db, actor: Actor | null, idOrSlug: string, runId: string, candidateId: string) {
  const { c, run } = await runOf(db, actor, idOrSlug, runId, 'codebook');
  const cand = await repo.findCandidate(db, run.id, candidateId);
  if (!cand) throw notFound('Candidate');
  if (cand.status !== 'open')
    throw refused('CONFLICT', 'decided', `The candidate was ${cand.status} already`, { status: cand.status });
  return { c, cand };
}

const decided = () => refused('CONFLICT', 'decided', 'The candidate was decided already');

/**
 * Accepts a candidate: a new tag with the analyst's names (through the codebook, which checks the
 * parent and audits the tag), and, if asked, a proposed coding of each member with it. The
 * candidate is taken first, so two analysts cannot make two tags of it; when the tag cannot be made
 * the candidate is open again and nothing else changed.
 */
export async function acceptCandidate(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  runId: string,
  candidateId: string,
  input: AcceptInput,
): Promise<ThemeCandidate> {
  const { c, cand } = await candidateOf(db, actor, idOrSlug, runId, candidateId);
  if (!(await repo.decideCandidate(db, cand.id, 'accepted', actor!.id))) throw decided();
  let tagId: string;
  try {
    tagId = (await createTag(db, actor, c.id, { name: input.name, parentId: input.parentId, scenarioId: null })).id;
  } catch (err) {
    await repo.reopenCandidate(db, cand.id);
    throw err;
  }
  await db.transaction().execute(async (trx) => {
    const members = input.proposeCodings ? await repo.membersOf(trx, cand.id) : [];
    const proposed = await insertProposed(trx, { consultationId: c.id, tagId, coderId: actor!.id, members });
    await repo.setCandidateTag(trx, cand.id, tagId, proposed);
    await recordAudit(trx, actor, {
      action: 'theme_candidate.accept',
      itemType: 'theme_candidate',
      itemId: cand.id,
      consultationId: c.id,
      details: { runId, tagId, name: input.name, parentId: input.parentId, proposedCodings: proposed },
    });
  });
  return toCandidate((await repo.findCandidate(db, runId, cand.id))!);
}

export async function dismissCandidate(
  db: Db,
  actor: Actor | null,
  idOrSlug: string,
  runId: string,
  candidateId: string,
): Promise<ThemeCandidate> {
  const { c, cand } = await candidateOf(db, actor, idOrSlug, runId, candidateId);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.decideCandidate(trx, cand.id, 'dismissed', actor!.id))) throw decided();
    await recordAudit(trx, actor, {
      action: 'theme_candidate.dismiss',
      itemType: 'theme_candidate',
      itemId: cand.id,
      consultationId: c.id,
      details: { runId, terms: cand.terms.slice(0, 5).map((t) => t.term), members: cand.memberCount },
    });
  });
  return toCandidate((await repo.findCandidate(db, runId, cand.id))!);
}
