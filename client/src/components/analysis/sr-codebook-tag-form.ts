import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { CodebookTag } from '../../api/codebook.ts';
import type { ScenarioSummary } from '../../api/types.ts';
import { isValidationError, mapIssues, type FieldErrors, type FieldMap } from '../../app/form-errors.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { loc, t } from '../../i18n/i18n.ts';
import { selectField, textField } from '../fields.ts';
import '../sr-error-summary.ts';
import { codebookErrorAlert, isStale } from './codebook-errors.ts';

/** What the form edits: every field of a tag that is not its place in the tree. */
export type TagDraft = {
  name: { da: string; en: string };
  definition: string;
  includeNote: string;
  excludeNote: string;
  example: string;
  scenarioId: string | null;
};

const emptyDraft = (): TagDraft => ({
  name: { da: '', en: '' },
  definition: '',
  includeNote: '',
  excludeNote: '',
  example: '',
  scenarioId: null,
});

const draftOf = (tag: CodebookTag): TagDraft => ({
  name: { ...tag.name },
  definition: tag.definition,
  includeNote: tag.includeNote,
  excludeNote: tag.excludeNote,
  example: tag.example,
  scenarioId: tag.scenarioId,
});

/** The fields of `draft` that differ from `tag` (all of them for a new tag). */
export function changedFields(draft: TagDraft, tag: CodebookTag | null): Partial<TagDraft> {
  if (!tag) return draft;
  const out: Partial<TagDraft> = {};
  if (draft.name.da !== tag.name.da || draft.name.en !== tag.name.en) out.name = draft.name;
  for (const k of ['definition', 'includeNote', 'excludeNote', 'example'] as const) {
    if (draft[k] !== tag[k]) out[k] = draft[k];
  }
  if (draft.scenarioId !== tag.scenarioId) out.scenarioId = draft.scenarioId;
  return out;
}

/** The form saved; the page calls the API through `save` and gets the tag back. */
export class SrCodebookTagSavedEvent extends Event {
  static readonly eventName = 'sr-codebook-tag-saved';
  constructor(readonly tag: CodebookTag) {
    super(SrCodebookTagSavedEvent.eventName, { bubbles: true, composed: true });
  }
}

const TEXTS = [
  ['definition', 'codebook.form.definition', 'codebook.form.definitionHint'],
  ['includeNote', 'codebook.form.includeNote', 'codebook.form.includeHint'],
  ['excludeNote', 'codebook.form.excludeNote', 'codebook.form.excludeHint'],
  ['example', 'codebook.form.example', 'codebook.form.exampleHint'],
] as const;

/**
 * The form of one codebook tag: its name in Danish and English, definition, include and exclude
 * notes, example and optional scenario. Checks the names before saving, shows the server's field
 * errors on the fields, and does no I/O itself: the page saves through `save`. Field ids start
 * with `idPrefix`, so one form can be open beside the tree's other tags.
 *
 * @fires sr-codebook-tag-saved - after `save` resolved (SrCodebookTagSavedEvent)
 * @fires sr-codebook-tag-cancel - the user cancelled
 */
@customElement('sr-codebook-tag-form')
export class SrCodebookTagForm extends SrLightElement {
  /** The tag to edit; null for a new one. */
  @property({ attribute: false }) tag: CodebookTag | null = null;
  /** The form's heading. */
  @property({ attribute: false }) heading = '';
  /** The heading's level (it sits under the tag it belongs to). */
  @property({ attribute: false }) level = 2;
  @property({ attribute: false }) scenarios: readonly ScenarioSummary[] = [];
  @property({ attribute: false }) idPrefix = 'cbf';
  /** Saves the fields that changed (all of them for a new tag); rejects with the API's error. */
  @property({ attribute: false }) save: (changes: Partial<TagDraft>) => Promise<CodebookTag> = () =>
    Promise.reject(new Error('sr-codebook-tag-form: no save callback'));
  @state() private _draft: TagDraft = emptyDraft();
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: string[] = [];
  @state() private _failure: unknown = null;
  @state() private _busy = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('tag')) {
      this._draft = this.tag ? draftOf(this.tag) : emptyDraft();
      this._errors = new Map();
      this._failure = null;
    }
  }

  /** Focus on the form's heading (the page calls it once the form is shown). */
  focusHeading(): void {
    this.querySelector<HTMLElement>(`#${this.idPrefix}-heading`)?.focus();
  }

  private _id = (field: string) => `${this.idPrefix}-${field}`;

  private _nameLabel(lang: 'da' | 'en'): string {
    return t('common.inLanguage', {
      field: t('codebook.form.name'),
      language: t(lang === 'da' ? 'common.languageDa' : 'common.languageEn'),
    });
  }

  private _validate(): FieldErrors {
    const e: FieldErrors = new Map();
    for (const lang of ['da', 'en'] as const) {
      if (!this._draft.name[lang].trim())
        e.set(this._id(`name-${lang}`), t('errors.required', { field: this._nameLabel(lang) }));
    }
    return e;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    this._errors = this._validate();
    this._general = [];
    this._failure = null;
    if (this._errors.size) return;
    const changes = changedFields(this._draft, this.tag);
    if (this.tag && Object.keys(changes).length === 0) {
      this._general = [t('codebook.form.nothingChanged')];
      return;
    }
    this._busy = true;
    try {
      this.dispatchEvent(new SrCodebookTagSavedEvent(await this.save(changes)));
    } catch (err) {
      if (isValidationError(err)) {
        const fields: FieldMap = {
          '/name/da': { id: this._id('name-da'), label: () => this._nameLabel('da') },
          '/name/en': { id: this._id('name-en'), label: () => this._nameLabel('en') },
          ...Object.fromEntries(
            TEXTS.map(([k, label]) => [`/${k}`, { id: this._id(k), label: () => t(label) }] as const),
          ),
          '/scenarioId': { id: this._id('scenario'), label: () => t('codebook.form.scenario') },
        };
        const { errors, unmatched } = mapIssues(err, fields);
        this._errors = errors;
        if (unmatched && !errors.size) this._failure = err;
      } else if (isStale(err)) {
        // Someone else changed the tag: the page explains it and reloads.
        throw err;
      } else {
        this._failure = err;
        await this.updateComplete;
        this.querySelector<HTMLElement>(`#${this._id('failure')}`)?.focus();
      }
    } finally {
      this._busy = false;
    }
  }

  protected override render() {
    const d = this._draft;
    const set = (patch: Partial<TagDraft>) => (this._draft = { ...d, ...patch });
    const level = Math.min(6, Math.max(2, this.level));
    return html`<form
      novalidate
      class="sr-card sr-codebook-form"
      aria-labelledby=${this._id('heading')}
      @submit=${(e: Event) => void this._onSubmit(e).catch((err: unknown) => this._raise(err))}
    >
      <div
        role="heading"
        aria-level=${level}
        class="h${Math.min(5, level + 1)}"
        id=${this._id('heading')}
        tabindex="-1"
      >
        ${this.heading}
      </div>
      <sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      ${this._failure ? html`<div id=${this._id('failure')} tabindex="-1">${codebookErrorAlert(this._failure)}</div>` : nothing}
      ${(['da', 'en'] as const).map((lang) =>
        textField({
          id: this._id(`name-${lang}`),
          label: this._nameLabel(lang),
          lang,
          required: true,
          maxlength: 200,
          value: d.name[lang],
          error: this._errors.get(this._id(`name-${lang}`)),
          onInput: (v) => set({ name: { ...d.name, [lang]: v } }),
        }),
      )}
      ${TEXTS.map(([k, label, hint]) =>
        textField({
          id: this._id(k),
          label: t(label),
          hint: t(hint),
          optional: true,
          rows: k === 'definition' || k === 'example' ? 3 : 2,
          maxlength: 5000,
          value: d[k],
          error: this._errors.get(this._id(k)),
          onInput: (v) => set({ [k]: v }),
        }),
      )}
      ${selectField({
        id: this._id('scenario'),
        label: t('codebook.form.scenario'),
        optional: true,
        value: d.scenarioId ?? '',
        options: [
          { value: '', label: t('codebook.form.noScenario') },
          ...this.scenarios.map((s) => ({ value: s.id, label: `${s.key} – ${loc(s.title)}` })),
        ],
        error: this._errors.get(this._id('scenario')),
        onChange: (v) => set({ scenarioId: v || null }),
      })}
      <div class="sr-actions">
        <button type="submit" class="button button-primary" id=${this._id('submit')} ?disabled=${this._busy}>
          ${this.tag ? t('codebook.form.save') : t('codebook.form.saveNew')}
        </button>
        <button
          type="button"
          class="button button-secondary"
          id=${this._id('cancel')}
          @click=${() => this.dispatchEvent(new Event('sr-codebook-tag-cancel', { bubbles: true }))}
        >
          ${t('common.cancel')}
        </button>
      </div>
    </form>`;
  }

  /** A stale version goes to the page, which explains it and reloads. */
  private _raise(err: unknown): void {
    this.dispatchEvent(new CustomEvent('sr-codebook-tag-failed', { bubbles: true, detail: err }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-codebook-tag-form': SrCodebookTagForm;
  }
}
