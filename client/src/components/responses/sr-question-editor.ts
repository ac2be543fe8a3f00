import '../responses/responses.css';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../../api/http.ts';
import { QUESTION_KINDS, type CreateQuestionInput, type Question, type QuestionKind } from '../../api/questions.ts';
import { mapIssues, type FieldErrors, type FieldMap } from '../../app/form-errors.ts';
import { focusAfterRender } from '../../app/focus.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { errorAlert } from '../alerts.ts';
import { checkbox, selectField, textField } from '../fields.ts';
import { icon } from '../icons.ts';
import '../sr-error-summary.ts';
import { t } from '../../i18n/i18n.ts';

type Draft = {
  kind: QuestionKind;
  required: boolean;
  prompt: { da: string; en: string };
  help: { da: string; en: string };
  options: { id?: string; label: { da: string; en: string } }[];
};

const emptyDraft = (): Draft => ({
  kind: 'text',
  required: false,
  prompt: { da: '', en: '' },
  help: { da: '', en: '' },
  options: [],
});

const hasOptions = (k: QuestionKind) => k === 'single' || k === 'multi';

const draftOf = (q: Question): Draft => ({
  kind: q.kind,
  required: q.required,
  prompt: { ...q.prompt },
  help: { ...q.help },
  options: q.options.map((o) => ({ id: o.id, label: { ...o.label } })),
});

/** The question was saved (created or changed). */
export class SrQuestionSavedEvent extends Event {
  static readonly eventName = 'sr-question-saved';
  constructor(readonly question: Question) {
    super(SrQuestionSavedEvent.eventName, { bubbles: true, composed: true });
  }
}

/**
 * The form of one question of the questionnaire, in Danish and English: its kind, prompt, help,
 * whether it is required and (for choices) its options. Checks what it can before saving, shows
 * the server's field errors on the fields, and does no I/O: the page saves through `saveQuestion`.
 *
 * @fires sr-question-saved - after `saveQuestion` resolved (SrQuestionSavedEvent)
 * @fires sr-question-cancel - the user cancelled
 */
@customElement('sr-question-editor')
export class SrQuestionEditor extends SrLightElement {
  /** The question to edit; null for a new one. */
  @property({ attribute: false }) question: Question | null = null;
  /** The question's number in the list (null for a new one), for the heading. */
  @property({ attribute: false }) n: number | null = null;
  /** Saves the question (the page calls the API). */
  @property({ attribute: false }) saveQuestion: (body: CreateQuestionInput) => Promise<Question> = () =>
    Promise.reject(new Error('sr-question-editor: no saveQuestion callback'));
  @state() private _draft: Draft = emptyDraft();
  @state() private _errors: FieldErrors = new Map();
  @state() private _failure: unknown = null;
  @state() private _busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('question')) {
      this._draft = this.question ? draftOf(this.question) : emptyDraft();
      this._errors = new Map();
      this._failure = null;
    }
  }

  private readonly _focus = (selector: string) => focusAfterRender(this, selector);

  private readonly _onCancel = () => this.dispatchEvent(new Event('sr-question-cancel', { bubbles: true }));

  private _validate(): FieldErrors {
    const d = this._draft;
    const e: FieldErrors = new Map();
    if (!d.prompt.da.trim())
      e.set(
        'qf-prompt-da',
        t('errors.required', {
          field: t('common.inLanguage', { field: t('questions.prompt'), language: t('common.languageDa') }),
        }),
      );
    if (!d.prompt.en.trim())
      e.set(
        'qf-prompt-en',
        t('errors.required', {
          field: t('common.inLanguage', { field: t('questions.prompt'), language: t('common.languageEn') }),
        }),
      );
    if (hasOptions(d.kind)) {
      if (d.options.length < 2) e.set('qf-options', t('questions.optionsRequired'));
      d.options.forEach((o, i) => {
        if (!o.label.da.trim() || !o.label.en.trim())
          e.set(
            `qf-option-${i}-${o.label.da.trim() ? 'en' : 'da'}`,
            t('errors.required', { field: t('questions.option', { n: i + 1 }) }),
          );
      });
    }
    return e;
  }

  private async _onSave(e: Event): Promise<void> {
    e.preventDefault();
    this._errors = this._validate();
    this._failure = null;
    if (this._errors.size) return;
    const d = this._draft;
    const body = {
      kind: d.kind,
      required: d.required,
      prompt: d.prompt,
      help: d.help,
      options: hasOptions(d.kind) ? d.options : [],
    };
    this._busy = true;
    try {
      this.dispatchEvent(new SrQuestionSavedEvent(await this.saveQuestion(body)));
    } catch (err) {
      if (err instanceof ApiError && err.status === 400 && err.issues.length) {
        const fields: FieldMap = {
          '/prompt/da': { id: 'qf-prompt-da', label: () => t('questions.prompt') },
          '/prompt/en': { id: 'qf-prompt-en', label: () => t('questions.prompt') },
          '/help/da': { id: 'qf-help-da', label: () => t('questions.help') },
          '/help/en': { id: 'qf-help-en', label: () => t('questions.help') },
          '/options': { id: 'qf-options', label: () => t('questions.options') },
        };
        const { errors, unmatched } = mapIssues(err, fields);
        this._errors = errors;
        if (unmatched && !errors.size) this._failure = err;
      } else {
        this._failure = err;
        void this._focus('#questions-failure');
      }
    } finally {
      this._busy = false;
    }
  }

  private _localized(
    base: string,
    labelKey: 'questions.prompt' | 'questions.help',
    value: { da: string; en: string },
    set: (v: { da: string; en: string }) => void,
    rows?: number,
  ) {
    return (['da', 'en'] as const).map((lang) =>
      textField({
        id: `${base}-${lang}`,
        label: t('common.inLanguage', {
          field: t(labelKey),
          language: t(lang === 'da' ? 'common.languageDa' : 'common.languageEn'),
        }),
        lang,
        rows,
        required: labelKey === 'questions.prompt',
        optional: labelKey === 'questions.help',
        value: value[lang],
        error: this._errors.get(`${base}-${lang}`),
        onInput: (v) => set({ ...value, [lang]: v }),
      }),
    );
  }

  protected override render() {
    const n = this.n;
    const d = this._draft;
    const set = (patch: Partial<Draft>) => (this._draft = { ...d, ...patch });
    return html`<form
      novalidate
      class="sr-question-form sr-card"
      id="qform"
      @submit=${(e: Event) => void this._onSave(e)}
    >
      <h2 id="qform-heading" tabindex="-1">
        ${n === null ? t('questions.addHeading') : t('questions.editHeading', { n })}
      </h2>
      <sr-error-summary .errors=${this._errors}></sr-error-summary>
      ${selectField({
        id: 'qf-kind',
        label: t('questions.kind'),
        value: d.kind,
        options: QUESTION_KINDS.map((k) => ({ value: k, label: t(`questions.kind.${k}`) })),
        onChange: (v) => {
          const kind = v as QuestionKind;
          set({
            kind,
            options:
              hasOptions(kind) && d.options.length === 0
                ? [{ label: { da: '', en: '' } }, { label: { da: '', en: '' } }]
                : d.options,
          });
        },
      })}
      ${this._localized('qf-prompt', 'questions.prompt', d.prompt, (prompt) => set({ prompt }))}
      ${this._localized('qf-help', 'questions.help', d.help, (help) => set({ help }), 3)}
      ${checkbox({ id: 'qf-required', label: t('questions.required'), checked: d.required, onChange: (required) => set({ required }) })}
      ${
        hasOptions(d.kind)
          ? html`<fieldset id="qf-options" class="form-group ${this._errors.has('qf-options') ? 'form-error' : ''}">
              <legend class="form-label">${t('questions.options')}</legend>
              ${
                this._errors.get('qf-options')
                  ? html`<span class="form-error-message"
                      ><span class="sr-only">${t('errors.prefix')} </span>${this._errors.get('qf-options')}</span
                    >`
                  : nothing
              }
              ${d.options.map(
                (o, i) =>
                  html`<div class="sr-option-row">
                    ${(['da', 'en'] as const).map((lang) =>
                      textField({
                        id: `qf-option-${i}-${lang}`,
                        label: t('common.inLanguage', {
                          field: t('questions.option', { n: i + 1 }),
                          language: t(lang === 'da' ? 'common.languageDa' : 'common.languageEn'),
                        }),
                        lang,
                        required: true,
                        value: o.label[lang],
                        error: this._errors.get(`qf-option-${i}-${lang}`),
                        onInput: (v) =>
                          set({
                            options: d.options.map((x, j) =>
                              j === i ? { ...x, label: { ...x.label, [lang]: v } } : x,
                            ),
                          }),
                      }),
                    )}
                    <button
                      type="button"
                      class="button button-tertiary"
                      @click=${() => {
                        set({ options: d.options.filter((_, j) => j !== i) });
                        announce(t('questions.removeOption', { n: i + 1 }));
                        void this._focus('#qf-add-option');
                      }}
                    >
                      ${t('questions.removeOption', { n: i + 1 })}
                    </button>
                  </div>`,
              )}
              <button
                type="button"
                class="button button-secondary sr-button-icon"
                id="qf-add-option"
                @click=${() => {
                  set({ options: [...d.options, { label: { da: '', en: '' } }] });
                  void this._focus(`#qf-option-${d.options.length}-da`);
                }}
              >
                ${icon('plus')}${t('questions.addOption')}
              </button>
            </fieldset>`
          : nothing
      }
      ${this._failure ? errorAlert(this._failure, { id: 'questions-failure' }) : nothing}
      <div class="sr-actions">
        <button type="submit" class="button button-primary" id="qf-save" ?disabled=${this._busy}>
          ${n === null ? t('questions.create') : t('questions.save')}
        </button>
        <button type="button" class="button button-secondary" id="qf-cancel" @click=${this._onCancel}>
          ${t('common.cancel')}
        </button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-question-editor': SrQuestionEditor;
  }
  interface HTMLElementEventMap {
    'sr-question-saved': SrQuestionSavedEvent;
  }
}
