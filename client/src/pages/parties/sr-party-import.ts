import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { commitPartyImport, type ImportPreview, previewPartyImport } from '../../api/parties.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { t } from '../../i18n/i18n.ts';

/**
 * The directory's CSV import (issue 13 story 2): the file is checked first (a preview with each
 * row's errors, nothing written), then imported whole or not at all. Part of sr-page-parties; it
 * fetches, so it lives with the page.
 */
@customElement('sr-party-import')
export class SrPartyImport extends SrLightElement {
  /** Called after an import, so the page lists the new parties. */
  @property({ attribute: false }) onImported: () => unknown = () => undefined;
  @state() private _csv = '';
  @state() private _preview: ImportPreview | null = null;
  @state() private _failure: unknown = null;
  @state() private _done = '';
  @state() private _busy = false;

  private async _onFile(e: Event) {
    const file = (e.target as HTMLInputElement).files?.[0];
    this._preview = null;
    this._done = '';
    this._csv = file ? await file.text() : '';
  }

  private async _run(what: 'preview' | 'commit') {
    if (this._busy || !this._csv) return;
    this._busy = true;
    this._failure = null;
    try {
      if (what === 'preview') {
        this._preview = await previewPartyImport(this._csv);
        announce(t('parties.import.summary', { rows: this._preview.rowCount, errors: this._preview.errorCount }));
      } else {
        const r = await commitPartyImport(this._csv);
        this._done = t('parties.import.done', { count: r.created });
        this._preview = null;
        this._csv = '';
        this.querySelector<HTMLInputElement>('#party-import-file')!.value = '';
        await this.onImported();
        announce(this._done);
      }
    } catch (err) {
      this._failure = err;
    } finally {
      this._busy = false;
    }
  }

  private _rows(p: ImportPreview) {
    return html`<p id="party-import-summary">
        ${t('parties.import.summary', { rows: p.rowCount, errors: p.errorCount })}
      </p>
      <div
        class="table--responsive-scroll sr-table-scroll"
        tabindex="0"
        role="region"
        aria-label=${t('parties.import.caption')}
      >
        <table class="table" id="party-import-rows">
          <caption>
            ${t('parties.import.caption')}
          </caption>
          <thead>
            <tr>
              <th scope="col">${t('parties.import.line')}</th>
              <th scope="col">${t('parties.col.name')}</th>
              <th scope="col">${t('parties.col.kind')}</th>
              <th scope="col">${t('parties.col.cvr')}</th>
              <th scope="col">${t('parties.import.errors')}</th>
            </tr>
          </thead>
          <tbody>
            ${p.rows.map(
              (r) =>
                html`<tr>
                  <td>${r.rowNo}</td>
                  <th scope="row">${r.name}</th>
                  <td>${r.kind}</td>
                  <td>${r.cvr ?? ''}</td>
                  <td>
                    ${
                      r.errors.length === 0
                        ? t('parties.import.ok')
                        : html`<ul class="sr-party-plain">
                            ${r.errors.map((e) => html`<li><span lang="en">${e.field}: ${e.message}</span></li>`)}
                          </ul>`
                    }
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  protected override render() {
    const p = this._preview;
    return html`<section aria-labelledby="party-import-heading">
      <h2 id="party-import-heading">${t('parties.import.heading')}</h2>
      <p class="form-hint" id="party-import-hint">${t('parties.import.hint')}</p>
      ${this._done ? alert('success', this._done, { live: false }) : nothing}
      ${this._failure ? errorAlert(this._failure) : nothing}
      <div class="form-group">
        <label class="form-label" for="party-import-file">${t('parties.import.file')}</label>
        <input
          type="file"
          id="party-import-file"
          class="form-input"
          accept=".csv,text/csv"
          aria-describedby="party-import-hint"
          @change=${(e: Event) => void this._onFile(e)}
        />
      </div>
      <div class="sr-actions">
        <button
          type="button"
          class="button button-secondary"
          id="party-import-preview"
          ?disabled=${this._busy || !this._csv}
          @click=${() => void this._run('preview')}
        >
          ${t('parties.import.preview')}
        </button>
        ${
          p && p.errorCount === 0 && p.rowCount > 0
            ? html`<button
                type="button"
                class="button button-primary"
                id="party-import-commit"
                ?disabled=${this._busy}
                @click=${() => void this._run('commit')}
              >
                ${t('parties.import.commit')}
              </button>`
            : nothing
        }
      </div>
      ${p ? this._rows(p) : nothing}
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-party-import': SrPartyImport;
  }
}
