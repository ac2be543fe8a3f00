/**
 * A short-lived memo of the scorecard's heavy aggregates (issue 14, Measure: ≤ 300 ms p95 on a
 * million responses). Counting every ballot and every coding of a large consultation takes longer
 * than a page should wait; reviewers comparing scenarios read the same consultation again and again,
 * and a count up to TTL_MS old is good enough for a review (the page says when it was counted). Only
 * actor-independent rows are kept (what a reader may see is decided after), per process, at most
 * MAX_ENTRIES, and a load in flight is shared by the requests that arrive meanwhile.
 */
export const TTL_MS = 30_000;
const MAX_ENTRIES = 200;

const entries = new Map<string, { at: number; value: Promise<unknown> }>();

export function memo<T>(key: string, load: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  const hit = entries.get(key);
  if (hit && now() - hit.at < TTL_MS) return hit.value as Promise<T>;
  const value = load();
  entries.delete(key);
  entries.set(key, { at: now(), value });
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  // A failed load is not kept: the next request tries again.
  value.catch(() => entries.get(key)?.value === value && entries.delete(key));
  return value;
}

/** When the memoised value of `key` was counted (ISO), or now when there is none. */
export const countedAt = (key: string): string => new Date(entries.get(key)?.at ?? Date.now()).toISOString();
