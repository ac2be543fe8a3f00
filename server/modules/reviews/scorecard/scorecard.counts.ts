import { sql } from 'kysely';
import type { Db } from '../../../db/database.ts';

/**
 * The scorecard's heavy aggregates, kept in `scorecard_counts` (issue 14, Measure: ≤ 300 ms p95 on
 * a million responses). Counting every ballot and coding of a large consultation takes seconds; a
 * reviewer's page must not wait for it. So a part (ballots by ranking and segment, codings by
 * scenario and theme, which codings are quoted) is counted once, stored, and served from the table
 * by every app instance; when it is older than FRESH_MS, the reader still gets the stored count
 * (the page says when it was counted) and one instance — the one whose claim on the row succeeds —
 * recounts it in the background. Only the very first read of a consultation's part waits for its
 * count. Each process keeps the parsed payload of the count it last read, so an unchanged count is
 * one short statement that returns no payload.
 */
export const FRESH_MS = 30_000;
/** A recount claimed longer ago than this is taken to have died with its instance. */
const CLAIM_MS = 5 * 60_000;
const MAX_LOCAL = 200;

export type Part = 'ballots' | 'themes' | 'quotes:staff' | 'quotes:public';
export type Counted<T> = { value: T; countedAt: Date };
type Log = { warn: (obj: object, msg: string) => void };

const local = new Map<string, { countedAt: number; value: unknown }>();
/** Counts in flight in this process, by consultation and part: a first read shares the count under way. */
const inFlight = new Map<string, Promise<Counted<unknown>>>();

const keyOf = (consultationId: string, part: Part) => `${consultationId}:${part}`;

function remember(key: string, countedAt: Date, value: unknown) {
  local.delete(key);
  local.set(key, { countedAt: countedAt.getTime(), value });
  while (local.size > MAX_LOCAL) local.delete(local.keys().next().value!);
}

/** Counts the part now and stores it (the count's time is when it started). */
async function countAndStore<T>(db: Db, consultationId: string, part: Part, load: () => Promise<T>) {
  const started = await sql<{ now: Date }>`select now() as now`.execute(db);
  const countedAt = started.rows[0]!.now;
  const value = await load();
  const payload = JSON.stringify(value);
  await db
    .insertInto('scorecardCounts')
    .values({ consultationId, part, payload, countedAt, recountingSince: null })
    .onConflict((oc) =>
      oc
        .columns(['consultationId', 'part'])
        // A slower count that started earlier never replaces a newer one.
        .doUpdateSet({ payload, countedAt, recountingSince: null })
        .where('scorecardCounts.countedAt', '<=', countedAt),
    )
    .execute();
  remember(keyOf(consultationId, part), countedAt, value);
  return { value, countedAt };
}

function shared<T>(key: string, run: () => Promise<Counted<T>>): Promise<Counted<T>> {
  const running = inFlight.get(key);
  if (running) return running as Promise<Counted<T>>;
  const p = run().finally(() => inFlight.delete(key));
  inFlight.set(key, p);
  return p;
}

/** Recounts a stale part in the background if this instance wins the claim on it. */
function recountLater<T>(db: Db, consultationId: string, part: Part, load: () => Promise<T>, log?: Log) {
  const key = keyOf(consultationId, part);
  if (inFlight.has(key)) return;
  void shared(key, async () => {
    const claimed = await db
      .updateTable('scorecardCounts')
      .set({ recountingSince: sql<Date>`now()` })
      .where('consultationId', '=', consultationId)
      .where('part', '=', part)
      .where('countedAt', '<', sql<Date>`now() - make_interval(secs => ${FRESH_MS / 1000})`)
      .where((eb) =>
        eb.or([
          eb('recountingSince', 'is', null),
          eb('recountingSince', '<', sql<Date>`now() - make_interval(secs => ${CLAIM_MS / 1000})`),
        ]),
      )
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return { value: undefined, countedAt: new Date(0) };
    try {
      return await countAndStore(db, consultationId, part, load);
    } catch (err) {
      await db
        .updateTable('scorecardCounts')
        .set({ recountingSince: null })
        .where('consultationId', '=', consultationId)
        .where('part', '=', part)
        .execute()
        .catch(() => undefined);
      throw err;
    }
  }).catch((err: unknown) => log?.warn({ err, consultationId, part }, 'scorecard recount failed'));
}

/**
 * The stored count of a consultation's part: the last one counted (recounted in the background
 * when older than FRESH_MS), or, the first time, counted now.
 */
export async function storedCount<T>(
  db: Db,
  consultationId: string,
  part: Part,
  load: () => Promise<T>,
  log?: Log,
): Promise<Counted<T>> {
  const key = keyOf(consultationId, part);
  const mine = local.get(key);
  const row = await db
    .selectFrom('scorecardCounts')
    .select([
      'countedAt',
      sql<unknown>`case when counted_at is distinct from ${mine ? new Date(mine.countedAt) : null}::timestamptz
                        then payload end`.as('payload'),
      sql<boolean>`counted_at < now() - make_interval(secs => ${FRESH_MS / 1000})`.as('stale'),
    ])
    .where('consultationId', '=', consultationId)
    .where('part', '=', part)
    .executeTakeFirst();
  // Its own key: a background recount's claim under way (which may return nothing) is never shared here.
  if (!row) return shared(`${key}:first`, () => countAndStore(db, consultationId, part, load));
  let value: T;
  if (row.payload === null) value = mine!.value as T;
  else {
    value = row.payload as T;
    remember(key, row.countedAt, value);
  }
  if (row.stale) recountLater(db, consultationId, part, load, log);
  return { value, countedAt: row.countedAt };
}

/** Waits for the recounts under way in this process (the app's onClose, so none outlives the pool). */
export async function settleRecounts(): Promise<void> {
  await Promise.allSettled([...inFlight.values()]);
}
