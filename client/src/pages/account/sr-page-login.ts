import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { login } from '../../api/auth.ts';
import { ApiError } from '../../api/http.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { navigate, safeNext } from '../../app/navigation.ts';
import { SessionController, setUser } from '../../app/session.ts';
import { errorMessage } from '../../components/alerts.ts';
import { textField } from '../../components/fields.ts';
import '../../components/sr-error-summary.ts';
import { t } from '../../i18n/i18n.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `/login`: e-mail and password; back to `?next=` (a path on this site) when signed in. */
@customElement('sr-page-login')
export class SrPageLogin extends SrLightElement {
  private readonly _session = new SessionController(this);
  @state() private _email = '';
  @state() private _password = '';
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: string[] = [];
  @state() private _busy = false;

  private get _next(): string {
    return safeNext(new URLSearchParams(location.search).get('next'));
  }

  private _validate(): FieldErrors {
    const errors: FieldErrors = new Map();
    if (!this._email.trim()) errors.set('login-email', t('errors.required', { field: t('login.email') }));
    else if (!EMAIL.test(this._email.trim())) errors.set('login-email', t('errors.emailFormat'));
    if (!this._password) errors.set('login-password', t('errors.required', { field: t('login.password') }));
    return errors;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const errors = this._validate();
    this._general = [];
    this._errors = errors;
    if (errors.size) return;
    this._busy = true;
    try {
      const me = await login(this._email.trim(), this._password);
      setUser(me);
      navigate(this._next, { replace: true });
    } catch (err) {
      this._password = '';
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') {
        this._errors = new Map([['login-email', errorMessage(err)]]);
      } else {
        this._general = [errorMessage(err)];
      }
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const user = this._session.user;
    if (user) {
      return html`<h1 tabindex="-1">${t('login.title')}</h1>
        <p>${t('login.alreadySignedIn', { name: user.displayName })}</p>
        <p><a href=${this._next} class="button button-primary">${t('login.continue')}</a></p>`;
    }
    return html`<h1 tabindex="-1">${t('login.title')}</h1>
      <p>${t('login.intro')}</p>
      <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      <form id="login-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${textField({
          id: 'login-email',
          name: 'email',
          label: t('login.email'),
          type: 'email',
          autocomplete: 'username',
          required: true,
          value: this._email,
          error: this._errors.get('login-email'),
          onInput: (v) => (this._email = v),
        })}
        ${textField({
          id: 'login-password',
          name: 'password',
          label: t('login.password'),
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          value: this._password,
          error: this._errors.get('login-password'),
          onInput: (v) => (this._password = v),
        })}
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="login-submit" ?disabled=${this._busy}>
            ${this._busy ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
      <p id="login-register">${t('login.register')} <a href="/register">${t('nav.register')}</a></p>
      <p><a href="/forgot-password" id="login-forgot">${t('login.forgot')}</a></p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-login': SrPageLogin;
  }
}
