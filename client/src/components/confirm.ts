import { html, type TemplateResult } from 'lit';
import { t } from '../i18n/i18n.ts';

/**
 * A question asked in place before something is deleted (a comment, a ballot, a question): a group
 * labelled by the question, with the button that does it and the one that cancels.
 */
export function confirmGroup(o: {
  className: string;
  questionId: string;
  question: unknown;
  confirmId: string;
  confirmLabel: string;
  busy?: boolean;
  small?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}): TemplateResult {
  const size = o.small ? ' button-small' : '';
  return html`<div class=${o.className} role="group" aria-labelledby=${o.questionId}>
    <p id=${o.questionId}>${o.question}</p>
    <div class="sr-actions">
      <button
        type="button"
        class="button button-primary${size}"
        id=${o.confirmId}
        ?disabled=${!!o.busy}
        @click=${o.onConfirm}
      >
        ${o.confirmLabel}
      </button>
      <button type="button" class="button button-secondary${size}" @click=${o.onCancel}>${t('common.cancel')}</button>
    </div>
  </div>`;
}
