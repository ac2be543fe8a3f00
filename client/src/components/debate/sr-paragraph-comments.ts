import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Thread } from '../../api/comments.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { t } from '../../i18n/i18n.ts';
import type { CommentOps } from './comment-ops.ts';
import './sr-comment-threads.ts';

/**
 * Under a paragraph: a disclosure button (aria-expanded, aria-controls) that opens the paragraph's
 * threads and its comment form in place. It reads "N comments" where there are comments; on a
 * paragraph without any it is a small "Comment" shown when the paragraph is pointed at or the
 * button has focus, so 25 "0 comments" no longer fill the page (issue 10 item 15), and it stays in
 * the tab order for keyboard users.
 */
@customElement('sr-paragraph-comments')
export class SrParagraphComments extends SrLightElement {
  /** The server operations, passed in by the page. */
  @property({ attribute: false }) comments!: CommentOps;
  @property({ attribute: false }) scenarioId = '';
  @property({ attribute: false }) paragraphId = '';
  /** The paragraph's number on the page (1-based), for labels. */
  @property({ attribute: false }) number = 1;
  @property({ attribute: false }) count = 0;
  @property({ attribute: false }) threads: Thread[] = [];
  @property({ attribute: false }) currentVersion = 0;
  @property({ type: Boolean }) open = false;
  @property({ type: Boolean }) acceptsInput = false;
  @property({ type: Boolean }) canModerate = false;
  @property({ type: Boolean }) signedIn = false;

  private async _onToggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    await this.updateComplete;
    // Opening leaves focus on the button; the thread follows it in reading order.
  }

  protected override render() {
    const pid = this.paragraphId;
    const quiet = this.count === 0 && !this.open;
    return html`<div class="sr-paragraph-comments ${quiet ? 'sr-paragraph-comments-quiet' : ''}">
      <button
        type="button"
        class="button button-tertiary button-small sr-comments-toggle"
        id="comments-toggle-${pid}"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="comments-${pid}"
        @click=${() => void this._onToggle()}
      >
        ${this.count === 0 ? t('comments.commentParagraph') : t('comments.countButton', { count: this.count })}<span
          class="sr-only"
        >
          ${t('comments.onParagraph', { n: this.number })}</span
        >
      </button>
      <div class="sr-paragraph-thread" id="comments-${pid}" ?hidden=${!this.open}>
        ${
          this.open
            ? html`<sr-comment-threads
                .comments=${this.comments}
                .scenarioId=${this.scenarioId}
                .paragraphId=${pid}
                .threads=${this.threads}
                .currentVersion=${this.currentVersion}
                ?acceptsInput=${this.acceptsInput}
                ?canModerate=${this.canModerate}
                ?signedIn=${this.signedIn}
                .formLabel=${t('comments.paragraphFormLabel', { n: this.number })}
                .emptyText=${t('comments.noneOnParagraph')}
              ></sr-comment-threads>`
            : ''
        }
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-paragraph-comments': SrParagraphComments;
  }
}
