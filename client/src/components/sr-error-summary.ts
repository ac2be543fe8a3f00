import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SrLightElement } from '../app/light-element.ts';
import { t } from '../i18n/i18n.ts';
import { icon } from './icons.ts';

/**
 * Det Fælles Designsystem's error summary: an error alert listing every problem, each a link to
 * its field. It takes focus when it appears (or changes), so a screen reader reads it at once.
 *
 * @property errors - field id → message; `general` lists messages that belong to no field.
 */
@customElement('sr-error-summary')
export class SrErrorSummary extends SrLightElement {
  @property({ attribute: false }) errors: ReadonlyMap<string, string> = new Map();
  @property({ attribute: false }) general: readonly unknown[] = [];

  private get _count(): number {
    return this.errors.size + this.general.length;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('errors') || changed.has('general')) && this._count > 0) {
      this.querySelector<HTMLElement>('.sr-error-summary')?.focus();
    }
  }

  private _onLink(e: Event, id: string): void {
    e.preventDefault();
    const el = document.getElementById(id);
    const target = el instanceof HTMLFieldSetElement ? el.querySelector<HTMLElement>('input, select, textarea') : el;
    target?.focus();
    target?.scrollIntoView({ block: 'center' });
  }

  protected override render() {
    if (this._count === 0) return nothing;
    return html`<div class="alert alert-error sr-error-summary" tabindex="-1">
      ${icon('error', 'alert-icon')}
      <div class="alert-body">
        <h2 class="alert-heading">${t('errors.summaryHeading', { count: this._count })}</h2>
        <ul class="alert-text nobullet-list">
          ${[...this.errors].map(
            ([id, message]) =>
              html`<li><a href="#${id}" @click=${(e: Event) => this._onLink(e, id)}>${message}</a></li>`,
          )}
          ${this.general.map((m) => html`<li>${m}</li>`)}
        </ul>
      </div>
    </div>`;
  }
}

/** The error summary of a form's state: its field errors and the messages that belong to no field. */
export const errorSummary = (form: { errors: ReadonlyMap<string, string>; general: readonly unknown[] }) =>
  html`<sr-error-summary .errors=${form.errors} .general=${form.general}></sr-error-summary>`;

declare global {
  interface HTMLElementTagNameMap {
    'sr-error-summary': SrErrorSummary;
  }
}
