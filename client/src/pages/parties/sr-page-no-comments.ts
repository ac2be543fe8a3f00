import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ApiError } from '../../api/http.ts';
import { answerNoComments, getInvitation, type Invitation, tokenFromHash } from '../../api/parties.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert, errorAlert, loading } from '../../components/alerts.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';

/**
 * `/invitations/no-comments#token=…`: a consulted party answers "no comments" (ingen bemærkninger)
 * from its invitation mail (issue 13 story 3). Opening the page changes nothing: it shows what the
 * link is for and a button that POSTs. The token stays in the fragment, so it reaches no server log.
 */
@customElement('sr-page-no-comments')
export class SrPageNoComments extends SrLightElement implements SrPage {
  @state() private _done = false;
  @state() private _failure: unknown = null;
  @state() private _busy = false;
  private readonly _token = tokenFromHash(location.hash);

  private readonly _task = new Task(this, {
    task: ([token], { signal }): Promise<Invitation | null> =>
      token ? getInvitation(token, signal) : Promise.resolve(null),
    args: () => [this._token] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _onConfirm(e: Event) {
    e.preventDefault();
    if (this._busy || !this._token) return;
    this._busy = true;
    this._failure = null;
    try {
      await answerNoComments(this._token);
      this._done = true;
      await this._task.run();
      announce(t('noComments.done'));
      this.querySelector<HTMLElement>('#no-comments-done')?.focus();
    } catch (err) {
      this._failure = err;
    } finally {
      this._busy = false;
    }
  }

  private _body(inv: Invitation) {
    const c = inv.consultation;
    const respond = html`<p>
      <a href="/consultations/${encodeURIComponent(c.slug)}/respond#token=${this._token}" id="no-comments-respond"
        >${t('noComments.respond')}</a
      >
    </p>`;
    if (this._done || inv.status === 'no_comments')
      return html`<div id="no-comments-done" tabindex="-1">
        ${alert('success', this._done ? t('noComments.done') : t('noComments.already'), { live: false })}
      </div>`;
    if (inv.status === 'responded') return alert('info', t('noComments.responded'), { live: false });
    if (!c.acceptsInput) return alert('info', t('noComments.closed'), { live: false });
    return html`<form id="no-comments-form" @submit=${(e: Event) => void this._onConfirm(e)}>
        <p>${t('noComments.question')}</p>
        ${this._failure ? errorAlert(this._failure) : nothing}
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="no-comments-confirm" ?disabled=${this._busy}>
            ${t('noComments.confirm')}
          </button>
        </div>
      </form>
      ${respond}`;
  }

  private _render(inv: Invitation | null) {
    if (!inv) return this._invalid();
    const c = inv.consultation;
    return html`<h1 tabindex="-1">${t('noComments.title')}</h1>
      <p class="font-lead" lang=${locLang(c.title)}>${loc(c.title)}</p>
      <p>${t('noComments.intro', { party: inv.party.name })}</p>
      ${c.closesAt ? html`<p>${t('consultation.deadline')}: ${formatDateTime(c.closesAt)}</p>` : nothing}
      ${this._body(inv)}`;
  }

  private _invalid() {
    return html`<h1 tabindex="-1">${t('noComments.title')}</h1>
      ${alert('warning', t('noComments.invalid'), { live: false })}`;
  }

  protected override render() {
    return this._task.render({
      pending: loading,
      error: (e) => (e instanceof ApiError && (e.status === 404 || e.status === 400) ? this._invalid() : errorAlert(e)),
      complete: (inv) => this._render(inv),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-no-comments': SrPageNoComments;
  }
}
