import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { register } from '../../api/participants.ts';
import { FormController } from '../../app/form-controller.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { submitButton } from '../../components/fields.ts';
import { getLocale, t } from '../../i18n/i18n.ts';
import {
  checkNewPassword,
  displayNameField,
  emailField,
  focusHeading,
  localeField,
  newPasswordFields,
} from './account-fields.ts';
import { validEmail } from './validation.ts';

/**
 * `/register`: a participant account (e-mail, display name, password twice, language). The answer
 * is always "check your e-mail", whether or not the address already has an account.
 */
@customElement('sr-page-register')
export class SrPageRegister extends SrLightElement {
  @state() private _email = '';
  @state() private _name = '';
  @state() private _password = '';
  @state() private _password2 = '';
  @state() private _locale: 'da' | 'en' = getLocale();
  @state() private _sent = false;
  private readonly _form = new FormController(this);

  private _validate(): FieldErrors {
    const e: FieldErrors = new Map();
    if (!this._email.trim()) e.set('register-email', t('errors.required', { field: t('register.email') }));
    else if (!validEmail(this._email)) e.set('register-email', t('errors.emailFormat'));
    if (!this._name.trim()) e.set('register-name', t('errors.required', { field: t('register.displayName') }));
    checkNewPassword(e, 'register-password', this._password, this._password2);
    return e;
  }

  private async _onSubmit(ev: Event): Promise<void> {
    ev.preventDefault();
    await this._form.submit(
      () => this._validate(),
      async () => {
        await register({
          email: this._email.trim(),
          password: this._password,
          displayName: this._name.trim(),
          locale: this._locale,
        });
        this._sent = true;
        this._password = this._password2 = '';
        await focusHeading(this);
      },
    );
  }

  protected override render() {
    if (this._sent) {
      return html`<h1 tabindex="-1" id="register-sent">${t('register.sentTitle')}</h1>
        <p>${t('register.sentText', { email: this._email.trim() })}</p>
        <p>${t('register.sentHint')}</p>
        <p><a href="/login">${t('auth.signIn')}</a></p>`;
    }
    return html`<h1 tabindex="-1">${t('register.title')}</h1>
      <p>${t('register.intro')}</p>
      ${this._form.summary()}
      <form id="register-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${emailField(this._form, 'register-email', this._email, (v) => (this._email = v))}
        ${displayNameField(this._form, 'register-name', this._name, (v) => (this._name = v))}
        ${newPasswordFields(this._form, {
          id: 'register-password',
          label: t('register.password'),
          password: this._password,
          password2: this._password2,
          onPassword: (v) => (this._password = v),
          onPassword2: (v) => (this._password2 = v),
        })}
        ${localeField({
          id: 'register-locale',
          hint: t('register.localeHint'),
          value: this._locale,
          onChange: (v) => (this._locale = v),
        })}
        ${submitButton('register-submit', t('register.submit'), this._form.busy)}
      </form>
      <p>${t('register.haveAccount')} <a href="/login">${t('auth.signIn')}</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-register': SrPageRegister;
  }
}
