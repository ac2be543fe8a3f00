import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.ts';
import { createScenario, updateScenario } from '../api/scenarios.ts';
import type { Scenario, UpdateScenarioInput } from '../api/types.ts';
import { isValidationError, mapIssues, orderErrors, type FieldErrors, type FieldMap } from '../app/form-errors.ts';
import { SrLightElement } from '../app/light-element.ts';
import { t } from '../i18n/i18n.ts';
import { alert, errorDetail, errorMessage } from './alerts.ts';
import { SrScenarioSavedEvent } from './events.ts';
import { textField } from './fields.ts';
import './sr-error-summary.ts';

type Draft = {
  key: string;
  titleDa: string;
  titleEn: string;
  summaryDa: string;
  summaryEn: string;
  descDa: string;
  descEn: string;
};

const KEY = /^[A-Z][A-Z0-9]{0,7}$/;
const inDa = (field: string) => t('common.inLanguage', { field, language: t('common.languageDa') });
const inEn = (field: string) => t('common.inLanguage', { field, language: t('common.languageEn') });

const FIELDS: FieldMap = {
  '/key': { id: 'sf-key', label: () => t('sform.key') },
  '/title/da': { id: 'sf-title-da', label: () => inDa(t('sform.title')) },
  '/title/en': { id: 'sf-title-en', label: () => inEn(t('sform.title')) },
  '/summary/da': { id: 'sf-summary-da', label: () => inDa(t('sform.summary')) },
  '/summary/en': { id: 'sf-summary-en', label: () => inEn(t('sform.summary')) },
  '/description/da': { id: 'sf-description-da', label: () => inDa(t('sform.description')) },
  '/description/en': { id: 'sf-description-en', label: () => inEn(t('sform.description')) },
};
const ORDER = Object.values(FIELDS).map((f) => f.id);

const draftOf = (s?: Scenario): Draft => ({
  key: s?.key ?? '',
  titleDa: s?.title.da ?? '',
  titleEn: s?.title.en ?? '',
  summaryDa: s?.summary.da ?? '',
  summaryEn: s?.summary.en ?? '',
  descDa: s?.description.da ?? '',
  descEn: s?.description.en ?? '',
});

/**
 * Adds a scenario to a consultation (`consultationId`, no `scenario`) or edits one (`scenario`).
 * A changed description is stored by the server as a new version.
 *
 * @fires sr-scenario-saved - with the scenario as the server returned it
 */
@customElement('sr-scenario-form')
export class SrScenarioForm extends SrLightElement {
  @property({ attribute: false }) consultationId = '';
  @property({ attribute: false }) scenario: Scenario | undefined;
  @state() private _draft: Draft = draftOf();
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: (string | TemplateResult)[] = [];
  @state() private _notice: 'saved' | 'unchanged' | null = null;
  @state() private _busy = false;
  private _dirty = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scenario') && !(this._dirty && changed.get('scenario')?.id === this.scenario?.id)) {
      this._draft = draftOf(this.scenario);
      this._dirty = false;
    }
  }

  private _set<K extends keyof Draft>(key: K, value: string): void {
    this._draft = { ...this._draft, [key]: value };
    this._dirty = true;
    this._notice = null;
  }

  private _validate(d: Draft): FieldErrors {
    const e: FieldErrors = new Map();
    if (!d.key.trim()) e.set('sf-key', t('errors.required', { field: t('sform.key') }));
    else if (!KEY.test(d.key.trim())) e.set('sf-key', t('errors.keyFormat'));
    if (!d.titleDa.trim()) e.set('sf-title-da', t('errors.required', { field: inDa(t('sform.title')) }));
    if (!d.titleEn.trim()) e.set('sf-title-en', t('errors.required', { field: inEn(t('sform.title')) }));
    if (d.summaryDa.length > 2000)
      e.set('sf-summary-da', t('errors.tooLong', { field: inDa(t('sform.summary')), max: 2000 }));
    if (d.summaryEn.length > 2000)
      e.set('sf-summary-en', t('errors.tooLong', { field: inEn(t('sform.summary')), max: 2000 }));
    return e;
  }

  private _changes(d: Draft, s: Scenario): UpdateScenarioInput {
    const out: UpdateScenarioInput = {};
    if (d.key.trim() !== s.key) out.key = d.key.trim();
    if (d.titleDa !== s.title.da || d.titleEn !== s.title.en)
      out.title = { da: d.titleDa.trim(), en: d.titleEn.trim() };
    if (d.summaryDa !== s.summary.da || d.summaryEn !== s.summary.en)
      out.summary = { da: d.summaryDa, en: d.summaryEn };
    if (d.descDa !== s.description.da || d.descEn !== s.description.en)
      out.description = { da: d.descDa, en: d.descEn };
    return out;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const d = this._draft;
    this._general = [];
    this._notice = null;
    this._errors = this._validate(d);
    if (this._errors.size) return;
    this._busy = true;
    try {
      let saved: Scenario;
      if (this.scenario) {
        const changes = this._changes(d, this.scenario);
        if (!Object.keys(changes).length) {
          this._notice = 'unchanged';
          return;
        }
        saved = await updateScenario(this.scenario.id, changes);
      } else {
        saved = await createScenario(this.consultationId, {
          key: d.key.trim(),
          title: { da: d.titleDa.trim(), en: d.titleEn.trim() },
          summary: { da: d.summaryDa, en: d.summaryEn },
          description: { da: d.descDa, en: d.descEn },
        });
      }
      this._dirty = false;
      this._notice = 'saved';
      this.dispatchEvent(new SrScenarioSavedEvent(saved));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'KEY_TAKEN') this._errors = new Map([['sf-key', errorMessage(err)]]);
      else if (isValidationError(err)) {
        const { errors, unmatched } = mapIssues(err, FIELDS);
        this._errors = orderErrors(errors, ORDER);
        if (unmatched) this._general = [errorMessage(err)];
      } else this._general = [html`${errorMessage(err)}${errorDetail(err)}`];
    } finally {
      this._busy = false;
    }
  }

  private _text(key: keyof Draft, id: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) {
    return textField({
      id,
      label,
      value: this._draft[key],
      error: this._errors.get(id),
      onInput: (v) => this._set(key, v),
      ...extra,
    });
  }

  protected override render() {
    const s = this.scenario;
    const hint = `${t('common.markdownHint')} ${t('sform.descriptionHint')}`;
    return html`<sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      ${this._notice === 'saved' && s ? alert('success', t('sform.saved', { version: s.version })) : nothing}
      ${this._notice === 'unchanged' ? alert('info', t('cform.nothingChanged')) : nothing}
      <form id="scenario-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${this._text('key', 'sf-key', t('sform.key'), { hint: t('sform.keyHint'), required: true, maxlength: 8, width: 'xs' })}
        ${this._text('titleDa', 'sf-title-da', inDa(t('sform.title')), { required: true, lang: 'da' })}
        ${this._text('titleEn', 'sf-title-en', inEn(t('sform.title')), { required: true, lang: 'en' })}
        ${this._text('summaryDa', 'sf-summary-da', inDa(t('sform.summary')), { optional: true, rows: 3, lang: 'da' })}
        ${this._text('summaryEn', 'sf-summary-en', inEn(t('sform.summary')), { optional: true, rows: 3, lang: 'en' })}
        ${this._text('descDa', 'sf-description-da', inDa(t('sform.description')), { optional: true, rows: 14, hint, lang: 'da' })}
        ${this._text('descEn', 'sf-description-en', inEn(t('sform.description')), { optional: true, rows: 14, hint, lang: 'en' })}
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="sf-submit" ?disabled=${this._busy}>
            ${this._busy ? t('cform.saving') : s ? t('sform.save') : t('sform.create')}
          </button>
        </div>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-scenario-form': SrScenarioForm;
  }
}
