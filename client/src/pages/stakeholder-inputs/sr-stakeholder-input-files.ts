import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ACCEPT } from '../../api/attachments.ts';
import { ApiError } from '../../api/http.ts';
import {
  getInput,
  type InputFile,
  removeInputFile,
  setInputFilePublic,
  type StakeholderInput,
  uploadInputFile,
} from '../../api/stakeholder-inputs.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { errorAlert } from '../../components/alerts.ts';
import { formatBytes } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

type Upload = { key: number; name: string; progress: number; error?: string };

function uploadError(err: unknown, name: string): string {
  if (err instanceof ApiError && err.status === 413) return t('sinputs.files.tooLarge', { name });
  if (err instanceof ApiError && err.status === 415) return t('sinputs.files.wrongType', { name });
  return t('sinputs.files.failed', { name });
}

/**
 * The files of a stakeholder input on its edit page (issue 13 story 4): each file chosen is uploaded
 * at once with its own labelled `<progress>`, as the response form's files are; a file can be
 * marked public or internal and removed. Part of the page (it saves), so it does I/O.
 *
 * @fires sr-input-files-changed - the input's files changed; `detail.version` is its new version
 */
@customElement('sr-stakeholder-input-files')
export class SrStakeholderInputFiles extends SrLightElement {
  @property() consultationId = '';
  @property({ attribute: false }) input!: StakeholderInput;
  @state() private _files: InputFile[] | null = null;
  @state() private _uploads: Upload[] = [];
  @state() private _public = true;
  @state() private _failure: unknown = null;
  private _next = 0;

  private get _list(): InputFile[] {
    return this._files ?? this.input.files;
  }

  private async _refresh(): Promise<void> {
    const fresh = await getInput(this.consultationId, this.input.id);
    this._files = fresh.files;
    this.dispatchEvent(
      new CustomEvent('sr-input-files-changed', { detail: { version: fresh.version }, bubbles: true }),
    );
  }

  private _pick(e: Event): void {
    const el = e.target as HTMLInputElement;
    const files = Array.from(el.files ?? []);
    el.value = '';
    for (const file of files) void this._upload(file);
  }

  private async _upload(file: File): Promise<void> {
    const up: Upload = { key: ++this._next, name: file.name, progress: 0 };
    this._uploads = [...this._uploads, up];
    announce(t('sinputs.files.uploading', { name: file.name }));
    try {
      await uploadInputFile(
        this.consultationId,
        this.input.id,
        file,
        (p) => {
          up.progress = p;
          this.requestUpdate();
        },
        { public: this._public },
      ).promise;
      this._uploads = this._uploads.filter((u) => u !== up);
      await this._refresh();
      announce(t('sinputs.files.uploaded', { name: file.name }));
    } catch (err) {
      up.error = uploadError(err, file.name);
      this._uploads = [...this._uploads];
      announce(up.error);
    }
  }

  private async _remove(f: InputFile, i: number): Promise<void> {
    try {
      await removeInputFile(this.consultationId, this.input.id, f.id);
      await this._refresh();
      announce(t('sinputs.files.removed', { name: f.filename }));
      await this.updateComplete;
      const buttons = this.querySelectorAll<HTMLElement>('.sr-input-file-remove');
      (buttons[Math.min(i, buttons.length - 1)] ?? this.querySelector<HTMLElement>('#sinput-files-input'))?.focus();
    } catch (err) {
      this._failure = err;
    }
  }

  private async _setPublic(f: InputFile, on: boolean): Promise<void> {
    try {
      await setInputFilePublic(this.consultationId, this.input.id, f.id, on);
      await this._refresh();
    } catch (err) {
      this._failure = err;
    }
  }

  protected override render() {
    const list = this._list;
    return html`<section class="sr-section" aria-labelledby="sinput-files-heading">
      <h2 id="sinput-files-heading" tabindex="-1">${t('sinputs.files.heading')}</h2>
      ${this._failure ? errorAlert(this._failure) : nothing}
      ${
        list.length
          ? html`<ul class="nobullet-list" id="sinput-file-list">
              ${list.map(
                (f, i) =>
                  html`<li class="sr-input-file">
                    <a href=${f.url} download=${f.filename}>${f.filename}</a> (${formatBytes(f.sizeBytes)}) ·
                    ${t(`sinputs.extraction.${f.extraction}`)}
                    <div class="form-group-checkbox">
                      <input
                        type="checkbox"
                        class="form-checkbox"
                        id="sinput-file-${i + 1}-public"
                        .checked=${live(f.public)}
                        @change=${(e: Event) => void this._setPublic(f, (e.target as HTMLInputElement).checked)}
                      />
                      <label class="form-label" for="sinput-file-${i + 1}-public"
                        >${t('sinputs.files.publicToggle', { name: f.filename })}</label
                      >
                    </div>
                    <button
                      type="button"
                      class="button button-secondary button-small sr-input-file-remove"
                      id="sinput-file-${i + 1}-remove"
                      @click=${() => void this._remove(f, i)}
                    >
                      ${t('sinputs.files.remove', { name: f.filename })}
                    </button>
                  </li>`,
              )}
            </ul>`
          : html`<p class="sr-empty">${t('sinputs.files.none')}</p>`
      }
      <div class="form-group-checkbox">
        <input
          type="checkbox"
          class="form-checkbox"
          id="sinput-files-public"
          .checked=${live(this._public)}
          @change=${(e: Event) => (this._public = (e.target as HTMLInputElement).checked)}
        />
        <label class="form-label" for="sinput-files-public">${t('sinputs.files.public')}</label>
      </div>
      <div class="form-group">
        <label class="form-label" for="sinput-files-input">${t('sinputs.files.label')}</label>
        <span class="form-hint" id="sinput-files-hint">${t('sinputs.files.hint')}</span>
        <input
          type="file"
          id="sinput-files-input"
          class="form-file-input"
          multiple
          accept=${ACCEPT}
          aria-describedby="sinput-files-hint"
          @change=${(e: Event) => this._pick(e)}
        />
      </div>
      <ul class="nobullet-list" aria-live="polite" id="sinput-uploads">
        ${this._uploads.map(
          (u) =>
            html`<li>
              ${
                u.error
                  ? html`<span class="form-error-message">${u.error}</span>`
                  : html`<label for="sinput-upload-${u.key}">${t('sinputs.files.uploading', { name: u.name })}</label>
                      <progress id="sinput-upload-${u.key}" max="100" value=${Math.round(u.progress * 100)}>
                        ${Math.round(u.progress * 100)} %
                      </progress>`
              }
            </li>`,
        )}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-stakeholder-input-files': SrStakeholderInputFiles;
  }
}
