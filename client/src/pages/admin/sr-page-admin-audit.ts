import { loadMoreButton } from '../../components/load-more.ts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { listAudit } from '../../api/audit.ts';
import type { AuditEvent } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { errorAlert, loading } from '../../components/alerts.ts';
import { t, tDynamic } from '../../i18n/i18n.ts';
// The names of the participants' and moderators' actions (audit.action.comment.*, …) live there.
import { formatDateTimeShort } from '../../i18n/format.ts';

const PAGE_SIZE = 50;

/** A detail value as short text: strings as they are, lists joined, anything else as JSON. */
function detailValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  return JSON.stringify(v);
}

/** `/admin/audit`: the append-only audit log, newest first, with "Load more". */
@customElement('sr-page-admin-audit')
export class SrPageAdminAudit extends SrLightElement implements SrPage {
  @state() private _items: AuditEvent[] = [];
  @state() private _cursor: string | null = null;
  @state() private _busy = false;
  @state() private _moreError: unknown = null;

  private readonly _task = new Task(this, {
    task: async (_args, { signal }) => {
      const page = await listAudit({ limit: PAGE_SIZE }, signal);
      this._items = page.items;
      this._cursor = page.nextCursor;
    },
    args: () => [],
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _loadMore(): Promise<void> {
    if (!this._cursor || this._busy) return;
    this._busy = true;
    this._moreError = null;
    try {
      const before = this._items.length;
      const page = await listAudit({ cursor: this._cursor, limit: PAGE_SIZE });
      this._items = [...this._items, ...page.items];
      this._cursor = page.nextCursor;
      await this.updateComplete;
      this.querySelectorAll<HTMLElement>('#audit-table tbody tr')[before]?.focus();
      announce(t('common.shown', { shown: this._items.length, more: !!this._cursor }));
    } catch (err) {
      this._moreError = err;
    } finally {
      this._busy = false;
    }
  }

  private _item(e: AuditEvent) {
    const type = tDynamic(`audit.item.${e.itemType}`, e.itemType);
    if (!e.itemId) return type;
    const href =
      e.itemType === 'consultation'
        ? `/admin/consultations/${e.itemId}`
        : e.itemType === 'scenario'
          ? `/admin/scenarios/${e.itemId}`
          : null;
    const short = e.itemId.slice(0, 8);
    return href
      ? html`${type} <a href=${href}><code title=${e.itemId}>${short}</code></a>`
      : html`${type} <code title=${e.itemId}>${short}</code>`;
  }

  private _table() {
    if (!this._items.length) return html`<p class="sr-empty">${t('audit.empty')}</p>`;
    return html`<div
        class="table--responsive-scroll sr-table-scroll"
        tabindex="0"
        role="region"
        aria-labelledby="audit-caption"
      >
        <table class="table table--compact table--zebra table--responsive-headers" id="audit-table">
          <caption id="audit-caption" class="sr-only">
            ${t('audit.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('audit.col.when')}</th>
              <th scope="col">${t('audit.col.who')}</th>
              <th scope="col">${t('audit.col.action')}</th>
              <th scope="col">${t('audit.col.item')}</th>
              <th scope="col">${t('audit.col.details')}</th>
            </tr>
          </thead>
          <tbody>
            ${this._items.map(
              (e) =>
                html`<tr tabindex="-1" data-id=${e.id} data-action=${e.action}>
                  <td data-title=${t('audit.col.when')}>
                    <time datetime=${e.occurredAt}>${formatDateTimeShort(e.occurredAt)}</time>
                  </td>
                  <td data-title=${t('audit.col.who')}>${e.actorLabel ?? t('audit.system')}</td>
                  <td data-title=${t('audit.col.action')}>${tDynamic(`audit.action.${e.action}`, e.action)}</td>
                  <td data-title=${t('audit.col.item')}>${this._item(e)}</td>
                  <td class="sr-details" data-title=${t('audit.col.details')}>
                    ${Object.entries(e.details).map(([k, v]) => html`<span class="sr-detail"><span lang="en">${k}</span>: ${detailValue(v)}</span> `)}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${this._moreError ? errorAlert(this._moreError) : nothing}
      ${loadMoreButton({ id: 'audit-more', cursor: this._cursor, busy: this._busy, onClick: () => void this._loadMore() })}`;
  }

  protected override render() {
    return html`<h1 tabindex="-1">${t('audit.title')}</h1>
      <p>${t('audit.intro')}</p>
      ${this._task.render({ pending: () => loading(), error: (e) => errorAlert(e), complete: () => this._table() })}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-audit': SrPageAdminAudit;
  }
}
