import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { confirmPasswordReset, tokenFromHash } from '../../api/participants.ts';
import { FormController } from '../../app/form-controller.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { alert } from '../../components/alerts.ts';
import { submitButton } from '../../components/fields.ts';
import { t } from '../../i18n/i18n.ts';
import { checkNewPassword, focusHeading, newPasswordFields } from './account-fields.ts';

/** `/reset-password#token=…`: a new password from the mailed link. */
@customElement('sr-page-reset-password')
export class SrPageResetPassword extends SrLightElement {
  private readonly _token = tokenFromHash(location.hash);
  @state() private _password = '';
  @state() private _password2 = '';
  @state() private _done = false;
  private readonly _form = new FormController(this);

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    const token = this._token;
    if (!token) return;
    await this._form.submit(
      () => {
        const errors: FieldErrors = new Map();
        checkNewPassword(errors, 'reset-password', this._password, this._password2);
        return errors;
      },
      async () => {
        await confirmPasswordReset(token, this._password);
        history.replaceState(null, '', location.pathname);
        this._done = true;
        await focusHeading(this);
      },
    );
  }

  protected override render() {
    if (!this._token) {
      return html`<h1 tabindex="-1">${t('reset.title')}</h1>
        ${alert('error', t('confirm.noToken'), { live: false })}
        <p><a href="/forgot-password">${t('reset.askAgain')}</a></p>`;
    }
    if (this._done) {
      return html`<h1 tabindex="-1">${t('reset.doneTitle')}</h1>
        <p><a href="/login" class="button button-primary" id="reset-signin">${t('auth.signIn')}</a></p>`;
    }
    return html`<h1 tabindex="-1">${t('reset.title')}</h1>
      ${this._form.summary()}
      <form id="reset-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${newPasswordFields(this._form, {
          id: 'reset-password',
          label: t('reset.password'),
          password: this._password,
          password2: this._password2,
          onPassword: (v) => (this._password = v),
          onPassword2: (v) => (this._password2 = v),
        })}
        ${submitButton('reset-submit', t('reset.submit'), this._form.busy)}
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-reset-password': SrPageResetPassword;
  }
}
