import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { listOutbox, MAIL_STATUSES, type MailStatus, type OutboxItem } from '../../api/mail.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { errorAlert, loading } from '../../components/alerts.ts';
import { selectField } from '../../components/fields.ts';
import { formatDateTimeShort } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import '../../i18n/parts/responses.ts';

/** `/admin/outbox`: the mail outbox for admins (mails kept when no SMTP server is configured, and delivery status). */
@customElement('sr-page-admin-outbox')
export class SrPageAdminOutbox extends SrLightElement implements SrPage {
  @state() private _status: MailStatus | '' = '';
  @state() private _shown: MailStatus | '' = '';
  @state() private _items: OutboxItem[] = [];
  @state() private _next: string | null = null;
  @state() private _moreError: unknown = null;

  private readonly _task = new Task(this, {
    task: async ([status], { signal }) => {
      const page = await listOutbox({ status: status || undefined }, signal);
      this._items = page.items;
      this._next = page.nextCursor;
      return page;
    },
    args: () => [this._shown] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _more(): Promise<void> {
    try {
      const page = await listOutbox({ status: this._shown || undefined, cursor: this._next });
      this._items = [...this._items, ...page.items];
      this._next = page.nextCursor;
    } catch (err) {
      this._moreError = err;
    }
  }

  protected override render() {
    return html`<h1 tabindex="-1">${t('outbox.title')}</h1>
      <p>${t('outbox.intro')}</p>
      <form
        class="sr-filters"
        @submit=${(e: Event) => {
          e.preventDefault();
          this._shown = this._status;
        }}
      >
        ${selectField({
          id: 'outbox-status',
          label: t('outbox.status'),
          value: this._status,
          placeholder: t('published.all'),
          options: MAIL_STATUSES.map((s) => ({ value: s, label: t(`outbox.status.${s}`) })),
          onChange: (v) => (this._status = v as MailStatus | ''),
        })}
        <button type="submit" class="button button-secondary" id="outbox-show">${t('outbox.show')}</button>
      </form>
      ${this._task.render({
        pending: () => loading(),
        error: (e) => errorAlert(e),
        complete: () =>
          this._items.length
            ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label=${t('outbox.caption')}>
                  <table class="table table--compact">
                    <caption>
                      ${t('outbox.caption')}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">${t('outbox.created')}</th>
                        <th scope="col">${t('outbox.to')}</th>
                        <th scope="col">${t('outbox.subject')}</th>
                        <th scope="col">${t('outbox.status')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${this._items.map(
                        (m) =>
                          html`<tr>
                            <td><time datetime=${m.createdAt}>${formatDateTimeShort(m.createdAt)}</time></td>
                            <td>${m.to}</td>
                            <td>
                              <details>
                                <summary>${m.subject}</summary>
                                <pre class="sr-mail-text" aria-label=${t('outbox.text', { subject: m.subject })}>
${m.text}</pre>
                              </details>
                            </td>
                            <td>
                              ${t(`outbox.status.${m.status}`)}${m.lastError ? html`<br /><span lang="en">${m.lastError}</span>` : nothing}
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
                ${this._moreError ? errorAlert(this._moreError) : nothing}
                ${
                  this._next
                    ? html`<p>
                        <button type="button" class="button button-secondary" @click=${() => void this._more()}>
                          ${t('common.loadMore')}
                        </button>
                      </p>`
                    : nothing
                }`
            : html`<p class="sr-empty">${t('outbox.empty')}</p>`,
      })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-outbox': SrPageAdminOutbox;
  }
}
