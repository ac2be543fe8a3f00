import { type Actor, hasRole } from '../../shared/actor.ts';
import type { Segment } from '../ballots/ballots.schemas.ts';

/**
 * Who may read ranking results, and which segments and counts they may see (issue #5 story 6,
 * issue #10 item 7). Pure, no I/O.
 */

/** Admins and analysts; reviewers read only what is public until they get a scoped view (issue 10 item 8). */
const seesUnpublished = (actor: Actor | null): boolean => hasRole(actor, 'admin', 'analyst');

/** Admins and analysts always see the results; everyone else once an admin has published them. */
export const canReadResults = (actor: Actor | null, c: { resultsPublishedAt: Date | null }): boolean =>
  seesUnpublished(actor) || c.resultsPublishedAt !== null;

/**
 * The segments split "all" in two ways; within each, the segments are disjoint and add up to "all".
 * A ranking's pairwise matrix and counts are additive, so inside one partition "all" minus the
 * shown segments is the sum of the hidden ones: that sum is what must not be small.
 */
export const SEGMENT_PARTITIONS: readonly (readonly Exclude<Segment, 'all'>[])[] = [
  ['citizen', 'business', 'ngo', 'public_authority', 'other'],
  ['invited', 'not_invited'],
];

/** Whether a count below `minSegment` would single out a few people (0 reveals nothing). */
const small = (n: number, minSegment: number) => n > 0 && n < minSegment;

/**
 * The segments hidden from the public (issue #10 item 7). Per partition:
 *  1. a segment is hidden when it is small, or when the rest of the whole after it (its complement,
 *     "all" minus it) is small: with "all 7, citizen 6" shown, the one other ranking is "all" minus
 *     "citizen";
 *  2. complementary suppression: while the hidden segments together are small (or a single one is
 *     hidden, whose figures would be "all" minus the others), the smallest shown non-empty segment
 *     is hidden too. So what subtraction can rebuild (the hidden segments summed) is either nothing
 *     or at least `minSegment` rankings, or the whole (when "all" itself is small and every
 *     non-empty segment is hidden).
 * Empty segments reveal nothing and stay shown. "all" is never hidden: publishing fewer rankings
 * than `minSegment` is the admin's confirmed choice (see `needsSmallConfirmation`).
 * Limit: the two partitions are protected each on its own; a cross-partition intersection (invited
 * citizens) is not a published segment.
 */
export function suppressedSegments(counts: Readonly<Record<Segment, number>>, minSegment: number): Segment[] {
  const hidden = new Set<Segment>();
  for (const partition of SEGMENT_PARTITIONS) {
    const nonEmpty = partition.filter((s) => counts[s] > 0);
    const inPartition = new Set(
      nonEmpty.filter((s) => small(counts[s], minSegment) || small(counts.all - counts[s], minSegment)),
    );
    const hiddenSum = () => [...inPartition].reduce((sum, s) => sum + counts[s], 0);
    const shown = () =>
      nonEmpty.filter((s) => !inPartition.has(s)).sort((a, b) => counts[a] - counts[b] || a.localeCompare(b));
    while (inPartition.size > 0 && (inPartition.size === 1 || small(hiddenSum(), minSegment))) {
      const next = shown()[0];
      if (next === undefined) break;
      inPartition.add(next);
    }
    for (const s of inPartition) hidden.add(s);
  }
  return [...hidden].sort();
}

/** The segments this viewer may not open: none for admins and analysts, the suppressed ones for everyone else. */
export function hiddenSegments(
  actor: Actor | null,
  counts: Readonly<Record<Segment, number>>,
  minSegment: number,
): Segment[] {
  return seesUnpublished(actor) ? [] : suppressedSegments(counts, minSegment);
}

/**
 * The segment counts this viewer sees: a hidden segment's count is withheld (null), since "citizen:
 * 2 of 2" tells whose rankings the whole is, and a count is what the subtraction starts from.
 */
export function visibleSegmentCounts(
  counts: Readonly<Record<Segment, number>>,
  hidden: readonly Segment[],
): Record<Segment, number | null> {
  const out = { ...counts } as Record<Segment, number | null>;
  for (const s of hidden) out[s] = null;
  return out;
}

/** Publishing results from fewer rankings than `minSegment` needs the admin's explicit confirmation. */
export const needsSmallConfirmation = (rankings: number, minSegment: number): boolean => rankings < minSegment;
