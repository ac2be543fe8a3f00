import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Thread } from '../../api/comments.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { t } from '../../i18n/i18n.ts';
import { alert } from '../alerts.ts';
import { commentItems } from './sr-comment.ts';
import type { CommentOps } from './comment-ops.ts';
import './sr-comment-form.ts';

/**
 * A list of comment threads and, below it, the form for a new comment — or a sign-in link when
 * signed out, or a notice when the consultation no longer takes comments.
 */
@customElement('sr-comment-threads')
export class SrCommentThreads extends SrLightElement {
  /** The server operations, passed in by the page. */
  @property({ attribute: false }) comments!: CommentOps;
  @property({ attribute: false }) scenarioId = '';
  /** The paragraph these threads are about; null for the whole scenario. */
  @property({ attribute: false }) paragraphId: string | null = null;
  @property({ attribute: false }) threads: Thread[] = [];
  @property({ attribute: false }) currentVersion = 0;
  @property({ type: Boolean }) acceptsInput = false;
  @property({ type: Boolean }) canModerate = false;
  @property({ type: Boolean }) signedIn = false;
  /** Label of the new-comment text field. */
  @property({ attribute: false }) formLabel = '';
  @property({ attribute: false }) emptyText = '';

  private _form() {
    if (!this.acceptsInput) {
      return alert('info', t('comments.closedNotice'), { live: false });
    }
    const key = this.paragraphId ?? 'scenario';
    if (!this.signedIn) {
      const back = `${location.pathname}${location.search}#${this.paragraphId ?? 'scenario-comments'}`;
      return html`<p class="sr-comment-signin">
        <a href="/login?next=${encodeURIComponent(back)}" id="comment-signin-${key}"
          >${t('comments.signInToComment')}</a
        >
        ${t('comments.or')} <a href="/register">${t('comments.createAccount')}</a>
      </p>`;
    }
    return html`<sr-comment-form
      .comments=${this.comments}
      .scenarioId=${this.scenarioId}
      .paragraphId=${this.paragraphId}
      .fieldId=${`comment-new-${key}`}
      .label=${this.formLabel}
    ></sr-comment-form>`;
  }

  protected override render() {
    return html`${
      this.threads.length
        ? html`<ol class="sr-thread-list">
            ${commentItems(this.threads, this)}
          </ol>`
        : this.emptyText
          ? html`<p class="sr-empty">${this.emptyText}</p>`
          : nothing
    }
    ${this._form()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-comment-threads': SrCommentThreads;
  }
}
