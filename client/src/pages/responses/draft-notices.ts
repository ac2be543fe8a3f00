import { html, nothing } from 'lit';
import { alert } from '../../components/alerts.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/**
 * What the respond and the edit page say about the draft autosaved in this browser (issue 9): that
 * one was restored (with the button that drops it), that typing is saved, and that saving failed.
 */
export function draftNotices(o: {
  /** When the restored draft was saved; null shows no notice. */
  restoredAt: string | null;
  restoredText: (time: string) => string;
  /** The notice's id; its button's is `buttonId`. */
  id: string;
  buttonId: string;
  buttonLabel: string;
  onDrop: () => void;
  /** The hint that typing is saved; null shows none. */
  hint: string | null;
  saveFailed: boolean;
}) {
  return html`${
    o.restoredAt
      ? html`<div class="sr-draft-notice">
          ${alert(
            'info',
            html`${o.restoredText(formatDateTime(o.restoredAt))}
              <p>
                <button type="button" class="button button-tertiary" id=${o.buttonId} @click=${o.onDrop}>
                  ${o.buttonLabel}
                </button>
              </p>`,
            { id: o.id, live: false },
          )}
        </div>`
      : nothing
  }
  ${o.hint === null ? nothing : html`<p class="form-hint">${o.hint}</p>`}
  ${o.saveFailed ? alert('warning', t('resp.saveFailed')) : nothing}`;
}
