import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type ExportFormat, type ExportView, getExport, startExport } from '../../api/exports.ts';
import { announce } from '../../app/navigation.ts';
import { SrLightElement } from '../../app/light-element.ts';
import type { InboxFilters } from '../../data/inbox-filter.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { getLocale, t } from '../../i18n/i18n.ts';
import { errorAlert } from '../../components/alerts.ts';

const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'jsonl'];

/**
 * The inbox's Export menu (issue 12 story 4): the view as it is filtered, with its codings, as CSV,
 * XLSX or JSONL. A small view downloads at once; a large one runs as a background job whose
 * progress is shown (polled each second), then a download link that expires.
 */
@customElement('sr-inbox-export')
export class SrInboxExport extends SrLightElement {
  @property() consultationId = '';
  @property({ attribute: false }) filters: InboxFilters | null = null;
  @state() private _job: ExportView | null = null;
  @state() private _link = '';
  @state() private _busy = false;
  @state() private _failure: unknown = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  private async _export(format: ExportFormat): Promise<void> {
    if (this._busy || !this.filters) return;
    this._busy = true;
    this._failure = null;
    try {
      const r = await startExport(this.consultationId, this.filters, format, getLocale());
      if (r.mode === 'direct') {
        const a = document.createElement('a');
        a.href = r.url;
        a.download = '';
        a.click();
        announce(t('exports.started'));
      } else {
        this._job = r.export;
        this._link = r.downloadUrl;
        this._poll();
        await this.updateComplete;
        this.querySelector<HTMLElement>('#inbox-export-status')?.focus();
      }
    } catch (err) {
      this._failure = err;
    } finally {
      this._busy = false;
    }
  }

  private _poll(): void {
    clearTimeout(this._timer);
    const job = this._job;
    if (!job || job.status === 'done' || job.status === 'failed') {
      if (job) announce(job.status === 'done' ? t('exports.ready') : t('exports.failed'));
      return;
    }
    this._timer = setTimeout(() => {
      getExport(this.consultationId, job.id).then(
        (v) => {
          this._job = v;
          this._poll();
        },
        (e: unknown) => (this._failure = e),
      );
    }, 1000);
  }

  private _status(job: ExportView) {
    if (job.status === 'done') {
      return html`<p>
        <a href=${this._link} id="inbox-export-download" download>${t('exports.download')}</a>
        ${job.expiresAt ? t('exports.expires', { at: formatDateTime(job.expiresAt) }) : nothing}
      </p>`;
    }
    if (job.status === 'failed') return html`<p>${t('exports.failed')}</p>`;
    const total = Math.max(1, job.total);
    return html`<label class="form-label" for="inbox-export-progress"
        >${t('exports.progress', { done: job.doneCount, total: job.total })}</label
      >
      <progress id="inbox-export-progress" max=${total} .value=${Math.min(job.doneCount, total)}></progress>`;
  }

  protected override render() {
    return html`<details class="sr-inbox-export" id="inbox-export">
      <summary>${t('exports.menu')}</summary>
      <p>${t('exports.intro')}</p>
      <ul class="sr-anchor-list">
        ${FORMATS.map(
          (f) =>
            html`<li>
              <button
                type="button"
                class="button button-secondary"
                id="inbox-export-${f}"
                ?disabled=${this._busy}
                @click=${() => void this._export(f)}
              >
                ${t(`exports.as.${f}`)}
              </button>
            </li>`,
        )}
      </ul>
      ${
        this._job
          ? html`<div id="inbox-export-status" tabindex="-1" role="status">${this._status(this._job)}</div>`
          : nothing
      }
      ${this._failure ? errorAlert(this._failure) : nothing}
    </details>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-inbox-export': SrInboxExport;
  }
}
