import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getQuestionnaire, type Questionnaire } from '../../api/questionnaire.ts';
import { getBoard, type ListEntry } from '../../api/parties.ts';
import { ApiError } from '../../api/http.ts';
import { registerLetter, RetryLaterError } from '../../api/responses.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { renderPage } from '../../app/page-state.ts';
import { newIdempotencyKey } from '../../data/idempotency.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { fieldsetGroup, radio, selectField, textField } from '../../components/fields.ts';
import {
  activeScenarios,
  emptyResponse,
  mapResponseIssues,
  toSubmission,
  validateResponse,
  type ResponseValue,
} from '../../data/response-model.ts';
import { responseForm, type SrResponseForm } from '../../components/responses/sr-response-form.ts';
import '../../components/sr-error-summary.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../../i18n/format.ts';
import { getLocale, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';
import { consultationHead } from './consultation-head.ts';
import { attachmentOps } from '../responses/attachment-ops.ts';

/**
 * `/admin/consultations/:consultationId/letters`: staff register a response that arrived by letter
 * or e-mail, with its files (uploaded as `source=letter`), the channel and the day it arrived.
 */
@customElement('sr-page-admin-letters')
export class SrPageAdminLetters extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _value: ResponseValue = emptyResponse();
  @state() private _channel: 'letter' | 'email' = 'letter';
  @state() private _receivedAt = toDateTimeLocal(new Date().toISOString());
  /** The party on the høringsliste that sent it ('' = none): linking makes the response invited. */
  @state() private _partyId = '';
  /** Parties linked to a letter registered on this page since it loaded (no longer offered). */
  @state() private _taken: ReadonlySet<string> = new Set();
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: unknown[] = [];
  @state() private _busy = false;
  @state() private _done = '';
  @state() private _failure: unknown = null;
  private _key = newIdempotencyKey();

  private readonly _task = new Task(this, {
    task: async ([id], { signal }): Promise<{ base: Questionnaire; parties: ListEntry[] }> => {
      const [base, board] = await Promise.all([
        getQuestionnaire(id, signal),
        // The list's parties still without a response; none when the consultation has no list.
        getBoard(id, {}, signal).catch(() => null),
      ]);
      return { base, parties: (board?.items ?? []).filter((e) => e.responseId === null) };
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _onSubmit(e: Event, { base }: { base: Questionnaire }): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const form = this.querySelector<SrResponseForm>('sr-response-form');
    const errors = validateResponse(
      this._value,
      base.questions,
      activeScenarios(base.scenarios).map((s) => s.id),
      { emailOptional: true, skipRequired: true },
    );
    const receivedAt = fromDateTimeLocal(this._receivedAt);
    if (!receivedAt) errors.set('letter-received', t('letters.receivedAtRequired'));
    this._errors = errors;
    this._general = form?.uploading ? [t('resp.err.uploading')] : [];
    this._failure = null;
    if (errors.size || this._general.length || !receivedAt) return;
    const sub = toSubmission(this._value, base.questions, getLocale());
    const body = {
      ...sub,
      respondent: { ...sub.respondent, email: sub.respondent.email || null },
      channel: this._channel,
      receivedAt,
      ...(this._partyId ? { partyId: this._partyId } : {}),
    };
    this._busy = true;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const { data } = await registerLetter(base.consultation.id, body, this._key);
          this._done = t('letters.registered', { code: data.receiptCode });
          break;
        } catch (err) {
          if (!(err instanceof RetryLaterError) || attempt >= 3) throw err;
          await new Promise((r) => setTimeout(r, err.retryAfter * 1000));
        }
      }
      this._value = emptyResponse();
      if (this._partyId) this._taken = new Set([...this._taken, this._partyId]);
      this._partyId = '';
      this._key = newIdempotencyKey();
      await this.updateComplete;
      this.querySelector<HTMLElement>('#letter-done')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.issues.length) {
        const { errors: mapped, unmatched } = mapResponseIssues(err, body.answers);
        if (err.issues.some((i) => i.path.startsWith('/receivedAt')))
          mapped.set('letter-received', t('letters.receivedAtRequired'));
        this._errors = mapped;
        this._general = unmatched && !mapped.size ? [t('errors.code.VALIDATION_FAILED')] : [];
      } else {
        this._failure = err;
      }
    } finally {
      this._busy = false;
    }
  }

  private _render({ base, parties: listed }: { base: Questionnaire; parties: ListEntry[] }) {
    const parties = listed.filter((e) => !this._taken.has(e.party.id));
    const c = base.consultation;
    const recvError = this._errors.get('letter-received');
    return html`${consultationHead(c, { heading: t('letters.title'), crumb: t('adminResp.letters'), intro: t('letters.intro') })}
      <p><a href="/admin/consultations/${c.id}/imports" id="letters-import-link">${t('imports.link')}</a></p>
      ${this._done ? html`<div id="letter-done" tabindex="-1">${alert('success', this._done)}</div>` : nothing}
      <form novalidate id="letter-form" @submit=${(e: Event) => void this._onSubmit(e, { base })}>
        <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
        ${fieldsetGroup(
          { id: 'letter-channel', legend: t('letters.channel') },
          (['letter', 'email'] as const).map((ch) =>
            radio({
              id: `letter-channel-${ch}`,
              name: 'letter-channel',
              value: ch,
              label: t(`letters.channel.${ch}`),
              checked: this._channel === ch,
              onSelect: () => (this._channel = ch),
            }),
          ),
        )}
        ${textField({
          id: 'letter-received',
          label: t('letters.receivedAt'),
          hint: t('common.localTimeHint'),
          type: 'datetime-local',
          required: true,
          value: this._receivedAt,
          error: recvError,
          onInput: (v) => (this._receivedAt = v),
        })}
        ${
          parties.length
            ? selectField({
                id: 'letter-party',
                label: t('letters.party'),
                hint: t('letters.partyHint'),
                value: this._partyId,
                placeholder: t('letters.partyNone'),
                options: parties.map((e) => ({ value: e.party.id, label: e.party.name })),
                onChange: (v) => (this._partyId = v),
              })
            : nothing
        }
        ${responseForm({
          questionnaire: base,
          attachments: attachmentOps,
          mode: 'letter',
          value: this._value,
          errors: this._errors,
          onChange: (e) => (this._value = e.value),
        })}
        ${this._failure ? errorAlert(this._failure) : nothing}
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="letter-submit" ?disabled=${this._busy}>
            ${this._busy ? t('resp.submitting') : t('letters.submit')}
          </button>
        </div>
      </form>`;
  }

  protected override render() {
    return renderPage(this._task, (base) => this._render(base));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-letters': SrPageAdminLetters;
  }
}
