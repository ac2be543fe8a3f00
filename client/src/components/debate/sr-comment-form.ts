import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { newIdempotencyKey } from '../../data/idempotency.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { t } from '../../i18n/i18n.ts';
import { errorMessage } from '../alerts.ts';
import { textField } from '../fields.ts';
import type { CommentOps } from './comment-ops.ts';
import { SrCommentsChangedEvent } from './events.ts';

/**
 * A form for a new comment on a scenario, a paragraph of it, or a reply. Each submission attempt
 * gets an Idempotency-Key, reused when the same text is sent again after a failure.
 *
 * @fires sr-comments-changed - after posting, with the new comment's element id
 */
@customElement('sr-comment-form')
export class SrCommentForm extends SrLightElement {
  /** The server operations, passed in by the page. */
  @property({ attribute: false }) comments!: CommentOps;
  @property({ attribute: false }) scenarioId = '';
  @property({ attribute: false }) paragraphId: string | null = null;
  @property({ attribute: false }) parentId: string | null = null;
  /** Unique id of the textarea. */
  @property({ attribute: false }) fieldId = 'comment-new';
  @property({ attribute: false }) label = '';
  @state() private _body = '';
  @state() private _error = '';
  @state() private _busy = false;
  private _key: string | null = null;

  /** Puts focus in the text field (after "Reply" opens the form). */
  focusField(): void {
    this.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const body = this._body.trim();
    if (!body) {
      this._error = t('errors.required', { field: this.label });
      await this.updateComplete;
      this.focusField();
      return;
    }
    if (body.length > 5000) {
      this._error = t('errors.tooLong', { field: this.label, max: 5000 });
      await this.updateComplete;
      this.focusField();
      return;
    }
    this._key ??= newIdempotencyKey();
    this._busy = true;
    this._error = '';
    try {
      const c = await this.comments.create(
        this.scenarioId,
        {
          body,
          ...(this.paragraphId && !this.parentId ? { paragraphId: this.paragraphId } : {}),
          ...(this.parentId ? { parentId: this.parentId } : {}),
        },
        this._key,
      );
      this._key = null;
      this._body = '';
      this.dispatchEvent(
        new SrCommentsChangedEvent(`comment-${c.id}`, this.parentId ? t('comments.replied') : t('comments.posted')),
      );
    } catch (err) {
      this._error = errorMessage(err);
      await this.updateComplete;
      this.focusField();
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    return html`<form class="sr-comment-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
      ${textField({
        id: this.fieldId,
        label: this.label,
        hint: t('comments.plainTextHint'),
        rows: 4,
        maxlength: 5000,
        required: true,
        value: this._body,
        error: this._error || undefined,
        onInput: (v) => {
          this._body = v;
          this._key = null; // Different text is a different submission.
          this._error = '';
        },
      })}
      <div class="sr-actions">
        <button type="submit" class="button button-primary sr-comment-submit" ?disabled=${this._busy}>
          ${this._busy ? t('comments.posting') : this.parentId ? t('comments.postReply') : t('comments.post')}
        </button>
      </div>
      ${this._busy ? html`<span class="sr-only" role="status">${t('comments.posting')}</span>` : nothing}
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-comment-form': SrCommentForm;
  }
}
