import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ACCEPT } from '../api/attachments.ts';
import type { Consultation } from '../api/types.ts';
import { isValidationError, mapIssues, type FieldErrors, type FieldMap } from '../app/form-errors.ts';
import { SrLightElement } from '../app/light-element.ts';
import { announce } from '../app/navigation.ts';
import { formatBytes } from '../i18n/format.ts';
import { t } from '../i18n/i18n.ts';
import { alert, errorDetail, errorMessage } from './alerts.ts';
import type { DocumentsOps } from './documents-ops.ts';
import { SrConsultationSavedEvent } from './events.ts';
import { fieldError, textField } from './fields.ts';
import { icon } from './icons.ts';
import './sr-error-summary.ts';

type Row = {
  key: number;
  titleDa: string;
  titleEn: string;
  url: string;
  mediaType: string;
  size: string;
  /** Upload progress 0–1 while a file is sent (issue 10 item 14). */
  progress?: number;
};

/** A document URL that names a file uploaded to this site: its type and size come from the file. */
const isUploaded = (url: string) => /^\/api\/consultations\/[^/]+\/document-files\/[^/]+$/.test(url);

// One slash starts a path on this site; `//host` and `/\host` are another site (issue 10 item 14).
const URL_OK = /^(https?:\/\/[^/]|\/(?![/\\]))/i;
let nextKey = 1;
const inDa = (field: string) => t('common.inLanguage', { field, language: t('common.languageDa') });
const inEn = (field: string) => t('common.inLanguage', { field, language: t('common.languageEn') });

/**
 * Edits the consultation's list of documents and saves it whole (PUT …/documents). A document is
 * an uploaded file (picker or drag and drop, with progress; its type and size come from the file) or
 * an external link. Field ids are `doc-<n>-title-da`, `doc-<n>-title-en`, `doc-<n>-file`,
 * `doc-<n>-url`, `doc-<n>-media-type`, `doc-<n>-size` (n from 0).
 *
 * @fires sr-consultation-saved - after the list is saved
 */
@customElement('sr-documents-editor')
export class SrDocumentsEditor extends SrLightElement {
  @property({ attribute: false }) consultation!: Consultation;
  /** The upload and the save, passed in by the page. */
  @property({ attribute: false }) ops!: DocumentsOps;
  @state() private _rows: Row[] = [];
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: (string | TemplateResult)[] = [];
  @state() private _saved = false;
  @state() private _busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('consultation') && changed.get('consultation')?.id !== this.consultation?.id) {
      this._rows = (this.consultation?.documents ?? []).map((d) => ({
        key: nextKey++,
        titleDa: d.title.da,
        titleEn: d.title.en,
        url: d.url,
        mediaType: d.mediaType ?? '',
        size: d.sizeBytes === null ? '' : String(d.sizeBytes),
      }));
    }
  }

  private _set(i: number, patch: Partial<Row>): void {
    this._rows = this._rows.map((r, j) => (j === i ? { ...r, ...patch } : r));
    this._saved = false;
  }

  private async _add(): Promise<void> {
    this._rows = [...this._rows, { key: nextKey++, titleDa: '', titleEn: '', url: '', mediaType: '', size: '' }];
    this._saved = false;
    await this.updateComplete;
    this.querySelector<HTMLElement>(`#doc-${this._rows.length - 1}-title-da`)?.focus();
  }

  private async _remove(i: number): Promise<void> {
    this._rows = this._rows.filter((_, j) => j !== i);
    this._errors = new Map();
    this._saved = false;
    announce(t('docs.removed', { n: i + 1 }));
    await this.updateComplete;
    const next = this.querySelector<HTMLElement>(`#doc-${Math.min(i, this._rows.length - 1)}-title-da`);
    (next ?? this.querySelector<HTMLElement>('#docs-add'))?.focus();
  }

  /** Sends the file; on success the row links it, with the type and size the server read from it. */
  private async _upload(i: number, file: File): Promise<void> {
    const key = this._rows[i]!.key;
    const at = () => this._rows.findIndex((r) => r.key === key);
    const fieldId = () => `doc-${at()}-file`;
    this._errors = new Map([...this._errors].filter(([id]) => id !== fieldId()));
    this._set(i, { progress: 0 });
    announce(t('docs.uploading', { name: file.name }));
    try {
      const done = await this.ops.upload(this.consultation.id, file, (f) => {
        if (at() >= 0) this._set(at(), { progress: f });
      }).promise;
      if (at() < 0) return;
      const row = this._rows[at()]!;
      this._set(at(), {
        progress: undefined,
        url: done.url,
        mediaType: done.mediaType,
        size: String(done.sizeBytes),
        titleDa: row.titleDa || done.filename.replace(/\.[^.]+$/, ''),
        titleEn: row.titleEn || done.filename.replace(/\.[^.]+$/, ''),
      });
      announce(t('docs.uploaded', { name: done.filename }));
    } catch (err) {
      if (at() < 0) return;
      this._set(at(), { progress: undefined });
      const message = t('docs.uploadFailed', { name: file.name, reason: errorMessage(err) });
      this._errors = new Map([...this._errors, [fieldId(), message]]);
      announce(message);
    }
  }

  private _onPick(i: number, e: Event): void {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void this._upload(i, file);
  }

  private _onDrop(i: number, e: DragEvent): void {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) void this._upload(i, file);
  }

  private _fileField(r: Row, i: number) {
    const id = `doc-${i}-file`;
    const error = this._errors.get(id);
    return html`<div
      class="form-group sr-dropzone ${error ? 'form-error' : ''}"
      @dragover=${(e: DragEvent) => {
        if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
      }}
      @drop=${(e: DragEvent) => this._onDrop(i, e)}
    >
      <label class="form-label" for=${id}>${t('docs.upload')}</label>
      <span class="form-hint" id="${id}-hint">${t('docs.uploadHint')}</span>
      ${fieldError(id, error)}
      <input
        type="file"
        id=${id}
        class="sr-file-input"
        accept=${ACCEPT}
        ?disabled=${r.progress !== undefined}
        aria-describedby=${[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
        @change=${(e: Event) => this._onPick(i, e)}
      />
      <p class="sr-dropzone-text" aria-hidden="true">${icon('plus')}${t('docs.dropHere')}</p>
      ${
        r.progress !== undefined
          ? html`<progress
              id="doc-${i}-progress"
              max="1"
              .value=${r.progress}
              aria-label=${t('docs.upload')}
            ></progress>`
          : nothing
      }
    </div>`;
  }

  private _validate(): FieldErrors {
    const e: FieldErrors = new Map();
    this._rows.forEach((r, i) => {
      const n = i + 1;
      const label = (field: string) => `${t('docs.item', { n })}: ${field}`;
      if (!r.titleDa.trim()) e.set(`doc-${i}-title-da`, t('errors.required', { field: label(inDa(t('docs.title'))) }));
      if (!r.titleEn.trim()) e.set(`doc-${i}-title-en`, t('errors.required', { field: label(inEn(t('docs.title'))) }));
      if (!r.url.trim()) e.set(`doc-${i}-url`, t('errors.required', { field: label(t('docs.url')) }));
      else if (!URL_OK.test(r.url.trim())) e.set(`doc-${i}-url`, `${t('docs.item', { n })}: ${t('errors.urlFormat')}`);
      if (r.size.trim() && !/^\d+$/.test(r.size.trim()))
        e.set(`doc-${i}-size`, `${t('docs.item', { n })}: ${t('errors.sizeFormat')}`);
    });
    return e;
  }

  private _fieldMap(): FieldMap {
    const map: FieldMap = {};
    this._rows.forEach((_, i) => {
      const label = (field: string) => () => `${t('docs.item', { n: i + 1 })}: ${field}`;
      map[`/documents/${i}/title/da`] = { id: `doc-${i}-title-da`, label: label(inDa(t('docs.title'))) };
      map[`/documents/${i}/title/en`] = { id: `doc-${i}-title-en`, label: label(inEn(t('docs.title'))) };
      map[`/documents/${i}/url`] = { id: `doc-${i}-url`, label: label(t('docs.url')) };
      map[`/documents/${i}/mediaType`] = { id: `doc-${i}-media-type`, label: label(t('docs.mediaType')) };
      map[`/documents/${i}/sizeBytes`] = { id: `doc-${i}-size`, label: label(t('docs.size')) };
    });
    return map;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this._general = [];
    this._saved = false;
    this._errors = this._validate();
    if (this._errors.size) return;
    this._busy = true;
    try {
      const saved = await this.ops.replace(this.consultation.id, {
        documents: this._rows.map((r) => ({
          title: { da: r.titleDa.trim(), en: r.titleEn.trim() },
          url: r.url.trim(),
          mediaType: r.mediaType.trim() || null,
          sizeBytes: r.size.trim() ? Number(r.size.trim()) : null,
        })),
      });
      this._saved = true;
      this.dispatchEvent(new SrConsultationSavedEvent(saved));
    } catch (err) {
      if (isValidationError(err)) {
        const { errors, unmatched } = mapIssues(err, this._fieldMap());
        this._errors = errors;
        if (unmatched) this._general = [errorMessage(err)];
      } else this._general = [html`${errorMessage(err)}${errorDetail(err)}`];
    } finally {
      this._busy = false;
    }
  }

  private _row(r: Row, i: number) {
    const err = (id: string) => this._errors.get(id);
    return html`<fieldset class="sr-fieldset sr-document-row" data-index=${i}>
      <legend class="form-label">${t('docs.item', { n: i + 1 })}</legend>
      ${textField({ id: `doc-${i}-title-da`, label: inDa(t('docs.title')), lang: 'da', required: true, value: r.titleDa, error: err(`doc-${i}-title-da`), onInput: (v) => this._set(i, { titleDa: v }) })}
      ${textField({ id: `doc-${i}-title-en`, label: inEn(t('docs.title')), lang: 'en', required: true, value: r.titleEn, error: err(`doc-${i}-title-en`), onInput: (v) => this._set(i, { titleEn: v }) })}
      ${this._fileField(r, i)}
      ${textField({ id: `doc-${i}-url`, label: t('docs.url'), type: 'url', required: true, value: r.url, error: err(`doc-${i}-url`), onInput: (v) => this._set(i, { url: v }) })}
      ${
        isUploaded(r.url)
          ? html`<p class="sr-muted" id="doc-${i}-facts">
              ${t('docs.fileFacts', { type: r.mediaType, size: formatBytes(Number(r.size) || 0) })}
            </p>`
          : html`${textField({ id: `doc-${i}-media-type`, label: t('docs.mediaType'), hint: t('docs.mediaTypeHint'), optional: true, width: 'm', value: r.mediaType, error: err(`doc-${i}-media-type`), onInput: (v) => this._set(i, { mediaType: v }) })}
            ${textField({ id: `doc-${i}-size`, label: t('docs.size'), optional: true, inputmode: 'numeric', width: 's', value: r.size, error: err(`doc-${i}-size`), onInput: (v) => this._set(i, { size: v }) })}`
      }
      <div class="sr-actions">
        <button type="button" class="button button-secondary" id="doc-${i}-remove" @click=${() => void this._remove(i)}>
          ${t('docs.remove', { n: i + 1 })}
        </button>
      </div>
    </fieldset>`;
  }

  protected override render() {
    if (!this.consultation) return nothing;
    return html`<p>${t('docs.intro')}</p>
      <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      ${this._saved ? alert('success', t('docs.saved')) : nothing}
      <form id="documents-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${
          this._rows.length
            ? repeat(
                this._rows,
                (r) => r.key,
                (r, i) => this._row(r, i),
              )
            : html`<p class="sr-muted">${t('docs.empty')}</p>`
        }
        <div class="sr-actions">
          <button
            type="button"
            class="button button-secondary sr-button-icon"
            id="docs-add"
            @click=${() => void this._add()}
          >
            ${icon('plus')}${t('docs.add')}
          </button>
          <button type="submit" class="button button-primary" id="docs-save" ?disabled=${this._busy}>
            ${t('docs.save')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-documents-editor': SrDocumentsEditor;
  }
}
