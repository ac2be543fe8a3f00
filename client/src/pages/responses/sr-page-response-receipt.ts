import '../../components/responses/responses.css';
import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { SrLightElement } from '../../app/light-element.ts';
import { alert } from '../../components/alerts.ts';
import { editLink, readReceipt, type ReceiptHandoff } from '../../data/response-draft.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/responses.ts';
import { receiptDetails } from './receipt-view.ts';

/**
 * `/responses/receipt`: shown after a submission. The receipt comes from sessionStorage (never the
 * URL, so the edit token stays out of history and logs).
 */
@customElement('sr-page-response-receipt')
export class SrPageResponseReceipt extends SrLightElement {
  @state() private _receipt: ReceiptHandoff | null = readReceipt();

  protected override render() {
    const r = this._receipt;
    if (!r)
      return html`<h1 tabindex="-1">${t('receipt.title')}</h1>
        ${alert('info', t('receipt.none'), { live: false })}
        <p><a href="/">${t('notFound.home')}</a></p>`;
    return html`<h1 tabindex="-1">${t('receipt.title')}</h1>
      ${alert(
        'success',
        html`${t('receipt.thanks')} <span lang=${locLang(r.consultationTitle)}>${loc(r.consultationTitle)}</span>`,
        {
          heading: t('receipt.heading'),
          id: 'receipt-success',
        },
      )}
      ${receiptDetails({
        receiptCode: r.receiptCode,
        submittedAt: r.submittedAt,
        fingerprint: r.fingerprint,
        editLink: r.editToken ? editLink(r.editToken) : null,
      })}
      <p id="receipt-mailed">${t('receipt.mailed', { email: r.email })}</p>
      <p><a href="/consultations/${encodeURIComponent(r.consultationSlug)}">${t('receipt.back')}</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-response-receipt': SrPageResponseReceipt;
  }
}
