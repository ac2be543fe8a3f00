import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { getOverview, type FindingSummary } from '../../api/findings.ts';
import { getScenario } from '../../api/scenarios.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { renderPage } from '../../app/page-state.ts';
import { errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { findingsBase, severityLabel, statusLabel } from './findings-labels.ts';

/**
 * `/admin/consultations/:consultationId/findings/overview/:scenarioId`: one scenario's findings by
 * severity and by frequency (participants affected), and the findings in that order, a page at a
 * time (issue 13 story 1). Tables, so screen readers read every count with its headers.
 */
@customElement('sr-page-findings-overview')
export class SrPageFindingsOverview extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @property() scenarioId = '';
  @state() private _items: FindingSummary[] = [];
  @state() private _cursor: string | null = null;
  @state() private _failure: unknown = null;

  private readonly _task = new Task(this, {
    task: async ([id, scenarioId], { signal }) => {
      const [consultation, scenario, overview] = await Promise.all([
        getConsultation(id, signal),
        getScenario(scenarioId, signal),
        getOverview(id, scenarioId, null, signal),
      ]);
      this._items = overview.items;
      this._cursor = overview.nextCursor;
      return { consultation, scenario, overview };
    },
    args: () => [this.consultationId, this.scenarioId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _more(): Promise<void> {
    try {
      const page = await getOverview(this.consultationId, this.scenarioId, this._cursor);
      const first = this._items.length;
      this._items = [...this._items, ...page.items];
      this._cursor = page.nextCursor;
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#overview-link-${first + 1}`)?.focus();
    } catch (err) {
      this._failure = err;
    }
  }

  protected override render() {
    return renderPage(this._task, ({ consultation: c, scenario, overview: o }) => {
      const heading = t('findings.overview.heading', { key: scenario.key });
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { href: `${findingsBase(c.id)}/findings`, label: t('findings.title') },
            { label: heading },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${heading}</h1>
        <p class="font-lead"><span lang=${locLang(scenario.title)}>${loc(scenario.title)}</span></p>
        ${analysisNav(c.id, 'findings')}
        <p id="overview-total">${t('findings.overview.total', { count: o.total })}</p>
        <div class="row">
          <div class="col-12 col-md-6">
            <table class="table table--compact" id="overview-severity">
              <caption>
                ${t('findings.overview.bySeverity')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('findings.col.severity')}</th>
                  <th scope="col">${t('findings.overview.count')}</th>
                </tr>
              </thead>
              <tbody>
                ${o.bySeverity.map(
                  (s) =>
                    html`<tr>
                      <th scope="row">${severityLabel(s.severity)}</th>
                      <td>${s.count}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
          <div class="col-12 col-md-6">
            <table class="table table--compact" id="overview-frequency">
              <caption>
                ${t('findings.overview.byFrequency')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t('findings.col.affected')}</th>
                  <th scope="col">${t('findings.overview.count')}</th>
                </tr>
              </thead>
              <tbody>
                ${o.byFrequency.map(
                  (f) =>
                    html`<tr>
                      <th scope="row">${f.participantsAffected}</th>
                      <td>${f.count}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>
        </div>
        ${this._failure ? errorAlert(this._failure) : nothing}
        <section class="sr-section" aria-labelledby="overview-list-heading">
          <h2 id="overview-list-heading">${t('findings.overview.list')}</h2>
          ${
            this._items.length === 0
              ? html`<p class="sr-empty">${t('findings.none')}</p>`
              : html`<ol id="overview-list">
                  ${repeat(
                    this._items,
                    (f) => f.id,
                    (f, i) =>
                      html`<li>
                        <strong>${severityLabel(f.severity)}</strong> ·
                        ${t('findings.affectedOf', { n: f.participantsAffected, total: f.participantsInSessions })} ·
                        ${statusLabel(f.status)}<br />
                        <a href="${findingsBase(c.id)}/findings/${f.id}" id="overview-link-${i + 1}"
                          >${f.observation}</a
                        >
                      </li>`,
                  )}
                </ol>`
          }
          ${
            this._cursor
              ? html`<button
                  type="button"
                  class="button button-secondary"
                  id="overview-more"
                  @click=${() => void this._more()}
                >
                  ${t('findings.more')}
                </button>`
              : nothing
          }
        </section>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-findings-overview': SrPageFindingsOverview;
  }
}
