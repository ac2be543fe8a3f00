import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { attachmentUrl } from '../../api/attachments.ts';
import { getConsultation } from '../../api/consultations.ts';
import { ApiError } from '../../api/http.ts';
import { listQuestions, type Question } from '../../api/questions.ts';
import {
  editOwnResponse,
  getOwnResponse,
  RetryLaterError,
  withdrawOwnResponse,
  type EditReceipt,
  type OwnResponse,
} from '../../api/responses.ts';
import { listScenarios } from '../../api/scenarios.ts';
import type { Consultation, ScenarioSummary } from '../../api/types.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert, errorAlert, loading } from '../../components/alerts.ts';
import { answerList } from '../../components/responses/question-fields.ts';
import { editLink } from '../../data/response-draft.ts';
import {
  activeScenarios,
  mapResponseIssues,
  toSubmission,
  validateResponse,
  type ResponseValue,
} from '../../data/response-model.ts';
import '../../components/responses/sr-response-form.ts';
import type { SrResponseChangeEvent, SrResponseForm } from '../../components/responses/sr-response-form.ts';
import '../../components/sr-error-summary.ts';
import { formatBytes, formatDateTime } from '../../i18n/format.ts';
import { getLocale, loc, locLang, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/responses.ts';
import { receiptDetails } from './receipt-view.ts';
import { clockOffset, DeadlineController, openState, timeLeft } from './consultation-state.ts';

type Data = {
  response: OwnResponse;
  consultation: Consultation;
  questions: Question[];
  scenarios: ScenarioSummary[];
};

const tokenFromHash = (): string => new URLSearchParams(location.hash.slice(1)).get('token') ?? '';

export const valueOf = (r: OwnResponse): ResponseValue => ({
  name: r.respondent.name,
  email: r.respondent.email ?? '',
  actingAs: r.respondent.actingAs,
  organisationName: r.respondent.organisationName ?? '',
  cvr: r.respondent.cvr ?? '',
  consent: r.consent,
  body: r.body,
  answers: Object.fromEntries(r.answers.map((a) => [a.questionId, a.value as ResponseValue['answers'][string]])),
  attachments: r.attachments.map((a) => ({
    id: a.id,
    filename: a.filename,
    mediaType: a.mediaType,
    sizeBytes: a.sizeBytes,
  })),
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `/responses/edit#token=…`: the respondent's own response, opened with the private link from the
 * receipt. Edit (a new version; the receipt is re-issued) or withdraw until the deadline; after it,
 * read only, also on a page left open across it. The token stays in the fragment, which browsers
 * never send to a server.
 */
@customElement('sr-page-response-edit')
export class SrPageResponseEdit extends SrLightElement implements SrPage {
  @state() private _token = tokenFromHash();
  @state() private _editing = false;
  @state() private _value: ResponseValue | null = null;
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: unknown[] = [];
  @state() private _saving = false;
  @state() private _receipt: EditReceipt | null = null;
  @state() private _confirmWithdraw = false;
  @state() private _withdrawn = false;
  @state() private _failure: unknown = null;
  @state() private _waiting = 0;
  private _offset = 0;
  /** Whether editing has been offered since the last load (then the closing is announced). */
  private _shownEditable = false;
  private readonly _deadline = new DeadlineController(this, () => this._onDeadline());

  private readonly _task = new Task(this, {
    task: async ([token], { signal }): Promise<Data | null> => {
      if (!token) return null;
      const response = await getOwnResponse(token, signal);
      const [consultation, questions, scenarios] = await Promise.all([
        getConsultation(response.consultationId, signal),
        listQuestions(response.consultationId, signal),
        listScenarios(response.consultationId, signal),
      ]);
      this._offset = new Date(response.serverTime).getTime() - Date.now() || clockOffset(consultation);
      this._shownEditable = false;
      this._deadline.watch(consultation, this._offset);
      return { response, consultation, questions, scenarios };
    },
    args: () => [this._token] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    const el = this.querySelector<HTMLElement>(selector);
    if (!el) return;
    if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
    el.focus();
  }

  /**
   * The deadline passed while changes were offered: the page now renders read only. An open edit
   * form and the withdraw buttons go; focus that was in them moves to the closed notice; the news
   * is spoken politely, once.
   */
  private _onDeadline(): void {
    // A save under way gets the server's answer: a new receipt, or 409 shown as a failure.
    if (!this._shownEditable || this._saving) return;
    const active = document.activeElement;
    const hadFocus =
      !!active && this.contains(active) && !!active.closest('#edit-form, #edit-actions, #withdraw-confirm');
    this._editing = false;
    this._confirmWithdraw = false;
    announce(t('edit.closedNow'));
    if (hadFocus) void this._focus('#edit-closed');
  }

  private _onEdit(data: Data): void {
    this._value = valueOf(data.response);
    this._editing = true;
    this._receipt = null;
    this._errors = new Map();
    this._general = [];
    this._failure = null;
    void this._focus('#edit-form-heading');
  }

  private _onCancelEdit(): void {
    this._editing = false;
    void this._focus('#edit-button');
  }

  private async _onSave(e: Event, data: Data): Promise<void> {
    e.preventDefault();
    if (!this._value || this._saving) return;
    const form = this.querySelector<SrResponseForm>('sr-response-form');
    const errors = validateResponse(
      this._value,
      data.questions,
      activeScenarios(data.scenarios).map((s) => s.id),
    );
    this._errors = errors;
    this._general = form?.uploading ? [t('resp.err.uploading')] : [];
    this._failure = null;
    if (errors.size || this._general.length) return;
    const body = { ...toSubmission(this._value, data.questions, getLocale()), version: data.response.version };
    this._saving = true;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          this._receipt = await editOwnResponse(this._token, body);
          break;
        } catch (err) {
          if (!(err instanceof RetryLaterError) || attempt >= 3) throw err;
          announce(t('resp.retryWaiting', { seconds: err.retryAfter }));
          for (this._waiting = err.retryAfter; this._waiting > 0; this._waiting--) await sleep(1000);
        }
      }
      this._editing = false;
      announce(t('edit.saved'));
      void this._task.run();
      await this._task.taskComplete.catch(() => undefined);
      void this._focus('#edit-receipt');
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.issues.length) {
        const { errors: mapped, unmatched } = mapResponseIssues(err, body.answers);
        this._errors = mapped;
        this._general = unmatched && !mapped.size ? [t('errors.code.VALIDATION_FAILED')] : [];
      } else {
        this._failure = err;
        void this._focus('#edit-failure');
      }
    } finally {
      this._saving = false;
      this._waiting = 0;
    }
  }

  private async _onWithdraw(): Promise<void> {
    this._failure = null;
    try {
      await withdrawOwnResponse(this._token);
      this._withdrawn = true;
      this._confirmWithdraw = false;
      void this._task.run();
      await this._task.taskComplete.catch(() => undefined);
      void this._focus('#edit-withdrawn');
    } catch (err) {
      this._failure = err;
      void this._focus('#edit-failure');
    }
  }

  private _view(data: Data) {
    const r = data.response;
    return html`<section class="sr-section" aria-labelledby="edit-view-heading">
      <h2 id="edit-view-heading">${t('edit.yourResponse')}</h2>
      <dl class="sr-facts">
        <div>
          <dt>${t('resp.name')}</dt>
          <dd id="edit-name">${r.respondent.name}</dd>
        </div>
        <div>
          <dt>${t('resp.email')}</dt>
          <dd>${r.respondent.email ?? t('common.notSet')}</dd>
        </div>
        <div>
          <dt>${t('resp.actingAs')}</dt>
          <dd>${t(`resp.actingAs.${r.respondent.actingAs}`)}</dd>
        </div>
        ${
          r.respondent.organisationName
            ? html`<div>
                <dt>${t('resp.organisation')}</dt>
                <dd>${r.respondent.organisationName}${r.respondent.cvr ? ` (CVR ${r.respondent.cvr})` : ''}</dd>
              </div>`
            : nothing
        }
        <div>
          <dt>${t('resp.consent')}</dt>
          <dd>${t(`resp.consent.${r.consent}`)}</dd>
        </div>
        <div>
          <dt>${t('edit.publication')}</dt>
          <dd>${t(`publication.status.${r.publicationStatus}`)}</dd>
        </div>
      </dl>
      ${answerList(data.questions, r.answers, data.scenarios)}
      ${
        r.body
          ? html`<h3>${t('resp.body')}</h3>
              <div class="sr-response-body" id="edit-body">${r.body}</div>`
          : nothing
      }
      ${
        r.attachments.length
          ? html`<h3>${t('files.label')}</h3>
              <ul class="sr-file-list">
                ${r.attachments.map(
                  (a) =>
                    html`<li>
                      <a href=${a.url || attachmentUrl(r.consultationId, a.id)} download>${a.filename}</a>
                      (${formatBytes(a.sizeBytes)})
                    </li>`,
                )}
              </ul>`
          : nothing
      }
    </section>`;
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
      ${
        this._editing && this._value && editable
          ? html`<form novalidate id="edit-form" @submit=${(e: Event) => void this._onSave(e, data)}>
              <h2 id="edit-form-heading" tabindex="-1">${t('edit.editHeading')}</h2>
              <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
              <sr-response-form
                .questions=${data.questions}
                .scenarios=${data.scenarios}
                .value=${this._value}
                .errors=${this._errors}
                .consultationId=${c.id}
                @sr-response-change=${(e: SrResponseChangeEvent) => (this._value = e.value)}
              ></sr-response-form>
              ${this._waiting > 0 ? alert('info', t('resp.retryWaiting', { seconds: this._waiting }), { live: false }) : nothing}
              <div class="sr-actions">
                <button type="submit" class="button button-primary" id="edit-save" ?disabled=${this._saving}>
                  ${this._saving ? t('cform.saving') : t('edit.save')}
                </button>
                <button type="button" class="button button-secondary" id="edit-cancel" @click=${this._onCancelEdit}>
                  ${t('common.cancel')}
                </button>
              </div>
            </form>`
          : html`${this._view(data)} ${editable ? this._actions(data) : nothing}`
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
