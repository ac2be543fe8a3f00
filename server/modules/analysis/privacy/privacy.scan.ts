import type { Db } from '../../../db/database.ts';
import { listItemChanges } from '../../audit/audit.service.ts';
import { commentKeysAfter, commentsForAnalysis } from '../../comments/comments.service.ts';
import { attachmentTexts } from '../../files/files.service.ts';
import { responseKeysAfter, responsesForPrivacy } from '../../responses/responses.service.ts';
import * as repo from './privacy.repository.ts';
import { scanText } from './privacy.rules.ts';

/**
 * The personal-data scanner (issue 12 story 2), off the submission path. Like the inbox indexer it
 * follows the audit log (every response and comment change is audited) and walks every item on its
 * first run; each changed item is read through its owner's service, scanned (privacy.rules.ts), and
 * its undecided findings replaced by what the scan finds now. Decided findings and hand-marked
 * passages are kept. A response's files are scanned with it; while a file's text is still being
 * extracted the response is scanned again on later runs. One scanner runs at a time (the state row
 * is locked with SKIP LOCKED); each run works at most `budgetMs`.
 */
export const MIN_LAG_MS = 2_000;
export const BUDGET_MS = 250;
const BATCH = 200;

type Key = { consultationId: string; id: string };
export type ScanRun = { walked: number; changes: number; scanned: number; findings: number; busy: boolean };

async function scanResponses(db: Db, keys: readonly Key[], force = false): Promise<[number, number]> {
  if (keys.length === 0) return [0, 0];
  const rows = await responsesForPrivacy(db, keys);
  const files = new Map(
    await Promise.all(rows.map(async (r) => [r.id, await attachmentTexts(db, r.consultationId, r.id)] as const)),
  );
  const stampOf = (r: (typeof rows)[number]) =>
    `${r.version}|${r.status}|${r.consent}|${(files.get(r.id) ?? []).map((f) => `${f.id}:${f.extraction}`).join(',')}`;
  const stamps = await repo.stampsOf(db, 'response', rows);
  const changed = force ? rows : rows.filter((r) => stamps.get(r.id) !== stampOf(r));
  const findings: repo.FindingInsert[] = [];
  for (const r of changed) {
    // Only what may be published is scanned: a withdrawn response, or one not to be published, never is.
    if (r.status !== 'submitted' || r.consent === 'not_public') continue;
    const who = { anonymous: r.consent === 'public_anonymous', name: r.respondentName, email: r.respondentEmail };
    const base = { consultationId: r.consultationId, responseId: r.id };
    const fields = [{ field: 'body', text: r.body }, ...r.answers.map((a) => ({ field: a.questionId, text: a.text }))];
    for (const { field, text } of fields) {
      for (const f of scanText(text, who)) {
        findings.push({
          ...base,
          itemKind: 'response',
          itemId: r.id,
          field,
          kind: f.kind,
          startOffset: f.start,
          endOffset: f.end,
          quote: f.quote,
        });
      }
    }
    for (const file of files.get(r.id) ?? []) {
      for (const f of scanText(file.text, who)) {
        findings.push({
          ...base,
          itemKind: 'attachment',
          itemId: file.id,
          field: 'text',
          kind: f.kind,
          startOffset: f.start,
          endOffset: f.end,
          quote: f.quote,
        });
      }
    }
  }
  await repo.dropPendingFindings(db, 'response', changed);
  await repo.dropPendingFindings(
    db,
    'attachment',
    changed.flatMap((r) => (files.get(r.id) ?? []).map((f) => ({ consultationId: r.consultationId, id: f.id }))),
  );
  const inserted = await repo.insertFindings(db, findings);
  await repo.saveScanned(
    db,
    changed.map((r) => ({
      itemKind: 'response',
      itemId: r.id,
      consultationId: r.consultationId,
      stamp: stampOf(r),
      awaitingText: (files.get(r.id) ?? []).some((f) => f.extraction === 'pending'),
    })),
  );
  return [changed.length, inserted.length];
}

async function scanComments(db: Db, keys: readonly Key[]): Promise<[number, number]> {
  if (keys.length === 0) return [0, 0];
  const rows = await commentsForAnalysis(db, keys);
  const stampOf = (c: (typeof rows)[number]) => `${c.status}|${c.editedAt?.toISOString() ?? ''}|${c.body.length}`;
  const stamps = await repo.stampsOf(db, 'comment', rows);
  const changed = rows.filter((c) => stamps.get(c.id) !== stampOf(c));
  const findings: repo.FindingInsert[] = [];
  for (const c of changed) {
    if (c.status === 'deleted') continue;
    for (const f of scanText(c.body)) {
      findings.push({
        consultationId: c.consultationId,
        itemKind: 'comment',
        itemId: c.id,
        responseId: null,
        field: 'text',
        kind: f.kind,
        startOffset: f.start,
        endOffset: f.end,
        quote: f.quote,
      });
    }
  }
  await repo.dropPendingFindings(db, 'comment', changed);
  const inserted = await repo.insertFindings(db, findings);
  await repo.saveScanned(
    db,
    changed.map((c) => ({
      itemKind: 'comment',
      itemId: c.id,
      consultationId: c.consultationId,
      stamp: stampOf(c),
      awaitingText: false,
    })),
  );
  return [changed.length, inserted.length];
}

/** Scans one response now unless it was scanned as it is (with `force`, again in any case). */
export async function scanResponseNow(db: Db, key: Key, force = false): Promise<void> {
  await scanResponses(db, [key], force);
}

/** Makes the next run walk every item again (input written without an audit event). */
export const rewalkPrivacy = (db: Db) => repo.restartWalk(db);

const seen = new Map<string, repo.FeedKey>();

/** One scanning run: the first run's walk, files whose text has arrived, then the audit log, for at most `budgetMs`. */
export async function scanInput(
  db: Db,
  opts: { budgetMs?: number; batch?: number; minLagMs?: number } = {},
): Promise<ScanRun> {
  const batch = opts.batch ?? BATCH;
  const minLagMs = opts.minLagMs ?? MIN_LAG_MS;
  const until = Date.now() + (opts.budgetMs ?? Number.POSITIVE_INFINITY);
  const run: ScanRun = { walked: 0, changes: 0, scanned: 0, findings: 0, busy: false };
  const count = ([s, f]: [number, number]) => {
    run.scanned += s;
    run.findings += f;
  };
  let horizon: repo.FeedKey | null = null;
  let after: [string, string] | null = null;
  let awaitingDone = false;
  for (;;) {
    const more: boolean | 'busy' = await db.transaction().execute(async (trx) => {
      const state = await repo.lockScanState(trx);
      if (!state) return 'busy';
      if (state.auditAfterAt === null && state.walkKind === null) {
        await repo.saveScanState(trx, { auditAfterAt: await repo.writersHorizon(trx, minLagMs), walkKind: 'response' });
        return true;
      }
      if (state.walkKind !== null) {
        const from = state.walkAfterId ? { consultationId: state.walkAfterConsultation!, id: state.walkAfterId } : null;
        const keys =
          state.walkKind === 'response'
            ? await responseKeysAfter(trx, from, batch)
            : await commentKeysAfter(trx, from, batch);
        run.walked += keys.length;
        count(state.walkKind === 'response' ? await scanResponses(trx, keys) : await scanComments(trx, keys));
        const last = keys.at(-1);
        if (keys.length === batch && last) {
          await repo.saveScanState(trx, { walkAfterConsultation: last.consultationId, walkAfterId: last.id });
        } else {
          const next = state.walkKind === 'response' ? 'comment' : null;
          await repo.saveScanState(trx, { walkKind: next, walkAfterConsultation: null, walkAfterId: null });
        }
        return true;
      }
      if (!awaitingDone) {
        awaitingDone = true;
        const keys = await repo.awaitingText(trx, batch);
        if (keys.length > 0) count(await scanResponses(trx, keys));
        return true;
      }
      horizon ??= await repo.writersHorizon(trx, minLagMs);
      const since = state.auditAfterAt!;
      after ??= state.auditAfterId ? [since, state.auditAfterId] : null;
      const changes = await listItemChanges(trx, { itemTypes: ['response', 'comment'], since, after, limit: batch });
      const fresh = changes.filter((c) => !seen.has(c.cursor[1]));
      run.changes += fresh.length;
      for (const kind of ['response', 'comment'] as const) {
        const keys = new Map<string, Key>();
        for (const c of fresh) {
          if (c.itemType === kind && /^[0-9a-f-]{36}$/i.test(c.itemId))
            keys.set(c.itemId, { consultationId: c.consultationId, id: c.itemId });
        }
        count(
          kind === 'response'
            ? await scanResponses(trx, [...keys.values()])
            : await scanComments(trx, [...keys.values()]),
        );
      }
      for (const c of fresh) seen.set(c.cursor[1], c.cursor[0]);
      const last = changes.at(-1);
      if (last) after = last.cursor;
      const full = changes.length === batch;
      if (full && last && last.cursor[0] < horizon) {
        await repo.saveScanState(trx, { auditAfterAt: last.cursor[0], auditAfterId: last.cursor[1] });
      } else if (horizon > since) {
        await repo.saveScanState(trx, { auditAfterAt: horizon, auditAfterId: null });
        for (const [id, at] of seen) if (at < horizon) seen.delete(id);
      }
      return full;
    });
    if (more === 'busy') return { ...run, busy: true };
    if (!more || Date.now() >= until) return run;
  }
}
