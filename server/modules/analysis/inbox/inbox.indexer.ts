import type { Db } from '../../../db/database.ts';
import type { InboxItemKind } from '../../../db/schema.ts';
import { listItemChanges } from '../../audit/audit.service.ts';
import { commentKeysAfter, commentsForAnalysis, type CommentForAnalysis } from '../../comments/comments.service.ts';
import {
  responseKeysAfter,
  responsesForAnalysis,
  type ResponseForAnalysis,
} from '../../responses/responses.service.ts';
import * as repo from './inbox.repository.ts';

/**
 * The inbox indexer (issue 11 story 1). It keeps analysis_items in step with the input, off the
 * submission path: it follows the audit log (every change to a response or a comment is audited)
 * as its change feed, reads the changed items through their owners' services, and writes their
 * rows, stemmed in their own language, in one statement per batch. Its first run walks every
 * existing item. Events are read again for `LAG_MS` after they happened, because a transaction
 * commits after the time it stamps on its event; a source whose stamp has not changed is skipped.
 * One indexer runs at a time across instances (the state row is locked with SKIP LOCKED).
 */
export const LAG_MS = 60_000;
const BATCH = 500;
/** The most text stemmed per item (a tsvector holds at most 1 MB); files are searched in their own index. */
const MAX_DOC = 200_000;

export type IndexRun = { walked: number; changes: number; indexed: number; busy: boolean };

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const excerptOf = (doc: string) => {
  const flat = squash(doc);
  return flat.length <= 280 ? flat : `${flat.slice(0, 279).replace(/\s+\S*$/, '')}…`;
};

function responseRow(r: ResponseForAnalysis): repo.ItemRow {
  const doc = [r.body, r.answersText]
    .filter((t) => t.trim() !== '')
    .join('\n\n')
    .slice(0, MAX_DOC);
  return {
    consultationId: r.consultationId,
    kind: 'response',
    itemId: r.id,
    itemVersion: r.version,
    receivedAt: r.submittedAt.toISOString(),
    authorLabel: r.organisationName ? `${r.organisationName} (${r.respondentName})` : r.respondentName,
    actingAs: r.actingAs,
    invited: r.invited,
    channel: r.channel,
    sourceStatus: r.status,
    scenarioIds: r.scenarioIds,
    hasAttachments: r.attachmentCount > 0,
    excerpt: excerptOf(doc),
    doc,
    fallbackLanguage: r.locale === 'en' ? 'english' : 'danish',
    sourceStamp: `${r.version}|${r.status}|${r.invited}|${r.attachmentCount}`,
  };
}

function commentRow(c: CommentForAnalysis): repo.ItemRow {
  const doc = c.body.slice(0, MAX_DOC);
  return {
    consultationId: c.consultationId,
    kind: 'comment',
    itemId: c.id,
    itemVersion: 1,
    receivedAt: c.createdAt.toISOString(),
    authorLabel: c.authorName,
    actingAs: null,
    invited: null,
    channel: null,
    sourceStatus: c.status,
    scenarioIds: [c.scenarioId],
    hasAttachments: false,
    excerpt: excerptOf(doc),
    doc,
    fallbackLanguage: 'danish',
    sourceStamp: `${c.status}|${c.editedAt?.toISOString() ?? ''}|${c.body.length}`,
  };
}

type Key = { consultationId: string; id: string };

/** Reads the items, keeps those whose source changed since they were indexed, and writes them. */
async function indexKeys(db: Db, kind: 'response' | 'comment', keys: readonly Key[]): Promise<number> {
  if (keys.length === 0) return 0;
  const rows =
    kind === 'response'
      ? (await responsesForAnalysis(db, keys)).map(responseRow)
      : (await commentsForAnalysis(db, keys)).map(commentRow);
  const stamps = await repo.stampsOf(
    db,
    kind,
    rows.map((r) => r.itemId),
  );
  const changed = rows.filter((r) => stamps.get(r.itemId) !== r.sourceStamp);
  await repo.upsertItems(db, changed);
  return changed.length;
}

const FEED_KINDS: readonly InboxItemKind[] = ['response', 'comment'];

/**
 * Makes the next run walk every item again (unchanged ones are skipped by their stamp), for input
 * written without an audit event: the demo seed, a bulk import, a restore from backup.
 */
export async function rewalkInput(db: Db): Promise<void> {
  await repo.restartWalk(db);
}

/**
 * One indexing run: the first run's walk, then the audit log up to now. Returns what it did, or
 * `busy` when another indexer holds the state. Safe to call at any time, from any instance.
 */
export async function indexInput(db: Db, opts: { lagMs?: number; batch?: number } = {}): Promise<IndexRun> {
  const lagMs = opts.lagMs ?? LAG_MS;
  const batch = opts.batch ?? BATCH;
  const run: IndexRun = { walked: 0, changes: 0, indexed: 0, busy: false };
  let after: [string, string] | null = null;
  for (;;) {
    const more: boolean | 'busy' = await db.transaction().execute(async (trx) => {
      const state = await repo.lockIndexState(trx);
      if (!state) return 'busy';
      if (state.auditAfterAt === null && state.walkKind === null) {
        // The first run: follow the log from now on, after walking every item that exists.
        await repo.saveIndexState(trx, { auditAfterAt: await repo.dbNow(trx), walkKind: 'response' });
        return true;
      }
      if (state.walkKind !== null) {
        const from = state.walkAfterId ? { consultationId: state.walkAfterConsultation!, id: state.walkAfterId } : null;
        const keys =
          state.walkKind === 'response'
            ? await responseKeysAfter(trx, from, batch)
            : await commentKeysAfter(trx, from, batch);
        run.walked += keys.length;
        run.indexed += await indexKeys(trx, state.walkKind, keys);
        const last = keys.at(-1);
        if (keys.length === batch && last) {
          await repo.saveIndexState(trx, { walkAfterConsultation: last.consultationId, walkAfterId: last.id });
        } else {
          const next = state.walkKind === 'response' ? 'comment' : null;
          await repo.saveIndexState(trx, { walkKind: next, walkAfterConsultation: null, walkAfterId: null });
        }
        return true;
      }
      const since = new Date(state.auditAfterAt!.getTime() - lagMs);
      const changes = await listItemChanges(trx, { itemTypes: FEED_KINDS, since, after, limit: batch });
      run.changes += changes.length;
      for (const kind of ['response', 'comment'] as const) {
        const seen = new Map<string, Key>();
        for (const c of changes) {
          if (c.itemType === kind && /^[0-9a-f-]{36}$/i.test(c.itemId))
            seen.set(c.itemId, { consultationId: c.consultationId, id: c.itemId });
        }
        run.indexed += await indexKeys(trx, kind, [...seen.values()]);
      }
      const last = changes.at(-1);
      if (last) {
        after = last.cursor;
        const at = new Date(last.cursor[0]);
        if (at > state.auditAfterAt!) await repo.saveIndexState(trx, { auditAfterAt: at });
      }
      return changes.length === batch;
    });
    if (more === 'busy') return { ...run, busy: true };
    if (!more) return run;
  }
}
