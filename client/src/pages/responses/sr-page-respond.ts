import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { ApiError } from '../../api/http.ts';
import { getQuestionnaire, type Questionnaire } from '../../api/questionnaire.ts';
import { submitResponse } from '../../api/responses.ts';
import { getInvitation, type Invitation, linkInvitationResponse, tokenFromHash } from '../../api/parties.ts';
import { renderPage } from '../../app/page-state.ts';
import { SubmissionController } from './submission.ts';
import { draftNotices } from './draft-notices.ts';
import { focusAfterRender } from '../../app/focus.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce, navigate } from '../../app/navigation.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { draftKey, isEmptyValue, storeReceipt } from '../../data/response-draft.ts';
import { emptyResponse, toSubmission, type ResponseValue } from '../../data/response-model.ts';
import {
  responseForm,
  type SrResponseChangeEvent,
  type SrResponseForm,
} from '../../components/responses/sr-response-form.ts';
import '../../components/sr-breadcrumbs.ts';
import { errorSummary } from '../../components/sr-error-summary.ts';
import { getLocale, loc, locLang, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';
import {
  clockOffset,
  closedNotice,
  DeadlineController,
  openState,
  timeLeft,
  type OpenState,
} from './consultation-state.ts';
import { attachmentOps } from './attachment-ops.ts';

type Data = Questionnaire;

/**
 * `/consultations/:slug/respond`: the respondent's form. The draft (with the uploaded attachments
 * and the submission's Idempotency-Key) is saved in this browser as it is typed and restored after
 * a reload; a submission is retried with the same key (after Retry-After on 429/503), and the draft
 * is cleared only when the server has given a receipt. At the deadline an open page switches to its
 * closed state by itself; the draft stays saved.
 */
@customElement('sr-page-respond')
export class SrPageRespond extends SrLightElement implements SrPage {
  @property() slug = '';
  @state() private _value: ResponseValue = emptyResponse();
  @state() private _restoredAt: string | null = null;
  @state() private _networkError = false;
  @state() private _keyReused = false;
  @state() private _closed: OpenState | null = null;
  private _offset = 0;
  /** Autosaves the draft with its key; checks, sends, waits out Retry-After, maps the server's field errors. */
  private readonly _submission = new SubmissionController(this);
  /** Whether the form has been offered since the page loaded (then the closing is announced). */
  private _shownOpen = false;
  private readonly _deadline = new DeadlineController(this, () => this._onDeadline());
  /** A consulted party's personal link (`#token=…`, issue 13): the form answers on its behalf. */
  @state() private _invitation: { token: string; inv: Invitation } | null = null;

  private readonly _task = new Task(this, {
    task: async ([slug], { signal }): Promise<Data> => {
      const token = tokenFromHash(location.hash);
      const [data, inv] = await Promise.all([
        getQuestionnaire(slug, signal),
        token ? getInvitation(token, signal).catch(() => null) : Promise.resolve(null),
      ]);
      const { consultation } = data;
      this._invitation = token && inv && inv.consultation.id === consultation.id ? { token, inv } : null;
      this._offset = clockOffset(consultation);
      this._shownOpen = false;
      this._deadline.watch(consultation, this._offset);
      const draft = this._submission.restoreDraft({ storageKey: draftKey(consultation.id), idempotent: true });
      this._value = draft?.value ?? emptyResponse();
      this._restoredAt = draft && !isEmptyValue(draft.value) ? draft.savedAt : null;
      if (this._invitation && this._value.actingAs === '') {
        const p = this._invitation.inv.party;
        this._value = { ...this._value, actingAs: p.actingAs, organisationName: p.name, cvr: p.cvr ?? '' };
      }
      return data;
    },
    args: () => [this.slug] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  /**
   * The deadline passed while the form was offered: the page now renders closed. What was typed is
   * saved (not cleared); focus leaves the read-only form for the closed notice; the news is spoken
   * politely, once (the notice itself is then no alert).
   */
  private _onDeadline(): void {
    // A submission under way (or waiting to retry) gets the server's answer: a receipt, or 409.
    if (!this._shownOpen || this._closed || this._submission.busy) return;
    // The form's fields turn read only and its button goes, as does the restored-draft notice's.
    const active = document.activeElement;
    const hadFocus = !!active && this.contains(active) && !!active.closest('#resp-form, .sr-draft-notice');
    this._submission.flushDraft();
    announce(t('resp.closedNow'));
    if (hadFocus) void this._focusAlert('#resp-closed');
  }

  private _onChange(e: SrResponseChangeEvent): void {
    this._value = e.value;
    this._submission.autosave(e.value);
  }

  private _onClearDraft(): void {
    this._submission.clearDraft();
    this._value = emptyResponse();
    this._restoredAt = null;
    this._submission.reset();
    announce(t('resp.draftCleared'));
    this.querySelector<HTMLElement>('main h1, h1')?.focus();
  }

  private async _onSubmit(e: Event, data: Data): Promise<void> {
    e.preventDefault();
    if (this._submission.busy) return;
    const form = this.querySelector<SrResponseForm>('sr-response-form');
    this._networkError = false;
    this._keyReused = false;
    if (!this._submission.check(this._value, data.questions, data.scenarios, !!form?.uploading)) return;
    this._submission.saveDraft(this._value);
    await this._send(data);
  }

  private async _send(data: Data): Promise<void> {
    const body = toSubmission(this._value, data.questions, getLocale());
    const key = this._submission.idempotencyKey;
    const sent = await this._submission.submit(() => submitResponse(data.consultation.id, body, key), body.answers);
    if (!sent) {
      this._onFailure(this._submission.failure);
      return;
    }
    const receipt = sent.data;
    // Sent through a consulted party's personal link: the response is linked to the party. The
    // receipt's edit token proves it is this browser's; a failure here leaves the response as sent
    // (staff then see it as a proposed match by CVR or e-mail domain).
    if (this._invitation && receipt.editToken)
      await linkInvitationResponse(this._invitation.token, receipt.id, receipt.editToken).catch(() => undefined);
    storeReceipt({
      receiptCode: receipt.receiptCode,
      fingerprint: receipt.fingerprint,
      editToken: receipt.editToken,
      submittedAt: receipt.submittedAt,
      consultationSlug: data.consultation.slug,
      consultationTitle: data.consultation.title,
      email: body.respondent.email,
    });
    this._submission.clearDraft();
    navigate('/responses/receipt');
  }

  /** The failures this page explains itself; field errors are already on the form. */
  private _onFailure(err: unknown): void {
    if (!err) return;
    if (err instanceof ApiError && err.status === 0) {
      this._networkError = true;
      void this._focusAlert('#resp-network');
      return;
    }
    if (err instanceof ApiError && err.code === 'CONSULTATION_CLOSED') {
      this._closed = 'closed';
      void this._focusAlert('#resp-closed');
      return;
    }
    if (err instanceof ApiError && err.code === 'IDEMPOTENCY_KEY_REUSED') {
      this._keyReused = true;
      void this._focusAlert('#resp-key-reused');
      return;
    }
    void this._focusAlert('#resp-failure');
  }

  private readonly _focusAlert = (selector: string) => focusAfterRender(this, selector);

  private _onNewKey(data: Data): void {
    this._submission.renewKey(this._value);
    this._keyReused = false;
    void this._send(data);
  }

  private _status(data: Data) {
    if (this._submission.retryIn > 0)
      return alert('info', html`${t('resp.retryWaiting', { seconds: this._submission.retryIn })}`, {
        id: 'resp-retry',
        live: false,
        heading: t('resp.retryHeading'),
      });
    if (this._networkError)
      return html`<div id="resp-network">
        ${alert(
          'error',
          html`${t('resp.networkError')}
            <p>
              <button
                type="button"
                class="button button-secondary"
                id="resp-retry-now"
                @click=${() => void this._send(data)}
              >
                ${t('common.retry')}
              </button>
            </p>`,
          { heading: t('resp.networkHeading') },
        )}
      </div>`;
    if (this._keyReused)
      return html`<div id="resp-key-reused">
        ${alert(
          'warning',
          html`${t('resp.keyReused')}
            <p>
              <button
                type="button"
                class="button button-secondary"
                id="resp-send-new"
                @click=${() => this._onNewKey(data)}
              >
                ${t('resp.sendAsNew')}
              </button>
            </p>`,
        )}
      </div>`;
    const failure = this._submission.failure;
    if (failure && !this._networkError && !this._keyReused && !this._closed)
      return errorAlert(failure, { id: 'resp-failure' });
    return nothing;
  }

  private _render(data: Data) {
    const c = data.consultation;
    const title = loc(c.title);
    const state = this._closed ?? openState(c, this._offset);
    const open = state === 'open';
    const closedByClock = this._shownOpen && !this._closed;
    if (open) this._shownOpen = true;
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/', label: t('nav.home') },
          { href: `/consultations/${encodeURIComponent(c.slug)}`, label: title },
          { label: t('resp.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('resp.title')}</h1>
      <p class="font-lead">${t('resp.lead')} <span lang=${locLang(c.title)}>${title}</span></p>
      ${
        this._invitation
          ? alert('info', t('invitation.onBehalf', { party: this._invitation.inv.party.name }), {
              live: false,
              id: 'resp-invitation',
            })
          : nothing
      }
      ${open ? timeLeft(c, this._offset) : closedNotice(c, state, { live: !closedByClock })}
      ${draftNotices({
        restoredAt: open ? this._restoredAt : null,
        restoredText: (time) => t('resp.draftRestored', { time }),
        id: 'resp-draft-restored',
        buttonId: 'resp-clear-draft',
        buttonLabel: t('resp.clearDraft'),
        onDrop: () => this._onClearDraft(),
        hint: open ? t('resp.autosaveHint') : null,
        saveFailed: this._submission.saveFailed,
      })}
      ${
        // Closed (or not yet open) when the page loaded: a notice and the way back, no greyed-out
        // form (issue 10 item 16). A form offered on this page, or a draft kept in this browser,
        // stays, read only, so what was typed can still be read and copied after the deadline.
        this._shownOpen || this._restoredAt !== null
          ? this._form(data, open)
          : html`<p><a href="/consultations/${encodeURIComponent(c.slug)}" id="resp-back">${t('receipt.back')}</a></p>`
      }`;
  }

  private _form(data: Data, open: boolean) {
    return html`<form novalidate @submit=${(e: Event) => void this._onSubmit(e, data)} id="resp-form">
      ${errorSummary(this._submission)} ${open ? html`<p class="form-hint">${t('resp.requiredLegend')}</p>` : nothing}
      ${responseForm({
        questionnaire: data,
        attachments: attachmentOps,
        value: this._value,
        errors: this._submission.errors,
        disabled: !open,
        onChange: (e) => this._onChange(e),
      })}
      ${this._status(data)}
      ${
        open
          ? html`<div class="sr-actions">
              <button type="submit" class="button button-primary" id="resp-submit" ?disabled=${this._submission.busy}>
                ${this._submission.busy ? t('resp.submitting') : t('resp.submit')}
              </button>
            </div>`
          : nothing
      }
    </form>`;
  }

  protected override render() {
    return renderPage(this._task, (data) => this._render(data));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-respond': SrPageRespond;
  }
}
