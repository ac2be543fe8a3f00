import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { decideMatch, listMatches, type MatchList } from '../../api/parties.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderSection } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/**
 * Proposed matches on the høringsliste page (issue 13 story 3): responses that may be a listed
 * party's, by CVR or e-mail domain; staff confirm or reject each (audited). Part of
 * sr-page-party-list; it fetches, so it lives with the page.
 */
@customElement('sr-party-matches')
export class SrPartyMatches extends SrLightElement {
  @property() consultationId = '';
  /** Called after a decision, so the page loads its board again. */
  @property({ attribute: false }) onDecided: () => unknown = () => undefined;
  @state() private _flash = '';
  @state() private _failure: unknown = null;

  private readonly _task = new Task(this, {
    task: ([id], { signal }) => listMatches(id, signal),
    args: () => [this.consultationId] as const,
  });

  private async _decide(decision: 'confirm' | 'reject', partyId: string, responseId: string) {
    this._failure = null;
    try {
      await decideMatch(this.consultationId, decision, partyId, responseId);
      this._flash = t(decision === 'confirm' ? 'partyList.matches.confirmed' : 'partyList.matches.rejected');
      await this._task.run();
      await this.onDecided();
      announce(this._flash);
      this.querySelector<HTMLElement>('#party-matches-heading')?.focus();
    } catch (err) {
      this._failure = err;
    }
  }

  private _list(m: MatchList) {
    if (m.items.length === 0) return html`<p id="party-matches-none">${t('partyList.matches.none')}</p>`;
    return html`<div
      class="table--responsive-scroll sr-table-scroll"
      tabindex="0"
      role="region"
      aria-label=${t('partyList.matches.caption')}
    >
      <table class="table" id="party-matches">
        <caption>
          ${t('partyList.matches.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('partyList.col.party')}</th>
            <th scope="col">${t('partyList.matches.response')}</th>
            <th scope="col">${t('partyList.matches.basis')}</th>
            <th scope="col">${t('partyList.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          ${m.items.map(
            (p) =>
              html`<tr>
                <th scope="row">${p.partyName}</th>
                <td>
                  <a href="/admin/consultations/${this.consultationId}/inbox/response/${p.responseId}"
                    >${p.respondentName}${p.organisationName ? `, ${p.organisationName}` : ''}</a
                  >
                  (${p.receiptCode}, ${formatDateTime(p.submittedAt)})
                </td>
                <td>${t(`partyList.matches.basis.${p.basis}`)}</td>
                <td>
                  <button
                    type="button"
                    class="button button-secondary"
                    aria-label="${t('partyList.matches.confirm')}: ${p.partyName}, ${p.respondentName}"
                    @click=${() => void this._decide('confirm', p.partyId, p.responseId)}
                  >
                    ${t('partyList.matches.confirm')}
                  </button>
                  <button
                    type="button"
                    class="button button-tertiary"
                    aria-label="${t('partyList.matches.reject')}: ${p.partyName}, ${p.respondentName}"
                    @click=${() => void this._decide('reject', p.partyId, p.responseId)}
                  >
                    ${t('partyList.matches.reject')}
                  </button>
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  protected override render() {
    return html`<section aria-labelledby="party-matches-heading">
      <h2 id="party-matches-heading" tabindex="-1">${t('partyList.matches')}</h2>
      <p>${t('partyList.matchesIntro')}</p>
      ${this._flash ? alert('success', this._flash, { live: false, id: 'party-matches-flash' }) : nothing}
      ${this._failure ? errorAlert(this._failure) : nothing} ${renderSection(this._task, (m) => this._list(m))}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-party-matches': SrPartyMatches;
  }
}
