import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { listAccounts } from '../../api/accounts.ts';
import type { Account } from '../../api/types.ts';
import { renderSection } from '../../app/page-state.ts';
import { PagedListController } from '../../app/paged-list.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert } from '../../components/alerts.ts';
import type { SrAccountForm, SrAccountSavedEvent } from '../../components/sr-account-form.ts';
import '../../components/sr-account-form.ts';
import { t } from '../../i18n/i18n.ts';
import { formatDate } from '../../i18n/format.ts';
import { columnHeads } from '../../components/table.ts';
import { accountOps } from './account-ops.ts';

/** `/admin/accounts`: search, list, create, and edit roles or disable an account. */
@customElement('sr-page-admin-accounts')
export class SrPageAdminAccounts extends SrLightElement implements SrPage {
  @state() private _query = '';
  @state() private _search = '';
  @state() private _editing: Account | null = null;
  @state() private _message: string | null = null;

  private readonly _list = new PagedListController(this, {
    fetch: ([q], cursor, signal) => listAccounts({ q: q || undefined, cursor, limit: 50 }, signal),
    args: () => [this._search] as const,
    focusNew: (i) => this.querySelectorAll('#accounts-table tbody tr')[i]?.querySelector<HTMLElement>('button'),
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._list.task.taskComplete).then(() => this.updateComplete);
  }

  private _onSearch(e: Event): void {
    e.preventDefault();
    this._search = this._query.trim();
    this._editing = null;
    void this._list.task.taskComplete.then(() =>
      announce(t('common.shown', { shown: this._list.items.length, more: !!this._list.cursor })),
    );
  }

  private async _edit(a: Account): Promise<void> {
    this._editing = a;
    this._message = null;
    await this.updateComplete;
    this.querySelector<HTMLElement>('#account-edit-heading')?.focus();
  }

  private async _closeEdit(id: string | null): Promise<void> {
    this._editing = null;
    await this.updateComplete;
    if (id) this.querySelector<HTMLElement>(`#account-edit-${id}`)?.focus();
  }

  private readonly _onSaved = (e: SrAccountSavedEvent) => void this._saved(e);

  private async _saved(e: SrAccountSavedEvent): Promise<void> {
    const a = e.account;
    if (e.created) {
      this._list.setItems([a, ...this._list.items.filter((x) => x.id !== a.id)]);
      this._message = t('accounts.created', { email: a.email });
      (e.target as SrAccountForm).reset();
      await this.updateComplete;
      this.querySelector<HTMLElement>('#accounts-message')?.focus();
    } else {
      this._list.setItems(this._list.items.map((x) => (x.id === a.id ? a : x)));
      this._message = t('accounts.updated', { email: a.email });
      await this._closeEdit(a.id);
    }
  }

  private _table() {
    if (!this._list.items.length) return html`<p class="sr-empty">${t('accounts.empty')}</p>`;
    return html`<div
        class="table--responsive-scroll sr-table-scroll"
        tabindex="0"
        role="region"
        aria-labelledby="accounts-list-heading"
      >
        <table class="table table--zebra table--responsive-headers" id="accounts-table">
          ${columnHeads([t('accounts.col.name'), t('accounts.col.email'), t('accounts.col.roles'), t('accounts.col.status'), t('accounts.col.created'), t('accounts.col.actions')])}
          <tbody>
            ${this._list.items.map(
              (a) =>
                html`<tr data-id=${a.id} data-email=${a.email}>
                  <td data-title=${t('accounts.col.name')}>${a.displayName}</td>
                  <td data-title=${t('accounts.col.email')}>${a.email}</td>
                  <td data-title=${t('accounts.col.roles')}>${a.roles.map((r) => t(`role.${r}`)).join(', ')}</td>
                  <td data-title=${t('accounts.col.status')}>
                    ${a.disabled ? html`<span class="badge badge-error">${t('accounts.disabledState')}</span>` : t('accounts.active')}
                  </td>
                  <td data-title=${t('accounts.col.created')}>
                    <time datetime=${a.createdAt}>${formatDate(a.createdAt)}</time>
                  </td>
                  <td data-title=${t('accounts.col.actions')}>
                    <button
                      type="button"
                      class="button button-secondary sr-account-edit"
                      id="account-edit-${a.id}"
                      aria-label=${t('accounts.edit', { name: a.displayName })}
                      aria-expanded=${this._editing?.id === a.id ? 'true' : 'false'}
                      @click=${() => void this._edit(a)}
                    >
                      ${t('common.edit')}
                    </button>
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this._list.renderMore('accounts-more')}`;
  }

  protected override render() {
    const editing = this._editing;
    return html`<h1 tabindex="-1">${t('accounts.title')}</h1>
      <div id="accounts-message" tabindex="-1">${this._message ? alert('success', this._message) : nothing}</div>
      <form role="search" id="accounts-search-form" class="sr-toolbar sr-search" @submit=${this._onSearch}>
        <div class="form-group">
          <label class="form-label" for="accounts-search">${t('accounts.searchLabel')}</label>
          <input
            class="form-input"
            type="search"
            id="accounts-search"
            .value=${this._query}
            @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="button button-secondary sr-search-button" id="accounts-search-submit">
          ${t('common.search')}
        </button>
      </form>
      <section class="sr-section">
        <h2 id="accounts-list-heading">${t('accounts.listHeading')}</h2>
        ${renderSection(this._list.task, () => this._table())}
      </section>
      ${
        editing
          ? html`<section class="sr-section" id="account-edit" aria-labelledby="account-edit-heading">
              <h2 id="account-edit-heading" tabindex="-1">
                ${t('accounts.editHeading', { name: editing.displayName })}
              </h2>
              <p>${editing.email}</p>
              <sr-account-form
                .account=${editing}
                .ops=${accountOps}
                @sr-account-saved=${this._onSaved}
                @sr-account-cancel=${() => void this._closeEdit(editing.id)}
              ></sr-account-form>
            </section>`
          : nothing
      }
      <section class="sr-section" aria-labelledby="account-create-heading">
        <h2 id="account-create-heading">${t('accounts.createHeading')}</h2>
        <sr-account-form .ops=${accountOps} @sr-account-saved=${this._onSaved}></sr-account-form>
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-accounts': SrPageAdminAccounts;
  }
}
