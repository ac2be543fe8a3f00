/** Pure rules for a consultation's life cycle (DESIGN.md §2). No I/O; the clock is passed in. */
export const PHASES = ['draft', 'open', 'closed', 'analysis', 'concluded'] as const;
export type Phase = (typeof PHASES)[number];

export const IT_STAGES = ['idea', 'analysis', 'procurement', 'completion', 'realisation'] as const;
export type ItStage = (typeof IT_STAGES)[number];

/**
 * Allowed moves. The main line is draft → open → closed → analysis → concluded; a closed hearing
 * may be reopened (a deadline extended after a complaint), nothing goes back to draft once public.
 */
const NEXT: Record<Phase, readonly Phase[]> = {
  draft: ['open'],
  open: ['closed'],
  closed: ['open', 'analysis'],
  analysis: ['concluded'],
  concluded: [],
};

export const allowedTransitions = (from: Phase): readonly Phase[] => NEXT[from];

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export function checkTransition(
  c: { phase: Phase; opensAt: Date | null; closesAt: Date | null },
  to: Phase,
  now: Date,
): TransitionCheck {
  if (!NEXT[c.phase].includes(to)) {
    return { ok: false, reason: `A consultation cannot go from ${c.phase} to ${to}` };
  }
  if (to === 'open') {
    if (!c.closesAt) return { ok: false, reason: 'Set a closing time before opening' };
    if (c.closesAt.getTime() <= now.getTime()) return { ok: false, reason: 'The closing time has passed' };
  }
  return { ok: true };
}

/** Whether participation (responses, comments, ballots) is accepted right now: decided by the server clock. */
export function acceptsInput(c: { phase: string; opensAt: Date | null; closesAt: Date | null }, now: Date): boolean {
  if (c.phase !== 'open') return false;
  if (c.opensAt && now.getTime() < c.opensAt.getTime()) return false;
  if (c.closesAt && now.getTime() >= c.closesAt.getTime()) return false;
  return true;
}

export const isPublicPhase = (phase: string): boolean => phase !== 'draft';
