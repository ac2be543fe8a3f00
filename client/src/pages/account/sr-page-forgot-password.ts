import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { requestPasswordReset } from '../../api/participants.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { errorMessage } from '../../components/alerts.ts';
import { textField } from '../../components/fields.ts';
import '../../components/sr-error-summary.ts';
import { t } from '../../i18n/i18n.ts';
import '../../i18n/parts/debate.ts';
import { validEmail } from './validation.ts';

/** `/forgot-password`: asks for a reset link; the answer never tells whether the address exists. */
@customElement('sr-page-forgot-password')
export class SrPageForgotPassword extends SrLightElement {
  @state() private _email = '';
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: string[] = [];
  @state() private _busy = false;
  @state() private _sent = false;

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this._general = [];
    this._errors = validEmail(this._email) ? new Map() : new Map([['forgot-email', t('errors.emailFormat')]]);
    if (this._errors.size) return;
    this._busy = true;
    try {
      await requestPasswordReset(this._email.trim());
      this._sent = true;
      await this.updateComplete;
      this.querySelector<HTMLElement>('h1')?.focus();
    } catch (err) {
      this._general = [errorMessage(err)];
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    if (this._sent) {
      return html`<h1 tabindex="-1">${t('forgot.sentTitle')}</h1>
        <p>${t('forgot.sentText', { email: this._email.trim() })}</p>`;
    }
    return html`<h1 tabindex="-1">${t('forgot.title')}</h1>
      <p>${t('forgot.intro')}</p>
      <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      <form id="forgot-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${textField({
          id: 'forgot-email',
          label: t('register.email'),
          type: 'email',
          autocomplete: 'email',
          required: true,
          value: this._email,
          error: this._errors.get('forgot-email'),
          onInput: (v) => (this._email = v),
        })}
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="forgot-submit" ?disabled=${this._busy}>
            ${t('forgot.submit')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-forgot-password': SrPageForgotPassword;
  }
}
