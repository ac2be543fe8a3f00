import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Comment } from '../../api/comments.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { t } from '../../i18n/i18n.ts';
import { commentBody, commentQuote } from './comment-parts.ts';
import { formatDateTime, formatNumber } from '../../i18n/format.ts';
import { errorMessage } from '../alerts.ts';
import { confirmGroup } from '../confirm.ts';
import { textField } from '../fields.ts';
import type { CommentOps } from './comment-ops.ts';
import { SrCommentsChangedEvent } from './events.ts';
import './sr-comment-form.ts';
import type { SrCommentForm } from './sr-comment-form.ts';

type Mode = 'view' | 'edit' | 'delete' | 'hide' | 'reply';

/**
 * One comment (id `comment-<id>`, the target of moderation mails) with its replies: the author,
 * time, the quoted paragraph when it was written about an earlier version, the text (plain text,
 * never HTML), support (+1), and — where allowed — reply, edit, delete, hide and restore.
 *
 * @fires sr-comments-changed - after any change that alters the thread
 */
@customElement('sr-comment')
export class SrComment extends SrLightElement {
  @property({ attribute: false }) comment!: Comment & { replies?: Comment[] };
  /** The server operations, passed in by the page. */
  @property({ attribute: false }) comments!: CommentOps;
  @property({ attribute: false }) scenarioId = '';
  @property({ type: Boolean }) acceptsInput = false;
  @property({ type: Boolean }) canModerate = false;
  @property({ type: Boolean }) signedIn = false;
  @property({ attribute: false }) currentVersion = 0;
  @state() private _mode: Mode = 'view';
  @state() private _text = '';
  @state() private _error = '';
  @state() private _busy = false;
  @state() private _support: { count: number; mine: boolean } | null = null;

  private get _id(): string {
    return this.comment.id;
  }

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('comment')) this._support = null;
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }

  private _setMode(mode: Mode, focus?: string): void {
    this._mode = mode;
    this._error = '';
    if (mode === 'edit') this._text = this.comment.body ?? '';
    if (mode === 'hide') this._text = '';
    if (focus) void this._focus(focus);
  }

  private async _run(action: () => Promise<void>): Promise<void> {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    try {
      await action();
    } catch (err) {
      this._error = errorMessage(err);
      await this.updateComplete;
      this.querySelector<HTMLElement>(`#comment-${this._id}-error`)?.focus();
    } finally {
      this._busy = false;
    }
  }

  private _changed(focusId: string | null, message: string): void {
    this._mode = 'view';
    this.dispatchEvent(new SrCommentsChangedEvent(focusId, message));
  }

  private _onSupport(): void {
    const c = this.comment;
    const mine = this._support?.mine ?? c.supportedByMe;
    void this._run(async () => {
      const s = await this.comments.support(c.id, !mine);
      this._support = { count: s.supportCount, mine: s.supportedByMe };
      announce(
        s.supportedByMe
          ? t('comments.supported', { count: s.supportCount })
          : t('comments.unsupported', { count: s.supportCount }),
      );
    });
  }

  private _onSaveEdit(e: Event): void {
    e.preventDefault();
    const body = this._text.trim();
    if (!body) {
      this._error = t('errors.required', { field: t('comments.editLabel') });
      return;
    }
    void this._run(async () => {
      await this.comments.edit(this._id, body);
      this._changed(`comment-${this._id}`, t('comments.edited'));
    });
  }

  private _onDelete(): void {
    void this._run(async () => {
      await this.comments.remove(this._id);
      this._changed(null, t('comments.deleted'));
    });
  }

  private _onHide(e: Event): void {
    e.preventDefault();
    const reason = this._text.trim();
    if (!reason) {
      this._error = t('errors.required', { field: t('comments.hideReason') });
      void this._focus(`#comment-${this._id}-reason`);
      return;
    }
    void this._run(async () => {
      await this.comments.moderate(this._id, 'hide', reason);
      this._changed(`comment-${this._id}`, t('comments.hiddenDone'));
    });
  }

  private _onRestore(): void {
    void this._run(async () => {
      await this.comments.moderate(this._id, 'restore');
      this._changed(`comment-${this._id}`, t('comments.restoredDone'));
    });
  }

  private async _onReply(): Promise<void> {
    this._setMode('reply');
    await this.updateComplete;
    this.querySelector<SrCommentForm>(`#reply-form-${this._id}`)?.focusField();
  }

  private _supportControl(c: Comment) {
    if (c.status !== 'visible') return nothing;
    const count = this._support?.count ?? c.supportCount;
    const mine = this._support?.mine ?? c.supportedByMe;
    if (!c.canSupport || !this.signedIn) {
      return count ? html`<span class="sr-support-count">${t('comments.supportCount', { count })}</span>` : nothing;
    }
    return html`<button
      type="button"
      class="button button-secondary button-small sr-support"
      id="support-${c.id}"
      aria-pressed=${mine ? 'true' : 'false'}
      ?disabled=${this._busy}
      @click=${this._onSupport}
    >
      ${t('comments.support')}<span class="sr-support-number" aria-hidden="true"> (${formatNumber(count)})</span
      ><span class="sr-only"> (${t('comments.supportCount', { count })})</span>
    </button>`;
  }

  private _actions(c: Comment, isReply: boolean) {
    const canReply = !isReply && this.acceptsInput && this.signedIn && c.status === 'visible';
    const canEdit = c.canEdit && this.acceptsInput;
    const modHide = this.canModerate && c.status === 'visible';
    const modRestore = this.canModerate && c.status === 'hidden';
    return html`<div class="sr-comment-actions">
      ${this._supportControl(c)}
      ${
        canReply && this._mode !== 'reply'
          ? html`<button
              type="button"
              class="button button-tertiary button-small sr-reply"
              id="reply-${c.id}"
              @click=${() => void this._onReply()}
            >
              ${t('comments.reply')}
            </button>`
          : nothing
      }
      ${
        canEdit && this._mode === 'view'
          ? html`<button
                type="button"
                class="button button-tertiary button-small sr-edit"
                id="edit-${c.id}"
                @click=${() => this._setMode('edit', `#comment-${c.id}-edit`)}
              >
                ${t('comments.edit')}
              </button>
              <button
                type="button"
                class="button button-tertiary button-small sr-delete"
                id="delete-${c.id}"
                @click=${() => this._setMode('delete', `#delete-confirm-${c.id}`)}
              >
                ${t('comments.delete')}
              </button>`
          : nothing
      }
      ${
        modHide && this._mode === 'view'
          ? html`<button
              type="button"
              class="button button-tertiary button-small sr-hide"
              id="hide-${c.id}"
              @click=${() => this._setMode('hide', `#comment-${c.id}-reason`)}
            >
              ${t('comments.hide')}
            </button>`
          : nothing
      }
      ${
        modRestore
          ? html`<button
              type="button"
              class="button button-tertiary button-small sr-restore"
              id="restore-${c.id}"
              ?disabled=${this._busy}
              @click=${this._onRestore}
            >
              ${t('comments.restore')}
            </button>`
          : nothing
      }
    </div>`;
  }

  private _modeForm(c: Comment) {
    switch (this._mode) {
      case 'edit':
        return html`<form class="sr-comment-edit" novalidate @submit=${this._onSaveEdit}>
          ${textField({
            id: `comment-${c.id}-edit`,
            label: t('comments.editLabel'),
            rows: 4,
            maxlength: 5000,
            required: true,
            value: this._text,
            onInput: (v) => (this._text = v),
          })}
          <div class="sr-actions">
            <button type="submit" class="button button-primary button-small" ?disabled=${this._busy}>
              ${t('comments.saveEdit')}
            </button>
            <button
              type="button"
              class="button button-secondary button-small"
              @click=${() => this._setMode('view', `#edit-${c.id}`)}
            >
              ${t('common.cancel')}
            </button>
          </div>
        </form>`;
      case 'delete':
        return confirmGroup({
          className: 'sr-comment-confirm',
          questionId: `delete-q-${c.id}`,
          question: t('comments.deleteQuestion'),
          confirmId: `delete-confirm-${c.id}`,
          confirmLabel: t('comments.deleteConfirm'),
          busy: this._busy,
          small: true,
          onConfirm: () => this._onDelete(),
          onCancel: () => this._setMode('view', `#delete-${c.id}`),
        });
      case 'hide':
        return html`<form class="sr-comment-hide" novalidate @submit=${this._onHide}>
          ${textField({
            id: `comment-${c.id}-reason`,
            label: t('comments.hideReason'),
            hint: t('comments.hideReasonHint'),
            rows: 2,
            maxlength: 500,
            required: true,
            value: this._text,
            onInput: (v) => (this._text = v),
          })}
          <div class="sr-actions">
            <button type="submit" class="button button-primary button-small" ?disabled=${this._busy}>
              ${t('comments.hideConfirm')}
            </button>
            <button
              type="button"
              class="button button-secondary button-small"
              @click=${() => this._setMode('view', `#hide-${c.id}`)}
            >
              ${t('common.cancel')}
            </button>
          </div>
        </form>`;
      case 'reply':
        return html`<div class="sr-reply-form">
          <sr-comment-form
            id="reply-form-${c.id}"
            .comments=${this.comments}
            .scenarioId=${this.scenarioId}
            .parentId=${c.id}
            .fieldId=${`reply-${c.id}-body`}
            .label=${t('comments.replyLabel', { name: c.author?.displayName ?? t('comments.someone') })}
          ></sr-comment-form>
          <button
            type="button"
            class="button button-secondary button-small sr-reply-cancel"
            @click=${() => this._setMode('view', `#reply-${c.id}`)}
          >
            ${t('comments.cancelReply')}
          </button>
        </div>`;
      case 'view':
        return nothing;
    }
  }

  protected override render() {
    const c = this.comment;
    if (!c) return nothing;
    const isReply = !!c.parentId;
    const author = c.author?.displayName ?? t('comments.someone');
    const replies = c.replies ?? [];
    return html`<article
      class="sr-comment ${isReply ? 'sr-comment-reply' : ''}"
      id="comment-${c.id}"
      tabindex="-1"
      aria-labelledby="comment-${c.id}-head"
    >
      <p class="sr-comment-head" id="comment-${c.id}-head">
        <strong class="sr-comment-author">${c.status === 'deleted' ? t('comments.deletedAuthor') : author}</strong>
        ${c.mine ? html`<span class="sr-muted">${t('comments.you')}</span>` : nothing}
        <span class="sr-muted"
          >· <time datetime=${c.createdAt}>${formatDateTime(c.createdAt)}</time>${
            c.editedAt ? html` · ${t('comments.editedMark')}` : nothing
          }</span
        >
      </p>
      ${commentQuote(c)} ${commentBody(c)}
      ${
        this._error
          ? html`<p class="form-error-message" id="comment-${c.id}-error" tabindex="-1" role="alert">
              <span class="sr-only">${t('errors.prefix')} </span>${this._error}
            </p>`
          : nothing
      }
      ${this._actions(c, isReply)} ${this._modeForm(c)}
      ${
        replies.length
          ? html`<ol
              class="sr-replies"
              aria-label=${t('comments.repliesLabel', { count: replies.length, name: author })}
            >
              ${commentItems(replies, this)}
            </ol>`
          : nothing
      }
    </article>`;
  }
}

/** Comments as list items, each shown in the context (scenario, version, rights) of `where`. */
export const commentItems = (
  comments: readonly SrComment['comment'][],
  where: Pick<SrComment, 'comments' | 'scenarioId' | 'currentVersion' | 'acceptsInput' | 'canModerate' | 'signedIn'>,
) =>
  comments.map(
    (c) =>
      html`<li>
        <sr-comment
          .comment=${c}
          .comments=${where.comments}
          .scenarioId=${where.scenarioId}
          .currentVersion=${where.currentVersion}
          ?acceptsInput=${where.acceptsInput}
          ?canModerate=${where.canModerate}
          ?signedIn=${where.signedIn}
        ></sr-comment>
      </li>`,
  );

declare global {
  interface HTMLElementTagNameMap {
    'sr-comment': SrComment;
  }
}
