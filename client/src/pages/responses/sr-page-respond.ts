import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { ApiError } from '../../api/http.ts';
import { listQuestions, type Question } from '../../api/questions.ts';
import { RetryLaterError, submitResponse } from '../../api/responses.ts';
import { listScenarios } from '../../api/scenarios.ts';
import type { Consultation, ScenarioSummary } from '../../api/types.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce, navigate } from '../../app/navigation.ts';
import { alert, errorAlert, loading } from '../../components/alerts.ts';
import {
  clearDraft,
  freshKey,
  isEmptyValue,
  loadDraft,
  saveDraft,
  storeReceipt,
} from '../../data/response-draft.ts';
import {
  activeScenarios,
  emptyResponse,
  mapResponseIssues,
  toSubmission,
  validateResponse,
  type ResponseValue,
} from '../../data/response-model.ts';
import '../../components/responses/sr-response-form.ts';
import type { SrResponseChangeEvent, SrResponseForm } from '../../components/responses/sr-response-form.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/sr-error-summary.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { getLocale, loc, locLang, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/responses.ts';
import '../public/sr-page-not-found.ts';
import {
  clockOffset,
  closedNotice,
  DeadlineController,
  openState,
  timeLeft,
  type OpenState,
} from './consultation-state.ts';

type Data = { consultation: Consultation; questions: Question[]; scenarios: ScenarioSummary[] };

/** Autosave delay after the last keystroke. */
const SAVE_DELAY_MS = 600;

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
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: unknown[] = [];
  @state() private _restoredAt: string | null = null;
  @state() private _submitting = false;
  @state() private _retryIn = 0;
  @state() private _networkError = false;
  @state() private _keyReused = false;
  @state() private _closed: OpenState | null = null;
  @state() private _saveFailed = false;
  @state() private _failure: unknown = null;
  private _key = '';
  private _consultationId = '';
  private _offset = 0;
  private _saveTimer: ReturnType<typeof setTimeout> | undefined;
  private _countdown: ReturnType<typeof setInterval> | undefined;
  /** Whether the form has been offered since the page loaded (then the closing is announced). */
  private _shownOpen = false;
  private readonly _deadline = new DeadlineController(this, () => this._onDeadline());

  private readonly _task = new Task(this, {
    task: async ([slug], { signal }): Promise<Data> => {
      const [consultation, questions, scenarios] = await Promise.all([
        getConsultation(slug, signal),
        listQuestions(slug, signal),
        listScenarios(slug, signal),
      ]);
      this._offset = clockOffset(consultation);
      this._consultationId = consultation.id;
      this._shownOpen = false;
      this._deadline.watch(consultation, this._offset);
      const draft = loadDraft(consultation.id);
      if (draft) {
        this._value = draft.value;
        this._key = draft.idempotencyKey;
        this._restoredAt = isEmptyValue(draft.value) ? null : draft.savedAt;
      } else {
        this._value = emptyResponse();
        this._key = freshKey();
        this._restoredAt = null;
      }
      return { consultation, questions, scenarios };
    },
    args: () => [this.slug] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this._flush);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._flush();
    window.removeEventListener('pagehide', this._flush);
    clearInterval(this._countdown);
  }

  /**
   * The deadline passed while the form was offered: the page now renders closed. What was typed is
   * saved (not cleared); focus leaves the read-only form for the closed notice; the news is spoken
   * politely, once (the notice itself is then no alert).
   */
  private _onDeadline(): void {
    // A submission under way (or waiting to retry) gets the server's answer: a receipt, or 409.
    if (!this._shownOpen || this._closed || this._submitting || this._retryIn > 0) return;
    // The form's fields turn read only and its button goes, as does the restored-draft notice's.
    const active = document.activeElement;
    const hadFocus = !!active && this.contains(active) && !!active.closest('#resp-form, .sr-draft-notice');
    this._flush();
    announce(t('resp.closedNow'));
    if (hadFocus) void this._focusAlert('#resp-closed');
  }

  private readonly _flush = () => {
    if (this._saveTimer === undefined) return;
    clearTimeout(this._saveTimer);
    this._saveTimer = undefined;
    this._save();
  };

  private _save(): void {
    if (!this._consultationId) return;
    this._saveFailed = !saveDraft(this._consultationId, this._value, this._key);
  }

  private _onChange(e: SrResponseChangeEvent): void {
    this._value = e.value;
    clearTimeout(this._saveTimer);
    this._saveTimer = setTimeout(() => {
      this._saveTimer = undefined;
      this._save();
    }, SAVE_DELAY_MS);
  }

  private _onClearDraft(): void {
    clearTimeout(this._saveTimer);
    this._saveTimer = undefined;
    if (this._consultationId) clearDraft(this._consultationId);
    this._value = emptyResponse();
    this._key = freshKey();
    this._restoredAt = null;
    this._errors = new Map();
    this._general = [];
    announce(t('resp.draftCleared'));
    this.querySelector<HTMLElement>('main h1, h1')?.focus();
  }

  private async _onSubmit(e: Event, data: Data): Promise<void> {
    e.preventDefault();
    if (this._submitting || this._retryIn > 0) return;
    const form = this.querySelector<SrResponseForm>('sr-response-form');
    this._networkError = false;
    this._keyReused = false;
    this._failure = null;
    const scenarioIds = activeScenarios(data.scenarios).map((s) => s.id);
    const errors = validateResponse(this._value, data.questions, scenarioIds);
    const general: unknown[] = form?.uploading ? [t('resp.err.uploading')] : [];
    this._errors = errors;
    this._general = general;
    if (errors.size || general.length) return;
    this._flush();
    this._save();
    await this._send(data);
  }

  private async _send(data: Data): Promise<void> {
    const body = toSubmission(this._value, data.questions, getLocale());
    this._submitting = true;
    try {
      const { data: receipt } = await submitResponse(data.consultation.id, body, this._key);
      clearTimeout(this._saveTimer);
      this._saveTimer = undefined;
      storeReceipt({
        receiptCode: receipt.receiptCode,
        fingerprint: receipt.fingerprint,
        editToken: receipt.editToken,
        submittedAt: receipt.submittedAt,
        consultationSlug: data.consultation.slug,
        consultationTitle: data.consultation.title,
        email: body.respondent.email,
      });
      clearDraft(data.consultation.id);
      navigate('/responses/receipt');
    } catch (err) {
      this._submitting = false;
      this._onFailure(err, data, body.answers);
    }
  }

  private _onFailure(err: unknown, data: Data, answered: { questionId: string }[]): void {
    if (err instanceof RetryLaterError) {
      this._startCountdown(err.retryAfter, data);
      return;
    }
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
    if (err instanceof ApiError && err.status === 400 && err.issues.length) {
      const { errors, unmatched } = mapResponseIssues(err, answered);
      this._errors = errors;
      this._general = unmatched && !errors.size ? [t('errors.code.VALIDATION_FAILED')] : [];
      return;
    }
    this._failure = err;
    void this._focusAlert('#resp-failure');
  }

  private async _focusAlert(selector: string): Promise<void> {
    await this.updateComplete;
    const el = this.querySelector<HTMLElement>(selector);
    if (!el) return;
    el.setAttribute('tabindex', '-1');
    el.focus();
  }

  private _startCountdown(seconds: number, data: Data): void {
    this._retryIn = Math.max(1, seconds);
    announce(t('resp.retryWaiting', { seconds: this._retryIn }));
    clearInterval(this._countdown);
    this._countdown = setInterval(() => {
      this._retryIn--;
      if (this._retryIn <= 0) {
        clearInterval(this._countdown);
        this._retryIn = 0;
        void this._send(data);
      }
    }, 1000);
  }

  private _onNewKey(data: Data): void {
    this._key = freshKey();
    this._keyReused = false;
    this._save();
    void this._send(data);
  }

  private _status(data: Data) {
    if (this._retryIn > 0)
      return alert('info', html`${t('resp.retryWaiting', { seconds: this._retryIn })}`, {
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
    if (this._failure) return errorAlert(this._failure, { id: 'resp-failure' });
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
      ${open ? timeLeft(c, this._offset) : closedNotice(c, state, { live: !closedByClock })}
      ${
        open && this._restoredAt
          ? html`<div class="sr-draft-notice">
              ${alert(
                'info',
                html`${t('resp.draftRestored', { time: formatDateTime(this._restoredAt) })}
                  <p>
                    <button
                      type="button"
                      class="button button-tertiary"
                      id="resp-clear-draft"
                      @click=${this._onClearDraft}
                    >
                      ${t('resp.clearDraft')}
                    </button>
                  </p>`,
                { id: 'resp-draft-restored', live: false },
              )}
            </div>`
          : nothing
      }
      ${open ? html`<p class="form-hint">${t('resp.autosaveHint')}</p>` : nothing}
      ${this._saveFailed ? alert('warning', t('resp.saveFailed')) : nothing}
      <form novalidate @submit=${(e: Event) => void this._onSubmit(e, data)} id="resp-form">
        <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
        <p class="form-hint">${t('resp.requiredLegend')}</p>
        <sr-response-form
          .questions=${data.questions}
          .scenarios=${data.scenarios}
          .value=${this._value}
          .errors=${this._errors}
          .consultationId=${c.id}
          ?disabled=${!open}
          @sr-response-change=${this._onChange}
        ></sr-response-form>
        ${this._status(data)}
        ${
          open
            ? html`<div class="sr-actions">
                <button type="submit" class="button button-primary" id="resp-submit" ?disabled=${this._submitting}>
                  ${this._submitting ? t('resp.submitting') : t('resp.submit')}
                </button>
              </div>`
            : nothing
        }
      </form>`;
  }

  protected override render() {
    return this._task.render({
      pending: () => loading(),
      error: (e) =>
        e instanceof ApiError && e.status === 404
          ? html`<sr-page-not-found></sr-page-not-found>`
          : html`<h1 tabindex="-1">${t('errors.loadFailed')}</h1>
              ${errorAlert(e)}`,
      complete: (data) => this._render(data),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-respond': SrPageRespond;
  }
}
