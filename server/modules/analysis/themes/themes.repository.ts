import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';
import type { InboxItemKind, ThemeCandidateKind, ThemeRunFilters } from '../../../db/schema.ts';

/** Suggested themes' tables (theme_runs, theme_candidates), and their reads of the inbox and codings. */

export async function insertRun(
  db: Db,
  v: { consultationId: string; seed: number; k: number | null; filters: ThemeRunFilters; requestedBy: string },
): Promise<string> {
  const row = await db
    .insertInto('themeRuns')
    .values({ ...v, filters: JSON.stringify(v.filters) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const runQuery = (db: Db) => db.selectFrom('themeRuns').selectAll();
export type RunRow = Awaited<ReturnType<ReturnType<typeof runQuery>['executeTakeFirstOrThrow']>>;

export const findRun = (db: Db, consultationId: string, id: string) =>
  runQuery(db).where('consultationId', '=', consultationId).where('id', '=', id).executeTakeFirst();

export const findRunById = (db: Db, id: string) => runQuery(db).where('id', '=', id).executeTakeFirst();

export const listRuns = (db: Db, consultationId: string, limit: number) =>
  runQuery(db)
    .where('consultationId', '=', consultationId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** A running run not heard of for this long lost its worker (the process died): its retry may take it. */
export const STALE_RUN_MINUTES = 10;

/**
 * Takes a queued run for this worker, or one whose worker died; undefined when another worker has
 * it or it is over.
 */
export const claimRun = (db: Db, id: string) =>
  db
    .updateTable('themeRuns')
    .set({ status: 'running', phase: 'reading', progress: 0, startedAt: sql<Date>`now()`, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([
          eb('status', '=', 'running'),
          eb('updatedAt', '<', sql<Date>`now() - make_interval(mins => ${STALE_RUN_MINUTES})`),
        ]),
      ]),
    )
    .returningAll()
    .executeTakeFirst();

export async function setProgress(db: Db, id: string, phase: string, progress: number): Promise<void> {
  await db
    .updateTable('themeRuns')
    .set({ phase, progress, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

export async function finishRun(
  db: Db,
  id: string,
  v: { itemCount: number; unclusteredCount: number; chosenK: number; vocabulary: number },
): Promise<void> {
  await db
    .updateTable('themeRuns')
    .set({
      ...v,
      status: 'done',
      phase: 'done',
      progress: 100,
      finishedAt: sql<Date>`now()`,
      updatedAt: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function failRun(db: Db, id: string, error: string): Promise<void> {
  await db
    .updateTable('themeRuns')
    .set({ status: 'failed', phase: 'failed', error, finishedAt: sql<Date>`now()`, updatedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export type SourceItem = { kind: InboxItemKind; itemId: string; text: string; language: 'danish' | 'english' };

/**
 * One page of the inbox items a run reads, in a fixed order (kind, id) so the same input gives the
 * same result: not deleted or withdrawn, of the kinds and the scenario asked for, each text cut to
 * `maxChars` (the pipeline needs no more to place an item).
 */
export async function readItems(
  db: Db,
  consultationId: string,
  f: ThemeRunFilters,
  after: [string, string] | null,
  limit: number,
  maxChars: number,
): Promise<SourceItem[]> {
  let q = db
    .selectFrom('analysisItems as i')
    .innerJoin('analysisItemTexts as x', (j) =>
      j
        .onRef('x.consultationId', '=', 'i.consultationId')
        .onRef('x.kind', '=', 'i.kind')
        .onRef('x.itemId', '=', 'i.itemId'),
    )
    .select(['i.kind', 'i.itemId', sql<string>`left(x.doc, ${maxChars})`.as('text'), 'i.docLanguage as language'])
    .where('i.consultationId', '=', consultationId)
    .where('i.sourceStatus', 'not in', ['deleted', 'withdrawn'])
    .where('i.kind', 'in', f.kinds ?? ['response', 'comment']);
  if (f.scenarioId) q = q.where(sql<boolean>`i.scenario_ids @> array[${f.scenarioId}]::uuid[]`);
  if (after) q = q.where(sql<boolean>`(i.kind, i.item_id) > (${after[0]}, ${after[1]}::uuid)`);
  return q.orderBy('i.kind').orderBy('i.itemId').limit(limit).execute();
}

export type NewCandidate = {
  position: number;
  kind: ThemeCandidateKind;
  memberCount: number;
  terms: { term: string; weight: number }[];
  quotes: { kind: string; itemId: string; quote: string; similarity: number }[];
  members: [string, string, number][];
};

export async function insertCandidates(db: Db, consultationId: string, runId: string, rows: readonly NewCandidate[]) {
  for (const r of rows) {
    await db
      .insertInto('themeCandidates')
      .values({
        ...r,
        consultationId,
        runId,
        terms: JSON.stringify(r.terms),
        quotes: JSON.stringify(r.quotes),
        members: JSON.stringify(r.members),
      })
      .execute();
  }
}

const candidateColumns = [
  'id',
  'runId',
  'consultationId',
  'position',
  'kind',
  'memberCount',
  'terms',
  'quotes',
  'status',
  'tagId',
  'proposedCount',
  'decidedBy',
  'decidedAt',
] as const;

export const listCandidates = (db: Db, runId: string) =>
  db.selectFrom('themeCandidates').select(candidateColumns).where('runId', '=', runId).orderBy('position').execute();
export type CandidateRow = Awaited<ReturnType<typeof listCandidates>>[number];

export const findCandidate = (db: Db, runId: string, id: string) =>
  db
    .selectFrom('themeCandidates')
    .select(candidateColumns)
    .where('runId', '=', runId)
    .where('id', '=', id)
    .executeTakeFirst();

/** Decides an open candidate (accepted or dismissed); false when it was decided already. */
export async function decideCandidate(
  db: Db,
  id: string,
  status: 'accepted' | 'dismissed',
  actorId: string,
): Promise<boolean> {
  const r = await db
    .updateTable('themeCandidates')
    .set({ status, decidedBy: actorId, decidedAt: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Opens an accepted candidate again (its tag could not be made). */
export async function reopenCandidate(db: Db, id: string): Promise<void> {
  await db
    .updateTable('themeCandidates')
    .set({ status: 'open', decidedBy: null, decidedAt: null, tagId: null })
    .where('id', '=', id)
    .execute();
}

export async function setCandidateTag(db: Db, id: string, tagId: string, proposedCount: number): Promise<void> {
  await db.updateTable('themeCandidates').set({ tagId, proposedCount }).where('id', '=', id).execute();
}

export async function membersOf(db: Db, id: string): Promise<[string, string, number][]> {
  const r = await db.selectFrom('themeCandidates').select('members').where('id', '=', id).executeTakeFirstOrThrow();
  return r.members;
}
