import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { codebookExportUrl, codebookQdcUrl, type ImportResult } from '../../api/codebook.ts';
import { ApiError } from '../../api/http.ts';
import type { ConsultationSummary } from '../../api/types.ts';
import { isValidationError } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { renderSection } from '../../app/page-state.ts';
import { getLocale, loc, t } from '../../i18n/i18n.ts';
import { alert } from '../alerts.ts';
import { selectField } from '../fields.ts';
import { codebookErrorAlert, reasonText } from './codebook-errors.ts';
import type { CodebookExchangeOps } from './codebook-exchange-ops.ts';

/** One problem of an imported file, by the tag (row) it concerns; `row` null for the file as a whole. */
export type ImportProblem = { row: number | null; ref: string; text: unknown };

const FIELD_LABELS: Record<string, () => string> = {
  definition: () => t('codebook.form.definition'),
  includeNote: () => t('codebook.form.includeNote'),
  excludeNote: () => t('codebook.form.excludeNote'),
  example: () => t('codebook.form.example'),
  ref: () => t('codebook.importRefField'),
  parentRef: () => t('codebook.importParentRefField'),
  scenarioKey: () => t('codebook.importScenarioField'),
};

/** A field of a tag in the file (`name/da`, `definition`, …) by its label in the form. */
const fieldLabel = (field: string): string => {
  const [head = '', lang] = field.split('/');
  if (head === 'name')
    return t('common.inLanguage', {
      field: t('codebook.form.name'),
      language: t(lang === 'da' ? 'common.languageDa' : 'common.languageEn'),
    });
  return FIELD_LABELS[head]?.() ?? field;
};

/** The rows of a refused import: validation issues by tag, or the server's tree check. */
export function importProblems(err: unknown, doc: unknown): ImportProblem[] {
  const tags = (doc as { tags?: unknown[] } | null)?.tags;
  const refOf = (i: number) => {
    const r = Array.isArray(tags) ? (tags[i] as { ref?: unknown } | undefined)?.ref : undefined;
    return typeof r === 'string' ? r : '';
  };
  if (isValidationError(err)) {
    const seen = new Set<string>();
    const out: ImportProblem[] = [];
    for (const issue of err.issues) {
      const m = /^\/tags\/(\d+)\/(.+)$/.exec(issue.path);
      const key = m ? `${m[1]}:${m[2]}` : 'file';
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(
        m
          ? {
              row: Number(m[1]) + 1,
              ref: refOf(Number(m[1])),
              text: t('codebook.importField', { field: fieldLabel(m[2]!) }),
            }
          : { row: null, ref: '', text: t('codebook.importFile.general') },
      );
    }
    return out;
  }
  if (err instanceof ApiError && err.details?.['reason'] === 'invalid_tree') {
    const index = err.details['index'];
    const row = typeof index === 'number' ? index + 1 : null;
    return [
      {
        row,
        ref: row ? refOf(row - 1) : '',
        text: html`${reasonText(err)} ${t('errors.serverSaid')} <span lang="en">${err.message}</span>`,
      },
    ];
  }
  return [];
}

/**
 * The codebook's exchange: copy the tags of another consultation, download the codebook as JSON,
 * and import a JSON file, with each refused row shown by its tag. Tells the page to reload.
 *
 * @fires sr-codebook-changed - tags were added (CustomEvent<string>: what happened, to announce)
 */
@customElement('sr-codebook-exchange')
export class SrCodebookExchange extends SrLightElement {
  /** The server operations, passed in by the page. */
  @property({ attribute: false }) ops!: CodebookExchangeOps;
  @property({ attribute: false }) consultationId = '';
  @state() private _from = '';
  @state() private _fromError = '';
  @state() private _fileError = '';
  @state() private _result: { text: string; extra?: string } | null = null;
  @state() private _failure: unknown = null;
  @state() private _problems: ImportProblem[] = [];
  @state() private _busy = false;

  private readonly _others = new Task(this, {
    task: async ([id], { signal }): Promise<ConsultationSummary[]> => {
      const all: ConsultationSummary[] = [];
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page = await this.ops.consultations({ limit: 100, cursor }, signal);
        all.push(...page.items);
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return all.filter((c) => c.id !== id);
    },
    args: () => [this.consultationId] as const,
  });

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private _reset(): void {
    this._result = null;
    this._failure = null;
    this._problems = [];
  }

  private _added(text: string, r: ImportResult): void {
    const extra = r.unmatchedScenarioKeys.length
      ? t('codebook.unmatchedScenarios', { keys: r.unmatchedScenarioKeys.join(', ') })
      : undefined;
    this._result = { text, extra };
    this.dispatchEvent(new CustomEvent('sr-codebook-changed', { bubbles: true, detail: text }));
    void this._focus('#cbx-result');
  }

  private async _onCopy(e: Event): Promise<void> {
    e.preventDefault();
    this._reset();
    if (!this._from) {
      this._fromError = t('errors.required', { field: t('codebook.copyFrom') });
      void this._focus('#cbx-from');
      return;
    }
    this._busy = true;
    try {
      const r = await this.ops.copy(this.consultationId, this._from);
      this._added(t('codebook.copied', { count: r.created }), r);
    } catch (err) {
      this._failure = err;
      void this._focus('#cbx-failure');
    } finally {
      this._busy = false;
    }
  }

  private async _onImport(e: Event): Promise<void> {
    e.preventDefault();
    this._reset();
    this._fileError = '';
    const file = this.querySelector<HTMLInputElement>('#cbx-file')?.files?.[0];
    if (!file) {
      this._fileError = t('codebook.importNoFile');
      void this._focus('#cbx-file');
      return;
    }
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      this._fileError = t('codebook.importNotJson');
      void this._focus('#cbx-file');
      return;
    }
    this._busy = true;
    try {
      const r = await this.ops.import(this.consultationId, doc);
      this._added(t('codebook.imported', { count: r.created }), r);
    } catch (err) {
      this._problems = importProblems(err, doc);
      this._failure = err;
      void this._focus('#cbx-failure');
    } finally {
      this._busy = false;
    }
  }

  private _failureView() {
    if (!this._failure) return nothing;
    if (!this._problems.length)
      return html`<div id="cbx-failure" tabindex="-1">${codebookErrorAlert(this._failure)}</div>`;
    return html`<div id="cbx-failure" tabindex="-1">
      ${alert(
        'error',
        html`<p>${t('codebook.importRejected')}</p>
          <ul>
            ${this._problems.map(
              (p) =>
                html`<li>
                  ${p.row === null ? nothing : html`<strong>${t('codebook.importRow', { n: p.row, ref: p.ref })}:</strong>`}
                  ${p.text}
                </li>`,
            )}
          </ul>`,
      )}
    </div>`;
  }

  private _copyForm(others: ConsultationSummary[]) {
    if (!others.length) return html`<p class="sr-muted">${t('codebook.copyNone')}</p>`;
    return html`<form novalidate @submit=${(e: Event) => void this._onCopy(e)}>
      ${selectField({
        id: 'cbx-from',
        label: t('codebook.copyFrom'),
        hint: t('codebook.copyHint'),
        required: true,
        placeholder: t('codebook.copyChoose'),
        value: this._from,
        options: others.map((c) => ({ value: c.id, label: loc(c.title) })),
        error: this._fromError || undefined,
        onChange: (v) => {
          this._from = v;
          this._fromError = '';
        },
      })}
      <div class="sr-actions">
        <button type="submit" class="button button-secondary" id="cbx-copy" ?disabled=${this._busy}>
          ${t('codebook.copySubmit')}
        </button>
      </div>
    </form>`;
  }

  protected override render() {
    const fileDescribed = ['cbx-file-hint', this._fileError ? 'cbx-file-error' : ''].filter(Boolean).join(' ');
    return html`<section class="sr-section" aria-labelledby="cbx-heading">
      <h2 id="cbx-heading">${t('codebook.exchangeHeading')}</h2>
      ${
        this._result
          ? html`<div id="cbx-result" tabindex="-1">
              ${alert('success', html`${this._result.text}${this._result.extra ? html`<br />${this._result.extra}` : nothing}`, { live: false })}
            </div>`
          : nothing
      }
      ${this._failureView()}
      <h3>${t('codebook.copyHeading')}</h3>
      ${renderSection(this._others, (others) => this._copyForm(others))}
      <h3>${t('codebook.exportHeading')}</h3>
      <p>
        <a href=${codebookExportUrl(this.consultationId)} download id="cbx-export">${t('codebook.exportLink')}</a><br />
        <span class="sr-muted">${t('codebook.exportHint')}</span>
      </p>
      <p>
        <a href=${codebookQdcUrl(this.consultationId, getLocale())} download id="cbx-export-qdc"
          >${t('codebook.exportQdcLink')}</a
        ><br />
        <span class="sr-muted">${t('codebook.exportQdcHint')}</span>
      </p>
      <h3>${t('codebook.importHeading')}</h3>
      <form novalidate @submit=${(e: Event) => void this._onImport(e)}>
        <div class="form-group ${this._fileError ? 'form-error' : ''}">
          <label class="form-label" for="cbx-file">${t('codebook.importFile')}</label>
          <span class="form-hint" id="cbx-file-hint">${t('codebook.importHint')}</span>
          ${
            this._fileError
              ? html`<span class="form-error-message" id="cbx-file-error"
                  ><span class="sr-only">${t('errors.prefix')} </span>${this._fileError}</span
                >`
              : nothing
          }
          <input
            type="file"
            class="form-input"
            id="cbx-file"
            accept="application/json,.json"
            aria-describedby=${fileDescribed}
            aria-invalid=${this._fileError ? 'true' : nothing}
            @change=${() => (this._fileError = '')}
          />
        </div>
        <div class="sr-actions">
          <button type="submit" class="button button-secondary" id="cbx-import" ?disabled=${this._busy}>
            ${t('codebook.importSubmit')}
          </button>
        </div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-codebook-exchange': SrCodebookExchange;
  }
}
