import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { InboxItemKind } from '../../../db/schema.ts';
import { listItemChanges } from '../../audit/audit.service.ts';
import { campaignArrivals } from '../campaigns/campaigns.service.ts';
import * as repo from './inbox.repository.ts';
import { INBOX_SOURCES, nextWalkKind, sourceOf } from './inbox.sources.ts';

/**
 * The inbox indexer (issue 11 story 1). It keeps analysis_items in step with the input, off the
 * submission path: it follows the audit log (every change to a response or a comment is audited)
 * as its change feed, reads the changed items through their owners' services, and writes their
 * rows, stemmed in their own language, in one statement per batch. Its first run walks every
 * existing item.
 *
 * Where it is in the feed: `auditAfterAt` is a time before which every event has been indexed.
 * An event is stamped when it is written (`clock_timestamp()`) but seen only when its transaction
 * commits, so an event stamped before an indexing run may commit after it. The run therefore
 * samples, before it reads the feed, the start of the oldest transaction that is writing
 * (`writersHorizon`): an event it cannot see yet is stamped after that, and the next run reads from
 * there (less `MIN_LAG_MS`). Events a run has already indexed in that short overlap are skipped by
 * their id (kept in memory for the window), and a source whose stamp has not changed is skipped.
 *
 * Each run works for at most `budgetMs` and then leaves the rest to the next tick, so a burst of
 * submissions makes the index lag (the inbox shows how far it is) instead of taking the cores the
 * submissions need. One indexer runs at a time across instances (the state row is locked with
 * SKIP LOCKED).
 */
export const MIN_LAG_MS = 2_000;
/** The longest a run works before it leaves the rest to the next one. */
export const BUDGET_MS = 250;
const BATCH = 500;

export type IndexRun = { walked: number; changes: number; indexed: number; busy: boolean; more: boolean };

type Key = { consultationId: string; id: string };

/** Reads the items, keeps those whose source changed since they were indexed, and writes them. */
async function indexKeys(db: Db, kind: InboxItemKind, keys: readonly Key[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await sourceOf(kind).rows(db, keys);
  const stamps = await repo.stampsOf(db, kind, rows);
  const changed = rows.filter((r) => stamps.get(r.itemId) !== r.sourceStamp);
  await repo.upsertItems(db, changed);
  // Campaigns (issue 12): exact copies and near-copies of what arrived join their campaign here,
  // off the submission path. In a savepoint: should it fail, the inbox is indexed all the same (a
  // detection run over the consultation finds the campaign later).
  await sql`savepoint campaign_arrivals`.execute(db);
  try {
    await campaignArrivals(
      db,
      changed
        .filter((r) => r.kind === 'response' || r.kind === 'comment')
        .map((r) => ({
          consultationId: r.consultationId,
          kind: r.kind as 'response' | 'comment',
          id: r.itemId,
          version: r.itemVersion,
          text: r.doc,
          receivedAt: r.receivedAt,
        })),
    );
    await sql`release savepoint campaign_arrivals`.execute(db);
  } catch {
    await sql`rollback to savepoint campaign_arrivals`.execute(db);
  }
  return changed.length;
}

const FEED_KINDS: readonly InboxItemKind[] = INBOX_SOURCES.map((s) => s.kind);

/**
 * Makes the next run walk every item again (unchanged ones are skipped by their stamp), for input
 * written without an audit event: the demo seed, a bulk import, a restore from backup.
 */
export async function rewalkInput(db: Db): Promise<void> {
  await repo.restartWalk(db);
}

/** Events already indexed that a later run may read again (the overlap), by id, for this process. */
const seen = new Map<string, repo.FeedKey>();

/**
 * One indexing run: the first run's walk, then the audit log up to now, for at most `budgetMs`.
 * Returns what it did (`more` when it stopped at its budget), or `busy` when another indexer holds
 * the state. Safe to call at any time, from any instance.
 */
export async function indexInput(
  db: Db,
  opts: { budgetMs?: number; batch?: number; minLagMs?: number } = {},
): Promise<IndexRun> {
  const batch = opts.batch ?? BATCH;
  const minLagMs = opts.minLagMs ?? MIN_LAG_MS;
  const until = Date.now() + (opts.budgetMs ?? Number.POSITIVE_INFINITY);
  const run: IndexRun = { walked: 0, changes: 0, indexed: 0, busy: false, more: false };
  let after: [string, string] | null = null;
  let horizon: repo.FeedKey | null = null;
  for (;;) {
    const more: boolean | 'busy' = await db.transaction().execute(async (trx) => {
      const state = await repo.lockIndexState(trx);
      if (!state) return 'busy';
      if (state.auditAfterAt === null && state.walkKind === null) {
        // The first run: follow the log from now on, after walking every item that exists.
        await repo.saveIndexState(trx, {
          auditAfterAt: await repo.writersHorizon(trx, minLagMs),
          walkKind: INBOX_SOURCES[0]!.kind,
        });
        return true;
      }
      if (state.walkKind !== null) {
        const from = state.walkAfterId ? { consultationId: state.walkAfterConsultation!, id: state.walkAfterId } : null;
        const keys = await sourceOf(state.walkKind).keysAfter(trx, from, batch);
        run.walked += keys.length;
        run.indexed += await indexKeys(trx, state.walkKind, keys);
        const last = keys.at(-1);
        if (keys.length === batch && last) {
          await repo.saveIndexState(trx, { walkAfterConsultation: last.consultationId, walkAfterId: last.id });
        } else {
          await repo.saveIndexState(trx, {
            walkKind: nextWalkKind(state.walkKind),
            walkAfterConsultation: null,
            walkAfterId: null,
          });
        }
        return true;
      }
      // Sampled once per run, before its first read of the feed: what this run cannot see yet is
      // stamped after it.
      horizon ??= await repo.writersHorizon(trx, minLagMs);
      const since = state.auditAfterAt!;
      after ??= state.auditAfterId ? [since, state.auditAfterId] : null;
      const changes = await listItemChanges(trx, { itemTypes: FEED_KINDS, since, after, limit: batch });
      const fresh = changes.filter((c) => !seen.has(c.cursor[1]));
      run.changes += fresh.length;
      for (const kind of FEED_KINDS) {
        const keys = new Map<string, Key>();
        for (const c of fresh) {
          if (c.itemType === kind && /^[0-9a-f-]{36}$/i.test(c.itemId))
            keys.set(c.itemId, { consultationId: c.consultationId, id: c.itemId });
        }
        run.indexed += await indexKeys(trx, kind, [...keys.values()]);
      }
      for (const c of fresh) seen.set(c.cursor[1], c.cursor[0]);
      const last = changes.at(-1);
      if (last) after = last.cursor;
      const full = changes.length === batch;
      // Every event this run could see before the horizon is indexed, and so, when the run stops at
      // a full batch before the horizon, is every event up to the last one read (it goes on from there).
      if (full && last && last.cursor[0] < horizon) {
        await repo.saveIndexState(trx, { auditAfterAt: last.cursor[0], auditAfterId: last.cursor[1] });
      } else if (horizon > since) {
        await repo.saveIndexState(trx, { auditAfterAt: horizon, auditAfterId: null });
        for (const [id, at] of seen) if (at < horizon) seen.delete(id);
      }
      return full;
    });
    if (more === 'busy') return { ...run, busy: true };
    if (!more) return run;
    if (Date.now() >= until) return { ...run, more: true };
  }
}
