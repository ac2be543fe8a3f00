import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { InboxItemKind } from '../../../db/schema.ts';
import type { Actor } from '../../../shared/actor.ts';
import { pageOf, readCursor } from '../../../shared/cursor.ts';
import { AppError, pgErrorCode } from '../../../shared/errors.ts';
import { activeUsersWithRole } from '../../accounts/accounts.service.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { markedSnippetHtml } from '../../files/files.rules.ts';
import { requireWorkspace } from '../analysis.service.ts';
import { shutOutOf } from '../team/team.service.ts';
import { campaignsOfItems } from '../campaigns/campaigns.service.ts';
import * as repo from './inbox.repository.ts';
import { sourceOf } from './inbox.sources.ts';
import {
  InboxQuery,
  type InboxFacets,
  type InboxItem,
  type InboxItemDetail,
  type InboxPage,
  type WorkflowBody,
} from './inbox.schemas.ts';

/**
 * The longest one statement of an inbox view may take: a search so broad that it would take longer
 * (ranking most of a million items) ends with 422 QUERY_TOO_BROAD, asking the analyst to narrow it,
 * instead of holding a connection. PostgreSQL enforces it; the embedded PGlite has no timer.
 */
export const INBOX_STATEMENT_MS = 900;
/**
 * Views the planner expects to hold more items than this have their facets estimated from a
 * sample (counting each facet of 20,000 items exactly takes about the 300 ms a facet count may).
 */
export const EXACT_FACETS_ROWS = 20_000;
/** About how many items the estimate samples. */
const FACET_SAMPLE_ROWS = 10_000;

async function bounded<T>(db: Db, fn: (trx: Db) => Promise<T>, ms = INBOX_STATEMENT_MS): Promise<T> {
  try {
    return await db.transaction().execute(async (trx) => {
      // JIT compilation off for these statements: a ranked search or a facet count costs enough for the
      // planner to compile it, and the compiling took 180–370 ms of a statement that runs in less.
      await sql`select set_config('statement_timeout', ${String(ms)}, true), set_config('jit', 'off', true)`.execute(
        trx,
      );
      return fn(trx);
    });
  } catch (err) {
    if (pgErrorCode(err) !== '57014') throw err;
    throw new AppError(
      'QUERY_TOO_BROAD',
      'The view took longer than a second to find: narrow it with a filter or more specific words',
      { limitMs: INBOX_STATEMENT_MS },
    );
  }
}

/** The analysts' inbox (issue 11 stories 1 and 5): analysts and admins only, on their consultations. */
const requireConsultation = (db: Db, actor: Actor | null, id: string) => requireWorkspace(db, actor, id, 'read');

function filterOf(consultationId: string, actor: Actor, q: InboxQuery): repo.InboxFilter {
  return {
    consultationId,
    kinds: q.kind,
    actingAs: q.actingAs,
    channels: q.channel,
    invited: q.invited,
    scenarioId: q.scenario,
    statuses: q.status,
    assigneeId:
      q.assignee === undefined ? undefined : q.assignee === 'none' ? null : q.assignee === 'me' ? actor.id : q.assignee,
    hasAttachments: q.hasAttachments,
    verified: q.verified,
    tagId: q.tag,
    untagged: q.untagged,
    stance: q.stance,
    needsReview: q.needsReview,
    includeDeleted: q.includeDeleted,
    from: q.from,
    to: q.to,
    campaignId: q.campaign,
    campaignsCollapsed: q.campaignsCollapsed,
    q: q.q || undefined,
  };
}

const toItem = (r: repo.InboxRow, highlight: string | null): InboxItem => ({
  kind: r.kind,
  id: r.itemId,
  consultationId: r.consultationId,
  version: r.itemVersion,
  receivedAt: r.receivedAt.toISOString(),
  author: r.authorLabel,
  actingAs: r.actingAs as InboxItem['actingAs'],
  invited: r.invited,
  channel: r.channel as InboxItem['channel'],
  sourceStatus: r.sourceStatus as InboxItem['sourceStatus'],
  scenarioIds: r.scenarioIds,
  hasAttachments: r.hasAttachments,
  excerpt: r.excerpt,
  highlight,
  status: r.status,
  assigneeId: r.assigneeId,
  needsReview: r.needsReview,
});

export async function listInbox(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  q: InboxQuery,
): Promise<InboxPage> {
  const c = await requireConsultation(db, actor, consultationId);
  const relevance = q.sort === 'relevance' && !!q.q;
  const after = readCursor(q.cursor, relevance ? 'rank' : 'timestamp');
  const f = filterOf(c.id, actor!, q);
  const { page, marks } = await bounded(db, async (trx) => {
    const rows: repo.InboxRow[] = await repo.listItems(trx, f, { sort: q.sort, after, limit: q.limit });
    const page = pageOf(rows, q.limit, (r) => [relevance ? r.rankKey! : r.timeKey, r.itemId]);
    const marks = f.q
      ? new Map(
          (
            await repo.headlines(
              trx,
              c.id,
              page.rows.map((r) => r.itemId),
              f.q,
            )
          )
            .filter((h) => h.snippet.includes('\u0002'))
            .map((h) => [h.itemId, markedSnippetHtml(h.snippet)]),
        )
      : new Map<string, string>();
    return { page, marks };
  });
  const campaigns = await campaignsOfItems(
    db,
    c.id,
    page.rows
      .filter((r) => r.kind === 'response' || r.kind === 'comment')
      .map((r) => ({ kind: r.kind as 'response', id: r.itemId })),
  );
  return {
    items: page.rows.map((r) => ({
      ...toItem(r, marks.get(r.itemId) ?? null),
      campaign: campaigns.get(`${r.kind}:${r.itemId}`) ?? null,
    })),
    nextCursor: page.nextCursor,
    indexedUpTo: (await repo.indexedUpTo(db))?.toISOString() ?? null,
  };
}

/** How long one batch of an export may take (PostgreSQL; PGlite has no timer). */
const EXPORT_STATEMENT_MS = 30_000;

/**
 * Every item of an inbox view (the same filters as listInbox), in batches of `batchSize`, for an
 * export (issue 12 story 4): keyset pagination on (received_at, item_id), each batch its own
 * statement, so the whole view is never in memory. A view sorted by relevance is exported newest
 * first. The workspace is checked once, before the first batch.
 */
export async function* inboxBatches(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  q: InboxQuery,
  batchSize = 2000,
): AsyncGenerator<InboxItem[]> {
  const c = await requireConsultation(db, actor, consultationId);
  const f = filterOf(c.id, actor!, q);
  const sort = q.sort === 'oldest' ? 'oldest' : 'newest';
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await bounded(
      db,
      (trx) => repo.listItems(trx, f, { sort, after, limit: batchSize }),
      EXPORT_STATEMENT_MS,
    );
    const page = rows.slice(0, batchSize);
    if (page.length > 0) yield page.map((r) => toItem(r, null));
    if (rows.length <= batchSize) return;
    const last = page.at(-1)!;
    after = [last.timeKey, last.itemId];
  }
}

/** The number of items in an inbox view (exact up to EXACT_FACETS_ROWS, else the planner's estimate). */
export async function inboxViewSize(db: Db, actor: Actor | null, consultationId: string, q: InboxQuery) {
  const facets = await inboxFacets(db, actor, consultationId, q);
  return facets.total;
}

export async function inboxFacets(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  q: InboxQuery,
): Promise<InboxFacets> {
  const c = await requireConsultation(db, actor, consultationId);
  const f = filterOf(c.id, actor!, q);
  let estimated = false;
  let counted: Awaited<ReturnType<typeof repo.facetCounts>>;
  try {
    const size = await bounded(db, (trx) => repo.plannedViewSize(trx, f));
    if (size > EXACT_FACETS_ROWS) throw new AppError('QUERY_TOO_BROAD', 'estimate');
    counted = await bounded(db, (trx) => repo.facetCounts(trx, f));
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'QUERY_TOO_BROAD')) throw err;
    // Too many to count in time: estimate from a repeatable sample of the table's pages, and say so.
    estimated = true;
    counted = await bounded(db, async (trx) =>
      repo.estimatedFacetCounts(trx, f, await repo.samplePercentFor(trx, FACET_SAMPLE_ROWS)),
    );
  }
  const { rows, total } = counted;
  const out: InboxFacets = {
    estimated,
    total,
    kind: [],
    actingAs: [],
    invited: [],
    status: [],
    assignee: [],
    hasAttachments: [],
    scenario: [],
  };
  for (const r of rows) out[r.facet].push({ value: r.value, count: r.n });
  for (const list of Object.values(out)) {
    if (Array.isArray(list)) list.sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
  }
  return out;
}

async function requireAssignees(db: Db, consultationId: string, ids: readonly string[]): Promise<void> {
  const ok = await activeUsersWithRole(db, ids, ['analyst', 'admin']);
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'Only active analysts and admins can be assigned', {
      issues: bad.map(() => ({ path: '/assigneeId', message: 'Not an active analyst or admin' })),
    });
  }
  const out = await shutOutOf(db, consultationId, ids);
  if (out.size > 0) {
    throw new AppError('VALIDATION_FAILED', 'An analyst limited to their consultations is not on this one’s team', {
      reason: 'not_on_team',
      issues: [...out].map(() => ({ path: '/assigneeId', message: 'Not on this consultation’s team' })),
    });
  }
}

/** Sets the status and/or the assignee of a selection of a consultation's items; audited. */
export async function updateWorkflow(db: Db, actor: Actor | null, consultationId: string, body: WorkflowBody) {
  const c = await requireConsultation(db, actor, consultationId);
  if (body.assigneeId) await requireAssignees(db, c.id, [body.assigneeId]);
  const ids = [...new Set(body.itemIds)];
  const existing = await repo.existingItemIds(db, c.id, ids);
  const missing = ids.filter((id) => !existing.has(id));
  if (missing.length > 0)
    throw new AppError('NOT_FOUND', 'Some items are not in this consultation’s inbox', { missing });
  const updated = await db.transaction().execute(async (trx) => {
    const changed = await repo.updateWorkflow(trx, c.id, ids, { status: body.status, assigneeId: body.assigneeId });
    await recordAudit(trx, actor, {
      action: 'analysis.workflow',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: {
        items: changed.length,
        itemIds: changed.slice(0, 100),
        status: body.status,
        assigneeId: body.assigneeId,
      },
    });
    return changed;
  });
  return { updated };
}

/** Splits the items of a view evenly among analysts, in the view's order (round robin); audited. */
export async function splitView(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  body: { analystIds: string[]; query: Record<string, string | string[]> },
) {
  const c = await requireConsultation(db, actor, consultationId);
  const parsed = InboxQuery.safeParse(body.query);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The view’s query is not valid', {
      issues: parsed.error.issues.map((i) => ({ path: `/query/${i.path.join('/')}`, message: i.message })),
    });
  }
  const analysts = [...new Set(body.analystIds)];
  await requireAssignees(db, c.id, analysts);
  const f = filterOf(c.id, actor!, parsed.data);
  const ids: string[] = [];
  let after: [string, string] | undefined;
  for (;;) {
    const rows = await repo.listItems(db, f, {
      sort: parsed.data.sort === 'relevance' ? 'newest' : parsed.data.sort,
      after,
      limit: 1000,
    });
    for (const r of rows.slice(0, 1000)) ids.push(r.itemId);
    if (rows.length <= 1000) break;
    const last = rows[999]!;
    after = [last.timeKey, last.itemId];
    if (ids.length >= 100_000)
      throw new AppError('BAD_REQUEST', 'The view holds more than 100,000 items: narrow it first');
  }
  const counts = new Map(analysts.map((a) => [a, 0]));
  await db.transaction().execute(async (trx) => {
    for (const [n, analyst] of analysts.entries()) {
      const share = ids.filter((_, i) => i % analysts.length === n);
      for (let i = 0; i < share.length; i += 1000) {
        await repo.updateWorkflow(trx, c.id, share.slice(i, i + 1000), { assigneeId: analyst });
      }
      counts.set(analyst, share.length);
    }
    await recordAudit(trx, actor, {
      action: 'analysis.split',
      itemType: 'consultation',
      itemId: c.id,
      consultationId: c.id,
      details: { items: ids.length, analysts: Object.fromEntries(counts) },
    });
  });
  return { assigned: [...counts].map(([assigneeId, items]) => ({ assigneeId, items })) };
}

export async function inboxProgress(db: Db, actor: Actor | null, consultationId: string) {
  const c = await requireConsultation(db, actor, consultationId);
  const rows = await repo.progress(db, c.id);
  const overall = rows.reduce(
    (acc, r) => ({
      items: acc.items + r.items,
      inProgress: acc.inProgress + r.inProgress,
      analysed: acc.analysed + r.analysed,
    }),
    { items: 0, inProgress: 0, analysed: 0 },
  );
  return { overall, byAssignee: rows.sort((a, b) => b.items - a.items) };
}

/**
 * One item with everything staff may read of it (issue 11 story 2): its texts by field, as codings
 * name them (a response's body, its free-text answers, its files' extracted text; a comment's body;
 * the texts each further kind's source names), the closed answers, the files, the author's details
 * and the analysts' workflow.
 */
export async function getInboxItem(
  db: Db,
  actor: Actor | null,
  consultationId: string,
  kind: InboxItemKind,
  itemId: string,
): Promise<InboxItemDetail> {
  const c = await requireConsultation(db, actor, consultationId);
  const wf = await repo.workflowOf(db, c.id, kind, itemId);
  const workflow = wf ? { status: wf.status, assigneeId: wf.assigneeId, needsReview: wf.needsReview } : null;
  return { ...(await sourceOf(kind).detail(db, actor, c.id, itemId)), workflow };
}
