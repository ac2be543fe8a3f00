import { html, nothing } from 'lit';
import { announce } from '../../app/navigation.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { t } from '../../i18n/i18n.ts';

/** Copies text; falls back to selecting the field so the user can copy it. */
async function copy(text: string, fieldId: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    announce(t('receipt.copied'));
  } catch {
    const field = document.getElementById(fieldId) as HTMLInputElement | null;
    field?.focus();
    field?.select();
    announce(t('receipt.copyManually'));
  }
}

/** The receipt: code, time, fingerprint (explained) and, when there is one, the private edit link. */
export function receiptDetails(r: {
  receiptCode: string;
  submittedAt: string;
  fingerprint: string;
  editLink: string | null;
  version?: number | undefined;
}) {
  return html`<dl class="sr-facts sr-receipt">
      <div>
        <dt>${t('receipt.code')}</dt>
        <dd><strong class="sr-receipt-code" id="receipt-code">${r.receiptCode}</strong></dd>
      </div>
      <div>
        <dt>${t('receipt.time')}</dt>
        <dd><time datetime=${r.submittedAt} id="receipt-time">${formatDateTime(r.submittedAt)}</time></dd>
      </div>
      ${
        r.version && r.version > 1
          ? html`<div>
              <dt>${t('receipt.version')}</dt>
              <dd>${r.version}</dd>
            </div>`
          : nothing
      }
      <div>
        <dt>${t('receipt.fingerprint')}</dt>
        <dd>
          <code class="sr-fingerprint" id="receipt-fingerprint">${r.fingerprint}</code>
          <span class="form-hint">${t('receipt.fingerprintHint')}</span>
        </dd>
      </div>
    </dl>
    ${
      r.editLink
        ? html`<div class="form-group sr-edit-link">
            <label class="form-label" for="receipt-edit-link">${t('receipt.editLink')}</label>
            <span class="form-hint" id="receipt-edit-link-hint">${t('receipt.editLinkHint')}</span>
            <input
              class="form-input"
              id="receipt-edit-link"
              type="text"
              readonly
              aria-describedby="receipt-edit-link-hint"
              .value=${r.editLink}
            />
            <p class="sr-actions">
              <button
                type="button"
                class="button button-secondary"
                id="receipt-copy"
                @click=${() => void copy(r.editLink!, 'receipt-edit-link')}
              >
                ${t('receipt.copy')}
              </button>
              <a
                class="button button-tertiary"
                id="receipt-open-edit"
                href=${new URL(r.editLink).pathname + new URL(r.editLink).hash}
                >${t('receipt.openEdit')}</a
              >
            </p>
          </div>`
        : nothing
    }`;
}
