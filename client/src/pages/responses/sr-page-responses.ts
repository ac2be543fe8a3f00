import '../../components/responses/responses.css';
import { loaText } from '../identity/identity-errors.ts';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { Task } from '@lit/task';
import { getQuestionnaire, type Questionnaire } from '../../api/questionnaire.ts';
import { ACTING_AS, exportUrl, listPublished, type ActingAs, type PublicResponse } from '../../api/responses.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import {
  filtersFromSearch,
  isFiltered,
  normalise,
  searchFromFilters,
  toApiQuery,
  type PublishedFilters,
  type PublishedSort,
} from '../../data/published-filters.ts';
import { announce } from '../../app/navigation.ts';
import { errorAlert } from '../../components/alerts.ts';
import { renderPage, renderSection } from '../../app/page-state.ts';
import { answerList } from '../../components/responses/question-fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatBytes, formatDate } from '../../i18n/format.ts';
import { getLocale, loc, locLang, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';

/**
 * `/consultations/:slug/responses`: the published responses, with full-text search (hits
 * highlighted), filters by stakeholder type, invited or not, scenario rated and date range, sorted
 * newest, oldest or by relevance, "Load more", and the open data as CSV and JSON. The whole search
 * stands in the address (shareable, bookmarkable, restored by Back; issue 10 item 18). A response's text is rendered as text; only the server's highlight fragment is
 * inserted as HTML, because the server escapes it entirely and adds nothing but `<mark>`.
 */
@customElement('sr-page-responses')
export class SrPageResponses extends SrLightElement implements SrPage {
  @property() slug = '';
  /** What the form holds, and what the list shows (both read from the address at first). */
  @state() private _form: PublishedFilters = filtersFromSearch(location.search);
  @state() private _applied: PublishedFilters = this._form;
  @state() private _items: PublicResponse[] = [];
  @state() private _next: string | null = null;
  @state() private _loadingMore = false;
  @state() private _moreError: unknown = null;

  private readonly _base = new Task(this, {
    task: ([slug], { signal }): Promise<Questionnaire> => getQuestionnaire(slug, signal),
    args: () => [this.slug] as const,
  });

  private readonly _list = new Task(this, {
    task: async ([slug, filters], { signal }) => {
      // The address names a scenario by its key; the API wants its id.
      const scenarios = filters.scenario ? (await this._base.taskComplete).scenarios : [];
      const page = await listPublished(slug, toApiQuery(filters, scenarios), signal);
      this._items = page.items;
      this._next = page.nextCursor;
      return page;
    },
    args: () => [this.slug, this._applied] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => Promise.all([this._base.taskComplete, this._list.taskComplete]))
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

  /** Back and Forward between searches on this page: the form and the list follow the address. */
  private readonly _onPopState = () => {
    const f = filtersFromSearch(location.search);
    if (searchFromFilters(f) === searchFromFilters(this._applied)) return;
    this._form = f;
    this._applied = f;
  };

  private _set<K extends keyof PublishedFilters>(key: K, value: PublishedFilters[K]): void {
    this._form = { ...this._form, [key]: value };
  }

  private async _onSearch(e: Event): Promise<void> {
    e.preventDefault();
    const f = normalise(this._form);
    this._form = f;
    const search = searchFromFilters(f);
    // A new search is a new history entry; the same search again only refreshes the list.
    if (search !== location.search) history.pushState(history.state, '', location.pathname + search);
    this._applied = f;
    await this._list.taskComplete.catch(() => undefined);
    await this.updateComplete;
    announce(t('published.results', { count: this._items.length, more: this._next !== null }));
  }

  private async _onMore(): Promise<void> {
    if (!this._next) return;
    this._loadingMore = true;
    this._moreError = null;
    const firstNew = this._items.length;
    try {
      const scenarios = this._base.value?.scenarios ?? [];
      const page = await listPublished(this.slug, { ...toApiQuery(this._applied, scenarios), cursor: this._next });
      this._items = [...this._items, ...page.items];
      this._next = page.nextCursor;
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#published-${firstNew} .sr-response-heading`)?.focus();
    } catch (err) {
      this._moreError = err;
    } finally {
      this._loadingMore = false;
    }
  }

  private _card(r: PublicResponse, i: number, base: Questionnaire) {
    const title = r.name ?? t('published.anonymous');
    return html`<li class="sr-response-item" id="published-${i}">
      <article class="sr-card sr-response-card" aria-labelledby="published-${i}-title">
        <h3 class="h4 sr-card-title sr-response-heading" tabindex="-1" id="published-${i}-title">
          ${title}${r.organisationName ? html`, <span class="sr-org">${r.organisationName}</span>` : nothing}
        </h3>
        <p class="sr-response-meta">
          ${t(`resp.actingAs.${r.actingAs}`)} ·
          <time datetime=${r.submittedAt}>${formatDate(r.submittedAt)}</time>
          ${r.invited ? html` · ${t('published.invitedYes')}` : nothing}
          ${r.mitidVerified ? html` · ${t('identity.verify.done', { level: loaText(r.mitidVerified) })}` : nothing}
          ${r.channel !== 'web' ? html` · ${t(`letters.channel.${r.channel}`)}` : nothing}
        </p>
        ${
          r.highlight
            ? html`<p class="sr-highlight">
                <span class="sr-highlight-label"
                  >${r.highlight.source === 'attachment' ? t('published.hitInAttachment') : t('published.hit')}</span
                >
                ${unsafeHTML(r.highlight.html)}
              </p>`
            : nothing
        }
        ${answerList(base.questions, r.answers, base.scenarios)}
        ${r.body ? html`<div class="sr-response-body">${r.body}</div>` : nothing}
        ${
          r.attachments.length
            ? html`<ul class="sr-file-list" aria-label=${t('files.label')}>
                ${r.attachments.map(
                  (a) =>
                    html`<li>
                      <a href=${a.url} download>${a.filename}</a>
                      <span class="sr-file-meta">(${formatBytes(a.sizeBytes)})</span>
                    </li>`,
                )}
              </ul>`
            : nothing
        }
      </article>
    </li>`;
  }

  private _select<K extends 'actingAs' | 'invited' | 'scenario' | 'sort'>(
    key: K,
    id: string,
    label: string,
    options: readonly { value: string; label: string }[],
  ) {
    return html`<div class="form-group">
      <label class="form-label" for=${id}>${label}</label>
      <select
        class="form-select"
        id=${id}
        @change=${(e: Event) => this._set(key, (e.target as HTMLSelectElement).value as PublishedFilters[K])}
      >
        ${options.map((o) => html`<option value=${o.value} ?selected=${this._form[key] === o.value}>${o.label}</option>`)}
      </select>
    </div>`;
  }

  private _date(key: 'from' | 'to', id: string, label: string) {
    return html`<div class="form-group">
      <label class="form-label" for=${id}>${label}</label>
      <input
        class="form-input sr-date-input"
        type="date"
        id=${id}
        .value=${this._form[key]}
        @change=${(e: Event) => this._set(key, (e.target as HTMLInputElement).value)}
      />
    </div>`;
  }

  private _filters(base: Questionnaire) {
    const all = { value: '', label: t('published.all') };
    const sorts: PublishedSort[] = this._form.q.trim() ? ['newest', 'oldest', 'relevance'] : ['newest', 'oldest'];
    return html`<form
      class="sr-filters"
      role="search"
      @submit=${(e: Event) => void this._onSearch(e)}
      id="published-search"
    >
      <div class="form-group">
        <label class="form-label" for="published-q">${t('published.search')}</label>
        <span class="form-hint" id="published-q-hint">${t('published.searchHint')}</span>
        <input
          class="form-input"
          type="search"
          id="published-q"
          aria-describedby="published-q-hint"
          .value=${this._form.q}
          @input=${(e: Event) => this._set('q', (e.target as HTMLInputElement).value)}
        />
      </div>
      ${this._select('scenario', 'published-scenario', t('published.filterScenario'), [
        all,
        ...base.scenarios.map((sc) => ({ value: sc.key, label: `${sc.key}: ${loc(sc.title)}` })),
      ])}
      ${this._select('actingAs', 'published-acting-as', t('published.filterActingAs'), [
        all,
        ...ACTING_AS.map((a: ActingAs) => ({ value: a, label: t(`resp.actingAs.${a}`) })),
      ])}
      ${this._select('invited', 'published-invited', t('published.filterInvited'), [
        all,
        { value: 'true', label: t('published.invitedYes') },
        { value: 'false', label: t('published.invitedNo') },
      ])}
      <fieldset class="sr-date-range">
        <legend class="form-label">${t('published.filterDates')}</legend>
        ${this._date('from', 'published-from', t('published.filterFrom'))}
        ${this._date('to', 'published-to', t('published.filterTo'))}
      </fieldset>
      ${this._select(
        'sort',
        'published-sort',
        t('published.sort'),
        sorts.map((v) => ({ value: v, label: t(`published.sort.${v}`) })),
      )}
      <button type="submit" class="button button-primary" id="published-submit">${t('common.search')}</button>
    </form>`;
  }

  private _listView(base: Questionnaire) {
    return renderSection(
      this._list,
      () =>
        html`<p class="sr-count" id="published-count">
            ${
              this._items.length === 0
                ? isFiltered(this._applied)
                  ? t('published.noMatch')
                  : t('published.none')
                : t('common.shown', { shown: this._items.length, more: this._next !== null })
            }
          </p>
          ${
            this._items.length
              ? html`<ul class="sr-card-list sr-response-list nobullet-list">
                  ${this._items.map((r, i) => this._card(r, i, base))}
                </ul>`
              : nothing
          }
          ${this._moreError ? errorAlert(this._moreError) : nothing}
          ${
            this._next
              ? html`<p>
                  <button
                    type="button"
                    class="button button-secondary"
                    id="published-more"
                    ?disabled=${this._loadingMore}
                    @click=${() => void this._onMore()}
                  >
                    ${this._loadingMore ? t('common.loadingMore') : t('common.loadMore')}
                  </button>
                </p>`
              : nothing
          }`,
    );
  }

  private _render(base: Questionnaire) {
    const c = base.consultation;
    const title = loc(c.title);
    const lang = getLocale();
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/', label: t('nav.home') },
          { href: `/consultations/${encodeURIComponent(c.slug)}`, label: title },
          { label: t('published.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('published.title')}</h1>
      <p class="font-lead"><span lang=${locLang(c.title)}>${title}</span></p>
      <p>${t('published.intro')}</p>
      <p class="sr-downloads">
        ${t('published.download')}
        <a href=${exportUrl(c.id, 'csv', lang)} download id="published-csv">${t('published.csv')}</a> ·
        <a href=${exportUrl(c.id, 'json', lang)} download id="published-json">${t('published.json')}</a>
      </p>
      ${this._filters(base)}
      <section
        class="sr-section"
        aria-labelledby="published-list-heading"
        aria-busy=${this._list.status === 1 ? 'true' : 'false'}
      >
        <h2 id="published-list-heading">${t('published.listHeading')}</h2>
        ${this._listView(base)}
      </section>`;
  }

  protected override render() {
    return renderPage(this._base, (base) => this._render(base));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-responses': SrPageResponses;
  }
}
