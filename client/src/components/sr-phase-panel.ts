import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Consultation, Phase } from '../api/types.ts';
import { SrLightElement } from '../app/light-element.ts';
import { t } from '../i18n/i18n.ts';
import { formatDateTimeShort } from '../i18n/format.ts';
import { alert, errorAlert } from './alerts.ts';
import { textField } from './fields.ts';
import { phaseBadge, phaseLabel } from './badges.ts';
import { SrConsultationSavedEvent } from './events.ts';
import type { PhaseOps } from './phase-ops.ts';
import { columnHeads } from './table.ts';

/** The button text for a move: reopening a closed consultation reads differently from opening a draft. */
const transitionLabel = (from: Phase, to: Phase): string =>
  from === 'closed' && to === 'open' ? t('transition.reopen') : t(`transition.${to}`);

/**
 * The consultation's phase: one button per allowed move (`allowedTransitions`), each confirmed in
 * place before it is sent; a refused move (422) is shown with the server's reason.
 *
 * @fires sr-consultation-saved - after a successful move
 */
@customElement('sr-phase-panel')
export class SrPhasePanel extends SrLightElement {
  @property({ attribute: false }) consultation!: Consultation;
  /** The transition, passed in by the page. */
  @property({ attribute: false }) ops!: PhaseOps;
  @state() private _pending: Phase | null = null;
  @state() private _busy = false;
  @state() private _error: unknown = null;
  @state() private _done: Phase | null = null;
  /** Why a consultation concludes without a published hearing report (issue 14 story 4). */
  @state() private _reason = '';

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('consultation') && changed.get('consultation')?.id !== this.consultation?.id) {
      this._pending = null;
      this._error = null;
      this._done = null;
    }
  }

  private async _ask(to: Phase): Promise<void> {
    this._pending = to;
    this._error = null;
    this._done = null;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#phase-confirm-heading')?.focus();
  }

  private async _cancel(): Promise<void> {
    const to = this._pending;
    this._pending = null;
    await this.updateComplete;
    if (to) this.querySelector<HTMLElement>(`#phase-to-${to}`)?.focus();
  }

  private async _confirm(): Promise<void> {
    const to = this._pending;
    if (!to || this._busy) return;
    this._busy = true;
    try {
      const reason = to === 'concluded' && this._reason.trim() ? this._reason.trim() : undefined;
      const saved = await this.ops.transition(this.consultation.id, to, reason);
      this._pending = null;
      this._done = to;
      this.dispatchEvent(new SrConsultationSavedEvent(saved));
    } catch (err) {
      this._pending = null;
      this._error = err;
    } finally {
      this._busy = false;
    }
    await this.updateComplete;
    this.querySelector<HTMLElement>('#phase-result')?.focus();
  }

  private _confirmBox(from: Phase, to: Phase) {
    return html`<div class="sr-confirm" id="phase-confirm" role="group" aria-labelledby="phase-confirm-heading">
      <h3 class="h4" id="phase-confirm-heading" tabindex="-1">
        ${t('phasePanel.confirmHeading', { from: phaseLabel(from), to: phaseLabel(to) })}
      </h3>
      <p>${to === 'open' ? t('phasePanel.confirmOpen') : t('phasePanel.confirmOther')}</p>
      ${
        to === 'concluded'
          ? textField({
              id: 'phase-reason',
              label: t('phasePanel.reason'),
              hint: t('phasePanel.reasonHint'),
              value: this._reason,
              rows: 3,
              maxlength: 2000,
              onInput: (v) => (this._reason = v),
            })
          : nothing
      }
      <div class="sr-toolbar">
        <button
          type="button"
          class="button button-primary"
          id="phase-confirm-button"
          ?disabled=${this._busy}
          @click=${() => void this._confirm()}
        >
          ${transitionLabel(from, to)}
        </button>
        <button type="button" class="button button-secondary" id="phase-cancel" @click=${() => void this._cancel()}>
          ${t('common.cancel')}
        </button>
      </div>
    </div>`;
  }

  protected override render() {
    const c = this.consultation;
    if (!c) return nothing;
    return html`<p>${t('phasePanel.current', { phase: phaseLabel(c.phase) })} ${phaseBadge(c.phase)}</p>
      <div id="phase-result" tabindex="-1">
        ${this._done ? alert('success', t('phasePanel.done', { phase: phaseLabel(this._done) })) : nothing}
        ${this._error ? errorAlert(this._error) : nothing}
      </div>
      ${
        c.allowedTransitions.length
          ? html`<div class="sr-toolbar" id="phase-buttons">
              ${c.allowedTransitions.map(
                (to) =>
                  html`<button
                    type="button"
                    class="button ${to === 'open' || to === 'analysis' ? 'button-primary' : 'button-secondary'} sr-phase-button"
                    id="phase-to-${to}"
                    data-phase=${to}
                    aria-expanded=${this._pending === to ? 'true' : 'false'}
                    aria-controls=${this._pending === to ? 'phase-confirm' : nothing}
                    @click=${() => void this._ask(to)}
                  >
                    ${transitionLabel(c.phase, to)}
                  </button>`,
              )}
            </div>`
          : html`<p class="sr-muted">${t('phasePanel.none')}</p>`
      }
      ${this._pending ? this._confirmBox(c.phase, this._pending) : nothing}
      <h3 class="h4">${t('phasePanel.history')}</h3>
      ${
        c.phaseHistory.length
          ? html`<div
              class="table--responsive-scroll sr-table-scroll"
              tabindex="0"
              role="region"
              aria-label=${t('phasePanel.history')}
            >
              <table class="table table--compact table--responsive-headers" id="phase-history">
                ${columnHeads([t('common.when'), t('common.from'), t('common.to'), t('common.by')])}
                <tbody>
                  ${c.phaseHistory.map(
                    (h) =>
                      html`<tr>
                        <td data-title=${t('common.when')}>
                          <time datetime=${h.at}>${formatDateTimeShort(h.at)}</time>
                        </td>
                        <td data-title=${t('common.from')}>${phaseLabel(h.from)}</td>
                        <td data-title=${t('common.to')}>${phaseLabel(h.to)}</td>
                        <td data-title=${t('common.by')}>${h.by ?? '–'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="sr-muted">${t('common.none')}</p>`
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-phase-panel': SrPhasePanel;
  }
}
