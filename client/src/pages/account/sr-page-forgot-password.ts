import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { requestPasswordReset } from '../../api/participants.ts';
import { FormController } from '../../app/form-controller.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { submitButton } from '../../components/fields.ts';
import { t } from '../../i18n/i18n.ts';
import { emailField, focusHeading } from './account-fields.ts';
import { validEmail } from './validation.ts';

/** `/forgot-password`: asks for a reset link; the answer never tells whether the address exists. */
@customElement('sr-page-forgot-password')
export class SrPageForgotPassword extends SrLightElement {
  @state() private _email = '';
  @state() private _sent = false;
  private readonly _form = new FormController(this);

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    await this._form.submit(
      () => (validEmail(this._email) ? new Map() : new Map([['forgot-email', t('errors.emailFormat')]])),
      async () => {
        await requestPasswordReset(this._email.trim());
        this._sent = true;
        await focusHeading(this);
      },
    );
  }

  protected override render() {
    if (this._sent) {
      return html`<h1 tabindex="-1">${t('forgot.sentTitle')}</h1>
        <p>${t('forgot.sentText', { email: this._email.trim() })}</p>`;
    }
    return html`<h1 tabindex="-1">${t('forgot.title')}</h1>
      <p>${t('forgot.intro')}</p>
      ${this._form.summary()}
      <form id="forgot-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${emailField(this._form, 'forgot-email', this._email, (v) => (this._email = v))}
        ${submitButton('forgot-submit', t('forgot.submit'), this._form.busy)}
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-forgot-password': SrPageForgotPassword;
  }
}
