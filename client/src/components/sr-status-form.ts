import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Scenario, ScenarioStatus } from '../api/types.ts';
import { isValidationError, mapIssues, type FieldErrors, type FieldMap } from '../app/form-errors.ts';
import { SrLightElement } from '../app/light-element.ts';
import { t } from '../i18n/i18n.ts';
import { alert, errorDetail, errorMessage } from './alerts.ts';
import { statusLabel } from './badges.ts';
import { SrScenarioSavedEvent } from './events.ts';
import { selectField, textField } from './fields.ts';
import type { StatusOps } from './status-ops.ts';
import './sr-error-summary.ts';

const FIELDS: FieldMap = {
  '/status': { id: 'status-new', label: () => t('statusForm.status') },
  '/round': { id: 'status-round', label: () => t('statusForm.round') },
  '/note': { id: 'status-note', label: () => t('statusForm.note') },
};

/**
 * Changes a scenario's status in a round: the choices are the scenario's `allowedStatusChanges`,
 * the round is the current one or later (the server refuses an earlier one with 422).
 *
 * @fires sr-scenario-saved - with the scenario and its new history
 */
@customElement('sr-status-form')
export class SrStatusForm extends SrLightElement {
  @property({ attribute: false }) scenario!: Scenario;
  /** The status change, passed in by the page. */
  @property({ attribute: false }) ops!: StatusOps;
  @state() private _status: ScenarioStatus | '' = '';
  @state() private _round = '';
  @state() private _note = '';
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: (string | TemplateResult)[] = [];
  @state() private _done: { status: ScenarioStatus; round: number } | null = null;
  @state() private _busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scenario') && this.scenario) {
      this._status = '';
      this._round = String(this.scenario.statusRound);
      this._note = '';
      this._errors = new Map();
      this._general = [];
    }
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const s = this.scenario;
    const errors: FieldErrors = new Map();
    const round = Number(this._round);
    if (!this._status) errors.set('status-new', t('errors.statusRequired'));
    if (!/^\d+$/.test(this._round.trim()) || round < s.statusRound || round > 100)
      errors.set('status-round', t('errors.roundMin', { round: s.statusRound }));
    if (this._note.length > 2000)
      errors.set('status-note', t('errors.tooLong', { field: t('statusForm.note'), max: 2000 }));
    this._errors = errors;
    this._general = [];
    this._done = null;
    if (errors.size || !this._status) return;
    this._busy = true;
    try {
      const status = this._status;
      const saved = await this.ops.change(s.id, { status, round, note: this._note.trim() || undefined });
      this.dispatchEvent(new SrScenarioSavedEvent(saved));
      this._done = { status, round };
      await this.updateComplete;
      this.querySelector<HTMLElement>('#status-result')?.focus();
    } catch (err) {
      if (isValidationError(err)) {
        const { errors: mapped, unmatched } = mapIssues(err, FIELDS);
        this._errors = mapped;
        if (unmatched) this._general = [errorMessage(err)];
      } else this._general = [html`${errorMessage(err)}${errorDetail(err)}`];
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const s = this.scenario;
    if (!s) return nothing;
    return html`<p>${t('statusForm.current', { status: statusLabel(s.status), round: s.statusRound })}</p>
      <div id="status-result" tabindex="-1">
        ${this._done ? alert('success', t('statusForm.done', { status: statusLabel(this._done.status), round: this._done.round })) : nothing}
      </div>
      <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      ${
        s.allowedStatusChanges.length
          ? html`<form id="status-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
              ${selectField({
                id: 'status-new',
                label: t('statusForm.status'),
                required: true,
                placeholder: t('statusForm.choose'),
                value: this._status,
                options: s.allowedStatusChanges.map((v) => ({ value: v, label: statusLabel(v) })),
                error: this._errors.get('status-new'),
                onChange: (v) => (this._status = v as ScenarioStatus | ''),
              })}
              ${textField({
                id: 'status-round',
                label: t('statusForm.round'),
                type: 'number',
                inputmode: 'numeric',
                min: s.statusRound,
                width: 'xs',
                required: true,
                hint: t('statusForm.roundHint', { round: s.statusRound }),
                value: this._round,
                error: this._errors.get('status-round'),
                onInput: (v) => (this._round = v),
              })}
              ${textField({
                id: 'status-note',
                label: t('statusForm.note'),
                optional: true,
                rows: 3,
                value: this._note,
                error: this._errors.get('status-note'),
                onInput: (v) => (this._note = v),
              })}
              <div class="sr-actions">
                <button type="submit" class="button button-primary" id="status-submit" ?disabled=${this._busy}>
                  ${t('statusForm.submit')}
                </button>
              </div>
            </form>`
          : html`<p class="sr-muted">${t('statusForm.none')}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-status-form': SrStatusForm;
  }
}
