import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { ApiError } from '../../api/http.ts';
import { getResults, resultsDownloadUrl, SEGMENTS, setResultsPublished, type Segment } from '../../api/results.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { isAdmin, SessionController } from '../../app/session.ts';
import { alert, errorAlert, errorMessage, loading } from '../../components/alerts.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/debate/sr-results-view.ts';
import { formatNumber } from '../../components/debate/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/debate.ts';
import { formatDateTime } from '../../i18n/format.ts';
import '../public/sr-page-not-found.ts';

const isSegment = (v: string | null): v is Segment => !!v && (SEGMENTS as readonly string[]).includes(v);

/**
 * `/consultations/:slug/results?segment=…`: the ranking results per stakeholder segment, with
 * CSV and JSON downloads. Before publication only staff see them; admins publish and unpublish.
 */
@customElement('sr-page-results')
export class SrPageResults extends SrLightElement implements SrPage {
  @property() slug = '';
  private readonly _session = new SessionController(this);
  @state() private _segment: Segment = (() => {
    const v = new URLSearchParams(location.search).get('segment');
    return isSegment(v) ? v : 'all';
  })();
  @state() private _publishError = '';
  @state() private _busy = false;

  private readonly _consultation = new Task(this, {
    task: ([slug], { signal }) => getConsultation(slug, signal),
    args: () => [this.slug] as const,
  });

  private readonly _results = new Task(this, {
    task: ([slug, segment], { signal }) => getResults(slug, segment, signal),
    args: () => [this.slug, this._segment] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => Promise.all([this._consultation.taskComplete, this._results.taskComplete.catch(() => undefined)]))
      .then(() => this.updateComplete);
  }

  private async _onSegment(e: Event): Promise<void> {
    const v = (e.target as HTMLSelectElement).value;
    if (!isSegment(v)) return;
    this._segment = v;
    const url = new URL(location.href);
    if (v === 'all') url.searchParams.delete('segment');
    else url.searchParams.set('segment', v);
    history.replaceState(null, '', url.pathname + url.search);
    await this._results.taskComplete.catch(() => undefined);
    const r = this._results.value;
    if (r) announce(t('results.shownFor', { segment: t(`segment.${v}`), count: r.ballotCount }));
  }

  private async _onPublish(publish: boolean): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._publishError = '';
    try {
      await setResultsPublished(this.slug, publish);
      await this._results.run();
      this._busy = false;
      announce(publish ? t('results.publishedDone') : t('results.unpublishedDone'));
      await this.updateComplete;
      this.querySelector<HTMLElement>(publish ? '#results-unpublish' : '#results-publish')?.focus();
    } catch (err) {
      this._publishError = errorMessage(err);
    } finally {
      this._busy = false;
    }
  }

  private _controls() {
    const r = this._results.value;
    const admin = isAdmin(this._session.user);
    return html`<div class="form-group">
        <label class="form-label" for="results-segment">${t('results.segmentLabel')}</label>
        <select class="form-select" id="results-segment" @change=${(e: Event) => void this._onSegment(e)}>
          ${SEGMENTS.map(
            (s) =>
              html`<option value=${s} ?selected=${s === this._segment}>
                ${t(`segment.${s}`)}${r ? ` (${formatNumber(r.segmentCounts[s] ?? 0)})` : ''}${
                  r?.hiddenSegments.includes(s) ? ` – ${t('results.segmentHidden')}` : ''
                }
              </option>`,
          )}
        </select>
        ${
          r && r.hiddenSegments.length > 0
            ? html`<p class="form-hint" id="results-small-segments">
                ${t('results.smallSegments', { count: r.minSegmentSize })}
              </p>`
            : nothing
        }
      </div>
      ${
        r
          ? html`<p id="results-ballot-count" class="font-lead">
                ${t('results.ballotCount', { count: r.ballotCount })}
              </p>
              <p id="results-published">
                ${
                  r.publishedAt
                    ? t('results.publishedAt', { time: formatDateTime(r.publishedAt) })
                    : t('results.notPublishedStaff')
                }
              </p>
              ${
                admin
                  ? html`<div class="sr-actions">
                      ${
                        r.publishedAt
                          ? html`<button
                              type="button"
                              class="button button-secondary"
                              id="results-unpublish"
                              ?disabled=${this._busy}
                              @click=${() => void this._onPublish(false)}
                            >
                              ${t('results.unpublish')}
                            </button>`
                          : html`<button
                              type="button"
                              class="button button-primary"
                              id="results-publish"
                              ?disabled=${this._busy}
                              @click=${() => void this._onPublish(true)}
                            >
                              ${t('results.publish')}
                            </button>`
                      }
                    </div>`
                  : nothing
              }
              ${this._publishError ? alert('error', this._publishError) : nothing}
              <ul class="sr-downloads" aria-label=${t('results.downloads')}>
                <li>
                  <a href=${resultsDownloadUrl(this.slug, this._segment, 'csv')} download id="results-csv"
                    >${t('results.downloadCsv')}</a
                  >
                </li>
                <li>
                  <a href=${resultsDownloadUrl(this.slug, this._segment, 'json')} download id="results-json"
                    >${t('results.downloadJson')}</a
                  >
                </li>
              </ul>`
          : nothing
      }`;
  }

  private _resultsBody() {
    return this._results.render({
      pending: () =>
        this._results.value ? html`<sr-results-view .results=${this._results.value}></sr-results-view>` : loading(),
      error: (e) =>
        e instanceof ApiError && e.code === 'RESULTS_NOT_PUBLISHED'
          ? alert('info', t('results.notPublished'), { id: 'results-not-published', live: false })
          : errorAlert(e),
      complete: (r) => html`<sr-results-view .results=${r}></sr-results-view>`,
    });
  }

  protected override render() {
    return this._consultation.render({
      pending: () => loading(),
      error: (e) =>
        e instanceof ApiError && e.status === 404
          ? html`<sr-page-not-found></sr-page-not-found>`
          : html`<h1 tabindex="-1">${t('errors.loadFailed')}</h1>
              ${errorAlert(e)}`,
      complete: (c) => {
        const blocked = this._results.error instanceof ApiError && this._results.error.code === 'RESULTS_NOT_PUBLISHED';
        return html`<sr-breadcrumbs
            .items=${[
              { href: '/', label: t('nav.home') },
              { href: `/consultations/${encodeURIComponent(c.slug)}`, label: loc(c.title) },
              { label: t('results.title') },
            ]}
          ></sr-breadcrumbs>
          <h1 tabindex="-1">${t('results.title')}</h1>
          <p class="font-lead"><span lang=${locLang(c.title)}>${loc(c.title)}</span></p>
          <p>${t('results.intro')}</p>
          ${blocked ? nothing : this._controls()} ${this._resultsBody()}`;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-results': SrPageResults;
  }
}
