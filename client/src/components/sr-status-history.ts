import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SrLightElement } from '../app/light-element.ts';
import type { Scenario } from '../api/types.ts';
import { t } from '../i18n/i18n.ts';
import { formatDateTimeShort } from '../i18n/format.ts';
import { statusBadge } from './badges.ts';
import { columnHeads } from './table.ts';

/**
 * A scenario's status changes by round, oldest first, as a table.
 *
 * @property history - the scenario's `statusHistory`
 */
@customElement('sr-status-history')
export class SrStatusHistory extends SrLightElement {
  @property({ attribute: false }) history: Scenario['statusHistory'] = [];

  protected override render() {
    return html`<div
      class="table--responsive-scroll sr-table-scroll"
      tabindex="0"
      role="region"
      aria-label=${t('scenario.historyHeading')}
    >
      <table class="table table--compact table--responsive-headers sr-status-history">
        ${columnHeads([t('common.when'), t('common.from'), t('common.to'), t('scenario.round'), t('scenario.note')])}
        <tbody>
          ${this.history.map(
            (h) =>
              html`<tr>
                <td data-title=${t('common.when')}><time datetime=${h.at}>${formatDateTimeShort(h.at)}</time></td>
                <td data-title=${t('common.from')}>${h.from ? statusBadge(h.from) : '–'}</td>
                <td data-title=${t('common.to')}>${statusBadge(h.to)}</td>
                <td data-title=${t('scenario.round')}>${h.round}</td>
                <td data-title=${t('scenario.note')}>${h.note ?? nothing}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-status-history': SrStatusHistory;
  }
}
