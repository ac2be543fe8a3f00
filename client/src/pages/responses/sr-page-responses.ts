import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { ApiError } from '../../api/http.ts';
import { listQuestions, type Question } from '../../api/questions.ts';
import {
  ACTING_AS,
  exportUrl,
  listPublished,
  type ActingAs,
  type PublicQuery,
  type PublicResponse,
} from '../../api/responses.ts';
import { listScenarios } from '../../api/scenarios.ts';
import type { Consultation, ScenarioSummary } from '../../api/types.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { errorAlert, loading } from '../../components/alerts.ts';
import { answerList } from '../../components/responses/question-fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { formatBytes, formatDate } from '../../i18n/format.ts';
import { getLocale, loc, locLang, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';

type Base = { consultation: Consultation; questions: Question[]; scenarios: ScenarioSummary[] };

/**
 * `/consultations/:slug/responses`: the published responses, with full-text search (hits
 * highlighted), filters by stakeholder type and invited or not, "Load more", and the open data as
 * CSV and JSON. A response's text is rendered as text; only the server's highlight fragment is
 * inserted as HTML, because the server escapes it entirely and adds nothing but `<mark>`.
 */
@customElement('sr-page-responses')
export class SrPageResponses extends SrLightElement implements SrPage {
  @property() slug = '';
  @state() private _q = '';
  @state() private _actingAs: ActingAs | '' = '';
  @state() private _invited: '' | 'true' | 'false' = '';
  @state() private _applied: PublicQuery = {};
  @state() private _items: PublicResponse[] = [];
  @state() private _next: string | null = null;
  @state() private _loadingMore = false;
  @state() private _moreError: unknown = null;

  private readonly _base = new Task(this, {
    task: async ([slug], { signal }): Promise<Base> => {
      const [consultation, questions, scenarios] = await Promise.all([
        getConsultation(slug, signal),
        listQuestions(slug, signal),
        listScenarios(slug, signal),
      ]);
      return { consultation, questions, scenarios };
    },
    args: () => [this.slug] as const,
  });

  private readonly _list = new Task(this, {
    task: async ([slug, query], { signal }) => {
      const page = await listPublished(slug, query, signal);
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

  private async _onSearch(e: Event): Promise<void> {
    e.preventDefault();
    this._applied = {
      q: this._q.trim() || undefined,
      actingAs: this._actingAs || undefined,
      invited: this._invited || undefined,
    };
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
      const page = await listPublished(this.slug, { ...this._applied, cursor: this._next });
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

  private _card(r: PublicResponse, i: number, base: Base) {
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

  private _filters() {
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
          .value=${this._q}
          @input=${(e: Event) => (this._q = (e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="form-group">
        <label class="form-label" for="published-acting-as">${t('published.filterActingAs')}</label>
        <select
          class="form-select"
          id="published-acting-as"
          @change=${(e: Event) => (this._actingAs = (e.target as HTMLSelectElement).value as ActingAs | '')}
        >
          <option value="" ?selected=${this._actingAs === ''}>${t('published.all')}</option>
          ${ACTING_AS.map(
            (a) => html`<option value=${a} ?selected=${this._actingAs === a}>${t(`resp.actingAs.${a}`)}</option>`,
          )}
        </select>
      </div>
      <div class="form-group">
        <label class="form-label" for="published-invited">${t('published.filterInvited')}</label>
        <select
          class="form-select"
          id="published-invited"
          @change=${(e: Event) => (this._invited = (e.target as HTMLSelectElement).value as '' | 'true' | 'false')}
        >
          <option value="" ?selected=${this._invited === ''}>${t('published.all')}</option>
          <option value="true" ?selected=${this._invited === 'true'}>${t('published.invitedYes')}</option>
          <option value="false" ?selected=${this._invited === 'false'}>${t('published.invitedNo')}</option>
        </select>
      </div>
      <button type="submit" class="button button-primary" id="published-submit">${t('common.search')}</button>
    </form>`;
  }

  private _listView(base: Base) {
    return this._list.render({
      pending: () => loading(),
      error: (e) => errorAlert(e),
      complete: () =>
        html`<p class="sr-count" id="published-count">
            ${
              this._items.length === 0
                ? this._applied.q || this._applied.actingAs || this._applied.invited
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
    });
  }

  private _render(base: Base) {
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
      ${this._filters()}
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
    return this._base.render({
      pending: () => loading(),
      error: (e) =>
        e instanceof ApiError && e.status === 404
          ? html`<sr-page-not-found></sr-page-not-found>`
          : html`<h1 tabindex="-1">${t('errors.loadFailed')}</h1>
              ${errorAlert(e)}`,
      complete: (base) => this._render(base),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-responses': SrPageResponses;
  }
}
