import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { createConsultation, updateConsultation } from '../api/consultations.ts';
import { ApiError } from '../api/http.ts';
import { IT_STAGES, type Consultation, type ItStage, type UpdateConsultationInput } from '../api/types.ts';
import { isValidationError, mapIssues, orderErrors, type FieldErrors, type FieldMap } from '../app/form-errors.ts';
import { SrLightElement } from '../app/light-element.ts';
import { t } from '../i18n/i18n.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../i18n/format.ts';
import { alert, errorDetail, errorMessage } from './alerts.ts';
import { SrConsultationSavedEvent, SrReloadRequestEvent } from './events.ts';
import { selectField, textField } from './fields.ts';
import './sr-error-summary.ts';

type Draft = {
  slug: string;
  titleDa: string;
  titleEn: string;
  summaryDa: string;
  summaryEn: string;
  bodyDa: string;
  bodyEn: string;
  opensAt: string;
  closesAt: string;
  itStage: ItStage;
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const inDa = (field: string) => t('common.inLanguage', { field, language: t('common.languageDa') });
const inEn = (field: string) => t('common.inLanguage', { field, language: t('common.languageEn') });

const FIELDS: FieldMap = {
  '/slug': { id: 'cf-slug', label: () => t('cform.slug') },
  '/title/da': { id: 'cf-title-da', label: () => inDa(t('cform.title')) },
  '/title/en': { id: 'cf-title-en', label: () => inEn(t('cform.title')) },
  '/summary/da': { id: 'cf-summary-da', label: () => inDa(t('cform.summary')) },
  '/summary/en': { id: 'cf-summary-en', label: () => inEn(t('cform.summary')) },
  '/body/da': { id: 'cf-body-da', label: () => inDa(t('cform.body')) },
  '/body/en': { id: 'cf-body-en', label: () => inEn(t('cform.body')) },
  '/opensAt': { id: 'cf-opens-at', label: () => t('cform.opensAt') },
  '/closesAt': { id: 'cf-closes-at', label: () => t('cform.closesAt') },
  '/itStage': { id: 'cf-it-stage', label: () => t('stage.label') },
};
const ORDER = Object.values(FIELDS).map((f) => f.id);

const draftOf = (c?: Consultation): Draft => ({
  slug: c?.slug ?? '',
  titleDa: c?.title.da ?? '',
  titleEn: c?.title.en ?? '',
  summaryDa: c?.summary.da ?? '',
  summaryEn: c?.summary.en ?? '',
  bodyDa: c?.body.da ?? '',
  bodyEn: c?.body.en ?? '',
  opensAt: toDateTimeLocal(c?.opensAt),
  closesAt: toDateTimeLocal(c?.closesAt),
  itStage: c?.itStage ?? 'analysis',
});

/**
 * Creates a consultation (no `consultation` given) or edits one. Edits send only what changed,
 * with the version they started from; a 409 STALE_VERSION offers to reload.
 *
 * @fires sr-consultation-saved - with the consultation as the server returned it
 * @fires sr-reload-request - when the user asks to reload after a stale edit
 */
@customElement('sr-consultation-form')
export class SrConsultationForm extends SrLightElement {
  @property({ attribute: false }) consultation: Consultation | undefined;
  @state() private _draft: Draft = draftOf();
  @state() private _errors: FieldErrors = new Map();
  @state() private _general: (string | TemplateResult)[] = [];
  @state() private _stale = false;
  @state() private _notice: 'saved' | 'unchanged' | null = null;
  @state() private _busy = false;
  private _dirty = false;
  private _baseVersion = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('consultation')) return;
    const c = this.consultation;
    const prev = changed.get('consultation');
    // Another part of the page (a phase change) saved: keep the user's unsaved edits, adopt the version.
    if (c && prev && prev.id === c.id && this._dirty) this._baseVersion = c.version;
    else {
      this._draft = draftOf(c);
      this._baseVersion = c?.version ?? 0;
      this._dirty = false;
      this._stale = false;
    }
  }

  private _set<K extends keyof Draft>(key: K, value: Draft[K]): void {
    this._draft = { ...this._draft, [key]: value };
    this._dirty = true;
    this._notice = null;
  }

  private _validate(d: Draft): FieldErrors {
    const e: FieldErrors = new Map();
    const need = (id: string, value: string, label: string) => {
      if (!value.trim()) e.set(id, t('errors.required', { field: label }));
    };
    if (!d.slug.trim()) e.set('cf-slug', t('errors.required', { field: t('cform.slug') }));
    else if (!SLUG.test(d.slug) || d.slug.length < 3 || d.slug.length > 80) e.set('cf-slug', t('errors.slugFormat'));
    need('cf-title-da', d.titleDa, inDa(t('cform.title')));
    need('cf-title-en', d.titleEn, inEn(t('cform.title')));
    for (const [id, v, label] of [
      ['cf-title-da', d.titleDa, inDa(t('cform.title'))],
      ['cf-title-en', d.titleEn, inEn(t('cform.title'))],
    ] as const)
      if (v.trim().length > 300) e.set(id, t('errors.tooLong', { field: label, max: 300 }));
    for (const [id, v, label] of [
      ['cf-summary-da', d.summaryDa, inDa(t('cform.summary'))],
      ['cf-summary-en', d.summaryEn, inEn(t('cform.summary'))],
    ] as const)
      if (v.length > 2000) e.set(id, t('errors.tooLong', { field: label, max: 2000 }));
    const opens = fromDateTimeLocal(d.opensAt);
    const closes = fromDateTimeLocal(d.closesAt);
    if (opens === undefined) e.set('cf-opens-at', t('errors.invalid', { field: t('cform.opensAt') }));
    if (closes === undefined) e.set('cf-closes-at', t('errors.invalid', { field: t('cform.closesAt') }));
    if (opens && closes && closes <= opens) e.set('cf-closes-at', t('errors.closesBeforeOpens'));
    return e;
  }

  private _changes(d: Draft, c: Consultation): Omit<UpdateConsultationInput, 'version'> {
    const out: Omit<UpdateConsultationInput, 'version'> = {};
    if (d.slug !== c.slug) out.slug = d.slug;
    if (d.titleDa !== c.title.da || d.titleEn !== c.title.en) out.title = { da: d.titleDa, en: d.titleEn };
    if (d.summaryDa !== c.summary.da || d.summaryEn !== c.summary.en)
      out.summary = { da: d.summaryDa, en: d.summaryEn };
    if (d.bodyDa !== c.body.da || d.bodyEn !== c.body.en) out.body = { da: d.bodyDa, en: d.bodyEn };
    if (d.opensAt !== toDateTimeLocal(c.opensAt)) out.opensAt = fromDateTimeLocal(d.opensAt) ?? null;
    if (d.closesAt !== toDateTimeLocal(c.closesAt)) out.closesAt = fromDateTimeLocal(d.closesAt) ?? null;
    if (d.itStage !== c.itStage) out.itStage = d.itStage;
    return out;
  }

  private async _onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy) return;
    const d = this._draft;
    this._general = [];
    this._stale = false;
    this._notice = null;
    this._errors = this._validate(d);
    if (this._errors.size) return;
    const c = this.consultation;
    this._busy = true;
    try {
      let saved: Consultation;
      if (c) {
        const changes = this._changes(d, c);
        if (!Object.keys(changes).length) {
          this._notice = 'unchanged';
          return;
        }
        saved = await updateConsultation(c.id, { version: this._baseVersion, ...changes });
      } else {
        saved = await createConsultation({
          slug: d.slug,
          title: { da: d.titleDa.trim(), en: d.titleEn.trim() },
          summary: { da: d.summaryDa, en: d.summaryEn },
          body: { da: d.bodyDa, en: d.bodyEn },
          opensAt: fromDateTimeLocal(d.opensAt) ?? null,
          closesAt: fromDateTimeLocal(d.closesAt) ?? null,
          itStage: d.itStage,
        });
      }
      this._dirty = false;
      this._notice = 'saved';
      this.dispatchEvent(new SrConsultationSavedEvent(saved));
    } catch (err) {
      this._onError(err);
    } finally {
      this._busy = false;
    }
  }

  private _onError(err: unknown): void {
    if (err instanceof ApiError && err.code === 'STALE_VERSION') {
      this._stale = true;
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('#cf-stale')?.focus());
    } else if (err instanceof ApiError && err.code === 'SLUG_TAKEN') {
      this._errors = new Map([['cf-slug', errorMessage(err)]]);
    } else if (isValidationError(err)) {
      const { errors, unmatched } = mapIssues(err, FIELDS);
      this._errors = orderErrors(errors, ORDER);
      if (unmatched) this._general = [errorMessage(err)];
    } else {
      this._general = [html`${errorMessage(err)}${errorDetail(err)}`];
    }
  }

  private _text(key: keyof Draft, id: string, label: string, extra: Partial<Parameters<typeof textField>[0]> = {}) {
    return textField({
      id,
      label,
      value: this._draft[key],
      error: this._errors.get(id),
      onInput: (v) => this._set(key, v as never),
      ...extra,
    });
  }

  protected override render() {
    const c = this.consultation;
    const frozen = c?.phase === 'concluded';
    const md = t('common.markdownHint');
    return html`<sr-error-summary .errors=${this._errors} .general=${this._general}></sr-error-summary>
      ${
        this._stale
          ? html`<div class="alert alert-error" role="alert" id="cf-stale" tabindex="-1">
              <div class="alert-body">
                <p class="alert-text">${t('errors.code.STALE_VERSION')}</p>
                <button
                  type="button"
                  class="button button-secondary"
                  id="cf-reload"
                  @click=${() => this.dispatchEvent(new SrReloadRequestEvent())}
                >
                  ${t('cform.reload')}
                </button>
              </div>
            </div>`
          : nothing
      }
      ${this._notice === 'saved' && c ? alert('success', t('cform.saved')) : nothing}
      ${this._notice === 'unchanged' ? alert('info', t('cform.nothingChanged')) : nothing}
      ${frozen ? alert('info', t('cform.frozen'), { live: false }) : nothing}
      <form id="consultation-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        <fieldset class="sr-plain-fieldset" ?disabled=${frozen}>
          ${this._text('slug', 'cf-slug', t('cform.slug'), { hint: t('cform.slugHint'), required: true, maxlength: 80, width: 'l' })}
          ${this._text('titleDa', 'cf-title-da', inDa(t('cform.title')), { required: true, lang: 'da' })}
          ${this._text('titleEn', 'cf-title-en', inEn(t('cform.title')), { required: true, lang: 'en' })}
          ${this._text('summaryDa', 'cf-summary-da', inDa(t('cform.summary')), { optional: true, rows: 3, lang: 'da' })}
          ${this._text('summaryEn', 'cf-summary-en', inEn(t('cform.summary')), { optional: true, rows: 3, lang: 'en' })}
          ${this._text('bodyDa', 'cf-body-da', inDa(t('cform.body')), { optional: true, rows: 10, hint: md, lang: 'da' })}
          ${this._text('bodyEn', 'cf-body-en', inEn(t('cform.body')), { optional: true, rows: 10, hint: md, lang: 'en' })}
          ${this._text('opensAt', 'cf-opens-at', t('cform.opensAt'), { type: 'datetime-local', optional: true, hint: t('common.localTimeHint') })}
          ${this._text('closesAt', 'cf-closes-at', t('cform.closesAt'), { type: 'datetime-local', optional: true, hint: t('common.localTimeHint') })}
          ${selectField({
            id: 'cf-it-stage',
            label: t('stage.label'),
            value: this._draft.itStage,
            options: IT_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })),
            error: this._errors.get('cf-it-stage'),
            onChange: (v) => this._set('itStage', v as ItStage),
          })}
          <div class="sr-actions">
            <button type="submit" class="button button-primary" id="cf-submit" ?disabled=${this._busy}>
              ${this._busy ? t('cform.saving') : c ? t('cform.save') : t('cform.create')}
            </button>
          </div>
        </fieldset>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-consultation-form': SrConsultationForm;
  }
}
