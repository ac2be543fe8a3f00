import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { listOutbox, MAIL_STATUSES, type MailStatus } from '../../api/mail.ts';
import { renderSection } from '../../app/page-state.ts';
import { PagedListController } from '../../app/paged-list.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { selectField } from '../../components/fields.ts';
import { formatDateTimeShort } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { columnHeads } from '../../components/table.ts';

/** `/admin/outbox`: the mail outbox for admins (mails kept when no SMTP server is configured, and delivery status). */
@customElement('sr-page-admin-outbox')
export class SrPageAdminOutbox extends SrLightElement implements SrPage {
  @state() private _status: MailStatus | '' = '';
  @state() private _shown: MailStatus | '' = '';

  private readonly _list = new PagedListController(this, {
    fetch: ([status], cursor, signal) => listOutbox({ status: status || undefined, cursor }, signal),
    args: () => [this._shown] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._list.task.taskComplete).then(() => this.updateComplete);
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
      ${renderSection(this._list.task, () =>
        this._list.items.length
          ? html`<div class="table--responsive-scroll" tabindex="0" role="region" aria-label=${t('outbox.caption')}>
                <table class="table table--compact">
                  <caption>
                    ${t('outbox.caption')}
                  </caption>
                  ${columnHeads([t('outbox.created'), t('outbox.to'), t('outbox.subject'), t('outbox.status')])}
                  <tbody>
                    ${this._list.items.map(
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
              ${this._list.renderMore('outbox-more')}`
          : html`<p class="sr-empty">${t('outbox.empty')}</p>`,
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-outbox': SrPageAdminOutbox;
  }
}
