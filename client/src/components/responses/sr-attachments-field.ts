import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ACCEPT, type UploadHandle } from '../../api/attachments.ts';
import { ApiError } from '../../api/http.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { formatBytes } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';
import { fieldError } from '../fields.ts';
import { icon } from '../icons.ts';
import type { AttachmentItem } from '../../data/response-model.ts';
import type { AttachmentOps } from './attachment-ops.ts';

type Upload = { key: number; name: string; size: number; progress: number; error?: string; handle?: UploadHandle };

export class SrAttachmentsChangeEvent extends Event {
  static readonly eventName = 'sr-attachments-change';
  constructor(readonly attachments: AttachmentItem[]) {
    super(SrAttachmentsChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A readable message for a failed upload (413, 415, 409 and the rest). */
export function uploadErrorMessage(err: unknown, name: string): string {
  if (err instanceof ApiError) {
    if (err.status === 413) return t('files.tooLarge', { name });
    if (err.status === 415) return t('files.wrongType', { name });
    if (err.status === 409) return t('files.closed');
    if (err.status === 0) return t('files.network', { name });
    if (err.status === 429) return t('files.tooMany');
    if (err.status === 400 && err.message) return t('files.refused', { name });
  }
  return t('files.failed', { name });
}

/**
 * Attachments: a real `<input type=file multiple>` with its label (keyboard and screen reader
 * users pick files with it); dropping files on the zone is an enhancement. Each file is uploaded at
 * once with its own `<progress>`; uploaded files can be removed.
 *
 * @fires sr-attachments-change - the list of uploaded attachments changed
 */
@customElement('sr-attachments-field')
export class SrAttachmentsField extends SrLightElement {
  /** How a file is uploaded, passed in by the page. */
  @property({ attribute: false }) ops!: AttachmentOps;
  @property() consultationId = '';
  @property() fieldId = 'resp-files';
  @property() source: 'upload' | 'letter' = 'upload';
  @property({ attribute: false }) attachments: AttachmentItem[] = [];
  @property() error = '';
  @property({ type: Boolean }) disabled = false;
  @state() private _uploads: Upload[] = [];
  @state() private _dragging = false;
  private _next = 0;
  private _current: AttachmentItem[] = [];

  override willUpdate(): void {
    this._current = this.attachments;
  }

  /** Whether a file is still being uploaded (submit waits for it). */
  get busy(): boolean {
    return this._uploads.some((u) => !u.error);
  }

  private _emit(list: AttachmentItem[]): void {
    this._current = list;
    this.dispatchEvent(new SrAttachmentsChangeEvent(list));
  }

  private _start(files: FileList | File[]): void {
    for (const file of Array.from(files)) {
      const up: Upload = { key: ++this._next, name: file.name, size: file.size, progress: 0 };
      up.handle = this.ops.upload(
        this.consultationId,
        file,
        (p) => {
          up.progress = p;
          this.requestUpdate();
        },
        { source: this.source },
      );
      this._uploads = [...this._uploads, up];
      up.handle.promise.then(
        (ref) => {
          this._uploads = this._uploads.filter((u) => u !== up);
          this._emit([
            ...this._current,
            { id: ref.id, filename: ref.filename, mediaType: ref.mediaType, sizeBytes: ref.sizeBytes },
          ]);
          announce(t('files.uploaded', { name: ref.filename }));
        },
        (err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') {
            this._uploads = this._uploads.filter((u) => u !== up);
            return;
          }
          up.error = uploadErrorMessage(err, file.name);
          this._uploads = [...this._uploads];
        },
      );
    }
  }

  private _onPick(e: Event): void {
    const input = e.target as HTMLInputElement;
    if (input.files?.length) this._start(input.files);
    input.value = '';
  }

  private _onDragOver(e: DragEvent): void {
    if (this.disabled || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this._dragging = true;
  }

  private _onDrop(e: DragEvent): void {
    if (this.disabled) return;
    e.preventDefault();
    this._dragging = false;
    if (e.dataTransfer?.files.length) this._start(e.dataTransfer.files);
  }

  private _remove(a: AttachmentItem): void {
    this._emit(this._current.filter((x) => x.id !== a.id));
    announce(t('files.removed', { name: a.filename }));
    this.querySelector<HTMLInputElement>(`#${this.fieldId}`)?.focus();
  }

  private _dismiss(u: Upload): void {
    u.handle?.abort();
    this._uploads = this._uploads.filter((x) => x !== u);
    this.querySelector<HTMLInputElement>(`#${this.fieldId}`)?.focus();
  }

  protected override render() {
    const id = this.fieldId;
    const described = [`${id}-hint`, this.error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="form-group ${this.error ? 'form-error' : ''}">
      <div
        class="sr-dropzone ${this._dragging ? 'sr-dropzone-active' : ''}"
        @dragover=${this._onDragOver}
        @dragleave=${() => (this._dragging = false)}
        @drop=${this._onDrop}
      >
        <label class="form-label" for=${id}
          >${t('files.label')}<span class="weight-normal"> ${t('common.optional')}</span></label
        >
        <span class="form-hint" id="${id}-hint">${t('files.hint')}</span>
        ${fieldError(id, this.error)}
        <input
          type="file"
          id=${id}
          class="sr-file-input"
          multiple
          accept=${ACCEPT}
          ?disabled=${this.disabled}
          aria-describedby=${described}
          @change=${this._onPick}
        />
        <p class="sr-dropzone-text" aria-hidden="true">${icon('plus')}${t('files.dropHere')}</p>
      </div>
      ${
        this._uploads.length || this._current.length
          ? html`<ul class="sr-file-list nobullet-list" aria-label=${t('files.listLabel')}>
              ${this._current.map(
                (a) =>
                  html`<li class="sr-file sr-file-done">
                    ${icon('document')}
                    <span class="sr-file-name">${a.filename}</span>
                    <span class="sr-file-meta">(${formatBytes(a.sizeBytes)})</span>
                    <button
                      type="button"
                      class="button button-tertiary sr-file-remove"
                      ?disabled=${this.disabled}
                      @click=${() => this._remove(a)}
                    >
                      ${t('files.remove')}<span class="sr-only"> ${a.filename}</span>
                    </button>
                  </li>`,
              )}
              ${this._uploads.map(
                (u) =>
                  html`<li class="sr-file ${u.error ? 'sr-file-failed' : 'sr-file-uploading'}">
                    <span class="sr-file-name">${u.name}</span>
                    ${
                      u.error
                        ? html`<span class="form-error-message sr-file-error" role="alert">${u.error}</span>`
                        : html`<label class="sr-only" for="progress-${u.key}"
                              >${t('files.progress', { name: u.name })}</label
                            >
                            <progress id="progress-${u.key}" max="100" value=${Math.round(u.progress * 100)}>
                              ${Math.round(u.progress * 100)} %
                            </progress>`
                    }
                    <button
                      type="button"
                      class="button button-tertiary sr-file-cancel"
                      @click=${() => this._dismiss(u)}
                    >
                      ${u.error ? t('files.dismiss') : t('files.cancel')}<span class="sr-only"> ${u.name}</span>
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-attachments-field': SrAttachmentsField;
  }
}
