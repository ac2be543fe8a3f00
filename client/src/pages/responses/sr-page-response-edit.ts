import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ApiError } from '../../api/http.ts';
import { getQuestionnaire, type Questionnaire } from '../../api/questionnaire.ts';
import {
  editOwnResponse,
  getOwnResponse,
  ownAttachmentUrl,
  withdrawOwnResponse,
  type EditReceipt,
  type OwnResponse,
} from '../../api/responses.ts';
import { SubmissionController } from './submission.ts';
import { draftNotices } from './draft-notices.ts';
import { focusAfterRender } from '../../app/focus.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert, errorAlert, loading } from '../../components/alerts.ts';
import { editDraftKey, editLink } from '../../data/response-draft.ts';
import { toSubmission, type ResponseValue } from '../../data/response-model.ts';
import {
  responseForm,
  type SrResponseChangeEvent,
  type SrResponseForm,
} from '../../components/responses/sr-response-form.ts';
import { errorSummary } from '../../components/sr-error-summary.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { getLocale, loc, locLang, t } from '../../i18n/i18n.ts';
import { ownResponseView, valueOf } from './own-response-view.ts';
import { receiptDetails } from './receipt-view.ts';
import { clockOffset, DeadlineController, openState, timeLeft } from './consultation-state.ts';
import { attachmentOps } from './attachment-ops.ts';
import { tokenAfterVerification } from '../identity/sr-response-verify.ts';
import { getUsedByToken, type UsedView } from '../../api/used.ts';
import { usedSection } from '../../components/reports/used-view.ts';

/** `used`: how the response was used in the published høringsnotat (issue 14 story 7); null before. */
type Data = Questionnaire & { response: OwnResponse; used: UsedView | null };

const tokenFromHash = (): string => new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

/**
 * `/responses/edit#token=…`: the respondent's own response, opened with the private link from the
 * receipt. Edit (a new version; the receipt is re-issued) or withdraw until the deadline; after it,
 * read only, also on a page left open across it. The token stays in the fragment, which browsers
 * never send to a server, and out of storage: unsaved edits are autosaved in this browser under the
 * response's id (with the version they edit) and restored after a reload, like the respond page's draft.
 */
@customElement('sr-page-response-edit')
export class SrPageResponseEdit extends SrLightElement implements SrPage {
  @state() private _token = tokenFromHash() || tokenAfterVerification();
  @state() private _editing = false;
  @state() private _value: ResponseValue | null = null;
  @state() private _receipt: EditReceipt | null = null;
  @state() private _confirmWithdraw = false;
  @state() private _withdrawn = false;
  @state() private _failure: unknown = null;
  /** When the restored draft of unsaved edits was saved (null when none was restored). */
  @state() private _restoredAt: string | null = null;
  private _offset = 0;
  /** Whether editing has been offered since the last load (then the closing is announced). */
  private _shownEditable = false;
  private readonly _deadline = new DeadlineController(this, () => this._onDeadline());
  /**
   * Autosaves the edits; checks, sends, waits out Retry-After (three times at most), maps the
   * server's field errors. No Idempotency-Key: PUT /api/responses/by-token/{token} takes none, and
   * needs none — the body is the whole response and carries the version it edits, so sending it
   * again stores nothing new (same content: the same receipt; a version saved meanwhile: 409).
   */
  private readonly _submission = new SubmissionController(this, { maxRetries: 3 });

  private readonly _task = new Task(this, {
    task: async ([token], { signal }): Promise<Data | null> => {
      if (!token) return null;
      // The section on how the response was used is secondary: without it the page still works.
      const [response, used] = await Promise.all([
        getOwnResponse(token, signal),
        getUsedByToken(token, signal).catch(() => null),
      ]);
      const questionnaire = await getQuestionnaire(response.consultationId, signal);
      const { consultation } = questionnaire;
      this._offset = new Date(response.serverTime).getTime() - Date.now() || clockOffset(consultation);
      this._shownEditable = false;
      this._deadline.watch(consultation, this._offset);
      this._restore(response);
      return { response, used, ...questionnaire };
    },
    args: () => [this._token] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private readonly _focus = (selector: string) => focusAfterRender(this, selector);

  /**
   * The deadline passed while changes were offered: the page now renders read only. An open edit
   * form and the withdraw buttons go; focus that was in them moves to the closed notice; the news
   * is spoken politely, once.
   */
  private _onDeadline(): void {
    // A save under way gets the server's answer: a new receipt, or 409 shown as a failure.
    if (!this._shownEditable || this._submission.busy) return;
    const active = document.activeElement;
    const hadFocus =
      !!active && this.contains(active) && !!active.closest('#edit-form, #edit-actions, #withdraw-confirm');
    this._editing = false;
    this._confirmWithdraw = false;
    announce(t('edit.closedNow'));
    if (hadFocus) void this._focus('#edit-closed');
  }

  /** Reopens the edit form with the unsaved edits kept in this browser; drops them when nothing can save them. */
  private _restore(response: OwnResponse): void {
    const draft = this._submission.restoreDraft({
      storageKey: editDraftKey(response.id),
      idempotent: false,
      version: response.version,
    });
    this._restoredAt = null;
    if (!draft) return;
    if (!response.editable || response.status === 'withdrawn') {
      this._submission.clearDraft();
      return;
    }
    this._value = draft.value;
    this._editing = true;
    this._restoredAt = draft.savedAt;
  }

  private _onChange(e: SrResponseChangeEvent): void {
    this._value = e.value;
    this._submission.autosave(e.value);
  }

  private _onDiscardDraft(): void {
    this._submission.clearDraft();
    this._restoredAt = null;
    this._editing = false;
    this._submission.reset();
    announce(t('resp.draftCleared'));
    void this._focus('#edit-button');
  }

  private _onEdit(data: Data): void {
    this._value = valueOf(data.response);
    this._editing = true;
    this._receipt = null;
    this._submission.reset();
    this._failure = null;
    void this._focus('#edit-form-heading');
  }

  private _onCancelEdit(): void {
    this._submission.clearDraft();
    this._restoredAt = null;
    this._editing = false;
    void this._focus('#edit-button');
  }

  private async _onSave(e: Event, data: Data): Promise<void> {
    e.preventDefault();
    if (!this._value || this._submission.busy) return;
    const form = this.querySelector<SrResponseForm>('sr-response-form');
    this._failure = null;
    if (!this._submission.check(this._value, data.questions, data.scenarios, !!form?.uploading)) return;
    this._submission.saveDraft(this._value);
    const body = { ...toSubmission(this._value, data.questions, getLocale()), version: data.response.version };
    const receipt = await this._submission.submit(() => editOwnResponse(this._token, body), body.answers);
    if (!receipt) {
      if (this._submission.failure) {
        this._failure = this._submission.failure;
        void this._focus('#edit-failure');
      }
      return;
    }
    this._submission.clearDraft();
    this._restoredAt = null;
    this._receipt = receipt;
    this._editing = false;
    announce(t('edit.saved'));
    void this._task.run();
    await this._task.taskComplete.catch(() => undefined);
    void this._focus('#edit-receipt');
  }

  private async _onWithdraw(): Promise<void> {
    this._failure = null;
    try {
      await withdrawOwnResponse(this._token);
      this._submission.clearDraft();
      this._withdrawn = true;
      // The notice of the last saved change no longer describes the response (issue 10 item 16).
      this._receipt = null;
      this._confirmWithdraw = false;
      void this._task.run();
      await this._task.taskComplete.catch(() => undefined);
      void this._focus('#edit-withdrawn');
    } catch (err) {
      this._failure = err;
      void this._focus('#edit-failure');
    }
  }

  private _actions(data: Data) {
    if (this._confirmWithdraw)
      return html`<section class="sr-section sr-confirm" aria-labelledby="withdraw-heading" id="withdraw-confirm">
        <h2 id="withdraw-heading" tabindex="-1">${t('edit.withdrawConfirmHeading')}</h2>
        <p>${t('edit.withdrawConfirmText')}</p>
        <div class="sr-actions">
          <button type="button" class="button button-primary" id="withdraw-yes" @click=${() => void this._onWithdraw()}>
            ${t('edit.withdrawYes')}
          </button>
          <button
            type="button"
            class="button button-secondary"
            id="withdraw-no"
            @click=${() => {
              this._confirmWithdraw = false;
              void this._focus('#withdraw-button');
            }}
          >
            ${t('common.cancel')}
          </button>
        </div>
      </section>`;
    return html`<div class="sr-actions" id="edit-actions">
      <button type="button" class="button button-primary" id="edit-button" @click=${() => this._onEdit(data)}>
        ${t('edit.edit')}
      </button>
      <button
        type="button"
        class="button button-secondary"
        id="withdraw-button"
        @click=${() => {
          this._confirmWithdraw = true;
          void this._focus('#withdraw-heading');
        }}
      >
        ${t('edit.withdraw')}
      </button>
    </div>`;
  }

  private _render(data: Data | null) {
    if (!data)
      return html`<h1 tabindex="-1">${t('edit.title')}</h1>
        ${alert('warning', t('edit.noToken'), { live: false })}`;
    const r = data.response;
    const c = data.consultation;
    const withdrawn = r.status === 'withdrawn';
    // The server's word at load, then the clock (with the server's offset) while the page is open.
    const editable = r.editable && !withdrawn && openState(c, this._offset) !== 'closed';
    if (editable) this._shownEditable = true;
    return html`<h1 tabindex="-1">${t('edit.title')}</h1>
      <p class="font-lead">
        <a href="/consultations/${encodeURIComponent(c.slug)}" lang=${locLang(c.title)}>${loc(c.title)}</a>
      </p>
      ${this._failure ? errorAlert(this._failure, { id: 'edit-failure' }) : nothing}
      ${
        withdrawn
          ? alert('info', t('edit.withdrawnText', { date: r.withdrawnAt ? formatDateTime(r.withdrawnAt) : '' }), {
              heading: t('edit.withdrawnHeading'),
              id: 'edit-withdrawn',
              live: this._withdrawn,
            })
          : editable
            ? timeLeft(c, this._offset)
            : alert('warning', html`${t('edit.closed')}`, {
                heading: t('resp.closedHeading'),
                id: 'edit-closed',
                live: false,
              })
      }
      ${
        r.publicationStatus === 'rejected' && !withdrawn
          ? alert(
              'info',
              html`${t('edit.rejectedReason')}
                <blockquote class="sr-rejection-reason" id="edit-rejection-reason">
                  ${r.rejectionReason ?? ''}
                </blockquote>`,
              { heading: t('edit.rejectedHeading'), id: 'edit-rejected', live: false },
            )
          : nothing
      }
      ${
        this._receipt
          ? html`<section class="sr-section" id="edit-receipt" aria-labelledby="edit-receipt-heading">
              <h2 id="edit-receipt-heading">${t('edit.receiptHeading')}</h2>
              ${alert('success', t('edit.saved'), { live: false })}
              ${receiptDetails({
                receiptCode: this._receipt.receiptCode,
                submittedAt: this._receipt.editedAt ?? this._receipt.submittedAt,
                fingerprint: this._receipt.fingerprint,
                editLink: editLink(this._token),
                version: this._receipt.version,
              })}
              <p>${t('edit.mailed')}</p>
            </section>`
          : html`<p class="sr-receipt-line">
              ${t('receipt.code')}: <strong id="edit-receipt-code">${r.receiptCode}</strong> · ${t('receipt.version')}
              ${r.version}
            </p>`
      }
      ${data.used?.items.length ? usedSection(data.used) : nothing}
      ${
        this._editing && this._value && editable
          ? html`<form novalidate id="edit-form" @submit=${(e: Event) => void this._onSave(e, data)}>
              <h2 id="edit-form-heading" tabindex="-1">${t('edit.editHeading')}</h2>
              ${draftNotices({
                restoredAt: this._restoredAt,
                restoredText: (time) => t('edit.draftRestored', { time }),
                id: 'edit-draft-restored',
                buttonId: 'edit-discard-draft',
                buttonLabel: t('edit.discardDraft'),
                onDrop: () => this._onDiscardDraft(),
                hint: t('edit.autosaveHint'),
                saveFailed: this._submission.saveFailed,
              })}
              ${errorSummary(this._submission)}
              ${responseForm({
                questionnaire: data,
                attachments: attachmentOps,
                value: this._value,
                errors: this._submission.errors,
                onChange: (e) => this._onChange(e),
              })}
              ${this._submission.retryIn > 0 ? alert('info', t('resp.retryWaiting', { seconds: this._submission.retryIn }), { live: false }) : nothing}
              <div class="sr-actions">
                <button type="submit" class="button button-primary" id="edit-save" ?disabled=${this._submission.busy}>
                  ${this._submission.busy ? t('cform.saving') : t('edit.save')}
                </button>
                <button type="button" class="button button-secondary" id="edit-cancel" @click=${this._onCancelEdit}>
                  ${t('common.cancel')}
                </button>
              </div>
            </form>`
          : html`${ownResponseView(data, ownAttachmentUrl.bind(null, this._token))}
            ${editable ? this._actions(data) : nothing}
            ${withdrawn ? nothing : html`<sr-response-verify .token=${this._token}></sr-response-verify>`}`
      }`;
  }

  protected override render() {
    return this._task.render({
      pending: () => loading(),
      error: (e) =>
        html`<h1 tabindex="-1">${t('edit.title')}</h1>
          ${
            e instanceof ApiError && (e.status === 404 || e.status === 400)
              ? alert('error', t('edit.badToken'), { id: 'edit-bad-token' })
              : errorAlert(e)
          }`,
      complete: (data) => this._render(data),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-response-edit': SrPageResponseEdit;
  }
}
