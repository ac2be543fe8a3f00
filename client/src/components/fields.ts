import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { t } from '../i18n/i18n.ts';

/**
 * Form controls in Det Fælles Designsystem's markup: label, hint, error message, then the control,
 * tied together with `for`, `aria-describedby` and `aria-invalid`. Template helpers, not elements:
 * the page that owns the form keeps the state.
 */
type Common = {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
  /** Shows "(optional)" after the label. */
  optional?: boolean;
  /**
   * Marks a required field with an asterisk, for forms that explain it ("Fields marked with * …");
   * the `required` attribute tells assistive technology, so the mark itself is hidden from it.
   */
  marked?: boolean;
};

/** A field's error message, `${id}-error` (the control's aria-describedby names it), or nothing. */
export const fieldError = (id: string, error: string | undefined) =>
  error
    ? html`<span class="form-error-message" id="${id}-error"
        ><span class="sr-only">${t('errors.prefix')} </span>${error}</span
      >`
    : nothing;

const describedBy = (o: Common) =>
  [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ') || undefined;

function head(o: Common): TemplateResult {
  return html`<label class="form-label" for=${o.id}
      >${o.label}${o.optional ? html`<span class="weight-normal"> ${t('common.optional')}</span>` : nothing}${
        o.required && o.marked ? html`<span class="sr-required" aria-hidden="true"> *</span>` : nothing
      }</label
    >
    ${o.hint ? html`<span class="form-hint" id="${o.id}-hint">${o.hint}</span>` : nothing} ${fieldError(o.id, o.error)}`;
}

export type TextFieldOpts = Common & {
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'date' | 'datetime-local' | 'search';
  autocomplete?: string;
  rows?: number;
  lang?: string;
  maxlength?: number;
  inputmode?: string;
  width?: 'xs' | 's' | 'm' | 'l' | 'xl';
  min?: number;
  name?: string;
  /** Shown and selectable (so it can be copied) but not changed. */
  readonly?: boolean;
};

export function textField(o: TextFieldOpts): TemplateResult {
  const onInput = (e: Event) => o.onInput((e.target as HTMLInputElement | HTMLTextAreaElement).value);
  const width = o.width ? `input-width-${o.width}` : '';
  const control =
    o.rows !== undefined
      ? html`<textarea
          class="form-input ${width}"
          id=${o.id}
          name=${ifDefined(o.name)}
          rows=${o.rows}
          lang=${ifDefined(o.lang)}
          maxlength=${ifDefined(o.maxlength)}
          ?required=${!!o.required}
          ?readonly=${!!o.readonly}
          aria-invalid=${o.error ? 'true' : nothing}
          aria-describedby=${ifDefined(describedBy(o))}
          .value=${live(o.value)}
          @input=${onInput}
        ></textarea>`
      : html`<input
          class="form-input ${width}"
          id=${o.id}
          name=${ifDefined(o.name)}
          type=${o.type ?? 'text'}
          lang=${ifDefined(o.lang)}
          autocomplete=${ifDefined(o.autocomplete)}
          inputmode=${ifDefined(o.inputmode)}
          maxlength=${ifDefined(o.maxlength)}
          min=${ifDefined(o.min)}
          ?required=${!!o.required}
          ?readonly=${!!o.readonly}
          aria-invalid=${o.error ? 'true' : nothing}
          aria-describedby=${ifDefined(describedBy(o))}
          .value=${live(o.value)}
          @input=${onInput}
        />`;
  return html`<div class="form-group ${o.error ? 'form-error' : ''}">${head(o)}${control}</div>`;
}

export type SelectOpts = Common & {
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  /** A first, empty option ("Choose …"). */
  placeholder?: string;
};

export function selectField(o: SelectOpts): TemplateResult {
  return html`<div class="form-group ${o.error ? 'form-error' : ''}">
    ${head(o)}
    <select
      class="form-select"
      id=${o.id}
      ?required=${!!o.required}
      aria-invalid=${o.error ? 'true' : nothing}
      aria-describedby=${ifDefined(describedBy(o))}
      @change=${(e: Event) => o.onChange((e.target as HTMLSelectElement).value)}
    >
      ${o.placeholder ? html`<option value="" ?selected=${o.value === ''}>${o.placeholder}</option>` : nothing}
      ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${opt.value === o.value}>${opt.label}</option>`)}
    </select>
  </div>`;
}

export type FieldsetOpts = {
  id: string;
  /** The legend's content (a question may add its required mark). */
  legend: unknown;
  hint?: string | undefined;
  error?: string | undefined;
};

/**
 * A group of choices: a fieldset (id `id`, the error summary's link target) with its legend, hint
 * and error message, described by both, around `choices`.
 */
export function fieldsetGroup(o: FieldsetOpts, choices: unknown): TemplateResult {
  const described = [o.hint ? `${o.id}-hint` : '', o.error ? `${o.id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="form-group ${o.error ? 'form-error' : ''}">
    <fieldset id=${o.id} aria-describedby=${described || nothing}>
      <legend class="form-label">${o.legend}</legend>
      ${o.hint ? html`<span class="form-hint" id="${o.id}-hint">${o.hint}</span>` : nothing}
      ${fieldError(o.id, o.error)} ${choices}
    </fieldset>
  </div>`;
}

/** One radio button with its label; `after` follows the label (an explanation). */
export function radio(o: {
  id: string;
  name: string;
  value: string;
  label: string | TemplateResult;
  checked: boolean;
  disabled?: boolean | undefined;
  lang?: string | undefined;
  describedBy?: string | undefined;
  after?: unknown;
  onSelect: () => void;
}): TemplateResult {
  return html`<div class="form-group-radio">
    <input
      type="radio"
      class="form-radio"
      id=${o.id}
      name=${o.name}
      value=${o.value}
      ?disabled=${!!o.disabled}
      aria-describedby=${o.describedBy ?? nothing}
      .checked=${live(o.checked)}
      @change=${o.onSelect}
    />
    <label class="form-label" for=${o.id} lang=${o.lang ?? nothing}>${o.label}</label>
    ${o.after ?? nothing}
  </div>`;
}

export type CheckboxGroupOpts = FieldsetOpts & {
  legend: string;
  options: { value: string; label: string }[];
  selected: readonly string[];
  onToggle: (value: string, checked: boolean) => void;
};

/** A fieldset of checkboxes; the first box's id is `${id}-${first value}` (the error summary links there). */
export function checkboxGroup(o: CheckboxGroupOpts): TemplateResult {
  return fieldsetGroup(
    o,
    o.options.map(
      (opt) =>
        html`<div class="form-group-checkbox">
          <input
            type="checkbox"
            class="form-checkbox"
            id="${o.id}-${opt.value}"
            value=${opt.value}
            .checked=${live(o.selected.includes(opt.value))}
            @change=${(e: Event) => o.onToggle(opt.value, (e.target as HTMLInputElement).checked)}
          />
          <label class="form-label" for="${o.id}-${opt.value}">${opt.label}</label>
        </div>`,
    ),
  );
}

export function checkbox(o: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}): TemplateResult {
  return html`<div class="form-group">
    <div class="form-group-checkbox">
      <input
        type="checkbox"
        class="form-checkbox"
        id=${o.id}
        .checked=${live(o.checked)}
        @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).checked)}
      />
      <label class="form-label" for=${o.id}>${o.label}</label>
    </div>
  </div>`;
}

/** A form's primary button, disabled while it is sent. */
export function submitButton(id: string, label: string, busy: boolean): TemplateResult {
  return html`<div class="sr-actions">
    <button type="submit" class="button button-primary" id=${id} ?disabled=${busy}>${label}</button>
  </div>`;
}
