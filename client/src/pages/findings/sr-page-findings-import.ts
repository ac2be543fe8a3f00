import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { commitFindingImport, stageFindingImport, type FindingImport } from '../../api/findings.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { analysisNav } from '../../components/analysis/analysis-nav.ts';
import '../../components/sr-breadcrumbs.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import { findingsBase } from './findings-labels.ts';

const COLUMNS = [
  'scenario',
  'session',
  'sessionDate',
  'facilitator',
  'task',
  'observation',
  'severity',
  'participantsAffected',
  'status',
];

/**
 * `/admin/consultations/:consultationId/findings/import`: findings from a usability lab's
 * spreadsheet (issue 13 story 1). The CSV is uploaded with a progress bar, its preview shows every
 * row with its errors, and "Import" writes all rows or none.
 */
@customElement('sr-page-findings-import')
export class SrPageFindingsImport extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _file: File | null = null;
  @state() private _progress: number | null = null;
  @state() private _import: FindingImport | null = null;
  @state() private _busy = false;
  @state() private _failure: unknown = null;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }) => getConsultation(id, signal),
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private async _stage(e: Event): Promise<void> {
    e.preventDefault();
    if (!this._file) return;
    this._busy = true;
    this._failure = null;
    this._import = null;
    this._progress = 0;
    try {
      this._import = await stageFindingImport(this.consultationId, this._file, (p) => (this._progress = p)).promise;
      announce(t('findings.import.staged', { rows: this._import.rowCount, errors: this._import.errorCount }));
      await this._focus('#import-preview-heading');
    } catch (err) {
      this._failure = err;
      await this._focus('#import-error');
    } finally {
      this._busy = false;
      this._progress = null;
    }
  }

  private async _commit(): Promise<void> {
    if (!this._import) return;
    this._busy = true;
    this._failure = null;
    try {
      this._import = await commitFindingImport(this.consultationId, this._import.id);
      announce(t('findings.import.committed', { count: this._import.rowCount }));
      await this._focus('#import-committed');
    } catch (err) {
      this._failure = err;
      await this._focus('#import-error');
    } finally {
      this._busy = false;
    }
  }

  private _preview(cid: string, v: FindingImport) {
    return html`<section class="sr-section" aria-labelledby="import-preview-heading">
      <h2 id="import-preview-heading" tabindex="-1">${t('findings.import.preview')}</h2>
      <p id="import-summary">${t('findings.import.summary', { rows: v.rowCount, errors: v.errorCount })}</p>
      ${v.unknownColumns.length ? html`<p>${t('findings.import.unknownColumns', { columns: v.unknownColumns.join(', ') })}</p>` : nothing}
      ${
        v.status === 'committed'
          ? html`<div id="import-committed" tabindex="-1">
              ${alert('success', t('findings.import.committed', { count: v.rowCount }), { live: false })}
              <p><a href="${findingsBase(cid)}/findings">${t('findings.import.toList')}</a></p>
            </div>`
          : v.errorCount
            ? alert('warning', t('findings.import.fixFirst'), { id: 'import-has-errors', live: false })
            : html`<button
                type="button"
                class="button button-primary"
                id="import-commit"
                ?disabled=${this._busy}
                @click=${() => void this._commit()}
              >
                ${t('findings.import.commit', { count: v.rowCount })}
              </button>`
      }
      <div class="table--responsive-scroll">
        <table class="table table--compact" id="import-rows">
          <caption>
            ${t('findings.import.rowsCaption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('findings.import.row')}</th>
              ${COLUMNS.map((c) => html`<th scope="col">${c}</th>`)}
              <th scope="col">${t('findings.import.errors')}</th>
            </tr>
          </thead>
          <tbody>
            ${v.rows.map(
              (r) =>
                html`<tr class=${r.errors.length ? 'sr-row-error' : ''}>
                  <th scope="row">${r.rowNo}</th>
                  ${COLUMNS.map((c) => html`<td>${r.input[c] ?? ''}</td>`)}
                  <td>
                    ${
                      r.errors.length
                        ? html`<ul class="form-error-message">
                            ${r.errors.map((e) => html`<li>${e.column}: ${e.message}</li>`)}
                          </ul>`
                        : t('findings.import.ok')
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  protected override render() {
    return renderPage(
      this._task,
      (c) =>
        html`<sr-breadcrumbs
            .items=${[
              { href: '/admin', label: t('nav.admin') },
              { href: `/admin/consultations/${c.id}`, label: loc(c.title) },
              { href: `${findingsBase(c.id)}/findings`, label: t('findings.title') },
              { label: t('findings.import.title') },
            ]}
          ></sr-breadcrumbs>
          <h1 tabindex="-1">${t('findings.import.title')}</h1>
          <p class="font-lead"><span lang=${locLang(c.title)}>${loc(c.title)}</span></p>
          ${analysisNav(c.id, 'findings')}
          <p>${t('findings.import.intro')}</p>
          <form id="import-form" @submit=${(e: Event) => void this._stage(e)}>
            <div class="form-group">
              <label class="form-label" for="import-file">${t('findings.import.file')}</label>
              <span class="form-hint" id="import-file-hint">${t('findings.import.fileHint')}</span>
              <input
                type="file"
                class="form-input"
                id="import-file"
                accept=".csv,text/csv"
                aria-describedby="import-file-hint"
                @change=${(e: Event) => (this._file = (e.target as HTMLInputElement).files?.[0] ?? null)}
              />
            </div>
            ${
              this._progress !== null
                ? html`<label class="form-label" for="import-progress">${t('findings.import.uploading')}</label>
                    <progress id="import-progress" max="100" value=${Math.round(this._progress * 100)}>
                      ${Math.round(this._progress * 100)} %
                    </progress>`
                : nothing
            }
            <div class="sr-actions">
              <button
                type="submit"
                class="button button-secondary"
                id="import-stage"
                ?disabled=${this._busy || !this._file}
              >
                ${t('findings.import.stage')}
              </button>
            </div>
          </form>
          ${this._failure ? html`<div id="import-error" tabindex="-1">${errorAlert(this._failure)}</div>` : nothing}
          ${this._import ? this._preview(c.id, this._import) : nothing}`,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-findings-import': SrPageFindingsImport;
  }
}
