import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getQuestionnaire, type Questionnaire } from '../../api/questionnaire.ts';

import {
  decidePublication,
  listQueue,
  QUEUE_STATUSES,
  type QueueStatus,
  type StaffResponse,
} from '../../api/responses.ts';
import { renderPage, renderSection } from '../../app/page-state.ts';
import { PagedListController } from '../../app/paged-list.ts';
import { focusAfterRender } from '../../app/focus.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { selectField, textField } from '../../components/fields.ts';
import { answerList } from '../../components/responses/question-fields.ts';
import { formatBytes, formatDateTime } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';
import { consultationHead } from './consultation-head.ts';

/**
 * `/admin/consultations/:consultationId/publication`: the publication queue for analysts and
 * admins. Approve a response to publish it, or reject it with a required reason.
 */
@customElement('sr-page-admin-publication')
export class SrPageAdminPublication extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _status: QueueStatus = 'pending';
  @state() private _shown: QueueStatus = 'pending';
  @state() private _rejecting: string | null = null;
  @state() private _reason = '';
  @state() private _reasonError = '';
  @state() private _flash = '';
  @state() private _failure: unknown = null;
  @state() private _busy = false;

  private readonly _base = new Task(this, {
    task: ([id], { signal }): Promise<Questionnaire> => getQuestionnaire(id, signal),
    args: () => [this.consultationId] as const,
  });

  private readonly _list = new PagedListController(this, {
    fetch: ([id, status], cursor, signal) => listQueue(id, { status, cursor }, signal),
    args: () => [this.consultationId, this._shown] as const,
    focusNew: (i) => {
      const heading = this.querySelector<HTMLElement>(`#queue-item-${i} h3`);
      heading?.setAttribute('tabindex', '-1');
      return heading;
    },
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => Promise.all([this._base.taskComplete, this._list.task.taskComplete]))
      .then(() => this.updateComplete);
  }

  private readonly _focus = (selector: string) => focusAfterRender(this, selector);

  private async _decide(r: StaffResponse, decision: 'approve' | 'reject'): Promise<void> {
    if (decision === 'reject' && !this._reason.trim()) {
      this._reasonError = t('queue.reasonRequired');
      void this._focus(`#queue-reason-${r.id}`);
      return;
    }
    this._busy = true;
    this._failure = null;
    try {
      await decidePublication(r.id, decision === 'reject' ? { decision, reason: this._reason.trim() } : { decision });
      this._list.setItems(this._list.items.filter((x) => x.id !== r.id));
      this._rejecting = null;
      this._reason = '';
      this._reasonError = '';
      this._flash =
        decision === 'approve'
          ? t('queue.approved', { code: r.receiptCode })
          : t('queue.rejected', { code: r.receiptCode });
      announce(this._flash);
      void this._focus('#queue-flash');
    } catch (err) {
      this._failure = err;
      void this._focus('#queue-failure');
    } finally {
      this._busy = false;
    }
  }

  private _card(r: StaffResponse, i: number, base: Questionnaire) {
    const rejecting = this._rejecting === r.id;
    return html`<li class="sr-card sr-queue-item" id="queue-item-${i}" data-receipt=${r.receiptCode}>
      <h3 class="h4" tabindex="-1">${t('queue.responseHeading', { code: r.receiptCode })}</h3>
      <dl class="sr-facts">
        <div>
          <dt>${t('resp.name')}</dt>
          <dd>${r.respondent.name}${r.respondent.organisationName ? `, ${r.respondent.organisationName}` : ''}</dd>
        </div>
        <div>
          <dt>${t('resp.actingAs')}</dt>
          <dd>${t(`resp.actingAs.${r.respondent.actingAs}`)}</dd>
        </div>
        <div>
          <dt>${t('queue.consent')}</dt>
          <dd><strong>${t(`resp.consent.${r.consent}`)}</strong></dd>
        </div>
        <div>
          <dt>${t('queue.received')}</dt>
          <dd>
            <time datetime=${r.submittedAt}>${formatDateTime(r.submittedAt)}</time>
            ${r.channel !== 'web' ? html`(${t(`letters.channel.${r.channel}`)})` : nothing}
            ${r.late ? html`<strong>${t('queue.late')}</strong>` : nothing}
          </dd>
        </div>
        ${
          r.publicationReason
            ? html`<div>
                <dt>${t('queue.decidedReason')}</dt>
                <dd>${r.publicationReason}</dd>
              </div>`
            : nothing
        }
      </dl>
      ${answerList(base.questions, r.answers, base.scenarios)}
      ${r.body ? html`<div class="sr-response-body">${r.body}</div>` : nothing}
      ${
        r.attachments.length
          ? html`<ul class="sr-file-list" aria-label=${t('files.label')}>
              ${r.attachments.map((a) => html`<li><a href=${a.url} download>${a.filename}</a> (${formatBytes(a.sizeBytes)})</li>`)}
            </ul>`
          : nothing
      }
      ${
        this._shown === 'pending'
          ? rejecting
            ? html`<div class="sr-reject">
                ${textField({
                  id: `queue-reason-${r.id}`,
                  label: t('queue.reason'),
                  hint: t('queue.reasonHint'),
                  rows: 3,
                  required: true,
                  value: this._reason,
                  error: this._reasonError || undefined,
                  onInput: (v) => (this._reason = v),
                })}
                <div class="sr-actions">
                  <button
                    type="button"
                    class="button button-primary"
                    id="queue-reject-confirm-${i}"
                    ?disabled=${this._busy}
                    @click=${() => void this._decide(r, 'reject')}
                  >
                    ${t('queue.confirmReject')}
                  </button>
                  <button
                    type="button"
                    class="button button-secondary"
                    @click=${() => {
                      this._rejecting = null;
                      void this._focus(`#queue-reject-${i}`);
                    }}
                  >
                    ${t('common.cancel')}
                  </button>
                </div>
              </div>`
            : html`<div class="sr-actions">
                <button
                  type="button"
                  class="button button-primary queue-approve"
                  id="queue-approve-${i}"
                  ?disabled=${this._busy}
                  @click=${() => void this._decide(r, 'approve')}
                >
                  ${t('queue.approve')}<span class="sr-only"> ${r.receiptCode}</span>
                </button>
                <button
                  type="button"
                  class="button button-secondary queue-reject"
                  id="queue-reject-${i}"
                  @click=${() => {
                    this._rejecting = r.id;
                    this._reason = '';
                    this._reasonError = '';
                    void this._focus(`#queue-reason-${r.id}`);
                  }}
                >
                  ${t('queue.reject')}<span class="sr-only"> ${r.receiptCode}</span>
                </button>
              </div>`
          : nothing
      }
    </li>`;
  }

  private _render(base: Questionnaire) {
    const c = base.consultation;
    return html`${consultationHead(c, { heading: t('queue.title'), intro: t('queue.intro') })}
      <form
        class="sr-filters"
        id="queue-filter"
        @submit=${(e: Event) => {
          e.preventDefault();
          this._flash = '';
          this._shown = this._status;
        }}
      >
        ${selectField({
          id: 'queue-status',
          label: t('queue.status'),
          value: this._status,
          options: QUEUE_STATUSES.map((s) => ({ value: s, label: t(`queue.status.${s}`) })),
          onChange: (v) => (this._status = v as QueueStatus),
        })}
        <button type="submit" class="button button-secondary" id="queue-show">${t('queue.show')}</button>
      </form>
      ${this._flash ? html`<div id="queue-flash" tabindex="-1">${alert('success', this._flash)}</div>` : nothing}
      ${this._failure ? errorAlert(this._failure, { id: 'queue-failure' }) : nothing}
      <section class="sr-section" aria-labelledby="queue-list-heading">
        <h2 id="queue-list-heading">${t(`queue.status.${this._shown}`)}</h2>
        ${renderSection(this._list.task, () =>
          this._list.items.length
            ? html`<p>${t('queue.count', { count: this._list.items.length })}</p>
                <ul class="sr-card-list nobullet-list">
                  ${this._list.items.map((r, i) => this._card(r, i, base))}
                </ul>
                ${this._list.renderMore('queue-more')}`
            : html`<p class="sr-empty" id="queue-empty">${t('queue.empty')}</p>`,
        )}
      </section>`;
  }

  protected override render() {
    return renderPage(this._base, (base) => this._render(base));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-publication': SrPageAdminPublication;
  }
}
