import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../api/http.ts';
import { IT_STAGES, type Consultation, type ItStage, type UpdateConsultationInput } from '../api/types.ts';
import type { FieldErrors, FieldMap } from '../app/form-errors.ts';
import { t } from '../i18n/i18n.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../i18n/format.ts';
import { alert, errorMessage } from './alerts.ts';
import type { ConsultationFormOps } from './consultation-form-ops.ts';
import { SrConsultationSavedEvent, SrReloadRequestEvent } from './events.ts';
import { selectField } from './fields.ts';
import { bilingualFields, daEn, inDa, inEn, SrResourceForm } from './resource-form.ts';

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

const FIELDS: FieldMap = {
  '/slug': { id: 'cf-slug', label: () => t('cform.slug') },
  ...bilingualFields('cf', 'title', () => t('cform.title')),
  ...bilingualFields('cf', 'summary', () => t('cform.summary')),
  ...bilingualFields('cf', 'body', () => t('cform.body')),
  '/opensAt': { id: 'cf-opens-at', label: () => t('cform.opensAt') },
  '/closesAt': { id: 'cf-closes-at', label: () => t('cform.closesAt') },
  '/itStage': { id: 'cf-it-stage', label: () => t('stage.label') },
};

const draftOf = (c?: Consultation): Draft => ({
  slug: c?.slug ?? '',
  ...daEn('title', c?.title),
  ...daEn('summary', c?.summary),
  ...daEn('body', c?.body),
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
export class SrConsultationForm extends SrResourceForm<Draft, Consultation> {
  @property({ attribute: false }) consultation: Consultation | undefined;
  /** The saves, passed in by the page. */
  @property({ attribute: false }) ops!: ConsultationFormOps;
  @state() private _stale = false;
  private _baseVersion = 0;

  constructor() {
    super(draftOf());
  }

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
    const d = this._draft;
    const c = this.consultation;
    await this._save({
      validate: () => {
        this._stale = false;
        return this._validate(d);
      },
      save: async () => {
        if (!c) return this.ops.create(this._body(d));
        const changes = this._changes(d, c);
        return Object.keys(changes).length ? this.ops.update(c.id, { version: this._baseVersion, ...changes }) : null;
      },
      saved: (saved) => this.dispatchEvent(new SrConsultationSavedEvent(saved)),
      fields: FIELDS,
      refused: (err) => this._refused(err),
    });
  }

  private _body(d: Draft) {
    return {
      slug: d.slug,
      title: { da: d.titleDa.trim(), en: d.titleEn.trim() },
      summary: { da: d.summaryDa, en: d.summaryEn },
      body: { da: d.bodyDa, en: d.bodyEn },
      opensAt: fromDateTimeLocal(d.opensAt) ?? null,
      closesAt: fromDateTimeLocal(d.closesAt) ?? null,
      itStage: d.itStage,
    };
  }

  /** The failures this form explains itself: an edit made on an older version, a slug in use. */
  private _refused(err: unknown): boolean {
    if (err instanceof ApiError && err.code === 'STALE_VERSION') {
      this._stale = true;
      void this.updateComplete.then(() => this.querySelector<HTMLElement>('#cf-stale')?.focus());
    } else if (err instanceof ApiError && err.code === 'SLUG_TAKEN') {
      this._form.errors = new Map([['cf-slug', errorMessage(err)]]);
    } else return false;
    return true;
  }

  protected override render() {
    const c = this.consultation;
    const frozen = c?.phase === 'concluded';
    const md = t('common.markdownHint');
    return html`${this._form.summary()}
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
      ${this._notices(c ? t('cform.saved') : null)}
      ${frozen ? alert('info', t('cform.frozen'), { live: false }) : nothing}
      <form id="consultation-form" class="sr-form" novalidate @submit=${(e: Event) => void this._onSubmit(e)}>
        <fieldset class="sr-plain-fieldset" ?disabled=${frozen}>
          ${this._text('slug', 'cf-slug', t('cform.slug'), { hint: t('cform.slugHint'), required: true, maxlength: 80, width: 'l' })}
          ${this._textPair('title', 'cf-title', t('cform.title'), { required: true })}
          ${this._textPair('summary', 'cf-summary', t('cform.summary'), { optional: true, rows: 3 })}
          ${this._textPair('body', 'cf-body', t('cform.body'), { optional: true, rows: 10, hint: md })}
          ${this._text('opensAt', 'cf-opens-at', t('cform.opensAt'), { type: 'datetime-local', optional: true, hint: t('common.localTimeHint') })}
          ${this._text('closesAt', 'cf-closes-at', t('cform.closesAt'), { type: 'datetime-local', optional: true, hint: t('common.localTimeHint') })}
          ${selectField({
            id: 'cf-it-stage',
            label: t('stage.label'),
            value: this._draft.itStage,
            options: IT_STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) })),
            error: this._form.errors.get('cf-it-stage'),
            onChange: (v) => this._set('itStage', v as ItStage),
          })}
          ${this._submit('cf-submit', !!c, t('cform.save'), t('cform.create'))}
        </fieldset>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-consultation-form': SrConsultationForm;
  }
}
