import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getPending, requestLink } from '../../api/identity.ts';
import { FormController } from '../../app/form-controller.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { alert, loading } from '../../components/alerts.ts';
import { submitButton } from '../../components/fields.ts';
import { getLocale, t } from '../../i18n/i18n.ts';
import { validEmail } from '../account/validation.ts';

const tokenFromHash = () => new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

/**
 * `/eid/link#token=…`: a first MitID sign-in names its e-mail address (issue 15). The confirmation
 * link mailed to it links the MitID person to the account (a new one, or the existing one of that
 * address); the next MitID sign-in goes straight in. The token is the server's pending sign-in,
 * kept in the fragment (never sent in a request line).
 */
@customElement('sr-page-eid-link')
export class SrPageEidLink extends SrLightElement implements SrPage {
  private readonly _token = tokenFromHash();
  @state() private _name = '';
  @state() private _email = '';
  @state() private _sent = false;
  private readonly _form = new FormController(this);

  private readonly _task = new Task(this, {
    task: async ([token]) => {
      if (!token) throw new Error('no token');
      const p = await getPending(token);
      this._name = p.displayName ?? '';
      return p;
    },
    args: () => [this._token] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => this._task.taskComplete.catch(() => undefined))
      .then(() => this.updateComplete);
  }

  private _validate(): FieldErrors {
    const errors: FieldErrors = new Map();
    if (!this._name.trim()) errors.set('eid-name', t('errors.required', { field: t('identity.link.name') }));
    if (!this._email.trim()) errors.set('eid-email', t('errors.required', { field: t('identity.link.email') }));
    else if (!validEmail(this._email)) errors.set('eid-email', t('errors.emailFormat'));
    return errors;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    await this._form.submit(
      () => this._validate(),
      async () => {
        await requestLink({
          token: this._token,
          email: this._email.trim(),
          displayName: this._name.trim(),
          locale: getLocale(),
        });
        this._sent = true;
      },
    );
  }

  protected override render() {
    const title = html`<h1 tabindex="-1">${t('identity.link.title')}</h1>`;
    return this._task.render({
      pending: () => html`${title}${loading()}`,
      error: () =>
        html`${title}${alert('error', t('identity.link.expired'), { id: 'eid-link-expired' })}
          <p><a href="/login">${t('identity.link.signInAgain')}</a></p>`,
      complete: () =>
        this._sent
          ? html`${title}${alert('success', t('identity.link.sent'), { id: 'eid-link-sent' })}`
          : html`${title}
              <p>${t('identity.link.intro')}</p>
              ${this._form.summary()}
              <form id="eid-link-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
                ${this._form.text({
                  id: 'eid-name',
                  name: 'name',
                  label: t('identity.link.name'),
                  autocomplete: 'name',
                  required: true,
                  value: this._name,
                  onInput: (v) => (this._name = v),
                })}
                ${this._form.text({
                  id: 'eid-email',
                  name: 'email',
                  label: t('identity.link.email'),
                  type: 'email',
                  autocomplete: 'email',
                  required: true,
                  value: this._email,
                  onInput: (v) => (this._email = v),
                })}
                ${submitButton('eid-link-submit', t('identity.link.submit'), this._form.busy)}
              </form>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-eid-link': SrPageEidLink;
  }
}
