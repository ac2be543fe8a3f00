import { html } from 'lit';
import type { Phase, ScenarioStatus } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';

/** Phase and status as Det Fælles Designsystem badges; the text carries the meaning, colour only helps. */
const PHASE_VARIANT: Record<Phase, string> = {
  draft: 'badge-warning',
  open: 'badge-success',
  closed: 'badge-error',
  analysis: 'badge-info',
  concluded: '',
};

const STATUS_VARIANT: Record<ScenarioStatus, string> = {
  candidate: 'badge-info',
  shortlisted: 'badge-warning',
  eliminated: 'badge-error',
  selected: 'badge-success',
};

export const phaseLabel = (phase: Phase): string => t(`phase.${phase}`);
export const statusLabel = (status: ScenarioStatus): string => t(`status.${status}`);

export const phaseBadge = (phase: Phase) =>
  html`<span class="badge ${PHASE_VARIANT[phase]} sr-phase" data-phase=${phase}>${phaseLabel(phase)}</span>`;

export const statusBadge = (status: ScenarioStatus, round?: number) =>
  html`<span class="badge ${STATUS_VARIANT[status]} sr-status" data-status=${status}
    >${round === undefined ? statusLabel(status) : t('status.inRound', { status: statusLabel(status), round })}</span
  >`;
