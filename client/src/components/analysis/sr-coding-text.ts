import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { SrLightElement } from '../../app/light-element.ts';
import {
  cpLength,
  nextWordEdge,
  previousWordEdge,
  runs,
  sliceCp,
  snapToWords,
  utf16ToCp,
  type Passage,
} from '../../data/passages.ts';
import { t } from '../../i18n/i18n.ts';

/** A coded passage drawn in the text: its number in the list of codings is its visible marker. */
export type TextMark = Passage & { id: string; n: number; tag: string };

/** Asks the page to code a passage of this text (code points, snapped to whole words). */
export type CodeRequest = { field: string; start: number; end: number; quote: string };

const quoteShort = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}…` : s);

/**
 * One text of an item, read and coded (issue 11 story 4). Every coded passage is highlighted in
 * place with `<mark>` and a numbered marker after it (never colour alone). The block itself takes
 * focus and keeps a caret: arrows move it (Ctrl or Alt word by word), Shift extends the selection,
 * Home and End go to the ends, Ctrl+A selects the whole text, Escape drops the selection; Enter (or
 * `c`, a single-key shortcut that can be turned off) asks to code the selection. A selection made
 * with the mouse becomes the same selection. The selection is shown and spoken in a line below.
 */
@customElement('sr-coding-text')
export class SrCodingText extends SrLightElement {
  /** The prefix of the block's ids (one per text on the page). */
  @property() blockId = '';
  @property() field = '';
  @property() text = '';
  @property() labelId = '';
  @property({ attribute: false }) marks: readonly TextMark[] = [];
  /** The single-key shortcut `c` is on. */
  @property({ type: Boolean }) keys = true;
  @state() private _anchor = 0;
  @state() private _focus = 0;
  @state() private _active = false;
  @state() private _status = '';

  /** Another text (the page moved to another item): the caret starts again at the beginning. */
  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('text') && changed.get('text') !== undefined) {
      this._anchor = 0;
      this._focus = 0;
      this._status = '';
    }
  }

  private get _block(): HTMLElement | null {
    return this.querySelector<HTMLElement>(`#${this.blockId}`);
  }

  /** Puts focus back on the text, with its caret where it was. */
  override focus(): void {
    this._block?.focus();
  }

  /** The current selection, in code points (start ≤ end). */
  get selection(): Passage {
    return { start: Math.min(this._anchor, this._focus), end: Math.max(this._anchor, this._focus) };
  }

  private _set(anchor: number, focus: number): void {
    const n = cpLength(this.text);
    this._anchor = Math.max(0, Math.min(anchor, n));
    this._focus = Math.max(0, Math.min(focus, n));
    const { start, end } = this.selection;
    this._status =
      start === end
        ? t('item.caret', { at: start, of: n, word: quoteShort(this._wordAt(start)) })
        : t('item.selected', { quote: quoteShort(sliceCp(this.text, start, end)), count: end - start });
  }

  private _wordAt(at: number): string {
    const w = snapToWords(this.text, { start: at, end: at });
    return w ? sliceCp(this.text, w.start, w.end) : '';
  }

  /**
   * The selection (or the word at the caret) widened to whole words and shown as the selection, or
   * null (and the line below says to select first) when there is none.
   */
  takeSelection(): CodeRequest | null {
    const p = snapToWords(this.text, this.selection);
    if (!p) {
      this._status = t('item.selectFirst');
      return null;
    }
    this._anchor = p.start;
    this._focus = p.end;
    return { field: this.field, ...p, quote: sliceCp(this.text, p.start, p.end) };
  }

  /** Asks to code the selection (or the word at the caret), widened to whole words. */
  requestCode(): void {
    const detail = this.takeSelection();
    if (detail) this.dispatchEvent(new CustomEvent<CodeRequest>('sr-code-request', { detail, bubbles: true }));
  }

  private readonly _onFocus = () => {
    this._active = true;
    if (!this._status) this._set(this._anchor, this._focus);
  };

  private readonly _onBlur = () => {
    this._active = false;
  };

  private readonly _onKey = (e: KeyboardEvent): void => {
    const n = cpLength(this.text);
    const word = e.ctrlKey || e.altKey;
    const collapsedMove = (to: number) => (e.shiftKey ? this._set(this._anchor, to) : this._set(to, to));
    const { start, end } = this.selection;
    switch (e.key) {
      case 'ArrowRight':
        e.preventDefault();
        if (!e.shiftKey && !word && start !== end) this._set(end, end);
        else collapsedMove(word ? nextWordEdge(this.text, this._focus) : this._focus + 1);
        return;
      case 'ArrowLeft':
        e.preventDefault();
        if (!e.shiftKey && !word && start !== end) this._set(start, start);
        else collapsedMove(word ? previousWordEdge(this.text, this._focus) : this._focus - 1);
        return;
      case 'Home':
        e.preventDefault();
        collapsedMove(0);
        return;
      case 'End':
        e.preventDefault();
        collapsedMove(n);
        return;
      case 'Escape':
        if (start !== end) {
          e.preventDefault();
          this._set(this._focus, this._focus);
        }
        return;
      case 'Enter':
        e.preventDefault();
        this.requestCode();
        return;
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      this._set(0, n);
    } else if (this.keys && e.key === 'c' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      e.stopPropagation();
      this.requestCode();
    }
  };

  /** A DOM position inside the block as a code-point offset into the text. */
  private _toCp(node: Node, offset: number): number | null {
    const block = this._block;
    if (!block || !block.contains(node)) return null;
    const el = node instanceof Element ? node : node.parentElement;
    const at = el?.closest<HTMLElement>('[data-at]');
    if (at && block.contains(at)) return Number(at.dataset['at']);
    const run = el?.closest<HTMLElement>('[data-start]');
    if (run && block.contains(run)) {
      const start = Number(run.dataset['start']);
      if (node.nodeType === Node.TEXT_NODE) return start + utf16ToCp((node as Text).data, offset);
      return offset === 0 ? start : Number(run.dataset['end']);
    }
    // The block itself: the child at the offset, or the end.
    const next = [...block.childNodes].slice(offset).find((c): c is HTMLElement => c instanceof HTMLElement);
    return next?.dataset['start'] ? Number(next.dataset['start']) : cpLength(this.text);
  }

  private readonly _onMouseUp = (): void => {
    const sel = globalThis.getSelection?.();
    if (!sel || !sel.anchorNode || !sel.focusNode) return;
    const a = this._toCp(sel.anchorNode, sel.anchorOffset);
    const f = this._toCp(sel.focusNode, sel.focusOffset);
    if (a === null || f === null) return;
    if (a !== f) sel.removeAllRanges();
    this._set(a, f);
    this._block?.focus({ preventScroll: true });
  };

  override render() {
    const { start, end } = this.selection;
    const n = cpLength(this.text);
    const cuts = [start, end];
    const parts = runs(this.text, this.marks, cuts);
    const caret = (at: number) =>
      this._active && start === end && at === start
        ? html`<span class="sr-caret" aria-hidden="true" data-at=${at}></span>`
        : nothing;
    const byEnd = new Map<number, TextMark[]>();
    for (const m of this.marks) if (m.end <= n && m.start < m.end) byEnd.set(m.end, [...(byEnd.get(m.end) ?? []), m]);
    const content = html`${parts.map(
      (r) =>
        html`${caret(r.start)}<span
            class=${r.start >= start && r.end <= end && start !== end ? 'sr-selected' : nothing}
            data-start=${r.start}
            data-end=${r.end}
            >${
              r.ids.length
                ? html`<mark class="sr-coded" data-depth=${Math.min(r.ids.length, 3)} data-codings=${r.ids.join(' ')}
                    >${r.text}</mark
                  >`
                : r.text
            }</span
          >${(byEnd.get(r.end) ?? []).map(
            (m) =>
              html`<sup class="sr-coding-marker" data-at=${r.end} data-coding=${m.id} title=${m.tag}>[${m.n}]</sup>`,
          )}`,
    )}${caret(n)}`;
    // The text keeps its own line breaks (pre-wrap): no white space may stand around the content.
    // prettier-ignore
    return html`<div class="sr-coding-text" id=${this.blockId} tabindex="0" role="textbox" aria-readonly="true" aria-multiline="true" aria-labelledby=${this.labelId} aria-describedby="${this.blockId}-keys ${this.blockId}-status" @keydown=${this._onKey} @mouseup=${this._onMouseUp} @focus=${this._onFocus} @blur=${this._onBlur}>${content}</div>
      <p class="form-hint" id="${this.blockId}-keys">${this.keys ? t('item.textKeys') : t('item.textKeysNoC')}</p>
      <p class="sr-coding-status" id="${this.blockId}-status" aria-live="polite">
        ${this._active ? this._status : ''}
      </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'sr-coding-text': SrCodingText;
  }
}
