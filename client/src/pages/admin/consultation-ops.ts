import { transitionConsultation } from '../../api/consultations.ts';
import type { PhaseOps } from '../../components/phase-ops.ts';

/** The phase panel's transition, for the consultation page to pass in. */
export const phaseOps: PhaseOps = { transition: transitionConsultation };
