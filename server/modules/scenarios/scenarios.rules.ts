/** Pure rules for a scenario's status by round (DESIGN.md §2). No I/O. */
export const SCENARIO_STATUSES = ['candidate', 'shortlisted', 'eliminated', 'selected'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

/**
 * Narrowing happens in rounds: candidates are shortlisted or eliminated, a shortlisted scenario
 * can be selected; an eliminated one can be reinstated as a candidate; a selection can be undone.
 */
const NEXT: Record<ScenarioStatus, readonly ScenarioStatus[]> = {
  candidate: ['shortlisted', 'eliminated'],
  shortlisted: ['candidate', 'eliminated', 'selected'],
  eliminated: ['candidate'],
  selected: ['shortlisted'],
};

export const allowedStatusChanges = (from: ScenarioStatus): readonly ScenarioStatus[] => NEXT[from];

export type StatusCheck = { ok: true } | { ok: false; reason: string };

/** Rounds never go backwards: a change is recorded in the current round or a later one. */
export function checkStatusChange(
  current: { status: ScenarioStatus; round: number },
  to: ScenarioStatus,
  round: number,
): StatusCheck {
  if (!Number.isInteger(round) || round < 1) return { ok: false, reason: 'The round must be a whole number from 1' };
  if (!NEXT[current.status].includes(to)) {
    return { ok: false, reason: `A scenario cannot go from ${current.status} to ${to}` };
  }
  if (round < current.round) {
    return { ok: false, reason: `Round ${round} is before the scenario's last change in round ${current.round}` };
  }
  return { ok: true };
}

/** A new order must name every scenario of the consultation exactly once. */
export function checkOrder(existingIds: readonly string[], proposed: readonly string[]): StatusCheck {
  const set = new Set(proposed);
  if (set.size !== proposed.length) return { ok: false, reason: 'A scenario is listed twice' };
  if (proposed.length !== existingIds.length || existingIds.some((id) => !set.has(id))) {
    return { ok: false, reason: 'The order must list every scenario of the consultation once' };
  }
  return { ok: true };
}
