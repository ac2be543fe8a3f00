import { loadMoreButton } from '../../components/load-more.ts';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { type AuditFilters, listAudit } from '../../api/audit.ts';
import type { AuditEvent } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce, navigate } from '../../app/navigation.ts';
import { errorAlert } from '../../components/alerts.ts';
import { fieldError } from '../../components/fields.ts';
import { renderSection } from '../../app/page-state.ts';
import { loc, t, tDynamic } from '../../i18n/i18n.ts';
import { formatDateTimeShort } from '../../i18n/format.ts';
import { AUDIT_ACTIONS, AUDIT_ITEM_TYPES, describeDetails } from './audit-details.ts';
import { columnHeads } from '../../components/table.ts';

const PAGE_SIZE = 50;

/** The filters as the address holds them: text as typed, dates as YYYY-MM-DD. */
type UrlFilters = {
  q: string;
  actor: string;
  actorId: string;
  action: string;
  itemType: string;
  itemId: string;
  from: string;
  to: string;
};
const KEYS = ['q', 'actor', 'actorId', 'action', 'itemType', 'itemId', 'from', 'to'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersFromUrl(): UrlFilters {
  const p = new URLSearchParams(location.search);
  const f = Object.fromEntries(KEYS.map((k) => [k, p.get(k)?.trim() ?? ''])) as UrlFilters;
  if (!DATE.test(f.from)) f.from = '';
  if (!DATE.test(f.to)) f.to = '';
  return f;
}

/** A day in the reader's time zone as an instant: its start, or (for `to`) the start of the next day. */
function dayStart(day: string, next = false): string | undefined {
  if (!DATE.test(day)) return undefined;
  const d = new Date(`${day}T00:00:00`);
  if (Number.isNaN(d.getTime())) return undefined;
  if (next) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

function toQuery(f: UrlFilters): AuditFilters {
  const q: AuditFilters = {};
  for (const k of ['q', 'actor', 'actorId', 'action', 'itemType', 'itemId'] as const) if (f[k]) q[k] = f[k];
  const from = dayStart(f.from);
  const to = dayStart(f.to, true);
  if (from) q.from = from;
  if (to) q.to = to;
  return q;
}

/** Where an item is edited, if it has a page of its own. */
function itemHref(e: AuditEvent): string | null {
  if (!e.itemId) return null;
  if (e.itemType === 'consultation') return `/admin/consultations/${e.itemId}`;
  if (e.itemType === 'scenario') return `/admin/scenarios/${e.itemId}`;
  return null;
}

/**
 * `/admin/audit?q=&actor=&action=&itemType=&itemId=&from=&to=`: the append-only audit log, newest
 * first, filtered by who, what, which item and when (issue 10, item 17). The filters live in the
 * address, so a view can be shared, bookmarked and restored with Back.
 */
@customElement('sr-page-admin-audit')
export class SrPageAdminAudit extends SrLightElement implements SrPage {
  @state() private _items: AuditEvent[] = [];
  @state() private _cursor: string | null = null;
  @state() private _busy = false;
  @state() private _moreError: unknown = null;
  @state() private _form: UrlFilters = filtersFromUrl();
  @state() private _formError = '';
  private readonly _applied = filtersFromUrl();

  private readonly _task = new Task(this, {
    task: async (_args, { signal }) => {
      const page = await listAudit({ ...toQuery(this._applied), limit: PAGE_SIZE }, signal);
      this._items = page.items;
      this._cursor = page.nextCursor;
    },
    args: () => [],
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private get _filtered(): boolean {
    return KEYS.some((k) => this._applied[k] !== '');
  }

  private async _loadMore(): Promise<void> {
    if (!this._cursor || this._busy) return;
    this._busy = true;
    this._moreError = null;
    try {
      const before = this._items.length;
      const page = await listAudit({ ...toQuery(this._applied), cursor: this._cursor, limit: PAGE_SIZE });
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

  private _onApply(e: Event): void {
    e.preventDefault();
    const f = this._form;
    if (f.from && f.to && f.from > f.to) {
      this._formError = t('audit.filter.dates');
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('#audit-from')?.focus());
      return;
    }
    const params = new URLSearchParams();
    for (const k of KEYS) if (f[k].trim()) params.set(k, f[k].trim());
    const search = params.toString();
    // A new address: the app shell shows the page for it and moves focus to the results.
    navigate(`/admin/audit${search ? `?${search}` : ''}#audit-results`);
  }

  private _set(key: keyof UrlFilters, value: string): void {
    this._form = { ...this._form, [key]: value };
    this._formError = '';
  }

  private _text(key: 'q' | 'actor' | 'itemId', label: string, hint?: string) {
    const id = `audit-${key}`;
    return html`<div class="form-group">
      <label class="form-label" for=${id}>${label}</label>
      ${hint ? html`<span class="form-hint" id="${id}-hint">${hint}</span>` : nothing}
      <input
        class="form-input"
        type=${key === 'q' ? 'search' : 'text'}
        id=${id}
        name=${key}
        maxlength=${key === 'itemId' ? 100 : 200}
        aria-describedby=${hint ? `${id}-hint` : nothing}
        .value=${this._form[key]}
        @input=${(e: Event) => this._set(key, (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private _select(key: 'action' | 'itemType', label: string, any: string, options: readonly string[], prefix: string) {
    const id = `audit-${key}`;
    return html`<div class="form-group">
      <label class="form-label" for=${id}>${label}</label>
      <select
        class="form-select"
        id=${id}
        name=${key}
        @change=${(e: Event) => this._set(key, (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${!this._form[key]}>${any}</option>
        ${options.map(
          (o) => html`<option value=${o} ?selected=${this._form[key] === o}>${tDynamic(`${prefix}${o}`, o)}</option>`,
        )}
      </select>
    </div>`;
  }

  private _date(key: 'from' | 'to', label: string) {
    const id = `audit-${key}`;
    const invalid = key === 'from' && !!this._formError;
    return html`<div class="form-group ${invalid ? 'form-error' : ''}">
      <label class="form-label" for=${id}>${label}</label>
      ${fieldError(id, invalid ? this._formError : undefined)}
      <input
        class="form-input input-width-s"
        type="date"
        id=${id}
        name=${key}
        aria-invalid=${invalid ? 'true' : nothing}
        aria-describedby=${invalid ? `${id}-error` : nothing}
        .value=${this._form[key]}
        @input=${(e: Event) => this._set(key, (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private _filters() {
    return html`<form role="search" id="audit-filters" aria-labelledby="audit-filters-heading" @submit=${this._onApply}>
      <h2 id="audit-filters-heading" class="h3">${t('audit.filters')}</h2>
      <div class="sr-filter-grid">
        ${this._text('q', t('audit.filter.q'), t('audit.filter.qHint'))}
        ${this._text('actor', t('audit.filter.actor'), t('audit.filter.actorHint'))}
        ${this._select('action', t('audit.filter.action'), t('audit.filter.anyAction'), AUDIT_ACTIONS, 'audit.action.')}
        ${this._select('itemType', t('audit.filter.itemType'), t('audit.filter.anyItem'), AUDIT_ITEM_TYPES, 'audit.item.')}
        ${this._text('itemId', t('audit.filter.itemId'))} ${this._date('from', t('audit.filter.from'))}
        ${this._date('to', t('audit.filter.to'))}
      </div>
      <div class="sr-toolbar">
        <button type="submit" class="button button-primary" id="audit-apply">${t('audit.filter.apply')}</button>
        ${
          this._filtered
            ? html`<a class="button button-secondary" id="audit-clear" href="/admin/audit"
                >${t('audit.filter.clear')}</a
              >`
            : nothing
        }
      </div>
    </form>`;
  }

  private _item(e: AuditEvent) {
    const type = tDynamic(`audit.item.${e.itemType}`, e.itemType);
    const context =
      e.consultationTitle && e.itemType !== 'consultation'
        ? html` <span class="sr-audit-context">${t('audit.inConsultation', { title: loc(e.consultationTitle) })}</span>`
        : nothing;
    if (!e.itemId) return html`${type}${context}`;
    const href = itemHref(e);
    const name = e.itemName ? loc(e.itemName) : null;
    if (href) return html`${type} <a href=${href}>${name ?? e.itemId}</a>${context}`;
    return html`${type}${context}`;
  }

  private _table() {
    if (!this._items.length) {
      return html`<p class="sr-empty">${this._filtered ? t('audit.noMatch') : t('audit.empty')}</p>`;
    }
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
          ${columnHeads([t('audit.col.when'), t('audit.col.who'), t('audit.col.action'), t('audit.col.item'), t('audit.col.details')])}
          <tbody>
            ${this._items.map(
              (e) =>
                html`<tr tabindex="-1" data-id=${e.id} data-action=${e.action} data-item-id=${e.itemId ?? ''}>
                  <td data-title=${t('audit.col.when')}>
                    <time datetime=${e.occurredAt}>${formatDateTimeShort(e.occurredAt)}</time>
                  </td>
                  <td data-title=${t('audit.col.who')}>
                    ${e.actorLabel ?? (e.actorKind === 'respondent' ? t('audit.respondent') : t('audit.system'))}
                  </td>
                  <td data-title=${t('audit.col.action')}>${tDynamic(`audit.action.${e.action}`, e.action)}</td>
                  <td data-title=${t('audit.col.item')}>${this._item(e)}</td>
                  <td class="sr-details" data-title=${t('audit.col.details')}>
                    ${describeDetails(e).map((d) => html`<span class="sr-detail">${d}</span> `)}
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
      ${this._filters()}
      <section class="sr-section" aria-labelledby="audit-results">
        <h2 id="audit-results" tabindex="-1">${t('audit.caption')}</h2>
        ${renderSection(this._task, () => this._table())}
      </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-audit': SrPageAdminAudit;
  }
}
