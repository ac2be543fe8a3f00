import { html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Question } from '../../api/questions.ts';
import type { Questionnaire } from '../../api/questionnaire.ts';
import { ACTING_AS, CONSENTS } from '../../api/responses.ts';
import type { ScenarioSummary } from '../../api/types.ts';
import type { FieldErrors } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { t } from '../../i18n/i18n.ts';
import { fieldsetGroup, radio, textField } from '../fields.ts';
import { questionFieldTemplate } from './question-fields.ts';
import {
  FIELD,
  needsCvr,
  needsOrganisation,
  questionField,
  showsCvr,
  type AnswerInput,
  type ResponseValue,
} from '../../data/response-model.ts';
import type { AttachmentOps } from './attachment-ops.ts';
import './sr-attachments-field.ts';
import type { SrAttachmentsChangeEvent, SrAttachmentsField } from './sr-attachments-field.ts';

export class SrResponseChangeEvent extends Event {
  static readonly eventName = 'sr-response-change';
  constructor(readonly value: ResponseValue) {
    super(SrResponseChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'sr-response-change': SrResponseChangeEvent;
  }
}

/**
 * The fields of a hearing response: the questionnaire, the free text, attachments, who responds,
 * and the publication choice. Holds no state of its own: the page owns `value` and saves it.
 *
 * @fires sr-response-change - any field changed; `value` is the whole new response
 */
@customElement('sr-response-form')
export class SrResponseForm extends SrLightElement {
  @property({ attribute: false }) questions: readonly Question[] = [];
  @property({ attribute: false }) scenarios: readonly ScenarioSummary[] = [];
  @property({ attribute: false }) value!: ResponseValue;
  @property({ attribute: false }) errors: FieldErrors = new Map();
  @property() consultationId = '';
  /** How the attachments field uploads a file, passed in by the page. */
  @property({ attribute: false }) attachmentOps!: AttachmentOps;
  /** `letter`: staff register a response; the e-mail is optional and files are uploaded as letters. */
  @property() mode: 'public' | 'letter' = 'public';
  /**
   * Nothing can be changed (the consultation is closed): choices are disabled, texts read only, so
   * what was typed can still be read and copied.
   */
  @property({ type: Boolean }) disabled = false;

  /** True while a file is uploading. */
  get uploading(): boolean {
    return this.querySelector<SrAttachmentsField>('sr-attachments-field')?.busy ?? false;
  }

  private _set(patch: Partial<ResponseValue>): void {
    this.dispatchEvent(new SrResponseChangeEvent({ ...this.value, ...patch }));
  }

  private _setAnswer(q: Question, a: AnswerInput | undefined): void {
    const answers = { ...this.value.answers };
    if (a === undefined) delete answers[q.id];
    else answers[q.id] = a;
    this._set({ answers });
  }

  private _radios<T extends string>(o: {
    id: string;
    legend: string;
    hint?: string;
    options: readonly T[];
    label: (v: T) => string;
    explain?: (v: T) => string;
    value: string;
    onSelect: (v: T) => void;
  }) {
    return fieldsetGroup(
      {
        id: o.id,
        legend: html`${o.legend}<span class="sr-required" aria-hidden="true"> *</span
          ><span class="sr-only"> ${t('resp.requiredSr')}</span>`,
        hint: o.hint,
        error: this.errors.get(o.id),
      },
      o.options.map((v) =>
        radio({
          id: `${o.id}-${v}`,
          name: o.id,
          value: v,
          label: o.label(v),
          checked: o.value === v,
          disabled: this.disabled,
          describedBy: o.explain ? `${o.id}-${v}-explain` : undefined,
          after: o.explain
            ? html`<span class="form-hint sr-radio-explain" id="${o.id}-${v}-explain">${o.explain(v)}</span>`
            : nothing,
          onSelect: () => o.onSelect(v),
        }),
      ),
    );
  }

  protected override render() {
    if (!this.value) return nothing;
    const v = this.value;
    const letter = this.mode === 'letter';
    return html`
      ${
        this.questions.length
          ? html`<section class="sr-section sr-questionnaire" aria-labelledby="resp-questions-heading">
              <h2 id="resp-questions-heading">${t('resp.questionsHeading')}</h2>
              ${this.questions.map((q) =>
                questionFieldTemplate({
                  question: q,
                  scenarios: this.scenarios,
                  value: v.answers[q.id],
                  error: this.errors.get(questionField(q)),
                  disabled: this.disabled,
                  onChange: (a) => this._setAnswer(q, a),
                }),
              )}
            </section>`
          : nothing
      }
      <section
        class="sr-section ${this.errors.has(FIELD.content) ? 'sr-section-error' : ''}"
        id=${FIELD.content}
        tabindex="-1"
        aria-labelledby="resp-body-heading"
        aria-describedby=${this.errors.has(FIELD.content) ? `${FIELD.content}-error` : nothing}
      >
        <h2 id="resp-body-heading">${t('resp.bodyHeading')}</h2>
        ${
          this.errors.has(FIELD.content)
            ? html`<p class="form-error-message" id="${FIELD.content}-error">
                <span class="sr-only">${t('errors.prefix')} </span>${this.errors.get(FIELD.content)}
              </p>`
            : nothing
        }
        ${textField({
          id: FIELD.body,
          label: t('resp.body'),
          hint: t('resp.bodyHint'),
          optional: true,
          rows: 10,
          maxlength: 100_000,
          value: v.body,
          readonly: this.disabled,
          error: this.errors.get(FIELD.body),
          onInput: (body) => this._set({ body }),
        })}
        <sr-attachments-field
          .ops=${this.attachmentOps}
          .consultationId=${this.consultationId}
          .attachments=${v.attachments}
          .error=${this.errors.get(FIELD.attachments) ?? ''}
          .source=${letter ? 'letter' : 'upload'}
          ?disabled=${this.disabled}
          @sr-attachments-change=${(e: SrAttachmentsChangeEvent) => this._set({ attachments: e.attachments })}
        ></sr-attachments-field>
      </section>
      <section class="sr-section" aria-labelledby="resp-who-heading">
        <h2 id="resp-who-heading">${letter ? t('letters.whoHeading') : t('resp.whoHeading')}</h2>
        ${textField({
          id: FIELD.name,
          marked: true,
          label: t('resp.name'),
          autocomplete: letter ? 'off' : 'name',
          required: true,
          maxlength: 200,
          value: v.name,
          readonly: this.disabled,
          error: this.errors.get(FIELD.name),
          onInput: (name) => this._set({ name }),
        })}
        ${textField({
          id: FIELD.email,
          marked: true,
          label: t('resp.email'),
          hint: letter ? t('letters.emailHint') : t('resp.emailHint'),
          type: 'email',
          autocomplete: letter ? 'off' : 'email',
          required: !letter,
          optional: letter,
          maxlength: 320,
          value: v.email,
          readonly: this.disabled,
          error: this.errors.get(FIELD.email),
          onInput: (email) => this._set({ email }),
        })}
        ${this._radios({
          id: FIELD.actingAs,
          legend: t('resp.actingAs'),
          options: ACTING_AS,
          label: (a) => t(`resp.actingAs.${a}`),
          value: v.actingAs,
          onSelect: (actingAs) => this._set({ actingAs }),
        })}
        ${
          needsOrganisation(v.actingAs)
            ? textField({
                id: FIELD.organisationName,
                marked: true,
                label: t('resp.organisation'),
                autocomplete: letter ? 'off' : 'organization',
                required: true,
                maxlength: 300,
                value: v.organisationName,
                readonly: this.disabled,
                error: this.errors.get(FIELD.organisationName),
                onInput: (organisationName) => this._set({ organisationName }),
              })
            : nothing
        }
        ${
          showsCvr(v.actingAs)
            ? textField({
                id: FIELD.cvr,
                marked: true,
                label: t('resp.cvr'),
                hint: t('resp.cvrHint'),
                required: needsCvr(v.actingAs),
                optional: !needsCvr(v.actingAs),
                inputmode: 'numeric',
                autocomplete: 'off',
                width: 's',
                maxlength: 20,
                value: v.cvr,
                readonly: this.disabled,
                error: this.errors.get(FIELD.cvr),
                onInput: (cvr) => this._set({ cvr }),
              })
            : nothing
        }
      </section>
      <section class="sr-section" aria-labelledby="resp-consent-heading">
        <h2 id="resp-consent-heading">${t('resp.consentHeading')}</h2>
        <p>${t('resp.consentIntro')}</p>
        ${this._radios({
          id: FIELD.consent,
          legend: t('resp.consent'),
          options: CONSENTS,
          label: (c) => t(`resp.consent.${c}`),
          explain: (c) => t(`resp.consentExplain.${c}`),
          value: v.consent,
          onSelect: (consent) => this._set({ consent }),
        })}
      </section>
    `;
  }
}

/** A page's `<sr-response-form>` for `questionnaire`, with the page's value and errors. */
export const responseForm = (o: {
  questionnaire: Questionnaire;
  /** How files are uploaded (the page's `attachmentOps`). */
  attachments: AttachmentOps;
  value: ResponseValue;
  errors: FieldErrors;
  mode?: 'letter';
  disabled?: boolean;
  onChange: (e: SrResponseChangeEvent) => void;
}) =>
  html`<sr-response-form
    mode=${o.mode ?? nothing}
    .questions=${o.questionnaire.questions}
    .scenarios=${o.questionnaire.scenarios}
    .value=${o.value}
    .errors=${o.errors}
    .consultationId=${o.questionnaire.consultation.id}
    .attachmentOps=${o.attachments}
    ?disabled=${!!o.disabled}
    @sr-response-change=${o.onChange}
  ></sr-response-form>`;

declare global {
  interface HTMLElementTagNameMap {
    'sr-response-form': SrResponseForm;
  }
}
