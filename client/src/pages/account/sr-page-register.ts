import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { register } from '../../api/participants.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { errorMessage } from '../../components/alerts.ts';
import { selectField, textField } from '../../components/fields.ts';
import '../../components/sr-error-summary.ts';
import { getLocale, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/debate.ts';
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
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: string[] = [];
  @state() private _busy = false;
  @state() private _sent = false;

  private _validate(): FieldErrors {
    const e: FieldErrors = new Map();
    if (!this._email.trim()) e.set('register-email', t('errors.required', { field: t('register.email') }));
    else if (!validEmail(this._email)) e.set('register-email', t('errors.emailFormat'));
    if (!this._name.trim()) e.set('register-name', t('errors.required', { field: t('register.displayName') }));
    if (this._password.length < 12) e.set('register-password', t('errors.passwordLength'));
    if (this._password2 !== this._password) e.set('register-password2', t('register.passwordMismatch'));
    return e;
  }

  private async _onSubmit(ev: Event): Promise<void> {
    ev.preventDefault();
    if (this._busy) return;
    this._general = [];
    this._errors = this._validate();
    if (this._errors.size) return;
    this._busy = true;
    try {
      await register({
        email: this._email.trim(),
        password: this._password,
        displayName: this._name.trim(),
        locale: this._locale,
      });
      this._sent = true;
      this._password = this._password2 = '';
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
      return html`<h1 tabindex="-1" id="register-sent">${t('register.sentTitle')}</h1>
        <p>${t('register.sentText', { email: this._email.trim() })}</p>
        <p>${t('register.sentHint')}</p>
        <p><a href="/login">${t('auth.signIn')}</a></p>`;
    }
    return html`<h1 tabindex="-1">${t('register.title')}</h1>
      <p>${t('register.intro')}</p>
      <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      <form id="register-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${textField({
          id: 'register-email',
          label: t('register.email'),
          type: 'email',
          autocomplete: 'email',
          required: true,
          value: this._email,
          error: this._errors.get('register-email'),
          onInput: (v) => (this._email = v),
        })}
        ${textField({
          id: 'register-name',
          label: t('register.displayName'),
          hint: t('register.displayNameHint'),
          autocomplete: 'name',
          required: true,
          maxlength: 200,
          value: this._name,
          error: this._errors.get('register-name'),
          onInput: (v) => (this._name = v),
        })}
        ${textField({
          id: 'register-password',
          label: t('register.password'),
          hint: t('register.passwordHint'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          value: this._password,
          error: this._errors.get('register-password'),
          onInput: (v) => (this._password = v),
        })}
        ${textField({
          id: 'register-password2',
          label: t('register.password2'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          value: this._password2,
          error: this._errors.get('register-password2'),
          onInput: (v) => (this._password2 = v),
        })}
        ${selectField({
          id: 'register-locale',
          label: t('register.locale'),
          hint: t('register.localeHint'),
          value: this._locale,
          options: [
            { value: 'da', label: t('common.languageDa') },
            { value: 'en', label: t('common.languageEn') },
          ],
          onChange: (v) => (this._locale = v === 'en' ? 'en' : 'da'),
        })}
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="register-submit" ?disabled=${this._busy}>
            ${t('register.submit')}
          </button>
        </div>
      </form>
      <p>${t('register.haveAccount')} <a href="/login">${t('auth.signIn')}</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-register': SrPageRegister;
  }
}
