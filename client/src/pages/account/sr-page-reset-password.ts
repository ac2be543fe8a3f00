import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { confirmPasswordReset, tokenFromHash } from '../../api/participants.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { alert, errorMessage } from '../../components/alerts.ts';
import { textField } from '../../components/fields.ts';
import '../../components/sr-error-summary.ts';
import { t } from '../../i18n/i18n.ts';
import '../../i18n/parts/debate.ts';

/** `/reset-password#token=…`: a new password from the mailed link. */
@customElement('sr-page-reset-password')
export class SrPageResetPassword extends SrLightElement {
  private readonly _token = tokenFromHash(location.hash);
  @state() private _password = '';
  @state() private _password2 = '';
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: string[] = [];
  @state() private _busy = false;
  @state() private _done = false;

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy || !this._token) return;
    const errors: FieldErrors = new Map();
    if (this._password.length < 12) errors.set('reset-password', t('errors.passwordLength'));
    if (this._password2 !== this._password) errors.set('reset-password2', t('register.passwordMismatch'));
    this._general = [];
    this._errors = errors;
    if (errors.size) return;
    this._busy = true;
    try {
      await confirmPasswordReset(this._token, this._password);
      history.replaceState(null, '', location.pathname);
      this._done = true;
      await this.updateComplete;
      this.querySelector<HTMLElement>('h1')?.focus();
    } catch (err) {
      this._general = [errorMessage(err)];
    } finally {
      this._busy = false;
    }
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
      <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      <form id="reset-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${textField({
          id: 'reset-password',
          label: t('reset.password'),
          hint: t('register.passwordHint'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          value: this._password,
          error: this._errors.get('reset-password'),
          onInput: (v) => (this._password = v),
        })}
        ${textField({
          id: 'reset-password2',
          label: t('register.password2'),
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          value: this._password2,
          error: this._errors.get('reset-password2'),
          onInput: (v) => (this._password2 = v),
        })}
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="reset-submit" ?disabled=${this._busy}>
            ${t('reset.submit')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-reset-password': SrPageResetPassword;
  }
}
