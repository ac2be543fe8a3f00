import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cssProps } from '../css-props.ts';
import { live } from 'lit/directives/live.js';
import type { StanceValue } from '../../api/codings.ts';
import { SrLightElement } from '../../app/light-element.ts';
import { t } from '../../i18n/i18n.ts';
import { fieldError, fieldsetGroup, radio } from '../fields.ts';

/** A tag to pick: its id, its name in the page's language and its path from the theme down. */
export type PickableTag = { id: string; name: string; path: string; depth: number; search: string };

export type PickerResult = { tagId: string; stance: StanceValue | null; note: string };

const STANCES = ['for', 'against', 'neutral', 'mixed'] as const;

/**
 * The tag picker (issue 11 story 4): a combobox whose list of tags narrows as one types a tag's
 * name (either language), the arrow keys move through it and Enter picks; then the stance (kept
 * apart from the tag), a note, and Confirm or Cancel. Escape closes the list, or else cancels.
 * Fires `sr-picker-confirm` with a PickerResult, or `sr-picker-cancel`.
 */
@customElement('sr-coding-picker')
export class SrCodingPicker extends SrLightElement {
  @property({ attribute: false }) tags: readonly PickableTag[] = [];
  @property() heading = '';
  /** What is being coded, as the page words it (a quote, "the whole text"). */
  @property() target = '';
  @property() confirmLabel = '';
  @property({ type: Boolean }) busy = false;
  @property({ attribute: false }) initial: PickerResult | null = null;
  @state() private _query = '';
  @state() private _open = false;
  @state() private _active = 0;
  @state() private _tagId = '';
  @state() private _stance: StanceValue | null = null;
  @state() private _note = '';
  @state() private _error = '';

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('initial')) {
      this._tagId = this.initial?.tagId ?? '';
      this._stance = this.initial?.stance ?? null;
      this._note = this.initial?.note ?? '';
      this._query = this._chosen?.name ?? '';
    }
  }

  override focus(): void {
    this.querySelector<HTMLInputElement>('#item-picker-tag')?.focus();
  }

  private get _chosen(): PickableTag | undefined {
    return this.tags.find((tag) => tag.id === this._tagId);
  }

  private get _matches(): PickableTag[] {
    const q = this._query.trim().toLocaleLowerCase();
    if (!q || q === this._chosen?.name.toLocaleLowerCase()) return [...this.tags];
    return this.tags.filter((tag) => tag.search.includes(q));
  }

  private _pick(tag: PickableTag | undefined): void {
    if (!tag) return;
    this._tagId = tag.id;
    this._query = tag.name;
    this._open = false;
    this._error = '';
  }

  private _onKey(e: KeyboardEvent): void {
    const matches = this._matches;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!this._open) {
        this._open = true;
        this._active = 0;
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      this._active = matches.length ? (this._active + step + matches.length) % matches.length : 0;
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (this._open) this._pick(matches[this._active]);
      else this._confirm();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (this._open) this._open = false;
      else this._cancel();
    }
  }

  private _confirm(): void {
    if (!this._chosen) {
      this._error = t('item.picker.tagRequired');
      this.focus();
      return;
    }
    const detail: PickerResult = { tagId: this._tagId, stance: this._stance, note: this._note.trim() };
    this.dispatchEvent(new CustomEvent<PickerResult>('sr-picker-confirm', { detail, bubbles: true }));
  }

  private _cancel(): void {
    this.dispatchEvent(new CustomEvent('sr-picker-cancel', { bubbles: true }));
  }

  private _list(matches: PickableTag[]) {
    const active = Math.min(this._active, Math.max(0, matches.length - 1));
    return html`<ul
      class="sr-picker-list"
      id="item-picker-list"
      role="listbox"
      aria-label=${t('item.picker.tags')}
      ?hidden=${!this._open}
    >
      ${matches.map(
        (tag, i) =>
          html`<li
            role="option"
            id="item-picker-opt-${i}"
            class=${i === active ? 'sr-picker-active' : nothing}
            aria-selected=${tag.id === this._tagId ? 'true' : 'false'}
            data-tag=${tag.id}
            style=${cssProps({ 'padding-left': `calc(var(--sr-space-3) * ${tag.depth})` })}
            @mousedown=${(e: MouseEvent) => {
              // Picked by pointer before the field loses focus (the keyboard picks with Enter in the field).
              e.preventDefault();
              this._pick(tag);
            }}
          >
            ${tag.id === this._tagId ? html`<span aria-hidden="true">✓ </span>` : nothing}${tag.path}
          </li>`,
      )}
    </ul>`;
  }

  override render() {
    const matches = this._matches;
    const active = Math.min(this._active, Math.max(0, matches.length - 1));
    const chosen = this._chosen;
    return html`<section class="sr-card sr-coding-picker" aria-labelledby="item-picker-heading">
      <h3 class="h4" id="item-picker-heading">${this.heading}</h3>
      <p class="sr-picker-target">${this.target}</p>
      <form
        novalidate
        @submit=${(e: Event) => {
          e.preventDefault();
          this._confirm();
        }}
      >
        <div class="form-group ${this._error ? 'form-error' : ''}">
          <label class="form-label" for="item-picker-tag" id="item-picker-tag-label">${t('item.picker.tag')}</label>
          <span class="form-hint" id="item-picker-tag-hint">${t('item.picker.tagHint')}</span>
          ${fieldError('item-picker-tag', this._error || undefined)}
          <input
            class="form-input"
            id="item-picker-tag"
            type="text"
            role="combobox"
            aria-labelledby="item-picker-tag-label"
            autocomplete="off"
            aria-autocomplete="list"
            aria-controls="item-picker-list"
            aria-expanded=${this._open ? 'true' : 'false'}
            aria-activedescendant=${this._open && matches.length ? `item-picker-opt-${active}` : nothing}
            aria-describedby="item-picker-tag-hint item-picker-chosen${this._error ? ' item-picker-tag-error' : ''}"
            aria-invalid=${this._error ? 'true' : nothing}
            .value=${live(this._query)}
            @input=${(e: Event) => {
              this._query = (e.target as HTMLInputElement).value;
              this._open = true;
              this._active = 0;
            }}
            @keydown=${(e: KeyboardEvent) => this._onKey(e)}
            @click=${() => (this._open = !this._open)}
            @blur=${() => (this._open = false)}
          />
          ${this._list(matches)}
          <p class="sr-picker-chosen" id="item-picker-chosen" aria-live="polite">
            ${chosen ? t('item.picker.chosen', { path: chosen.path }) : t('item.picker.noneChosen')}
            ${this._open ? html`<span class="sr-only">${t('item.picker.count', { count: matches.length })}</span>` : nothing}
          </p>
        </div>
        ${fieldsetGroup(
          { id: 'item-picker-stance', legend: t('item.picker.stance') },
          [null, ...STANCES].map((s) =>
            radio({
              id: `item-picker-stance-${s ?? 'none'}`,
              name: 'item-picker-stance',
              value: s ?? '',
              label: s ? t(`inbox.stance.${s}`) : t('item.picker.noStance'),
              checked: this._stance === s,
              onSelect: () => (this._stance = s),
            }),
          ),
        )}
        <div class="form-group">
          <label class="form-label" for="item-picker-note">${t('item.picker.note')} ${t('common.optional')}</label>
          <textarea
            class="form-input"
            id="item-picker-note"
            rows="2"
            maxlength="2000"
            .value=${live(this._note)}
            @input=${(e: Event) => (this._note = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </div>
        <div class="sr-actions">
          <button type="submit" class="button button-primary" id="item-picker-confirm" ?disabled=${this.busy}>
            ${this.confirmLabel}
          </button>
          <button type="button" class="button button-secondary" id="item-picker-cancel" @click=${() => this._cancel()}>
            ${t('common.cancel')}
          </button>
        </div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-coding-picker': SrCodingPicker;
  }
}
