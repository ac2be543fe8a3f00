import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { FormController } from '../app/form-controller.ts';
import type { FieldErrors, FieldMap } from '../app/form-errors.ts';
import { SrLightElement } from '../app/light-element.ts';
import { t } from '../i18n/i18n.ts';
import { alert } from './alerts.ts';
import { submitButton, type TextFieldOpts } from './fields.ts';

export const inDa = (field: string) => t('common.inLanguage', { field, language: t('common.languageDa') });
export const inEn = (field: string) => t('common.inLanguage', { field, language: t('common.languageEn') });

/** The Danish and the English field of one text: `/title/da` → `${prefix}-${id}-da`, "Title (Danish)". */
export const bilingualFields = (prefix: string, path: string, label: () => string, id = path): FieldMap => ({
  [`/${path}/da`]: { id: `${prefix}-${id}-da`, label: () => inDa(label()) },
  [`/${path}/en`]: { id: `${prefix}-${id}-en`, label: () => inEn(label()) },
});

/** A Danish and English text as two draft fields: `daEn('title', c.title)` → `{ titleDa, titleEn }`. */
export const daEn = <K extends string>(key: K, text: { da: string; en: string } | undefined) =>
  ({ [`${key}Da`]: text?.da ?? '', [`${key}En`]: text?.en ?? '' }) as Record<`${K}Da` | `${K}En`, string>;

/**
 * What the consultation and the scenario form share (issue 9): a draft edited field by field and
 * checked before it is sent; a new resource is sent whole, an edited one as its changes (none:
 * "nothing changed", and nothing is sent); the server's refusal lands on the fields and in the
 * error summary, which takes focus.
 */
export abstract class SrResourceForm<D extends object, R> extends SrLightElement {
  @state() protected _draft: D;
  @state() protected _notice: 'saved' | 'unchanged' | null = null;
  /** Edited since the draft was loaded or saved. */
  protected _dirty = false;
  protected readonly _form = new FormController(this);

  constructor(draft: D) {
    super();
    this._draft = draft;
  }

  protected _set<K extends keyof D>(key: K, value: D[K]): void {
    this._draft = { ...this._draft, [key]: value };
    this._dirty = true;
    this._notice = null;
  }

  /** A text field bound to the draft's `key`. */
  protected _text(key: keyof D, id: string, label: string, extra: Partial<TextFieldOpts> = {}): TemplateResult {
    return this._form.text({
      id,
      label,
      value: this._draft[key] as string,
      onInput: (v) => this._set(key, v as D[typeof key]),
      ...extra,
    });
  }

  /** The Danish and the English text field of the draft's `${key}Da` and `${key}En` (ids `${id}-da`, `${id}-en`). */
  protected _textPair(key: string, id: string, label: string, extra: Partial<TextFieldOpts> = {}): TemplateResult {
    return html`${this._text(`${key}Da` as keyof D, `${id}-da`, inDa(label), { ...extra, lang: 'da' })}
    ${this._text(`${key}En` as keyof D, `${id}-en`, inEn(label), { ...extra, lang: 'en' })}`;
  }

  /**
   * Checks the draft with `validate`, then sends it with `save`, which resolves to the saved
   * resource, or to null when nothing changed. `refused` shows the failures it knows (true) before
   * the general ones are shown on the fields `fields` names.
   */
  protected async _save(o: {
    validate: () => FieldErrors;
    save: () => Promise<R | null>;
    saved: (resource: R) => void;
    fields: FieldMap;
    refused: (err: unknown) => boolean;
  }): Promise<void> {
    await this._form.submit(
      () => {
        this._notice = null;
        return o.validate();
      },
      async () => {
        const saved = await o.save();
        if (!saved) {
          this._notice = 'unchanged';
          return;
        }
        this._dirty = false;
        this._notice = 'saved';
        o.saved(saved);
      },
      (err) => {
        if (!o.refused(err)) this._form.showFailure(err, o.fields);
      },
    );
  }

  /** The notice of the last save: `saved` once saved (when editing), or that nothing changed. */
  protected _notices(saved: string | null): unknown {
    return html`${this._notice === 'saved' && saved !== null ? alert('success', saved) : nothing}
    ${this._notice === 'unchanged' ? alert('info', t('cform.nothingChanged')) : nothing}`;
  }

  /** The submit button: busy, save (an existing resource) or create. */
  protected _submit(id: string, existing: boolean, save: string, create: string): TemplateResult {
    const busy = this._form.busy;
    return submitButton(id, busy ? t('cform.saving') : existing ? save : create, busy);
  }
}
