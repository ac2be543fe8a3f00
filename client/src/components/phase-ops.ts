import type { Consultation, Phase } from '../api/types.ts';

/**
 * How `<sr-phase-panel>` moves a consultation to another phase, passed in by the consultation page
 * (components do no I/O): the page builds it from `api/consultations.ts`.
 */
export interface PhaseOps {
  /**
   * Moves consultation `id` to phase `to`; resolves to the saved consultation. `reason`: why it
   * concludes without a published hearing report (issue 14 story 4).
   */
  transition(id: string, to: Phase, reason?: string): Promise<Consultation>;
}
