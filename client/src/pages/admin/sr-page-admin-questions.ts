import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import { ApiError } from '../../api/http.ts';
import {
  createQuestion,
  deleteQuestion,
  listQuestions,
  QUESTION_KINDS,
  reorderQuestions,
  updateQuestion,
  type Question,
  type QuestionKind,
} from '../../api/questions.ts';
import type { Consultation } from '../../api/types.ts';
import { mapIssues, type FieldErrors, type FieldMap } from '../../app/form-errors.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert, errorAlert, loading } from '../../components/alerts.ts';
import { checkbox, selectField, textField } from '../../components/fields.ts';
import { icon } from '../../components/icons.ts';
import '../../components/sr-breadcrumbs.ts';
import '../../components/sr-error-summary.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import '../../i18n/parts/responses.ts';
import '../public/sr-page-not-found.ts';

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

/**
 * `/admin/consultations/:consultationId/questions`: the questionnaire builder. Add, edit, reorder
 * and delete questions of each kind, in Danish and English. The server refuses (422) a change of
 * shape once responses exist; the reason is shown.
 */
@customElement('sr-page-admin-questions')
export class SrPageAdminQuestions extends SrLightElement implements SrPage {
  @property() consultationId = '';
  @state() private _questions: Question[] = [];
  @state() private _editing: string | null = null;
  @state() private _draft: Draft = emptyDraft();
  @state() private _errors: FieldErrors = new Map();
  @state() private _failure: unknown = null;
  @state() private _flash = '';
  @state() private _busy = false;
  @state() private _confirmDelete: string | null = null;

  private readonly _task = new Task(this, {
    task: async ([id], { signal }): Promise<Consultation> => {
      const [c, qs] = await Promise.all([getConsultation(id, signal), listQuestions(id, signal)]);
      this._questions = qs;
      return c;
    },
    args: () => [this.consultationId] as const,
  });

  get ready(): Promise<unknown> {
    return this.updateComplete.then(() => this._task.taskComplete).then(() => this.updateComplete);
  }

  private async _focus(selector: string): Promise<void> {
    await this.updateComplete;
    const el = this.querySelector<HTMLElement>(selector);
    if (!el) return;
    if (!el.hasAttribute('tabindex') && !(el instanceof HTMLButtonElement || el instanceof HTMLInputElement))
      el.setAttribute('tabindex', '-1');
    el.focus();
  }

  private _start(q: Question | null): void {
    this._editing = q ? q.id : 'new';
    this._draft = q
      ? {
          kind: q.kind,
          required: q.required,
          prompt: { ...q.prompt },
          help: { ...q.help },
          options: q.options.map((o) => ({ id: o.id, label: { ...o.label } })),
        }
      : emptyDraft();
    this._errors = new Map();
    this._failure = null;
    this._flash = '';
    void this._focus('#qform-heading');
  }

  private _cancel(): void {
    const id = this._editing;
    this._editing = null;
    void this._focus(id && id !== 'new' ? `#q-edit-${id}` : '#questions-add');
  }

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
      if (this._editing === 'new') {
        const q = await createQuestion(this.consultationId, body);
        this._questions = [...this._questions, q];
        this._flash = t('questions.created');
      } else if (this._editing) {
        const q = await updateQuestion(this._editing, body);
        this._questions = this._questions.map((x) => (x.id === q.id ? q : x));
        this._flash = t('questions.saved');
      }
      this._editing = null;
      void this._focus('#questions-flash');
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

  private async _onDelete(q: Question, n: number): Promise<void> {
    this._failure = null;
    try {
      await deleteQuestion(q.id);
      this._questions = this._questions.filter((x) => x.id !== q.id);
      this._confirmDelete = null;
      this._flash = t('questions.deleted');
      announce(t('questions.deleted'));
      void this._focus('#questions-flash');
    } catch (err) {
      this._failure = err;
      this._confirmDelete = null;
      void this._focus('#questions-failure');
    }
    void n;
  }

  private async _onMove(index: number, delta: -1 | 1): Promise<void> {
    const to = index + delta;
    if (to < 0 || to >= this._questions.length) return;
    const ids = this._questions.map((q) => q.id);
    [ids[index], ids[to]] = [ids[to]!, ids[index]!];
    this._failure = null;
    try {
      this._questions = await reorderQuestions(this.consultationId, ids);
      announce(t('questions.moved', { position: to + 1, count: ids.length }));
      const moved = ids[to]!;
      await this.updateComplete;
      const btn =
        this.querySelector<HTMLButtonElement>(`#q-${delta < 0 ? 'up' : 'down'}-${moved}:not([disabled])`) ??
        this.querySelector<HTMLButtonElement>(`#q-${delta < 0 ? 'down' : 'up'}-${moved}`);
      btn?.focus();
    } catch (err) {
      this._failure = err;
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

  private _form(n: number | null) {
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
        <button type="button" class="button button-secondary" id="qf-cancel" @click=${this._cancel}>
          ${t('common.cancel')}
        </button>
      </div>
    </form>`;
  }

  private _item(q: Question, i: number) {
    const n = i + 1;
    if (this._editing === q.id) return html`<li class="sr-question-item">${this._form(n)}</li>`;
    return html`<li class="sr-question-item sr-card" id="question-${q.id}">
      <h3 class="h4"><span class="sr-key">${n}.</span> <span lang=${locLang(q.prompt)}>${loc(q.prompt)}</span></h3>
      <p class="sr-question-meta">
        ${t(`questions.kind.${q.kind}`)}${q.required ? html` · <strong>${t('questions.requiredYes')}</strong>` : nothing}
      </p>
      ${
        q.options.length
          ? html`<ul class="sr-question-options">
              ${q.options.map((o) => html`<li lang=${locLang(o.label)}>${loc(o.label)}</li>`)}
            </ul>`
          : nothing
      }
      ${
        this._confirmDelete === q.id
          ? html`<div class="sr-confirm" role="group" aria-labelledby="q-delete-text-${q.id}">
              <p id="q-delete-text-${q.id}"><strong>${t('questions.deleteConfirm', { n })}</strong></p>
              <div class="sr-actions">
                <button
                  type="button"
                  class="button button-primary"
                  id="q-delete-yes-${q.id}"
                  @click=${() => void this._onDelete(q, n)}
                >
                  ${t('questions.delete', { n })}
                </button>
                <button
                  type="button"
                  class="button button-secondary"
                  @click=${() => {
                    this._confirmDelete = null;
                    void this._focus(`#q-delete-${q.id}`);
                  }}
                >
                  ${t('common.cancel')}
                </button>
              </div>
            </div>`
          : html`<div class="sr-actions sr-question-actions">
              <button type="button" class="button button-secondary" id="q-edit-${q.id}" @click=${() => this._start(q)}>
                ${t('common.edit')}<span class="sr-only"> ${t('questions.item', { n })}</span>
              </button>
              <button
                type="button"
                class="button button-tertiary"
                id="q-up-${q.id}"
                aria-label=${t('questions.moveUp', { n })}
                ?disabled=${i === 0}
                @click=${() => void this._onMove(i, -1)}
              >
                ${icon('arrow-upward')}
              </button>
              <button
                type="button"
                class="button button-tertiary"
                id="q-down-${q.id}"
                aria-label=${t('questions.moveDown', { n })}
                ?disabled=${i === this._questions.length - 1}
                @click=${() => void this._onMove(i, 1)}
              >
                ${icon('arrow-downward')}
              </button>
              <button
                type="button"
                class="button button-tertiary"
                id="q-delete-${q.id}"
                @click=${() => {
                  this._confirmDelete = q.id;
                  void this._focus(`#q-delete-yes-${q.id}`);
                }}
              >
                ${t('questions.deleteShort')}<span class="sr-only"> ${t('questions.item', { n })}</span>
              </button>
            </div>`
      }
    </li>`;
  }

  private _render(c: Consultation) {
    const title = loc(c.title);
    return html`<sr-breadcrumbs
        .items=${[
          { href: '/admin', label: t('nav.admin') },
          { href: `/admin/consultations/${c.id}`, label: title },
          { label: t('questions.title') },
        ]}
      ></sr-breadcrumbs>
      <h1 tabindex="-1">${t('questions.title')}</h1>
      <p class="font-lead" lang=${locLang(c.title)}>${title}</p>
      <p>${t('questions.intro')}</p>
      ${this._flash ? html`<div id="questions-flash" tabindex="-1">${alert('success', this._flash)}</div>` : nothing}
      ${this._failure && this._editing === null ? errorAlert(this._failure, { id: 'questions-failure' }) : nothing}
      ${
        this._questions.length
          ? html`<ol class="sr-question-list nobullet-list">
              ${this._questions.map((q, i) => this._item(q, i))}
            </ol>`
          : html`<p class="sr-empty">${t('questions.empty')}</p>`
      }
      ${
        this._editing === 'new'
          ? this._form(null)
          : html`<p class="sr-actions">
              <button
                type="button"
                class="button button-secondary sr-button-icon"
                id="questions-add"
                @click=${() => this._start(null)}
              >
                ${icon('plus')}${t('questions.add')}
              </button>
            </p>`
      }`;
  }

  protected override render() {
    return this._task.render({
      pending: () => loading(),
      error: (e) =>
        e instanceof ApiError && (e.status === 404 || e.status === 400)
          ? html`<sr-page-not-found></sr-page-not-found>`
          : html`<h1 tabindex="-1">${t('errors.loadFailed')}</h1>
              ${errorAlert(e)}`,
      complete: (c) => this._render(c),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-questions': SrPageAdminQuestions;
  }
}
