import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { login } from '../../api/auth.ts';
import { getProviders, loginUrl, type Providers } from '../../api/identity.ts';
import { ApiError } from '../../api/http.ts';
import { FormController } from '../../app/form-controller.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { navigate, safeNext } from '../../app/navigation.ts';
import { SessionController, setUser } from '../../app/session.ts';
import { errorMessage } from '../../components/alerts.ts';
import { submitButton } from '../../components/fields.ts';
import { getLocale, t } from '../../i18n/i18n.ts';
import { identityErrorText } from '../identity/identity-errors.ts';
import { validEmail } from './validation.ts';

/** `/login`: e-mail and password; back to `?next=` (a path on this site) when signed in. */
@customElement('sr-page-login')
export class SrPageLogin extends SrLightElement {
  private readonly _session = new SessionController(this);
  @state() private _email = '';
  @state() private _password = '';
  /** Shown once the server said the account uses two-step sign-in (SECOND_FACTOR_REQUIRED). */
  @state() private _needsCode = false;
  @state() private _code = '';
  private readonly _form = new FormController(this);
  /** MitID brokers and staff sign-in, when the deployment has them (issue 15). */
  @state() private _providers: Providers | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    getProviders().then(
      (p) => (this._providers = p),
      () => (this._providers = null),
    );
  }

  private _identityButtons() {
    const p = this._providers;
    if (!p || (p.brokers.length === 0 && !p.staff)) return '';
    const next = this._next;
    const locale = getLocale();
    return html`<ul class="sr-identity-providers" id="login-providers">
        ${p.brokers.map(
          (b) =>
            html`<li>
              <a class="button button-primary" id=${`login-eid-${b.id}`} href=${loginUrl(b.id, next, locale)}
                >${t('identity.signInWith', { label: b.label })}</a
              >
            </li>`,
        )}
        ${
          p.staff
            ? html`<li>
                <a class="button button-secondary" id="login-staff" href=${loginUrl('staff', next, locale)}
                  >${t('identity.staff', { label: p.staff.label })}</a
                >
              </li>`
            : ''
        }
      </ul>
      <p>${t('identity.or')}</p>`;
  }

  private get _next(): string {
    return safeNext(new URLSearchParams(location.search).get('next'));
  }

  private _validate(): FieldErrors {
    const errors: FieldErrors = new Map();
    if (!this._email.trim()) errors.set('login-email', t('errors.required', { field: t('login.email') }));
    else if (!validEmail(this._email)) errors.set('login-email', t('errors.emailFormat'));
    if (!this._password) errors.set('login-password', t('errors.required', { field: t('login.password') }));
    return errors;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    await this._form.submit(
      () => this._validate(),
      async () => {
        const me = await login(this._email.trim(), this._password, this._needsCode ? this._code.trim() : undefined);
        setUser(me);
        navigate(this._next, { replace: true });
      },
      (err) => {
        if (
          err instanceof ApiError &&
          (err.code === 'SECOND_FACTOR_REQUIRED' || err.code === 'SECOND_FACTOR_INVALID')
        ) {
          // The password was right: keep it, and ask for the code (focus goes to the field).
          const first = !this._needsCode;
          this._needsCode = true;
          this._code = '';
          this._form.errors = first ? new Map() : new Map([['login-code', errorMessage(err)]]);
          if (first) void this.updateComplete.then(() => this.querySelector<HTMLInputElement>('#login-code')?.focus());
          return;
        }
        this._password = '';
        if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') {
          this._form.errors = new Map([['login-email', errorMessage(err)]]);
        } else {
          this._form.general = [errorMessage(err)];
        }
      },
    );
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
      ${identityErrorText(new URLSearchParams(location.search).get('identity_error'), 'login-identity-error')}
      ${this._identityButtons()} ${this._form.summary()}
      <form id="login-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${this._form.text({
          id: 'login-email',
          name: 'email',
          label: t('login.email'),
          type: 'email',
          autocomplete: 'username',
          required: true,
          value: this._email,
          onInput: (v) => (this._email = v),
        })}
        ${this._form.text({
          id: 'login-password',
          name: 'password',
          label: t('login.password'),
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          value: this._password,
          onInput: (v) => (this._password = v),
        })}
        ${
          this._needsCode
            ? this._form.text({
                id: 'login-code',
                name: 'code',
                label: t('login.code'),
                hint: t('login.codeHint'),
                autocomplete: 'one-time-code',
                width: 's',
                maxlength: 20,
                required: true,
                value: this._code,
                onInput: (v) => (this._code = v),
              })
            : ''
        }
        ${submitButton('login-submit', this._form.busy ? t('login.submitting') : t('login.submit'), this._form.busy)}
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
