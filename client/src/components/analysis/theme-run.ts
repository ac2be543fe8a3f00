import { html, nothing } from 'lit';
import type { ThemeRun } from '../../api/themes.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { alert } from '../alerts.ts';
import { checkboxGroup, selectField, submitButton, textField } from '../fields.ts';

/** What the analyst fills in to start a run of suggested themes (issue 11 story 8). */
export type ThemeRunDraft = { seed: string; k: string; kinds: ('response' | 'comment')[]; scenarioId: string };
export const NEW_RUN: ThemeRunDraft = { seed: '1', k: '', kinds: ['response', 'comment'], scenarioId: '' };
export type ThemeRunErrors = Partial<Record<'seed' | 'k' | 'kinds', string>>;

export type ThemeRunFormOpts = {
  draft: ThemeRunDraft;
  errors: ThemeRunErrors;
  scenarios: { id: string; label: string }[];
  busy: boolean;
  onChange: (d: ThemeRunDraft) => void;
  onSubmit: () => void;
};

/** The form that starts a run: seed, optional k, kinds of input and a scenario. No I/O. */
export function themeRunForm(o: ThemeRunFormOpts) {
  const d = o.draft;
  const set = (patch: Partial<ThemeRunDraft>) => o.onChange({ ...d, ...patch });
  return html`<form
    id="themes-start"
    novalidate
    @submit=${(e: Event) => {
      e.preventDefault();
      o.onSubmit();
    }}
  >
    ${textField({
      id: 'themes-seed',
      label: t('themes.form.seed'),
      hint: t('themes.form.seedHint'),
      type: 'number',
      inputmode: 'numeric',
      width: 's',
      min: 0,
      value: d.seed,
      error: o.errors.seed,
      onInput: (seed) => set({ seed }),
    })}
    ${textField({
      id: 'themes-k',
      label: t('themes.form.k'),
      hint: t('themes.form.kHint'),
      optional: true,
      type: 'number',
      inputmode: 'numeric',
      width: 's',
      min: 2,
      value: d.k,
      error: o.errors.k,
      onInput: (k) => set({ k }),
    })}
    ${checkboxGroup({
      id: 'themes-kinds',
      legend: t('themes.form.kinds'),
      error: o.errors.kinds,
      options: [
        { value: 'response', label: t('themes.form.kind.response') },
        { value: 'comment', label: t('themes.form.kind.comment') },
      ],
      selected: d.kinds,
      onToggle: (v, on) =>
        set({
          kinds: (on ? [...d.kinds, v] : d.kinds.filter((x) => x !== v)) as ThemeRunDraft['kinds'],
        }),
    })}
    ${selectField({
      id: 'themes-scenario',
      label: t('themes.form.scenario'),
      optional: true,
      value: d.scenarioId,
      placeholder: t('themes.form.allScenarios'),
      options: o.scenarios.map((s) => ({ value: s.id, label: s.label })),
      onChange: (scenarioId) => set({ scenarioId }),
    })}
    ${submitButton('themes-start-submit', t('themes.form.submit'), o.busy)}
  </form>`;
}

/**
 * A run's state: a labelled progress bar (the phase and the per cent in words too) while it is
 * queued or running; what it found when done; the reason when it failed. No I/O.
 */
export function themeRunStatus(run: ThemeRun) {
  const when = html`<p class="sr-response-meta">
    ${t('themes.run.started', { at: formatDateTime(run.createdAt), seed: run.seed })}
  </p>`;
  if (run.status === 'failed') {
    return html`${when}${alert('error', t('themes.run.failed', { error: run.error ?? '' }), { id: 'themes-failed' })}`;
  }
  if (run.status === 'done') {
    return html`${when}
      <p id="themes-done">
        ${t('themes.run.done', {
          items: formatNumber(run.itemCount ?? 0),
          k: run.chosenK ?? 0,
          terms: formatNumber(run.vocabulary ?? 0),
        })}
        ${run.unclusteredCount ? t('themes.run.unclustered', { count: run.unclusteredCount }) : nothing}
      </p>`;
  }
  const phase = t(`themes.phase.${run.phase}`);
  return html`${when}
    <div class="form-group">
      <label class="form-label" for="themes-progress">${t('themes.run.progressLabel', { phase })}</label>
      <progress id="themes-progress" max="100" value=${run.progress}>${run.progress} %</progress>
      <span aria-hidden="true"> ${run.progress} %</span>
    </div>`;
}
