import './sr-inbox-export.ts';
import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { Task } from '@lit/task';
import { listAccounts } from '../../api/accounts.ts';
import { getConsultation } from '../../api/consultations.ts';
import {
  codebookTags,
  inboxFacets,
  inboxProgress,
  listInbox,
  splitView,
  updateWorkflow,
  type InboxPage,
} from '../../api/inbox.ts';
import { listScenarios } from '../../api/scenarios.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage, renderSection } from '../../app/page-state.ts';
import { PagedListController } from '../../app/paged-list.ts';
import { isAdmin, SessionController } from '../../app/session.ts';
import { inboxBulkBar, type BulkChange, type BulkResult } from '../../components/analysis/inbox-bulk.ts';
import { inboxFilterForm } from '../../components/analysis/inbox-filters.ts';
import { inboxItemCard } from '../../components/analysis/inbox-item.ts';
import { inboxProgressSummary } from '../../components/analysis/inbox-progress.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { inboxSplitForm, type SplitResult } from '../../components/analysis/inbox-split.ts';
import '../../components/sr-breadcrumbs.ts';
import {
  inboxFiltersFromSearch,
  inboxSearchFromFilters,
  isInboxFiltered,
  NO_INBOX_FILTERS,
  normaliseInbox,
  type InboxFilters,
} from '../../data/inbox-filter.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { inboxKeysOn, onInboxListKey, setInboxKeys } from './inbox-keys.ts';

/**
 * `/admin/consultations/:consultationId/inbox`: the analysts' inbox (issue 11 stories 1, 5 and 6).
 * Every kind of input in one list: search, filters with their facet counts, sort and "Load more";
 * select items (mouse, keyboard, or j/k/x shortcuts that can be turned off) and assign them or set
 * their status; the progress overall and per analyst. The whole view stands in the address
 * (bookmarkable, shareable, restored by Back).
 */
@customElement('sr-page-inbox')
export class SrPageInbox extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _form: InboxFilters = inboxFiltersFromSearch(location.search);
  @state() private _applied: InboxFilters = this._form;
  /** Bumped after a change, so the list, its counts and the progress load again. */
  @state() private _version = 0;
  @state() private _selected: ReadonlySet<string> = new Set();
  @state() private _acting = false;
  @state() private _actionResult: BulkResult = null;
  @state() private _keys = inboxKeysOn();
  @state() private _splitAmong: ReadonlySet<string> = new Set();
  @state() private _splitResult: SplitResult = null;
  private readonly _session = new SessionController(this);

  private readonly _base = new Task(this, {
    task: async ([id], { signal }) => {
      const [consultation, scenarios, tags, people] = await Promise.all([
        getConsultation(id, signal),
        listScenarios(id, signal),
        codebookTags(id, signal).catch(() => []),
        isAdmin(this._session.user)
          ? listAccounts({ limit: 100 }, signal)
              .then((p) => p.items.filter((a) => a.roles.includes('analyst') || a.roles.includes('admin')))
              .catch(() => [])
          : Promise.resolve([]),
      ]);
      return { consultation, scenarios, tags, people: people.map((a) => ({ id: a.id, name: a.displayName })) };
    },
    args: () => [this.consultationId] as const,
  });

  private readonly _list = new PagedListController(this, {
    fetch: ([id, f], cursor, signal) => listInbox(id, f, cursor, signal),
    args: () => [this.consultationId, this._applied, this._version] as const,
    focusNew: (i) => this.querySelector<HTMLElement>(`#inbox-select-${i}`),
  });

  private readonly _facets = new Task(this, {
    task: async ([id, f], { signal }) => inboxFacets(id, f, signal),
    args: () => [this.consultationId, this._applied, this._version] as const,
  });

  private readonly _progress = new Task(this, {
    task: async ([id], { signal }) => inboxProgress(id, signal),
    args: () => [this.consultationId, this._version] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => this._base.taskComplete)
      .then(() => this.updateComplete)
      .then(() => Promise.all([this._list.task.taskComplete, this._facets.taskComplete, this._progress.taskComplete]))
      .then(() => this.updateComplete);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this._onPopState);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this._onPopState);
  }

  /** Back and Forward between views: the form and the list follow the address. */
  private readonly _onPopState = () => {
    const f = inboxFiltersFromSearch(location.search);
    if (inboxSearchFromFilters(f) === inboxSearchFromFilters(this._applied)) return;
    this._form = f;
    this._applied = f;
    this._selected = new Set();
  };

  private async _apply(f: InboxFilters): Promise<void> {
    const n = normaliseInbox(f);
    this._form = n;
    const search = inboxSearchFromFilters(n);
    if (search !== location.search) history.pushState(history.state, '', location.pathname + search);
    this._applied = n;
    this._selected = new Set();
    this._actionResult = null;
    this._splitResult = null;
    this._version++;
    await this.updateComplete;
    await Promise.all([this._list.task.taskComplete, this._facets.taskComplete]).catch(() => undefined);
    await this.updateComplete;
    announce(this._countText());
  }

  private _countText(): string {
    const shown = this._list.items.length;
    if (shown === 0) return isInboxFiltered(this._applied) ? t('inbox.noMatch') : t('inbox.none');
    const total = this._facets.value?.total;
    return total === undefined
      ? t('common.shown', { shown, more: !!this._list.cursor })
      : t('inbox.total', { total, shown });
  }

  private _toggle(id: string, on: boolean): void {
    const next = new Set(this._selected);
    if (on) next.add(id);
    else next.delete(id);
    this._selected = next;
  }

  private async _bulk(change: BulkChange): Promise<void> {
    const itemIds = this._list.items.filter((i) => this._selected.has(i.id)).map((i) => i.id);
    if (!itemIds.length) {
      this._actionResult = { ok: false, err: null };
      return;
    }
    this._acting = true;
    this._actionResult = null;
    try {
      const { updated } = await updateWorkflow(this.consultationId, { itemIds, ...change });
      this._actionResult = { ok: true, count: updated.length };
      this._selected = new Set();
      this._version++;
    } catch (err) {
      this._actionResult = { ok: false, err };
    } finally {
      this._acting = false;
    }
  }

  private _bulkBar() {
    const items = this._list.items;
    return inboxBulkBar({
      allSelected: items.length > 0 && items.every((i) => this._selected.has(i.id)),
      count: this._selected.size,
      meId: this._session.user?.id,
      busy: this._acting,
      result: this._actionResult,
      onSelectAll: (on) => (this._selected = on ? new Set(items.map((i) => i.id)) : new Set()),
      onBulk: (change) => void this._bulk(change),
    });
  }

  private async _split(): Promise<void> {
    const ids = [...this._splitAmong];
    if (!ids.length) {
      this._splitResult = { ok: false, err: null };
      return;
    }
    this._acting = true;
    this._splitResult = null;
    try {
      const { assigned } = await splitView(this.consultationId, ids, this._applied);
      this._splitResult = { ok: true, assigned };
      this._version++;
    } catch (err) {
      this._splitResult = { ok: false, err };
    } finally {
      this._acting = false;
    }
  }

  private _splitForm(people: readonly { id: string; name: string }[]) {
    if (!people.length) return nothing;
    return inboxSplitForm({
      people,
      chosen: this._splitAmong,
      busy: this._acting,
      result: this._splitResult,
      onToggle: (id, on) => {
        const next = new Set(this._splitAmong);
        if (on) next.add(id);
        else next.delete(id);
        this._splitAmong = next;
      },
      onSplit: () => void this._split(),
    });
  }

  private _keysToggle() {
    return html`<div class="form-group">
      <div class="form-group-checkbox">
        <input
          type="checkbox"
          class="form-checkbox"
          id="inbox-keys"
          aria-describedby="inbox-keys-hint"
          .checked=${live(this._keys)}
          @change=${(e: Event) => (this._keys = setInboxKeys((e.target as HTMLInputElement).checked))}
        />
        <label class="form-label" for="inbox-keys">${t('inbox.keys.on')}</label>
      </div>
      <span class="form-hint" id="inbox-keys-hint">${t('inbox.keys.hint')}</span>
    </div>`;
  }

  private _listView(names: ReadonlyMap<string, string>) {
    const meId = this._session.user?.id;
    return renderSection(this._list.task, (first) => {
      // The first page says how far the index has come (later pages say the same).
      const indexedUpTo = (first as InboxPage).indexedUpTo;
      const items = this._list.items;
      return html`<p class="sr-count" id="inbox-count">${this._countText()}</p>
        <p class="form-hint" id="inbox-indexed">
          ${indexedUpTo ? t('inbox.indexed', { at: formatDateTime(indexedUpTo) }) : t('inbox.indexedNone')}
        </p>
        ${
          items.length
            ? html`<ul
                class="sr-card-list sr-response-list nobullet-list"
                id="inbox-list"
                @keydown=${(e: KeyboardEvent) => onInboxListKey(e, this._keys, (id) => this._toggle(id, !this._selected.has(id)))}
              >
                ${items.map((item, i) =>
                  inboxItemCard(item, i, {
                    selected: this._selected.has(item.id),
                    onSelect: (on) => this._toggle(item.id, on),
                    meId,
                    names,
                    searching: !!this._applied.q,
                  }),
                )}
              </ul>`
            : nothing
        }
        ${this._list.renderMore('inbox-more')}`;
    });
  }

  private _render(base: NonNullable<typeof this._base.value>) {
    const c = base.consultation;
    const title = loc(c.title);
    const names = new Map(base.people.map((p) => [p.id, p.name]));
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/admin', label: t('nav.admin') },
          { href: `/admin/consultations/${c.id}`, label: title },
          { label: t('inbox.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('inbox.title')}</h1>
      <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
      ${analysisNav(c.id, 'inbox')}
      <p>${t('inbox.intro')}</p>
      <sr-inbox-export .consultationId=${c.id} .filters=${this._applied}></sr-inbox-export>
      <section class="sr-section" aria-labelledby="inbox-progress-heading">
        <h2 id="inbox-progress-heading">${t('inbox.progress')}</h2>
        ${renderSection(this._progress, (p) => inboxProgressSummary(p, this._session.user?.id, names))}
      </section>
      <div class="row">
        <div class="col-12 col-lg-4">
          <h2 id="inbox-search-heading">${t('inbox.searchHeading')}</h2>
          ${inboxFilterForm({
            form: this._form,
            facets: this._facets.value ?? null,
            scenarios: base.scenarios,
            tags: base.tags,
            people: base.people,
            meId: this._session.user?.id,
            onChange: (f) => (this._form = f),
            onSubmit: () => void this._apply(this._form),
            onClear: () => void this._apply(NO_INBOX_FILTERS),
          })}
        </div>
        <section
          class="col-12 col-lg-8 sr-section"
          aria-labelledby="inbox-list-heading"
          aria-busy=${this._list.task.status === 1 ? 'true' : 'false'}
        >
          <h2 id="inbox-list-heading">${t('inbox.listHeading')}</h2>
          ${this._keysToggle()} ${this._bulkBar()} ${this._splitForm(base.people)} ${this._listView(names)}
        </section>
      </div>`;
  }

  override render() {
    return renderPage(this._base, (base) => this._render(base));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-inbox': SrPageInbox;
  }
}
