import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import {
  commitImport,
  getImport,
  getImportRows,
  type ImportRow,
  type ImportView,
  stageImport,
} from '../../api/imports.ts';
import type { Consultation } from '../../api/types.ts';
import { announce } from '../../app/navigation.ts';
import { renderPage } from '../../app/page-state.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { checkbox } from '../../components/fields.ts';
import { formatDate, formatNumber } from '../../i18n/format.ts';
import { t, tDynamic } from '../../i18n/i18n.ts';
import { consultationHead } from './consultation-head.ts';

const POLL_MS = 1000;

/**
 * `/admin/consultations/:consultationId/imports` (issue 12 story 3): staff upload a CSV with its
 * files, a ZIP or mail files (with upload progress), read the preview with each row's errors, and
 * import it all or nothing; the import runs as a background job whose progress is polled each
 * second and announced when it ends. The import shown stands in the address (?import=), so a
 * reload (or a server restart) picks its progress up again.
 */
@customElement('sr-page-admin-imports')
export class SrPageAdminImports extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _files: File[] = [];
  @state() private _fileError = '';
  @state() private _upload: number | null = null;
  @state() private _import: ImportView | null = null;
  @state() private _rows: ImportRow[] = [];
  @state() private _more: number | null = null;
  @state() private _errorsOnly = false;
  @state() private _failure: unknown = null;
  @state() private _busy = false;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _watching = false;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }): Promise<Consultation> => {
      const c = await getConsultation(id, signal);
      const shown = new URLSearchParams(location.search).get('import');
      if (shown) await this._load(shown);
      return c;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  private async _load(importId: string): Promise<void> {
    this._import = await getImport(this.consultationId, importId);
    await this._loadRows();
    this._poll();
  }

  private async _loadRows(more = false): Promise<void> {
    if (!this._import) return;
    const page = await getImportRows(this.consultationId, this._import.id, {
      errorsOnly: this._errorsOnly,
      after: more ? (this._more ?? 0) : 0,
    });
    this._rows = more ? [...this._rows, ...page.items] : page.items;
    this._more = page.nextAfter;
  }

  /** While the commit runs, the import is read again each second; its end is announced. */
  private _poll(): void {
    clearTimeout(this._timer);
    const imp = this._import;
    if (!imp) return;
    if (imp.status === 'committing') {
      this._timer = setTimeout(() => {
        getImport(this.consultationId, imp.id).then(
          (v) => {
            this._import = v;
            this._poll();
          },
          (e: unknown) => (this._failure = e),
        );
      }, POLL_MS);
    } else if (this._watching) {
      this._watching = false;
      announce(
        imp.status === 'committed'
          ? t('imports.done', { n: imp.importedCount })
          : t('imports.failed', { reason: imp.error ?? '' }),
      );
    }
  }

  private async _onUpload(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this._failure = null;
    if (this._files.length === 0) {
      this._fileError = t('imports.filesRequired');
      await this.updateComplete;
      this.querySelector<HTMLElement>('#import-files')?.focus();
      return;
    }
    this._fileError = '';
    this._busy = true;
    this._upload = 0;
    try {
      const v = await stageImport(this.consultationId, this._files, (f) => (this._upload = f));
      this._import = v;
      this._errorsOnly = v.errorCount > 0;
      await this._loadRows();
      history.replaceState(history.state, '', `?import=${v.id}`);
      announce(this._summary(v));
      await this.updateComplete;
      this.querySelector<HTMLElement>('#import-summary')?.focus();
    } catch (err) {
      this._failure = err;
    } finally {
      this._busy = false;
      this._upload = null;
    }
  }

  private async _onCommit(): Promise<void> {
    if (!this._import || this._busy) return;
    this._busy = true;
    this._failure = null;
    try {
      this._import = await commitImport(this.consultationId, this._import.id);
      this._watching = true;
      this._poll();
      await this.updateComplete;
      this.querySelector<HTMLElement>('#import-progress-label')?.focus();
    } catch (err) {
      this._failure = err;
    } finally {
      this._busy = false;
    }
  }

  private _reset(): void {
    clearTimeout(this._timer);
    this._import = null;
    this._rows = [];
    this._files = [];
    history.replaceState(history.state, '', location.pathname);
    void this.updateComplete.then(() => this.querySelector<HTMLElement>('#import-files')?.focus());
  }

  private _summary(v: ImportView): string {
    return t('imports.summary', {
      rows: v.rowCount,
      errors: v.errorCount,
      duplicates: v.duplicateCount,
      toImport: v.toImportCount,
    });
  }

  private _uploadForm() {
    const hasError = this._fileError !== '';
    return html`<form novalidate id="import-form" @submit=${(e: Event) => void this._onUpload(e)}>
      <div class="form-group ${hasError ? 'form-error' : ''}">
        <label class="form-label" for="import-files">${t('imports.files')}</label>
        <span class="form-hint" id="import-files-hint">${t('imports.filesHint')}</span>
        ${hasError ? html`<span class="form-error-message" id="import-files-error">${this._fileError}</span>` : nothing}
        <input
          type="file"
          id="import-files"
          class="form-input"
          multiple
          accept=".csv,.zip,.eml,.mbox,.pdf,.docx,.odt,.png,.jpg,.jpeg"
          aria-describedby=${hasError ? 'import-files-hint import-files-error' : 'import-files-hint'}
          @change=${(e: Event) => (this._files = [...((e.target as HTMLInputElement).files ?? [])])}
        />
      </div>
      ${
        this._upload !== null
          ? html`<label class="form-label" for="import-upload-progress">${t('imports.uploadProgress')}</label>
              <progress id="import-upload-progress" max="1" .value=${this._upload}></progress>
              <span aria-hidden="true"> ${Math.round(this._upload * 100)} %</span>`
          : nothing
      }
      <div class="sr-actions">
        <button type="submit" class="button button-primary" id="import-upload" ?disabled=${this._busy}>
          ${this._busy ? t('imports.uploading') : t('imports.upload')}
        </button>
      </div>
    </form>`;
  }

  private _rowStatus(r: ImportRow) {
    if (r.errors.length > 0) {
      return html`<ul class="sr-import-errors">
        ${r.errors.map(
          (e) =>
            html`<li>
              <strong>${tDynamic(`imports.err.${e.code}`, e.code)}</strong>: <span lang="en">${e.message}</span>
            </li>`,
        )}
      </ul>`;
    }
    return r.duplicate ? t('imports.row.duplicate') : t('imports.row.ok');
  }

  private _preview(v: ImportView) {
    const staged = v.status === 'staged' || v.status === 'failed';
    return html`<h2 id="import-summary" tabindex="-1">${t('imports.preview')}</h2>
      <p>${this._summary(v)}</p>
      ${v.errorCount > 0 ? alert('warning', t('imports.hasErrors', { n: v.errorCount }), { id: 'import-has-errors' }) : nothing}
      ${v.status === 'failed' ? alert('error', t('imports.failed', { reason: v.error ?? '' }), { live: false }) : nothing}
      ${this._progress(v)}
      ${
        staged && v.errorCount === 0
          ? v.toImportCount > 0
            ? html`<div class="sr-actions">
                <button
                  type="button"
                  class="button button-primary"
                  id="import-commit"
                  ?disabled=${this._busy}
                  @click=${() => void this._onCommit()}
                >
                  ${t('imports.commit', { n: v.toImportCount })}
                </button>
              </div>`
            : html`<p id="import-nothing">${t('imports.nothing')}</p>`
          : nothing
      }
      ${checkbox({
        id: 'import-only-errors',
        label: t('imports.onlyErrors'),
        checked: this._errorsOnly,
        onChange: (on) => {
          this._errorsOnly = on;
          void this._loadRows().catch((e: unknown) => (this._failure = e));
        },
      })}
      <div class="table--responsive-scroll">
        <table class="table table--compact" id="import-rows">
          <caption class="sr-only">
            ${t('imports.preview')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('imports.col.row')}</th>
              <th scope="col">${t('imports.col.ref')}</th>
              <th scope="col">${t('imports.col.sender')}</th>
              <th scope="col">${t('imports.col.received')}</th>
              <th scope="col">${t('imports.col.text')}</th>
              <th scope="col">${t('imports.col.files')}</th>
              <th scope="col">${t('imports.col.status')}</th>
            </tr>
          </thead>
          <tbody>
            ${this._rows.map(
              (r) =>
                html`<tr class=${r.errors.length ? 'sr-import-row-error' : ''}>
                  <td>${formatNumber(r.rowNo)}</td>
                  <td>${r.externalRef}</td>
                  <td>${r.name}${r.email ? html`<br />${r.email}` : nothing}</td>
                  <td>${formatDate(r.receivedAt)}</td>
                  <td>${r.text.slice(0, 120)}</td>
                  <td>${r.files.join(', ')}</td>
                  <td>${this._rowStatus(r)}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
      ${
        this._more !== null
          ? html`<button
              type="button"
              class="button button-secondary"
              id="import-more"
              @click=${() => void this._loadRows(true).catch((e: unknown) => (this._failure = e))}
            >
              ${t('imports.more')}
            </button>`
          : nothing
      }
      ${
        staged || v.status === 'committed'
          ? html`<p>
              <button type="button" class="button button-tertiary" id="import-another" @click=${() => this._reset()}>
                ${t('imports.another')}
              </button>
            </p>`
          : nothing
      }`;
  }

  private _progress(v: ImportView) {
    if (v.status === 'committed') {
      return alert('success', t('imports.done', { n: v.importedCount }), { id: 'import-done', live: false });
    }
    if (v.status !== 'committing') return nothing;
    const total = Math.max(1, v.toImportCount);
    return html`<div class="form-group">
      <label class="form-label" for="import-progress" id="import-progress-label" tabindex="-1"
        >${t('imports.progressLabel')}: ${t('imports.progress', { done: v.doneCount, total: v.toImportCount })}</label
      >
      <progress id="import-progress" max=${total} .value=${v.doneCount}></progress>
    </div>`;
  }

  private _render(c: Consultation) {
    return html`${consultationHead(c, { heading: t('imports.title'), crumb: t('imports.crumb'), intro: t('imports.intro') })}
    ${this._failure ? errorAlert(this._failure) : nothing}
    ${this._import ? this._preview(this._import) : this._uploadForm()}`;
  }

  protected override render() {
    return renderPage(this._task, (c) => this._render(c));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-imports': SrPageAdminImports;
  }
}
