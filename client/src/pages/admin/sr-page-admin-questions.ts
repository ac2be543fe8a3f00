import '../../components/responses/responses.css';
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { getConsultation } from '../../api/consultations.ts';
import {
  createQuestion,
  deleteQuestion,
  listQuestions,
  reorderQuestions,
  updateQuestion,
  type Question,
  type CreateQuestionInput,
} from '../../api/questions.ts';
import type { Consultation } from '../../api/types.ts';
import { renderPage } from '../../app/page-state.ts';
import { focusAfterRender } from '../../app/focus.ts';
import { SrLightElement, type SrPage } from '../../app/light-element.ts';
import { announce } from '../../app/navigation.ts';
import { alert, errorAlert } from '../../components/alerts.ts';
import { confirmGroup } from '../../components/confirm.ts';
import { icon } from '../../components/icons.ts';
import '../../components/responses/sr-question-editor.ts';
import type { SrQuestionSavedEvent } from '../../components/responses/sr-question-editor.ts';
import { loc, locLang, t } from '../../i18n/i18n.ts';
import '../public/sr-page-not-found.ts';
import { consultationHead } from './consultation-head.ts';

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
  @state() private _failure: unknown = null;
  @state() private _flash = '';
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

  private readonly _focus = (selector: string) => focusAfterRender(this, selector);

  private _start(q: Question | null): void {
    this._editing = q ? q.id : 'new';
    this._failure = null;
    this._flash = '';
    void this._focus('#qform-heading');
  }

  private _cancel(): void {
    const id = this._editing;
    this._editing = null;
    void this._focus(id && id !== 'new' ? `#q-edit-${id}` : '#questions-add');
  }

  /** What the editor saves through: a new question, or a change to the one being edited. */
  private readonly _saveQuestion = (body: CreateQuestionInput): Promise<Question> =>
    this._editing === 'new' ? createQuestion(this.consultationId, body) : updateQuestion(this._editing!, body);

  private _onSaved(e: SrQuestionSavedEvent): void {
    const q = e.question;
    const created = !this._questions.some((x) => x.id === q.id);
    this._questions = created ? [...this._questions, q] : this._questions.map((x) => (x.id === q.id ? q : x));
    this._flash = created ? t('questions.created') : t('questions.saved');
    this._editing = null;
    void this._focus('#questions-flash');
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

  private _form(q: Question | null, n: number | null) {
    return html`<sr-question-editor
      .question=${q}
      .n=${n}
      .saveQuestion=${this._saveQuestion}
      @sr-question-saved=${this._onSaved}
      @sr-question-cancel=${this._cancel}
    ></sr-question-editor>`;
  }

  private _item(q: Question, i: number) {
    const n = i + 1;
    if (this._editing === q.id) return html`<li class="sr-question-item">${this._form(q, n)}</li>`;
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
          ? confirmGroup({
              className: 'sr-confirm',
              questionId: `q-delete-text-${q.id}`,
              question: html`<strong>${t('questions.deleteConfirm', { n })}</strong>`,
              confirmId: `q-delete-yes-${q.id}`,
              confirmLabel: t('questions.delete', { n }),
              onConfirm: () => void this._onDelete(q, n),
              onCancel: () => {
                this._confirmDelete = null;
                void this._focus(`#q-delete-${q.id}`);
              },
            })
          : html`<div class="sr-actions sr-question-actions">
              <button type="button" class="button button-secondary" id="q-edit-${q.id}" @click=${() => this._start(q)}>
                ${t('common.edit')}<span class="sr-only"> ${t('questions.item', { n })}</span>
              </button>
              ${this._moveButton(q, i, -1)} ${this._moveButton(q, i, 1)}
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

  /** Moves question `i` (`q`) one place up (-1) or down (1); disabled at the end it moves towards. */
  private _moveButton(q: Question, i: number, delta: -1 | 1) {
    const up = delta < 0;
    return html`<button
      type="button"
      class="button button-tertiary"
      id="q-${up ? 'up' : 'down'}-${q.id}"
      aria-label=${t(up ? 'questions.moveUp' : 'questions.moveDown', { n: i + 1 })}
      ?disabled=${up ? i === 0 : i === this._questions.length - 1}
      @click=${() => void this._onMove(i, delta)}
    >
      ${icon(up ? 'arrow-upward' : 'arrow-downward')}
    </button>`;
  }

  private _render(c: Consultation) {
    return html`${consultationHead(c, { heading: t('questions.title'), intro: t('questions.intro') })}
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
        ? this._form(null, null)
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
    return renderPage(this._task, (c) => this._render(c));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-page-admin-questions': SrPageAdminQuestions;
  }
}
