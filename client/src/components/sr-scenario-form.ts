import { html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ApiError } from '../api/http.ts';
import type { Scenario, UpdateScenarioInput } from '../api/types.ts';
import type { FieldErrors, FieldMap } from '../app/form-errors.ts';
import { t } from '../i18n/i18n.ts';
import { errorMessage } from './alerts.ts';
import { SrScenarioSavedEvent } from './events.ts';
import type { ScenarioFormOps } from './scenario-form-ops.ts';
import { bilingualFields, daEn, inDa, inEn, SrResourceForm } from './resource-form.ts';

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

const FIELDS: FieldMap = {
  '/key': { id: 'sf-key', label: () => t('sform.key') },
  ...bilingualFields('sf', 'title', () => t('sform.title')),
  ...bilingualFields('sf', 'summary', () => t('sform.summary')),
  ...bilingualFields('sf', 'description', () => t('sform.description')),
};

const draftOf = (s?: Scenario): Draft => ({
  key: s?.key ?? '',
  ...daEn('title', s?.title),
  ...daEn('summary', s?.summary),
  ...daEn('desc', s?.description),
});

/**
 * Adds a scenario to a consultation (`consultationId`, no `scenario`) or edits one (`scenario`).
 * A changed description is stored by the server as a new version.
 *
 * @fires sr-scenario-saved - with the scenario as the server returned it
 */
@customElement('sr-scenario-form')
export class SrScenarioForm extends SrResourceForm<Draft, Scenario> {
  @property({ attribute: false }) consultationId = '';
  @property({ attribute: false }) scenario: Scenario | undefined;
  /** The saves, passed in by the page. */
  @property({ attribute: false }) ops!: ScenarioFormOps;

  constructor() {
    super(draftOf());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('scenario') && !(this._dirty && changed.get('scenario')?.id === this.scenario?.id)) {
      this._draft = draftOf(this.scenario);
      this._dirty = false;
    }
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
    const d = this._draft;
    const s = this.scenario;
    await this._save({
      validate: () => this._validate(d),
      save: async () => {
        if (!s)
          return this.ops.create(this.consultationId, {
            key: d.key.trim(),
            title: { da: d.titleDa.trim(), en: d.titleEn.trim() },
            summary: { da: d.summaryDa, en: d.summaryEn },
            description: { da: d.descDa, en: d.descEn },
          });
        const changes = this._changes(d, s);
        return Object.keys(changes).length ? this.ops.update(s.id, changes) : null;
      },
      saved: (saved) => this.dispatchEvent(new SrScenarioSavedEvent(saved)),
      fields: FIELDS,
      refused: (err) => {
        if (!(err instanceof ApiError && err.code === 'KEY_TAKEN')) return false;
        this._form.errors = new Map([['sf-key', errorMessage(err)]]);
        return true;
      },
    });
  }

  protected override render() {
    const s = this.scenario;
    const hint = `${t('common.markdownHint')} ${t('sform.descriptionHint')}`;
    return html`${this._form.summary()} ${this._notices(s ? t('sform.saved', { version: s.version }) : null)}
      <form id="scenario-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        ${this._text('key', 'sf-key', t('sform.key'), { hint: t('sform.keyHint'), required: true, maxlength: 8, width: 'xs' })}
        ${this._textPair('title', 'sf-title', t('sform.title'), { required: true })}
        ${this._textPair('summary', 'sf-summary', t('sform.summary'), { optional: true, rows: 3 })}
        ${this._textPair('desc', 'sf-description', t('sform.description'), { optional: true, rows: 14, hint })}
        ${this._submit('sf-submit', !!s, t('sform.save'), t('sform.create'))}
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-scenario-form': SrScenarioForm;
  }
}
