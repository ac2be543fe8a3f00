import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ScenarioSummary } from '../api/types.ts';
import { SrLightElement } from '../app/light-element.ts';
import { announce } from '../app/navigation.ts';
import { loc, locLang, t } from '../i18n/i18n.ts';
import { errorAlert } from './alerts.ts';
import { statusBadge } from './badges.ts';
import { SrScenariosReorderedEvent } from './events.ts';
import { icon } from './icons.ts';
import type { ScenarioOrderOps } from './scenario-order-ops.ts';

/**
 * The consultation's scenarios in their order, with "Move up" and "Move down" buttons (keyboard
 * first: focus stays on the moved scenario's button, and the new position is announced).
 *
 * @fires sr-scenarios-reordered - with the new order as the server saved it
 */
@customElement('sr-scenario-order')
export class SrScenarioOrder extends SrLightElement {
  @property({ attribute: false }) consultationId = '';
  @property({ attribute: false }) scenarios: ScenarioSummary[] = [];
  /** The order's save, passed in by the page. */
  @property({ attribute: false }) ops!: ScenarioOrderOps;
  @state() private _busy = false;
  @state() private _error: unknown = null;

  private async _move(index: number, delta: -1 | 1): Promise<void> {
    const to = index + delta;
    if (this._busy || to < 0 || to >= this.scenarios.length) return;
    const moved = this.scenarios[index]!;
    const order = [...this.scenarios];
    order.splice(index, 1);
    order.splice(to, 0, moved);
    this._busy = true;
    this._error = null;
    try {
      const saved = await this.ops.reorder(
        this.consultationId,
        order.map((s) => s.id),
      );
      this.scenarios = saved;
      this.dispatchEvent(new SrScenariosReorderedEvent(saved));
      const position = saved.findIndex((s) => s.id === moved.id) + 1;
      announce(t('scenarios.moved', { key: moved.key, position, count: saved.length }));
    } catch (err) {
      this._error = err;
    } finally {
      this._busy = false;
    }
    await this.updateComplete;
    // Keep focus on the moved scenario: the same button, or the other one when it reached an end.
    const row = this.querySelector(`li[data-scenario-id="${moved.id}"]`);
    const same = row?.querySelector<HTMLButtonElement>(delta < 0 ? '.sr-move-up' : '.sr-move-down');
    const other = row?.querySelector<HTMLButtonElement>(delta < 0 ? '.sr-move-down' : '.sr-move-up');
    (same && !same.disabled ? same : other)?.focus();
  }

  protected override render() {
    const n = this.scenarios.length;
    if (!n) return html`<p class="sr-muted">${t('consultation.noScenarios')}</p>`;
    return html`<p>${t('scenarios.orderHint')}</p>
      ${this._error ? errorAlert(this._error) : nothing}
      <ol class="sr-order-list" id="scenario-order" aria-busy=${this._busy ? 'true' : 'false'}>
        ${this.scenarios.map(
          (s, i) =>
            html`<li data-scenario-id=${s.id} data-key=${s.key}>
              <span class="sr-order-position" aria-hidden="true">${i + 1}.</span>
              <span class="sr-order-title">
                <a href="/admin/scenarios/${s.id}" class="sr-scenario-admin-link"
                  ><span class="sr-key">${s.key}</span> <span lang=${locLang(s.title)}>${loc(s.title)}</span></a
                >
                ${statusBadge(s.status, s.statusRound)}
              </span>
              <span class="sr-order-buttons">
                <button
                  type="button"
                  class="button button-secondary sr-move-up"
                  id="scenario-${s.key}-up"
                  aria-label=${t('scenarios.moveUp', { key: s.key })}
                  ?disabled=${i === 0}
                  @click=${() => void this._move(i, -1)}
                >
                  ${icon('arrow-upward')}${t('scenarios.up')}
                </button>
                <button
                  type="button"
                  class="button button-secondary sr-move-down"
                  id="scenario-${s.key}-down"
                  aria-label=${t('scenarios.moveDown', { key: s.key })}
                  ?disabled=${i === n - 1}
                  @click=${() => void this._move(i, 1)}
                >
                  ${icon('arrow-downward')}${t('scenarios.down')}
                </button>
              </span>
            </li>`,
        )}
      </ol>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-scenario-order': SrScenarioOrder;
  }
}
