import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { codingsExportUrl, projectExportUrl, type ImportReport } from '../../api/exchange.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { getLocale, t, tDynamic } from '../../i18n/i18n.ts';
import { alert } from '../alerts.ts';
import { checkbox } from '../fields.ts';
import { codebookErrorAlert } from './codebook-errors.ts';
import type { AnalysisExchangeOps } from './analysis-exchange-ops.ts';

/**
 * The analysis exchange (issue 11 story 9): download the codings (CSV, JSON) and the analysis as a
 * REFI-QDA project (.qdpx); upload a .qdc or .qdpx, see what it would create, match and refuse as
 * tables, then import it (all or nothing). Tells the page to reload when tags were added.
 *
 * @fires sr-codebook-changed - an import was applied (CustomEvent<string>: what happened, to announce)
 */
@customElement('sr-analysis-exchange')
export class SrAnalysisExchange extends SrLightElement {
  /** The server operations, passed in by the page. */
  @property({ attribute: false }) ops!: AnalysisExchangeOps;
  @property({ attribute: false }) consultationId = '';
  @state() private _proposed = false;
  @state() private _file: File | null = null;
  @state() private _fileError = '';
  @state() private _progress: number | null = null;
  @state() private _preview: ImportReport | null = null;
  @state() private _done: ImportReport | null = null;
  @state() private _failure: unknown = null;

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private async _send(apply: boolean): Promise<void> {
    const file = this._file;
    if (!file) {
      this._fileError = t('exchange.noFile');
      void this._focus('#ax-file');
      return;
    }
    this._failure = null;
    this._done = null;
    if (!apply) this._preview = null;
    this._progress = 0;
    try {
      const report = await this.ops.import(this.consultationId, file, apply, (f) => (this._progress = f)).promise;
      if (apply) {
        this._preview = null;
        this._done = report;
        const text = t('exchange.applied', { tags: report.tags.created, codings: report.codings.created });
        this.dispatchEvent(new CustomEvent('sr-codebook-changed', { bubbles: true, detail: text }));
        void this._focus('#ax-done');
      } else {
        this._preview = report;
        void this._focus('#ax-preview-heading');
      }
    } catch (err) {
      this._failure = err;
      void this._focus('#ax-failure');
    } finally {
      this._progress = null;
    }
  }

  private _onPreview(e: Event): void {
    e.preventDefault();
    void this._send(false);
  }

  private _actionText(r: ImportReport['tags']['rows'][number]): string {
    const action = tDynamic(`exchange.action.${r.action}`, r.action);
    return r.reason ? `${action} (${tDynamic(`exchange.tagReason.${r.reason}`, r.reason)})` : action;
  }

  private _previewView(p: ImportReport) {
    const busy = this._progress !== null;
    return html`<section aria-labelledby="ax-preview-heading">
      <h4 id="ax-preview-heading" tabindex="-1">${t('exchange.previewHeading')}</h4>
      <p>
        ${t('exchange.previewTags', { created: p.tags.created, matched: p.tags.matched, skipped: p.tags.skipped })}
        ${
          p.format === 'qdpx'
            ? html`<br />${t('exchange.previewCodings', {
                  created: p.codings.created,
                  present: p.codings.present,
                  problems: p.codings.problems,
                })}`
            : nothing
        }
      </p>
      ${
        p.tags.rows.length
          ? html`<div class="sr-table-scroll" tabindex="0" role="region" aria-labelledby="ax-tags-caption">
              <table class="table table--compact" id="ax-tags">
                <caption id="ax-tags-caption">
                  ${t('exchange.tagsCaption')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('exchange.colCode')}</th>
                    <th scope="col">${t('exchange.colAction')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${p.tags.rows.map(
                    (r) =>
                      html`<tr>
                        <th scope="row">${r.path.join(' › ')}</th>
                        <td>${this._actionText(r)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }
      ${
        p.codings.rows.length
          ? html`<div class="sr-table-scroll" tabindex="0" role="region" aria-labelledby="ax-problems-caption">
              <table class="table table--compact" id="ax-problems">
                <caption id="ax-problems-caption">
                  ${t('exchange.problemsCaption', { count: p.codings.problems })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">${t('exchange.colSource')}</th>
                    <th scope="col">${t('exchange.colProblem')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${p.codings.rows.map(
                    (r) =>
                      html`<tr>
                        <th scope="row">${r.source}</th>
                        <td>${tDynamic(`exchange.problem.${r.reason}`, r.reason)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : nothing
      }
      <div class="sr-actions">
        <button
          type="button"
          class="button button-primary"
          id="ax-apply"
          ?disabled=${busy}
          @click=${() => void this._send(true)}
        >
          ${t('exchange.apply')}
        </button>
        <button
          type="button"
          class="button button-secondary"
          id="ax-cancel"
          ?disabled=${busy}
          @click=${() => {
            this._preview = null;
            void this._focus('#ax-file');
          }}
        >
          ${t('common.cancel')}
        </button>
      </div>
    </section>`;
  }

  protected override render() {
    const id = this.consultationId;
    const lang = getLocale();
    const busy = this._progress !== null;
    const described = ['ax-file-hint', this._fileError ? 'ax-file-error' : ''].filter(Boolean).join(' ');
    return html`<section class="sr-section" aria-labelledby="ax-heading">
      <h2 id="ax-heading">${t('exchange.heading')}</h2>
      <p>${t('exchange.intro')}</p>
      <h3>${t('exchange.exportHeading')}</h3>
      ${checkbox({
        id: 'ax-proposed',
        label: t('exchange.includeProposed'),
        checked: this._proposed,
        onChange: (v) => (this._proposed = v),
      })}
      <ul>
        <li>
          <a href=${codingsExportUrl(id, 'csv', this._proposed)} download id="ax-csv">${t('exchange.csvLink')}</a>
        </li>
        <li>
          <a href=${codingsExportUrl(id, 'json', this._proposed)} download id="ax-json">${t('exchange.jsonLink')}</a>
        </li>
        <li>
          <a href=${projectExportUrl(id, lang)} download id="ax-qdpx">${t('exchange.qdpxLink')}</a><br />
          <span class="sr-muted">${t('exchange.qdpxHint')}</span>
        </li>
      </ul>
      <h3>${t('exchange.importHeading')}</h3>
      ${
        this._done
          ? html`<div id="ax-done" tabindex="-1">
              ${alert(
                'success',
                t('exchange.applied', { tags: this._done.tags.created, codings: this._done.codings.created }),
                { live: false },
              )}
            </div>`
          : nothing
      }
      ${this._failure ? html`<div id="ax-failure" tabindex="-1">${codebookErrorAlert(this._failure)}</div>` : nothing}
      <form novalidate @submit=${(e: Event) => this._onPreview(e)}>
        <div class="form-group ${this._fileError ? 'form-error' : ''}">
          <label class="form-label" for="ax-file">${t('exchange.file')}</label>
          <span class="form-hint" id="ax-file-hint">${t('exchange.fileHint')}</span>
          ${
            this._fileError
              ? html`<span class="form-error-message" id="ax-file-error"
                  ><span class="sr-only">${t('errors.prefix')} </span>${this._fileError}</span
                >`
              : nothing
          }
          <input
            type="file"
            class="form-input"
            id="ax-file"
            accept=".qdc,.qdpx,application/xml,application/zip"
            aria-describedby=${described}
            aria-invalid=${this._fileError ? 'true' : nothing}
            @change=${(e: Event) => {
              this._file = (e.target as HTMLInputElement).files?.[0] ?? null;
              this._fileError = '';
              this._preview = null;
              this._done = null;
              this._failure = null;
            }}
          />
        </div>
        ${
          busy
            ? html`<p>
                <label for="ax-progress">${t('exchange.uploading')}</label>
                <progress id="ax-progress" max="1" .value=${this._progress ?? 0}></progress>
              </p>`
            : nothing
        }
        <div class="sr-actions">
          <button type="submit" class="button button-secondary" id="ax-preview" ?disabled=${busy}>
            ${t('exchange.preview')}
          </button>
        </div>
      </form>
      ${this._preview ? this._previewView(this._preview) : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-analysis-exchange': SrAnalysisExchange;
  }
}
