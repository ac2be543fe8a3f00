import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { listFindings, type FindingSummary } from '../../api/findings.ts';
import { listScenarios } from '../../api/scenarios.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { takeFlash } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import { selectField } from '../../components/fields.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { findingsBase, severityLabel, statusLabel } from './findings-labels.ts';

const excerpt = (s: string) => (s.length <= 160 ? s : `${s.slice(0, 159).replace(/\s+\S*$/, '')}…`);

/**
 * `/admin/consultations/:consultationId/findings`: the consultation's user-test findings (issue 13
 * story 1), most severe first and then those that met the most participants, filtered by scenario;
 * with the ways to record one, the sessions, the CSV import and each scenario's overview.
 */
@customElement('sr-page-findings')
export class SrPageFindings extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _scenario = '';
  @state() private _items: FindingSummary[] = [];
  @state() private _cursor: string | null = null;
  @state() private _failure: unknown = null;
  @state() private _flash = '';

  private readonly _task = new Task(this, {
    task: async ([id, scenario], { signal }) => {
      const [consultation, scenarios, page] = await Promise.all([
        getConsultation(id, signal),
        listScenarios(id, signal),
        listFindings(id, { scenario: scenario || undefined }, signal),
      ]);
      this._items = page.items;
      this._cursor = page.nextCursor;
      this._flash ||= takeFlash()?.() ?? '';
      return { consultation, scenarios };
    },
    args: () => [this.consultationId, this._scenario] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _more(): Promise<void> {
    try {
      const page = await listFindings(this.consultationId, {
        scenario: this._scenario || undefined,
        cursor: this._cursor,
      });
      const first = this._items.length;
      this._items = [...this._items, ...page.items];
      this._cursor = page.nextCursor;
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#finding-link-${first + 1}`)?.focus();
    } catch (err) {
      this._failure = err;
    }
  }

  private _table(cid: string) {
    if (this._items.length === 0) return html`<p class="sr-empty" id="findings-none">${t('findings.none')}</p>`;
    return html`<div class="table--responsive-scroll">
        <table class="table table--compact" id="findings-table">
          <caption>
            ${t('findings.listCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('findings.col.observation')}</th>
              <th scope="col">${t('findings.col.scenario')}</th>
              <th scope="col">${t('findings.col.severity')}</th>
              <th scope="col">${t('findings.col.affected')}</th>
              <th scope="col">${t('findings.col.status')}</th>
              <th scope="col">${t('findings.col.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            ${repeat(
              this._items,
              (f) => f.id,
              (f, i) =>
                html`<tr>
                  <td>
                    <a href="${findingsBase(cid)}/findings/${f.id}" id="finding-link-${i + 1}"
                      >${excerpt(f.observation)}</a
                    >
                  </td>
                  <td>${f.scenarioKey}</td>
                  <td>${severityLabel(f.severity)}</td>
                  <td>${t('findings.affectedOf', { n: f.participantsAffected, total: f.participantsInSessions })}</td>
                  <td>${statusLabel(f.status)}</td>
                  <td>${f.evidenceCount}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        this._cursor
          ? html`<button
              type="button"
              class="button button-secondary"
              id="findings-more"
              @click=${() => void this._more()}
            >
              ${t('findings.more')}
            </button>`
          : nothing
      }`;
  }

  protected override render() {
    return renderPage(this._task, ({ consultation: c, scenarios }) => {
      const base = findingsBase(c.id);
      return html`<sr-breadcrumbs
          .items=${[
            { href: '/admin', label: t('nav.admin') },
            { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
            { label: t('findings.title') },
          ]}
        ></sr-breadcrumbs>
        <h1 tabindex="-1">${t('findings.title')}</h1>
        <p class="font-lead"><span lang=${locLang(c.title)}>${loc(c.title)}</span></p>
        ${analysisNav(c.id, 'findings')}
        <p>${t('findings.intro')}</p>
        ${this._flash ? alert('success', this._flash, { id: 'findings-flash' }) : nothing}
        ${this._failure ? errorAlert(this._failure) : nothing}
        <ul class="sr-anchor-list" id="findings-actions">
          <li><a href="${base}/findings/new" id="findings-new">${t('findings.new')}</a></li>
          <li><a href="${base}/test-sessions" id="findings-sessions">${t('findings.sessions')}</a></li>
          <li><a href="${base}/findings/import" id="findings-import">${t('findings.import')}</a></li>
        </ul>
        <section class="sr-section" aria-labelledby="findings-overviews-heading">
          <h2 id="findings-overviews-heading">${t('findings.overviews')}</h2>
          <ul>
            ${scenarios.map(
              (s) =>
                html`<li>
                  <a href="${base}/findings/overview/${s.id}" id="findings-overview-${s.key}"
                    >${s.key}: <span lang=${locLang(s.title)}>${loc(s.title)}</span></a
                  >
                </li>`,
            )}
          </ul>
        </section>
        <section class="sr-section" aria-labelledby="findings-list-heading">
          <h2 id="findings-list-heading">${t('findings.listHeading')}</h2>
          ${selectField({
            id: 'findings-scenario',
            label: t('findings.filterScenario'),
            value: this._scenario,
            placeholder: t('findings.allScenarios'),
            options: scenarios.map((s) => ({ value: s.id, label: `${s.key}: ${loc(s.title)}` })),
            onChange: (v) => (this._scenario = v),
          })}
          ${this._table(c.id)}
        </section>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-findings': SrPageFindings;
  }
}
