import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { confirmEmail, tokenFromHash } from '../../api/participants.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { alert, errorMessage, loading } from '../../components/alerts.ts';
import { t } from '../../i18n/i18n.ts';
import '../../i18n/parts/debate.ts';

/** `/confirm#token=…`: confirms the e-mail address from the mailed link, then offers to sign in. */
@customElement('sr-page-confirm')
export class SrPageConfirm extends SrLightElement implements SrPage {
  @state() private _token = tokenFromHash(location.hash);

  private readonly _task = new Task(this, {
    task: async ([token]) => {
      if (!token) throw new Error('no token');
      const r = await confirmEmail(token);
      // The token is used: keep it out of the history and of a bookmark.
      history.replaceState(null, '', location.pathname);
      return r;
    },
    args: () => [this._token] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete
      .then(() => this._task.taskComplete.catch(() => undefined))
      .then(() => this.updateComplete);
  }

  protected override render() {
    return this._task.render({
      pending: () =>
        html`<h1 tabindex="-1">${t('confirm.title')}</h1>
          ${loading()}`,
      error: (e) =>
        html`<h1 tabindex="-1">${t('confirm.failedTitle')}</h1>
          ${alert('error', this._token ? errorMessage(e) : t('confirm.noToken'), { id: 'confirm-error' })}
          <p><a href="/register">${t('confirm.registerAgain')}</a></p>`,
      complete: (r) =>
        html`<h1 tabindex="-1">${t('confirm.doneTitle')}</h1>
          ${alert('success', t('confirm.doneText', { email: r.email }), { id: 'confirm-done' })}
          <p><a href="/login" class="button button-primary" id="confirm-signin">${t('auth.signIn')}</a></p>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-confirm': SrPageConfirm;
  }
}
