import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { EVIDENCE_ACCEPT, type Evidence } from '../../api/findings.ts';
import { formatBytes } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/** A file chosen for a finding, uploaded when it is saved, with its progress (0–1) or its error. */
export type Upload = { key: number; file: File; progress: number; error?: string };

/**
 * A finding's evidence (issue 13 story 1): the files it has, each downloadable and removable, a
 * file input (several files), and the chosen files each with its own progress bar while they upload.
 */
export function evidenceFieldset(o: {
  evidence: readonly Evidence[];
  queue: readonly Upload[];
  busy: boolean;
  onFiles: (e: Event) => void;
  onRemove: (id: string, name: string) => void;
}) {
  return html`<fieldset class="sr-section" aria-describedby="finding-evidence-hint">
    <legend class="h3">${t('findings.evidence.heading')}</legend>
    <span class="form-hint" id="finding-evidence-hint">${t('findings.evidence.hint')}</span>
    ${
      o.evidence.length
        ? html`<ul id="finding-evidence-list">
            ${o.evidence.map(
              (e) =>
                html`<li>
                  <a href=${e.url} download=${e.filename}>${e.filename}</a> (${formatBytes(e.sizeBytes)})
                  <button
                    type="button"
                    class="button button-tertiary"
                    ?disabled=${o.busy}
                    @click=${() => o.onRemove(e.id, e.filename)}
                  >
                    ${t('findings.evidence.remove')}<span class="sr-only">: ${e.filename}</span>
                  </button>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    <div class="form-group">
      <label class="form-label" for="finding-evidence">${t('findings.evidence.choose')}</label>
      <input
        type="file"
        class="form-input"
        id="finding-evidence"
        multiple
        accept=${EVIDENCE_ACCEPT}
        aria-describedby="finding-evidence-hint"
        @change=${o.onFiles}
      />
    </div>
    ${
      o.queue.length
        ? html`<ul id="finding-evidence-queue">
              ${repeat(
                o.queue,
                (u) => u.key,
                (u) =>
                  html`<li>
                    ${u.file.name} (${formatBytes(u.file.size)})
                    ${
                      u.error
                        ? html`<span class="form-error-message">${u.error}</span>`
                        : html`<label class="sr-only" for="finding-progress-${u.key}"
                              >${t('findings.evidence.progress', { name: u.file.name })}</label
                            >
                            <progress id="finding-progress-${u.key}" max="100" value=${Math.round(u.progress * 100)}>
                              ${Math.round(u.progress * 100)} %
                            </progress>`
                    }
                  </li>`,
              )}
            </ul>
            <p class="form-hint">${t('findings.evidence.onSave')}</p>`
        : nothing
    }
  </fieldset>`;
}
